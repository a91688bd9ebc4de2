package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionResults is the live result of the reader's decision: the verdict
// (announced by web/static/page.js once a change settles), each option's score, the
// margin, and the smallest move that would change it.
type decisionResults struct {
	app.Compo

	Ivalue decisionView
}

func newDecisionResults() *decisionResults { return &decisionResults{} }

// Value sets the decision and what it makes.
func (r *decisionResults) Value(v decisionView) *decisionResults { r.Ivalue = v; return r }

func (r *decisionResults) Render() app.UI {
	d, res := r.Ivalue.Decision, r.Ivalue.Result
	return app.Section().ID("result").Class("verdict decision-result").Aria("labelledby", "result-title").Body(
		app.H2().ID("result-title").Class("verdict-title").Text("Your verdict"),
		app.P().ID("decision-verdict").Class("verdict-text").Text(essay.DecisionVerdict(d, res)),
		app.Ul().Class("scores").Body(
			app.Li().Text("“"+essay.OptionLabel(d, 0)+"”: "+essay.FormatScore(res.Scores[0])+" of 10"),
			app.Li().Text("“"+essay.OptionLabel(d, 1)+"”: "+essay.FormatScore(res.Scores[1])+" of 10"),
		),
		app.P().Class("cheapest").Text(essay.DecisionCheapest(d, res)),
	)
}
