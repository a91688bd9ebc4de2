package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// factorTools are a factor's buttons: move it up or down, or remove it.
type factorTools struct {
	app.Compo

	Iindex   int
	Icount   int
	Iname    string // the factor's name, or its placeholder
	Iactions *decisionActions
}

func newFactorTools() *factorTools { return &factorTools{} }

// Factor sets the factor: the i-th of count, shown as name.
func (t *factorTools) Factor(i, count int, name string) *factorTools {
	t.Iindex, t.Icount, t.Iname = i, count, name
	return t
}

// Actions sets the callbacks that change the decision.
func (t *factorTools) Actions(a *decisionActions) *factorTools { t.Iactions = a; return t }

func (t *factorTools) up(ctx app.Context, e app.Event)     { t.Iactions.move(ctx, t.Iindex, -1) }
func (t *factorTools) down(ctx app.Context, e app.Event)   { t.Iactions.move(ctx, t.Iindex, 1) }
func (t *factorTools) remove(ctx app.Context, e app.Event) { t.Iactions.remove(ctx, t.Iindex) }

func (t *factorTools) Render() app.UI {
	i, id, name := t.Iindex, factorID(t.Iindex), t.Iname
	return app.Div().Class("tools").Body(
		disabledIf(app.Button().Type("button").ID(id+"-up").Class("small").Aria("label", "Move “"+name+"” up").OnClick(t.up).Text("↑ Up"), i == 0),
		disabledIf(app.Button().Type("button").ID(id+"-down").Class("small").Aria("label", "Move “"+name+"” down").OnClick(t.down).Text("↓ Down"), i == t.Icount-1),
		app.Button().Type("button").ID(id+"-remove").Class("small").Aria("label", "Remove “"+name+"”").OnClick(t.remove).Text("Remove"),
	)
}
