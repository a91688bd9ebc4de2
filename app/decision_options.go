package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionOptions are the options of the reader's decision, two to five:
// each one's name, buttons to move or remove it, and one to add another.
type decisionOptions struct {
	app.Compo

	// Only the options' names: an edit of a score does not render them
	// again.
	Inames   []string
	Iactions *decisionActions
}

func newDecisionOptions() *decisionOptions { return &decisionOptions{} }

// Decision sets the decision whose options are shown.
func (d *decisionOptions) Decision(dec essay.Decision) *decisionOptions {
	d.Inames = dec.Options
	return d
}

// Actions sets the callbacks that change the decision.
func (d *decisionOptions) Actions(a *decisionActions) *decisionOptions { d.Iactions = a; return d }

func (d *decisionOptions) rename(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		name := typed(ctx, essay.MaxNameLen)
		d.Iactions.edit(ctx, func(dec *essay.Decision) {
			if i < len(dec.Options) {
				dec.Options[i] = name
			}
		})
	}
}

func (d *decisionOptions) call(f func(ctx app.Context)) app.EventHandler {
	return func(ctx app.Context, e app.Event) { f(ctx) }
}

func (d *decisionOptions) Render() app.UI {
	dec, act := essay.Decision{Options: d.Inames}, d.Iactions
	n := len(dec.Options)
	rows := make([]app.UI, n)
	for i, name := range dec.Options {
		id, label := optionID(i), essay.OptionLabel(dec, i)
		rows[i] = app.Li().Class("option").Body(
			app.Label().For(id).Text("Option "+strconv.Itoa(i+1)),
			app.Input().Type("text").ID(id).Name(id).Value(name).
				MaxLength(fieldMax(essay.MaxNameLen)).AutoComplete(false).
				Placeholder("Option "+strconv.Itoa(i+1)).OnInput(d.rename(i)),
			app.Span().Class("tools").Body(
				disabledIf(app.Button().Type("button").ID(id+"-up").Class("small").Aria("label", "Move “"+label+"” up").
					OnClick(d.call(func(ctx app.Context) { act.moveOption(ctx, i, -1) })).Text("↑"), i == 0),
				disabledIf(app.Button().Type("button").ID(id+"-down").Class("small").Aria("label", "Move “"+label+"” down").
					OnClick(d.call(func(ctx app.Context) { act.moveOption(ctx, i, 1) })).Text("↓"), i == n-1),
				disabledIf(app.Button().Type("button").ID(id+"-remove").Class("small").Aria("label", "Remove “"+label+"”").
					OnClick(d.call(func(ctx app.Context) { act.removeOption(ctx, i) })).Text("Remove"), n <= essay.MinOptions),
			),
		)
	}
	return app.FieldSet().Class("options").Body(
		app.Legend().Text("Your options"),
		app.Ol().Class("option-list").Body(rows...),
		app.P().Class("add-line").Body(
			disabledIf(app.Button().Type("button").ID("add-option").Class("add").OnClick(d.call(act.addOption)).Text("Add an option"), n >= essay.MaxOptions),
			app.Span().Class("count").Text(" "+strconv.Itoa(n)+" of "+strconv.Itoa(essay.MaxOptions)+" options"),
		),
	)
}

// optionID is the id of option i's name, and the prefix of its buttons.
func optionID(i int) string { return "option-" + strconv.Itoa(i+1) }
