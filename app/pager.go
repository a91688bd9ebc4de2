package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// pager links to the previous and next sections with rel=prev and rel=next,
// which the ←/→ keys follow (web/static/page.js).
type pager struct {
	app.Compo

	Iview    *view
	Isection int
}

func newPager() *pager { return &pager{} }

// View sets the essay being read, and the weights its links carry.
func (p *pager) View(v *view) *pager { p.Iview = v; return p }

// Section sets the index of the current section.
func (p *pager) Section(i int) *pager { p.Isection = i; return p }

func (p *pager) Render() app.UI {
	v := p.Iview
	e := v.Essay
	var prev, next app.UI
	if i := p.Isection - 1; i >= 0 {
		prev = app.A().Class("prev").Rel("prev").Href(v.href(e.Path(i))).Body(
			app.Span().Class("dir").Text("← Previous"),
			app.Span().Class("label").Text(pagerLabel(e, i)),
		)
	}
	if i := p.Isection + 1; i < len(e.Sections) {
		next = app.A().Class("next").Rel("next").Href(v.href(e.Path(i))).Body(
			app.Span().Class("dir").Text("Next →"),
			app.Span().Class("label").Text(pagerLabel(e, i)),
		)
	} else {
		next = app.A().Class("next").Href(v.href(essay.AllPath)).Body(
			app.Span().Class("dir").Text("The end"),
			app.Span().Class("label").Text("Read the whole essay on one page"),
		)
	}
	return app.Nav().Class("pager").Aria("label", "Previous and next section").Body(prev, next)
}

func pagerLabel(e *essay.Essay, i int) string { return e.Sections[i].Title }
