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
	scores := make([]app.UI, len(d.Options))
	for o := range d.Options {
		scores[o] = app.Li().Text("“" + essay.OptionLabel(d, o) + "”: " + essay.FormatScore(res.Scores[o]) + " of 10")
	}
	return app.Section().ID("result").Class("verdict decision-result").Aria("labelledby", "result-title").Body(
		app.H2().ID("result-title").Class("verdict-title").Text(essay.DecisionOwner(r.Ivalue.Whose)),
		app.P().ID("decision-verdict").Class("verdict-text").Text(essay.DecisionVerdict(d, res)),
		app.Ul().Class("scores").Body(scores...),
	)
}
