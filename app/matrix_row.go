package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// matrixRow is one factor's row of the decision's table: its weight and
// its score for each option. A component of its own, so that a cell edit
// renders one row again, not the whole table.
type matrixRow struct {
	app.Compo

	Iindex   int
	Iname    string // the factor's name, or its placeholder
	Ifactor  essay.Criterion
	Ioptions []string // the options' names, or their placeholders
	Iactions *decisionActions
}

func newMatrixRow() *matrixRow { return &matrixRow{} }

// Factor sets the row's factor, the f-th, shown as name.
func (r *matrixRow) Factor(f int, name string, c essay.Criterion) *matrixRow {
	r.Iindex, r.Iname, r.Ifactor = f, name, c
	return r
}

// Options sets the options' names, as the table's head shows them.
func (r *matrixRow) Options(names []string) *matrixRow { r.Ioptions = names; return r }

// Actions sets the callbacks that change the decision.
func (r *matrixRow) Actions(a *decisionActions) *matrixRow { r.Iactions = a; return r }

// set changes the factor's weight (option -1) or its score for option o.
func (r *matrixRow) set(o int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v, ok := cellNumber(ctx.JSSrc().Get("value").String())
		if !ok {
			return
		}
		f := r.Iindex
		r.Iactions.edit(ctx, func(d *essay.Decision) {
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

// shown puts the number kept back in the cell once the reader leaves it:
// what was typed may have been rounded, clamped or not a number, and
// go-app does not set a value its render has not changed.
func (r *matrixRow) shown(o int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		typed := ctx.JSSrc().Get("value").String()
		v, ok := cellNumber(typed)
		if !ok {
			// Nothing was kept from it: the number the decision has.
			v = r.Ifactor.Weight
			if o >= 0 && o < len(r.Ifactor.Scores) {
				v = r.Ifactor.Scores[o]
			}
		}
		// A whole number in range is what was kept (and the arrow keys,
		// which fire a change at every step, need no help).
		if typed != itoa(v) {
			ctx.JSSrc().Set("value", itoa(v))
		}
	}
}

// cell is one number of the table, labelled for a screen reader by its
// row and column.
func (r *matrixRow) cell(id, label string, v, o int) app.UI {
	return app.Td().Body(app.Input().Type("number").ID(id).Min(0).Max(essay.MaxWeight).Attr("step", "1").
		Attr("inputmode", "numeric").Value(itoa(v)).Aria("label", label).OnInput(r.set(o)).OnChange(r.shown(o)))
}

func (r *matrixRow) Render() app.UI {
	f, name, c := r.Iindex, r.Iname, r.Ifactor
	cells := []app.UI{app.Th().Scope("row").Text(name),
		r.cell("m-"+itoa(f+1)+"-weight", "Weight of “"+name+"”", c.Weight, -1)}
	for o, s := range c.Scores {
		label := "“" + name + "”"
		if o < len(r.Ioptions) {
			label = "“" + r.Ioptions[o] + "” on " + label
		}
		cells = append(cells, r.cell("m-"+itoa(f+1)+"-"+itoa(o+1), label, s, o))
	}
	return app.Tr().Body(cells...)
}
