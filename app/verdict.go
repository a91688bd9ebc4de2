package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// verdictPanel shows where the reader's weights land: both options' scores
// as bars, the verdict in words, the factor that would tip
// it most cheaply, and the author's conclusion beside it.
type verdictPanel struct {
	app.Compo

	Iview    *view
	IonReset func(ctx app.Context)
}

func newVerdictPanel() *verdictPanel { return &verdictPanel{} }

// View sets the reader's weights and their result.
func (p *verdictPanel) View(v *view) *verdictPanel { p.Iview = v; return p }

// OnReset sets what the reset button calls.
func (p *verdictPanel) OnReset(f func(ctx app.Context)) *verdictPanel { p.IonReset = f; return p }

func (p *verdictPanel) reset(ctx app.Context, e app.Event) {
	if p.IonReset != nil && p.Iview.Query != "" {
		p.IonReset(ctx)
	}
}

// Geometry of the bar chart, in viewBox units.
const (
	barWidth  = 320
	barLabelW = 0
	barHeight = 22
	barGap    = 30
)

func (p *verdictPanel) Render() app.UI {
	v := p.Iview
	m := v.Essay.Model
	r := v.Result
	author := essay.Evaluate(m, m.AuthorWeights())
	bars := make([]app.UI, 0, 6)
	for i, o := range m.Options {
		y := i * (barHeight + barGap)
		w := int(r.Scores[i] / essay.MaxWeight * barWidth)
		cls := "bar"
		if r.Winner == i {
			cls += " ahead"
		}
		bars = append(bars,
			svg("text").Class("bar-label").Attr("x", 0).Attr("y", y+12).Text(o.Name+": "+essay.FormatScore(r.Scores[i])),
			svg("rect").Class("bar-track").Attr("x", 0).Attr("y", y+18).Attr("width", barWidth).Attr("height", barHeight/2),
			svg("rect").Class(cls).Attr("x", 0).Attr("y", y+18).Attr("width", w).Attr("height", barHeight/2),
		)
	}
	authorTick := func(i int) app.UI {
		x := int(author.Scores[i] / essay.MaxWeight * barWidth)
		y := i*(barHeight+barGap) + 14
		return svg("line").Class("bar-author").Attr("x1", x).Attr("x2", x).Attr("y1", y).Attr("y2", y+barHeight/2+8)
	}
	bars = append(bars, authorTick(0), authorTick(1))
	// Marked unavailable when there is nothing to reset, not disabled: a
	// disabled button loses the focus, and a reader who pressed it by
	// keyboard would be sent to the page's top.
	resetButton := app.Button().Type("button").ID("reset-weights").Class("reset").OnClick(p.reset).Text("Reset to our reading of the author’s weights")
	if v.Query == "" {
		resetButton = resetButton.Aria("disabled", "true")
	}
	// Focusable from a script only: the header's verdict link moves the
	// keyboard here (focusTarget).
	return app.Section().Class("verdict").ID("verdict").TabIndex(-1).Aria("labelledby", "verdict-title").Body(
		app.P().Class("verdict-title").ID("verdict-title").Text(essay.VerdictOwner(v.Query != "")),
		app.Elem("svg").XMLNS(svgNS).Class("bars").
			Attr("viewBox", "0 0 "+strconv.Itoa(barWidth)+" "+strconv.Itoa(2*barHeight+barGap+8)).
			Attr("role", "img").Attr("aria-label", essay.ScoresWords(m, r)).Body(bars...),
		// Not a live region: web/static/page.js announces the verdict in
		// #verdict-said once a change has settled, not at every step.
		app.P().Class("verdict-text").Body(
			app.Text(essay.VerdictWords(m, r)),
			// Only when it is one: a sentence hidden by CSS alone would show
			// in reader mode and without styles. The paragraph's height is
			// reserved in app.css, so a takeover moves nothing.
			app.If(r.CloseCall, func() app.UI { return app.Span().Class("close-call").Text(" " + essay.CloseCallWords) }),
		),
		app.P().Class("cheapest").Text(essay.CheapestWords(m, v.Weights, r)),
		app.P().Class("verdict-author").Text(essay.AuthorWords(m)),
		app.P().Class("ours").Text("The factors, their scores and weights are our reading of the text, not numbers the author gave."),
		resetButton,
	)
}

// balance is the live sentence beside the author's "This trade-off seems
// acceptable to me": where the reader's own weights put the balance.
func balance(v *view) app.UI {
	return app.P().Class("balance").Body(
		app.Span().Class("ours-mark").Text("Ours: "),
		app.Span().Class("balance-text").Text(essay.BalanceWords(v.Essay.Model, v.Result, v.Query != "")),
	)
}

// indicator is the compact verdict on every section's page, linking to the
// panel.
func indicator(v *view) app.UI {
	i := v.Essay.SectionWith(essay.Verdict, "panel")
	if i < 0 || len(v.Essay.Model.Factors) == 0 {
		return nil
	}
	return app.A().Class("indicator").Href(v.href(v.Essay.Path(i)) + "#verdict").OnClick(focusTarget("verdict")).
		Text(essay.VerdictOwner(v.Query != "") + ": " + essay.ShortVerdict(v.Essay.Model, v.Result))
}
