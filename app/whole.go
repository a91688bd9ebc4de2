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
	return app.Article().Class("section whole").Aria("labelledby", "title").Body(
		app.Header().Class("section-head").Body(
			app.H1().ID("title").Text(e.Title),
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
// and one more for the sections of a part.
func (w *whole) section(i int) app.UI {
	s := w.Iview.Essay.Sections[i]
	level := 2
	if s.Part != "" {
		level = 3
	}
	var heading app.UI
	if !s.TitleIsOurs {
		heading = headingUI(level, s.Slug+"-title", app.Text(s.Title))
	}
	return app.Section().ID(s.Slug).Class("prose").Body(
		heading,
		app.Div().Body(renderBlocks(s.Blocks, level-1, w.Iview, w.Iactions)...),
	)
}
