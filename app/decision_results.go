package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionResults is the live result of the reader's decision: the verdict
// (announced to screen readers when it changes), each option's score, the
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
		app.P().ID("decision-verdict").Class("verdict-text").Aria("live", "polite").Text(decisionVerdict(d, res)),
		app.Ul().Class("scores").Body(
			app.Li().Text("“"+optionLabel(d, 0)+"”: "+score(res.Scores[0])+" of 10"),
			app.Li().Text("“"+optionLabel(d, 1)+"”: "+score(res.Scores[1])+" of 10"),
		),
		app.P().Class("cheapest").Text(cheapestWords(d, res)),
	)
}

// decisionVerdict says the verdict of the reader's decision.
func decisionVerdict(d essay.Decision, r essay.Result) string {
	switch {
	case r.NoWeights:
		return "No weights are set: weigh at least one factor."
	case r.Winner < 0:
		return "A tie: both options score " + score(r.Scores[0]) + " of 10."
	}
	s := "“" + optionLabel(d, r.Winner) + "” comes out ahead, by " + score(r.Margin) + " points of 10."
	if r.CloseCall {
		s += " A close call."
	}
	return s
}

// cheapestWords names the smallest change of one weight that changes the
// verdict.
func cheapestWords(d essay.Decision, r essay.Result) string {
	i := r.Cheapest
	if i < 0 || i >= len(d.Factors) || i >= len(r.Tipping) {
		return "No single weight, moved alone, changes the verdict."
	}
	f := d.Factors[i]
	return "The smallest single move that changes it: the weight of “" + displayName(f.Name, i) +
		"” from " + itoa(f.Weight) + " to " + itoa(r.Tipping[i].Flip) + "."
}
