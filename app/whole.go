package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// whole shows the whole essay on one page, for reading straight through and
// for printing.
type whole struct {
	app.Compo

	Iessay *essay.Essay
}

func newWhole() *whole { return &whole{} }

// Essay sets the essay to show.
func (w *whole) Essay(e *essay.Essay) *whole { w.Iessay = e; return w }

func (w *whole) Render() app.UI {
	e := w.Iessay
	return app.Article().Class("section whole").Aria("labelledby", "title").Body(
		app.Header().Class("section-head").Body(
			app.H1().ID("title").Text(e.Title),
			app.P().Class("meta").Body(
				app.Span().Class("position").Text(strconv.Itoa(len(e.Sections))+" sections"),
				app.Text(" · "),
				app.Span().Class("reading-time").Text(minutes(e.Words())),
			),
		),
		app.Range(e.Sections).Slice(func(i int) app.UI {
			return w.section(i)
		}),
	)
}

// section renders section i under headings one level below the page's h1,
// and one more for the sections of a part.
func (w *whole) section(i int) app.UI {
	s := w.Iessay.Sections[i]
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
		app.Div().Body(renderBlocks(s.Blocks, level-1)...),
	)
}
