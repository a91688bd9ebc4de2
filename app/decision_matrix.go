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

// set changes factor f's weight (option -1) or its score for option o.
func (m *decisionMatrix) set(f, o int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v := atoi(ctx.JSSrc().Get("value").String())
		m.Iactions.edit(ctx, func(d *essay.Decision) {
			switch {
			case f >= len(d.Factors):
			case o < 0:
				d.Factors[f].Weight = v
			case o < len(d.Factors[f].Scores):
				d.Factors[f].Scores[o] = v
			}
		})
	}
}

// cell is one number of the table, labelled for a screen reader by its
// row and column.
func (m *decisionMatrix) cell(id, label string, v, f, o int) app.UI {
	return app.Td().Body(app.Input().Type("number").ID(id).Min(0).Max(essay.MaxWeight).Attr("step", "1").
		Attr("inputmode", "numeric").Value(itoa(v)).Aria("label", label).OnInput(m.set(f, o)))
}

func (m *decisionMatrix) Render() app.UI {
	d := m.Idecision
	head := []app.UI{app.Th().Scope("col").Text("Factor"), app.Th().Scope("col").Text("Weight")}
	for o := range d.Options {
		head = append(head, app.Th().Scope("col").Text(essay.OptionLabel(d, o)))
	}
	rows := make([]app.UI, len(d.Factors))
	for f, c := range d.Factors {
		name := essay.FactorLabel(d, f)
		cells := []app.UI{app.Th().Scope("row").Text(name),
			m.cell("m-"+itoa(f+1)+"-weight", "Weight of “"+name+"”", c.Weight, f, -1)}
		for o, s := range c.Scores {
			cells = append(cells, m.cell("m-"+itoa(f+1)+"-"+itoa(o+1), "“"+essay.OptionLabel(d, o)+"” on “"+name+"”", s, f, o))
		}
		rows[f] = app.Tr().Body(cells...)
	}
	return app.Div().Class("matrix-wrap").Body(
		app.Table().ID("matrix").Class("matrix").Body(
			app.Caption().Text("Weights and scores, 0 to 10: the arrow keys move a number, Tab goes to the next"),
			app.THead().Body(app.Tr().Body(head...)),
			app.TBody().Body(rows...),
		),
	)
}
