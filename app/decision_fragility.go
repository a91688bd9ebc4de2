package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionFragility shows how fragile the reader's verdict is: robust or
// fragile to a one-point change of any score, and a chart with a bar per
// factor for the range of its weight that keeps the verdict, the current
// weight marked. The same, in words, follows the chart.
type decisionFragility struct {
	app.Compo

	Ivalue decisionView
}

func newDecisionFragility() *decisionFragility { return &decisionFragility{} }

// Value sets the decision and what it makes.
func (f *decisionFragility) Value(v decisionView) *decisionFragility { f.Ivalue = v; return f }

// Geometry of the chart, in viewBox units: a label line above each bar.
const (
	rangeWidth = 300
	rangeLeft  = 10
	rangeRow   = 34
)

func (f *decisionFragility) Render() app.UI {
	v := f.Ivalue
	d, fr := v.Decision, v.Fragility
	bars := make([]app.UI, 0, len(d.Factors))
	words := make([]app.UI, 0, len(d.Factors))
	for i, c := range d.Factors {
		if i >= len(fr.Ranges) {
			break
		}
		bars = append(bars, newRangeBar().Bar(i, essay.FactorLabel(d, i), c.Weight, fr.Ranges[i]))
		words = append(words, app.Li().Text(essay.RangeWords(d, i, fr.Ranges[i])))
	}
	height := strconv.Itoa(max(len(d.Factors), 1) * rangeRow)
	return app.Section().ID("fragility").Class("fragility").Aria("labelledby", "fragility-title").Body(
		app.H2().ID("fragility-title").Text("How firm is it?"),
		app.P().ID("fragility-verdict").Class("fragility-verdict").Text(essay.FragilityWords(v.Result, fr)),
		app.P().Class("cheapest").Text(essay.DecisionCheapest(d, fr)),
		// The chart is for the eye; the list below it says the same.
		app.Elem("svg").XMLNS(svgNS).Class("ranges").Aria("hidden", "true").
			Attr("viewBox", "0 0 "+strconv.Itoa(rangeWidth+2*rangeLeft)+" "+height).Body(bars...),
		app.P().Class("hint").Text("Each bar is the range of a factor’s weight, 0 to 10, over which the verdict holds, the others as they are; the line is its weight now."),
		app.Ul().ID("fragility-words").Class("fragility-words").Body(words...),
	)
}
