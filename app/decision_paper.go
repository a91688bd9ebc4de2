package app

import (
	"strings"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionPaper is the decision on paper: shown only when printing, in
// place of the form. Its rows are components: a cell edit renders one row
// again, not the whole table.
type decisionPaper struct {
	app.Compo

	Idecision essay.Decision
	Iresult   essay.Ranking
}

func newDecisionPaper() *decisionPaper { return &decisionPaper{} }

// Value sets the decision and its ranking.
func (p *decisionPaper) Value(d essay.Decision, r essay.Ranking) *decisionPaper {
	p.Idecision, p.Iresult = d, r
	return p
}

func (p *decisionPaper) Render() app.UI {
	d := p.Idecision
	rows := make([]app.UI, len(d.Factors))
	for i, f := range d.Factors {
		rows[i] = newPaperRow().Factor(essay.FactorLabel(d, i), f)
	}
	head := []app.UI{app.Th().Scope("col").Text("Factor"), app.Th().Scope("col").Text("Weight")}
	names := make([]string, len(d.Options))
	scores := ""
	for o := range d.Options {
		names[o] = "“" + essay.OptionLabel(d, o) + "”"
		head = append(head, app.Th().Scope("col").Text(essay.OptionLabel(d, o)))
		if o < len(p.Iresult.Scores) {
			scores += " " + names[o] + ": " + essay.FormatScore(p.Iresult.Scores[o]) + "."
		}
	}
	return app.Section().Class("decision-document print-only").Aria("hidden", "true").Body(
		app.H2().Text(strings.Join(names, " or ")),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(append(head, app.Th().Scope("col").Text("Note"))...)),
			app.TBody().Body(rows...),
		),
		app.P().Text("Weights and scores are 0 to 10. "+essay.DecisionVerdict(d, p.Iresult)+scores),
	)
}
