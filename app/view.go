package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// view is what every component of a page reads: the essay, the reader's
// weights and what they make of the model. The page makes a new view for
// every change; components compare views by value, so an unchanged part of
// the page is not rendered again.
type view struct {
	Essay *essay.Essay
	// Prefix is the path the essay is served under, without a trailing
	// slash: "" at a site's root, "/essays/leaving-amazon" under a
	// sub-path. Every link the app writes starts with it: go-app prefixes
	// its own resources but not the links in a page.
	Prefix  string
	Weights essay.Weights
	Result  essay.Result
	// Query is "?w=…" when the weights differ from the author's: every
	// link to a section carries it, so a link keeps the reader's weights.
	Query string
}

// newView weighs the model with w, for pages served under prefix.
func newView(e *essay.Essay, prefix string, w essay.Weights) *view {
	v := &view{Essay: e, Prefix: prefix, Weights: w, Result: essay.Evaluate(e.Model, w)}
	if !equalWeights(w, e.Model.AuthorWeights()) {
		v.Query = "?w=" + essay.FormatWeights(e.Model, w)
	}
	return v
}

// href is a link to one of the essay's pages, under the site's prefix, that
// keeps the reader's weights.
func (v *view) href(path string) string { return v.Prefix + path + v.Query }

func equalWeights(a, b essay.Weights) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// actions are the callbacks by which components change the page's state:
// values flow down in a view, changes flow up through these.
type actions struct {
	setWeight func(ctx app.Context, factor, weight int)
	reset     func(ctx app.Context)
}
