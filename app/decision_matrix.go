package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionMatrix is the decision as a table, factors by options, with the
// weight column: on a wide screen, every number at a glance and at hand.
// Each cell is a number field: the arrow keys move its value, Tab the
// next cell. It is a view of the same decision as the stacked form.
type decisionMatrix struct {
	app.Compo

	Idecision essay.Decision
	Iactions  *decisionActions
}

func newDecisionMatrix() *decisionMatrix { return &decisionMatrix{} }

// Decision sets the decision shown.
func (m *decisionMatrix) Decision(d essay.Decision) *decisionMatrix { m.Idecision = d; return m }

// Actions sets the callbacks that change the decision.
func (m *decisionMatrix) Actions(a *decisionActions) *decisionMatrix { m.Iactions = a; return m }

func (m *decisionMatrix) Render() app.UI {
	d := m.Idecision
	head := []app.UI{app.Th().Scope("col").Text("Factor"), app.Th().Scope("col").Text("Weight")}
	options := make([]string, len(d.Options))
	for o := range d.Options {
		options[o] = essay.OptionLabel(d, o)
		head = append(head, app.Th().Scope("col").Text(options[o]))
	}
	rows := make([]app.UI, len(d.Factors))
	for f := range d.Factors {
		rows[f] = newMatrixRow().Factor(f, essay.FactorLabel(d, f), d.Factors[f]).Options(options).Actions(m.Iactions)
	}
	return app.Div().Class("matrix-wrap").Body(
		app.Table().ID("matrix").Class("matrix").Body(
			app.Caption().Text("Weights and scores, 0 to 10: the arrow keys move a number, Tab goes to the next"),
			app.THead().Body(app.Tr().Body(head...)),
			app.TBody().Body(rows...),
		),
	)
}
