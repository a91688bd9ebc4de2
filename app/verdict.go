package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// verdictPanel shows where the reader's weights land: both options' scores
// as bars, the verdict in words (a live region), the factor that would tip
// it most cheaply, and the author's conclusion beside it.
type verdictPanel struct {
	app.Compo

	Iview    *view
	IonReset func(ctx app.Context)
}

func newVerdictPanel() *verdictPanel { return &verdictPanel{} }

// View sets the reader's weights and their result.
func (p *verdictPanel) View(v *view) *verdictPanel { p.Iview = v; return p }

// OnReset sets what "Reset to the author's weights" calls.
func (p *verdictPanel) OnReset(f func(ctx app.Context)) *verdictPanel { p.IonReset = f; return p }

func (p *verdictPanel) reset(ctx app.Context, e app.Event) {
	if p.IonReset != nil {
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
	// Disabled only when there is nothing to reset.
	resetButton := disabledIf(app.Button().Type("button").Class("reset").OnClick(p.reset).Text("Reset to the author’s weights"), v.Query == "")
	return app.Section().Class("verdict").ID("verdict").Aria("labelledby", "verdict-title").Body(
		app.P().Class("verdict-title").ID("verdict-title").Text("Your verdict"),
		app.Elem("svg").XMLNS(svgNS).Class("bars").
			Attr("viewBox", "0 0 "+strconv.Itoa(barWidth)+" "+strconv.Itoa(2*barHeight+barGap+8)).
			Attr("role", "img").Attr("aria-label", essay.ScoresWords(m, r)).Body(bars...),
		app.P().Class("verdict-text").Aria("live", "polite").Body(
			app.Text(essay.VerdictWords(m, r)+" "),
			// Kept in place when hidden, so that the panel keeps its height
			// whatever the weights: a takeover with a reader's weights
			// moves nothing.
			app.Span().Class("close-call").Class(hiddenUnless(r.CloseCall)).Text(essay.CloseCallWords),
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
		app.Span().Class("ours-mark").Text("Your balance: "),
		app.Span().Class("balance-text").Text(essay.BalanceWords(v.Essay.Model, v.Result)),
	)
}

// indicator is the compact verdict on every section's page, linking to the
// panel.
func indicator(v *view) app.UI {
	i := v.Essay.SectionWith(essay.Verdict, "panel")
	if i < 0 || len(v.Essay.Model.Factors) == 0 {
		return nil
	}
	return app.A().Class("indicator").Href(v.href(v.Essay.Path(i)) + "#verdict").
		Text("Your verdict: " + essay.ShortVerdict(v.Essay.Model, v.Result))
}
