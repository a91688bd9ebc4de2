package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionEditor is the "Your decision" page: the reader's options and
// factors as a form, the live result beside it, and the tools to keep,
// share and export it.
type decisionEditor struct {
	app.Compo

	Ivalue   decisionView
	Iactions *decisionActions
}

func newDecisionEditor() *decisionEditor { return &decisionEditor{} }

// Value sets the decision shown and what it makes.
func (d *decisionEditor) Value(v decisionView) *decisionEditor { d.Ivalue = v; return d }

// Actions sets the callbacks that change the decision.
func (d *decisionEditor) Actions(a *decisionActions) *decisionEditor { d.Iactions = a; return d }

func (d *decisionEditor) add(ctx app.Context, e app.Event) { d.Iactions.add(ctx) }

func (d *decisionEditor) keepMine(ctx app.Context, e app.Event)   { d.Iactions.choose(ctx, false) }
func (d *decisionEditor) keepLinked(ctx app.Context, e app.Event) { d.Iactions.keep(ctx) }
func (d *decisionEditor) useShared(ctx app.Context, e app.Event)  { d.Iactions.choose(ctx, true) }

// submit keeps Enter in a field from reloading the page.
func (d *decisionEditor) submit(ctx app.Context, e app.Event) { e.PreventDefault() }

func (d *decisionEditor) Render() app.UI {
	v := d.Ivalue
	dec := v.Decision
	choice := d.choice(v)
	factors := make([]app.UI, len(dec.Factors))
	for i := range dec.Factors {
		id, name := factorID(i), essay.FactorLabel(dec, i)
		factors[i] = app.Li().Class("criterion").ID(id).Body(
			newDecisionFactor().Index(i, len(dec.Factors)).Decision(dec).Actions(d.Iactions),
			newFactorSensitivity().ID(id+"-sensitivity").Words(essay.SensitivityWords(dec, sensitivityAt(v.Sensitivity, i), v.Result.Winner)),
			newFactorTools().Factor(i, len(dec.Factors), name).Actions(d.Iactions),
		)
	}
	add := disabledIf(app.Button().Type("button").ID("add-factor").Class("add").OnClick(d.add).Text("Add a factor"), len(dec.Factors) >= essay.MaxFactors)
	fieldset := app.FieldSet().Class("decision-form").Body(
		app.Legend().Class("visually-hidden").Text("Your decision"),
		newDecisionOptions().Decision(dec).Actions(d.Iactions),
		app.H2().ID("factors-title").Text("What matters to you"),
		app.P().Class("hint").Text("Weigh each factor 0–10, and score how well each option serves it, 0–10. Up to "+
			strconv.Itoa(essay.MaxFactors)+" factors; names up to "+strconv.Itoa(essay.MaxNameLen)+
			" characters, notes up to "+strconv.Itoa(essay.MaxNoteLen)+"."),
		// On a wide screen the numbers are a table; the stacked form keeps
		// the names, notes and buttons (app.css).
		newDecisionMatrix().Decision(dec).Actions(d.Iactions),
		app.Ol().Class("criteria").Aria("labelledby", "factors-title").Body(factors...),
		app.P().Class("add-line").Body(
			add,
			app.Span().Class("count").Text(" "+strconv.Itoa(len(dec.Factors))+" of "+strconv.Itoa(essay.MaxFactors)+" factors"),
		),
	)
	if v.Pending || v.Loading {
		fieldset = fieldset.Disabled(true)
	}
	var loading app.UI
	if v.Loading {
		loading = app.P().Class("loading-note").Role("status").
			Text("The editor starts once the page’s interactive parts have loaded (they need JavaScript and WebAssembly); until then it shows the essay’s model.")
	}
	return app.Article().Class("decision").Aria("labelledby", "title").Body(
		app.Header().Class("section-head").Body(
			app.H1().ID("title").Text("Your decision"),
			app.P().Class("lede").Text("Make the essay’s model your own: name your options (two to five), say what matters to you and how well each option serves it. "+
				"Your decision is kept in this browser and in this page’s link; nothing is sent anywhere."),
			app.P().Class("ours").Text("It starts from our reading of the author’s decision and the weights you set in the essay: the factors, scores and weights are ours, not numbers the author gave."),
		),
		// Each in a slot: when one goes, the form after it stays the
		// same form, and the field being typed in keeps the focus.
		slot(choice),
		slot(loading),
		app.Form().Class("decision-fields").OnSubmit(d.submit).Body(fieldset),
		newDecisionResults().Value(v),
		newDecisionFragility().Value(v),
		newDecisionTools().Value(v).Actions(d.Iactions),
		newDecisionPaper().Value(dec, v.Result),
		// The verdict in view while the reader edits far from the panel
		// (the panel's own line is the one announced).
		// Hidden from screen readers and out of the tab order: a copy, for
		// the eye, of the verdict the panel announces.
		app.P().Class("decision-bar").Aria("hidden", "true").Body(
			app.A().Href("#result").TabIndex(-1).Text(essay.DecisionVerdict(dec, v.Result)),
		),
	)
}

// choice is what the reader is asked about a link's decision: to keep
// theirs or use the link's, or to make the link's theirs; nil for nothing.
func (d *decisionEditor) choice(v decisionView) app.UI {
	switch {
	case v.Pending && v.FromTab:
		return d.keepOrUse("Another tab saved a different decision while this one was open.",
			"Its decision is shown below. Keep yours (it replaces the other tab’s), or use this one.")
	case v.Pending:
		return d.keepOrUse("This link holds a decision different from the one saved in this browser.",
			"It is shown below. Keep yours, or make this one yours (it replaces the saved one).")
	case v.Linked:
		return app.Div().Class("shared-choice").Role("region").Aria("labelledby", "linked-title").Body(
			app.P().ID("linked-title").Class("shared-title").Text("This decision comes from the link."),
			app.P().Text("It is not kept in this browser until you change it or make it yours."),
			app.Div().Class("tools").Body(
				app.Button().Type("button").ID("keep-linked").OnClick(d.keepLinked).Text("Make it mine"),
			),
		)
	}
	return nil
}

// keepOrUse asks the reader to keep their decision or use the one shown.
func (d *decisionEditor) keepOrUse(title, lead string) app.UI {
	return app.Div().Class("shared-choice").Role("region").Aria("labelledby", "shared-title").Body(
		app.P().ID("shared-title").Class("shared-title").Text(title),
		app.P().Text(lead),
		app.Div().Class("tools").Body(
			app.Button().Type("button").ID("keep-mine").OnClick(d.keepMine).Text("Keep mine"),
			app.Button().Type("button").ID("use-shared").OnClick(d.useShared).Text("Use this one"),
		),
	)
}

func sensitivityAt(s []essay.Sensitivity, i int) essay.Sensitivity {
	if i < len(s) {
		return s[i]
	}
	return essay.Sensitivity{Weight: -1}
}

// factorID is the id prefix of factor i's controls.
func factorID(i int) string { return "factor-" + strconv.Itoa(i+1) }

// decisionInvite ends the essay: an invitation, ours, to make the model
// the reader's own decision.
func decisionInvite(v *view) app.UI {
	return app.Aside().Class("invite").Aria("label", "Your decision").Body(
		app.P().Class("ours").Text("Facing a choice like the author’s? Turn this model into your own decision: your options, your factors, your weights, kept in your browser and shared by a link."),
		app.P().Body(app.A().Class("invite-link").Href(v.href(essay.DecisionPath)).Text("Make it your decision →")),
	)
}
