package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// slider is one factor's weight, in the prose beside the author's words: a
// native range input, with a tick at our reading of the author's weight and
// a mark where the verdict tips.
type slider struct {
	app.Compo

	Ifactor   essay.Factor
	Iindex    int
	Iweight   int
	Itipping  essay.Tipping
	Iwinner   int
	IonChange func(ctx app.Context, factor, weight int)
}

func newSlider() *slider { return &slider{} }

// Factor sets the factor and its index in the model.
func (s *slider) Factor(f essay.Factor, i int) *slider { s.Ifactor, s.Iindex = f, i; return s }

// Weight sets the reader's current weight.
func (s *slider) Weight(w int) *slider { s.Iweight = w; return s }

// Tipping sets where this factor tips the verdict, and the current winner.
func (s *slider) Tipping(t essay.Tipping, winner int) *slider {
	s.Itipping, s.Iwinner = t, winner
	return s
}

// OnChange sets what a move of the slider calls.
func (s *slider) OnChange(f func(ctx app.Context, factor, weight int)) *slider {
	s.IonChange = f
	return s
}

func (s *slider) onInput(ctx app.Context, e app.Event) {
	v, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil || s.IonChange == nil {
		return
	}
	s.IonChange(ctx, s.Iindex, v)
}

func (s *slider) Render() app.UI {
	f := s.Ifactor
	id := "w-" + f.ID
	var tip app.UI
	if !s.Itipping.Never {
		tip = app.Span().Class("mark tip "+posClass(s.Itipping.At)).Aria("hidden", true)
	}
	return app.Div().Class("factor").ID("factor-"+f.ID).Body(
		app.Label().For(id).Class("factor-name").Text(f.Name),
		app.Div().Class("range").Body(
			app.Input().Type("range").ID(id).Name(f.ID).
				Min(0).Max(essay.MaxWeight).Attr("step", "1").
				Value(strconv.Itoa(s.Iweight)).
				DataSet("factor", f.ID).
				DataSet("author", f.Weight).
				Aria("valuetext", essay.WeightWords(s.Iweight)).
				Aria("describedby", id+"-note").
				OnInput(s.onInput),
			app.Span().Class("mark author "+posClass(float64(f.Weight))).Aria("hidden", true),
			tip,
		),
		app.P().Class("factor-note").ID(id+"-note").Body(
			// Not live: an output is a status region, and would say every step
			// the slider already says (aria-valuetext).
			app.Output().For(id).Class("factor-value").Aria("live", "off").Text(essay.WeightWords(s.Iweight)),
			app.Text(" · "+f.Explanation+" "),
			app.Span().Class("ours").Text("Our reading of the text: "+strconv.Itoa(f.Weight)+" (▲). "+essay.TippingWords(s.Itipping)),
		),
	)
}

// posClass names the CSS class that places a mark at weight w, to the
// nearest half step: classes, not a style attribute, which the page's
// content security policy would refuse.
func posClass(w float64) string {
	half := int(w*2 + 0.5)
	if half < 0 {
		half = 0
	}
	if half > 2*essay.MaxWeight {
		half = 2 * essay.MaxWeight
	}
	return "pos-" + strconv.Itoa(half)
}
