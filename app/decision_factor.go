package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionFactor is one factor of the reader's decision: its name, weight,
// each option's score and a note. The editor puts beside it, in its list
// item, how far its numbers are from changing the verdict and the buttons
// to move or remove it: components of their own, so that an edit that
// changes only those renders only them.
type decisionFactor struct {
	app.Compo

	Iindex int
	Icount int
	// Only what this factor shows, so that an edit elsewhere that changes
	// none of it does not render it again.
	Ifactor  essay.Criterion
	Iname    string   // the factor's name, or its placeholder
	Ioptions []string // the options' names, or their placeholders
	Iactions *decisionActions
}

func newDecisionFactor() *decisionFactor { return &decisionFactor{} }

// Index sets the factor's place among count factors.
func (f *decisionFactor) Index(i, count int) *decisionFactor { f.Iindex, f.Icount = i, count; return f }

// Decision takes from the decision what factor Index shows: call Index
// first.
func (f *decisionFactor) Decision(d essay.Decision) *decisionFactor {
	f.Ifactor, f.Iname = d.Factors[f.Iindex], essay.FactorLabel(d, f.Iindex)
	f.Ioptions = make([]string, len(d.Options))
	for o := range d.Options {
		f.Ioptions[o] = essay.OptionLabel(d, o)
	}
	return f
}

// Actions sets the callbacks that change the decision.
func (f *decisionFactor) Actions(a *decisionActions) *decisionFactor { f.Iactions = a; return f }

func (f *decisionFactor) set(change func(c *essay.Criterion, value string)) app.EventHandler {
	return f.setText(0, change)
}

// setText is set for a text field of at most max characters (0: a slider,
// no cap).
func (f *decisionFactor) setText(max int, change func(c *essay.Criterion, value string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		value := ctx.JSSrc().Get("value").String()
		if max > 0 {
			value = typed(ctx, max)
		}
		i := f.Iindex
		f.Iactions.edit(ctx, func(d *essay.Decision) {
			if i < len(d.Factors) {
				change(&d.Factors[i], value)
			}
		})
	}
}

func (f *decisionFactor) Render() app.UI {
	i := f.Iindex
	c := f.Ifactor
	id := factorID(i)
	name := f.Iname
	return app.FieldSet().Body(
		app.Legend().Text("Factor "+strconv.Itoa(i+1)+" of "+strconv.Itoa(f.Icount)),
		app.P().Class("field").Body(
			app.Label().For(id+"-name").Text("Name"),
			app.Input().Type("text").ID(id+"-name").Value(c.Name).
				MaxLength(fieldMax(essay.MaxNameLen)).AutoComplete(false).
				Placeholder("Factor "+strconv.Itoa(i+1)).
				OnInput(f.setText(essay.MaxNameLen, func(c *essay.Criterion, v string) { c.Name = v })),
		),
		app.Div().Class("sliders").Body(
			f.sliders(id, name, c)...,
		),
		app.P().Class("field").Body(
			app.Label().For(id+"-note").Text("Note"),
			app.Input().Type("text").ID(id+"-note").Value(c.Note).
				MaxLength(fieldMax(essay.MaxNoteLen)).AutoComplete(false).
				OnInput(f.setText(essay.MaxNoteLen, func(c *essay.Criterion, v string) { c.Note = v })),
		),
	)
}

// sliders are the factor's weight and each option's score.
func (f *decisionFactor) sliders(id, name string, c essay.Criterion) []app.UI {
	out := []app.UI{numberField(id+"-weight", "How much it matters", name, c.Weight, essay.WeightWords(c.Weight),
		f.set(func(c *essay.Criterion, v string) { c.Weight = atoi(v) }))}
	for o, s := range c.Scores {
		out = append(out, numberField(id+"-score-"+itoa(o+1), "How well “"+f.Ioptions[o]+"” serves it", name, s, essay.ScoreWords(s),
			f.set(func(c *essay.Criterion, v string) {
				if o < len(c.Scores) {
					c.Scores[o] = atoi(v)
				}
			})))
	}
	return out
}

// numberField is a 0–10 slider with its label and its value in words. Its
// name for a screen reader also names the factor: every factor has the
// same three labels, and a reader moving from slider to slider must know
// which one they are on.
func numberField(id, label, factor string, value int, words string, onInput app.EventHandler) app.UI {
	return app.Div().Class("field range-field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type("range").ID(id).Aria("label", label+", for “"+factor+"”").Min(0).Max(essay.MaxWeight).Attr("step", "1").
			Value(strconv.Itoa(value)).Aria("valuetext", words).OnInput(onInput),
		// Not live: an output is a status region, and would say every step
		// the slider already says (aria-valuetext).
		app.Output().For(id).Class("factor-value").Aria("live", "off").Text(words),
	)
}
