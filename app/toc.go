package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// toc is the table of contents. It marks the current section with
// aria-current and nests the sections of a part under the part's heading.
type toc struct {
	app.Compo

	Iview    *view
	Icurrent int
}

func newTOC() *toc { return &toc{} }

// View sets the essay whose sections are listed, and the weights its links
// carry.
func (t *toc) View(v *view) *toc { t.Iview = v; return t }

// Current sets the index of the section being read, or All.
func (t *toc) Current(i int) *toc { t.Icurrent = i; return t }

func (t *toc) Render() app.UI {
	e := t.Iview.Essay
	var items []app.UI
	for i := 0; i < len(e.Sections); i++ {
		s := e.Sections[i]
		if !e.OpensPart(i) {
			items = append(items, app.Li().Body(t.link(e.Path(i), tocLabel(e, i), i == t.Icurrent)))
			continue
		}
		// A part: its heading, then its sections, the first of which is the
		// opener's own "##" heading.
		var reasons []app.UI
		reasons = append(reasons, app.Li().Body(t.link(e.Path(i), firstHeading(s), i == t.Icurrent)))
		for i+1 < len(e.Sections) && e.Sections[i+1].Part == s.Slug {
			i++
			reasons = append(reasons, app.Li().Body(t.link(e.Path(i), e.Sections[i].Title, i == t.Icurrent)))
		}
		items = append(items, app.Li().Class("part").Body(
			app.Span().Class("part-title").Text(s.Title),
			app.Ol().Body(reasons...),
		))
	}
	items = append(items,
		app.Li().Class("all").Body(t.link(essay.AllPath, "The whole essay on one page", t.Icurrent == All)),
		app.Li().Class("yours").Body(t.link(essay.DecisionPath, "Your decision: make the model yours", t.Icurrent == Decision)),
	)
	return app.Nav().ID("contents").Class("toc").TabIndex(-1).Aria("labelledby", "contents-title").Body(
		app.H2().ID("contents-title").Text("Contents"),
		app.Ol().Body(items...),
	)
}

func (t *toc) link(href, label string, current bool) app.UI {
	a := app.A().Href(t.Iview.href(href)).Text(label)
	if current {
		a = a.Aria("current", "page")
	}
	return a
}

// tocLabel is the section's title; the opening's is ours, as the author
// gave it none.
func tocLabel(e *essay.Essay, i int) string {
	return e.Sections[i].Title
}

// firstHeading returns the text of a section's first sub-heading, or its
// title when it has none.
func firstHeading(s essay.Section) string {
	for _, b := range s.Blocks {
		if b.Kind == essay.Heading {
			return essay.PlainText(b.Inlines)
		}
	}
	return s.Title
}
