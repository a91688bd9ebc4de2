package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// rangeBar is one factor's bar in the fragility chart: its name, the
// range of its weight that keeps the verdict, and its weight now. A
// component of its own: an edit renders again only the bars it moves.
type rangeBar struct {
	app.Compo

	Irow    int
	Iname   string
	Iweight int
	Irange  essay.WeightRange
}

func newRangeBar() *rangeBar { return &rangeBar{} }

// Bar sets the bar: row i of the chart, factor name with weight w, and
// the range of its weight that keeps the verdict.
func (b *rangeBar) Bar(i int, name string, w int, r essay.WeightRange) *rangeBar {
	b.Irow, b.Iname, b.Iweight, b.Irange = i, name, w, r
	return b
}

func (b *rangeBar) Render() app.UI {
	x := func(w int) int { return rangeLeft + w*rangeWidth/essay.MaxWeight }
	rg, y := b.Irange, b.Irow*rangeRow
	return svg("g").Body(
		svg("text").Class("range-label").Attr("x", rangeLeft).Attr("y", y+11).Text(b.Iname),
		svg("rect").Class("range-track").Attr("x", x(0)).Attr("y", y+16).Attr("width", rangeWidth).Attr("height", 8),
		svg("rect").Class("range-safe").Attr("x", x(rg.Lo)).Attr("y", y+16).Attr("width", max(x(rg.Hi)-x(rg.Lo), 2)).Attr("height", 8),
		svg("line").Class("range-now").Attr("x1", x(b.Iweight)).Attr("x2", x(b.Iweight)).Attr("y1", y+12).Attr("y2", y+28),
	)
}
