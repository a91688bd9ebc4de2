package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// article shows one section on its own page: the part it belongs to, its
// title, where it stands in the essay, and its text.
type article struct {
	app.Compo

	Iview    *view
	Iactions *actions
	Isection int
}

func newArticle() *article { return &article{} }

// View sets the essay and the reader's weights.
func (a *article) View(v *view) *article { a.Iview = v; return a }

// Actions sets the callbacks of the section's sliders and verdict.
func (a *article) Actions(act *actions) *article { a.Iactions = act; return a }

// Section sets the index of the section to show.
func (a *article) Section(i int) *article { a.Isection = i; return a }

func (a *article) Render() app.UI {
	v := a.Iview
	e := v.Essay
	s := e.Sections[a.Isection]
	// The opening's title is ours (the author gave it none), and it is
	// the one name of the opening everywhere: heading, contents, pager.
	// A title of ours says so under the heading.
	h1, note := app.H1().ID("title").Text(s.Title), app.UI(nil)
	if s.TitleIsOurs {
		h1, note = h1.Aria("describedby", "title-note"), ourTitleNote("title-note")
	}
	var kicker app.UI
	if part := e.PartTitle(a.Isection); part != "" {
		kicker = app.P().Class("kicker").Body(
			app.A().Href(v.href(e.Path(e.Index(s.Part)))).Text(part),
		)
	}
	return app.Article().Class("section").Aria("labelledby", "title").Body(
		app.Header().Class("section-head").Body(
			kicker,
			h1,
			note,
			app.P().Class("meta").Body(
				app.Span().Class("position").Text(position(a.Isection, len(e.Sections))),
				app.Text(" · "),
				app.Span().Class("reading-time").Text(minutes(s.Words)),
				indicator(v),
			),
		),
		app.Div().Class("prose").Body(renderBlocks(s.Blocks, 0, v, a.Iactions)...),
		app.If(a.Isection == len(e.Sections)-1, func() app.UI { return decisionInvite(v) }),
		newEmbedCode().Essay(e).Prefix(v.Prefix).Section(a.Isection),
	)
}
