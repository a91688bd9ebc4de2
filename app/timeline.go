package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

const svgNS = "http://www.w3.org/2000/svg"

// Geometry of the timeline, in viewBox units. The figure scales with its
// column, so these are proportions, not pixels.
const (
	tlWidth   = 348
	tlRow     = 56
	tlTop     = 24
	tlWhenX   = 112 // right edge of the "when" labels
	tlAxisX   = 126
	tlLabelX  = 142
	tlDotSize = 6
)

// timeline draws the author's path through the jobs the essay names, one
// row per event, evenly spaced: the text gives years for some events only,
// so the figure shows order, not a time scale.
type timeline struct {
	app.Compo

	Ievents      []essay.Event
	IdescribedBy string
}

func newTimeline() *timeline { return &timeline{} }

// Events sets the events to draw, in order.
func (t *timeline) Events(ev []essay.Event) *timeline { t.Ievents = ev; return t }

// DescribedBy sets the ids of the paragraphs the figure is drawn from: they
// are its accessible description.
func (t *timeline) DescribedBy(ids string) *timeline { t.IdescribedBy = ids; return t }

func (t *timeline) Render() app.UI {
	n := len(t.Ievents)
	height := tlTop*2 + (n-1)*tlRow
	rows := make([]app.UI, 0, n+1)
	rows = append(rows, svg("line").Class("tl-axis").
		Attr("x1", tlAxisX).Attr("x2", tlAxisX).
		Attr("y1", tlTop).Attr("y2", tlTop+(n-1)*tlRow))
	for i, ev := range t.Ievents {
		y := tlTop + i*tlRow
		var where app.UI
		if ev.Where != "" {
			where = svg("text").Class("tl-where").Attr("x", tlLabelX).Attr("y", y+22).Text(ev.Where)
		}
		rows = append(rows, svg("g").Class("tl-event").Body(
			svg("title").Text(ev.Quote),
			svg("text").Class("tl-when").Attr("x", tlWhenX).Attr("y", y+4).Attr("text-anchor", "end").Text(ev.When),
			svg("circle").Class("tl-dot").Attr("cx", tlAxisX).Attr("cy", y).Attr("r", tlDotSize),
			svg("text").Class("tl-what").Attr("x", tlLabelX).Attr("y", y+5).Text(ev.What),
			where,
		))
	}
	fig := svg("svg").Class("tl").
		Attr("viewBox", "0 0 "+strconv.Itoa(tlWidth)+" "+strconv.Itoa(height)).
		Attr("role", "img").
		Attr("aria-labelledby", "timeline-caption").
		Body(rows...)
	if t.IdescribedBy != "" {
		fig = fig.Attr("aria-describedby", t.IdescribedBy)
	}
	return app.Figure().Class("timeline").Body(
		fig,
		app.FigCaption().ID("timeline-caption").Text("The author’s path, as the text tells it (figure ours)."),
	)
}

func svg(tag string) app.HTMLElem {
	return app.Elem(tag).XMLNS(svgNS)
}
