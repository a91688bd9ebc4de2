package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// whole shows the whole essay on one page, for reading straight through and
// for printing.
type whole struct {
	app.Compo

	Iview    *view
	Iactions *actions
}

func newWhole() *whole { return &whole{} }

// View sets the essay and the reader's weights.
func (w *whole) View(v *view) *whole { w.Iview = v; return w }

// Actions sets the callbacks of the sliders and the verdict.
func (w *whole) Actions(act *actions) *whole { w.Iactions = act; return w }

func (w *whole) Render() app.UI {
	e := w.Iview.Essay
	h1, note := app.H1().ID("title").Text(e.Title), app.UI(nil)
	if e.TitleIsOurs {
		h1, note = h1.Aria("describedby", "title-note"), ourTitleNote("title-note")
	}
	return app.Article().Class("section whole").Aria("labelledby", "title").Body(
		app.Header().Class("section-head").Body(
			h1,
			note,
			app.P().Class("meta").Body(
				app.Span().Class("position").Text(strconv.Itoa(len(e.Sections))+" sections"),
				app.Text(" · "),
				app.Span().Class("reading-time").Text(minutes(e.Words())),
				indicator(w.Iview),
			),
		),
		app.Range(e.Sections).Slice(func(i int) app.UI {
			return w.section(i)
		}),
		decisionInvite(w.Iview),
	)
}

// section renders section i under headings one level below the page's h1,
// and one more for the sections of a part. A title of ours (the opening's)
// is a heading too, with the note that says it is ours.
func (w *whole) section(i int) app.UI {
	s := w.Iview.Essay.Sections[i]
	level := 2
	if s.Part != "" {
		level = 3
	}
	id := s.Slug + "-title"
	heading, note := app.Elem("h"+strconv.Itoa(level)).ID(id).Text(s.Title), app.UI(nil)
	if s.TitleIsOurs {
		heading, note = heading.Aria("describedby", id+"-note"), ourTitleNote(id+"-note")
	}
	return app.Section().ID(s.Slug).Class("prose").Body(
		heading,
		note,
		app.Div().Body(renderBlocks(s.Blocks, level-1, w.Iview, w.Iactions)...),
	)
}
