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
			svg("text").Class("bar-label").Attr("x", 0).Attr("y", y+12).Text(o.Name+": "+score(r.Scores[i])),
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
	chartLabel := m.Options[0].Name + " " + score(r.Scores[0]) + " of 10, " + m.Options[1].Name + " " + score(r.Scores[1]) + " of 10"

	// Always a sentence, so that the panel keeps its height whatever the
	// weights: a takeover with a reader's weights moves nothing.
	cheapest := "No single weight, moved alone, would change the verdict."
	if i := r.Cheapest; i >= 0 {
		t := r.Tipping[i]
		verb := "Raising"
		if t.Flip < v.Weights[i] {
			verb = "Lowering"
		}
		cheapest = verb + " “" + m.Factors[i].Name + "” to " + strconv.Itoa(t.Flip) + " would change the verdict."
	}
	// Disabled only when there is nothing to reset: go-app writes
	// Disabled(false) as disabled="false", which disables.
	resetButton := app.Button().Type("button").Class("reset").OnClick(p.reset).Text("Reset to the author’s weights")
	if v.Query == "" {
		resetButton = resetButton.Disabled(true)
	}
	return app.Section().Class("verdict").ID("verdict").Aria("labelledby", "verdict-title").Body(
		app.P().Class("verdict-title").ID("verdict-title").Text("Your verdict"),
		app.Elem("svg").XMLNS(svgNS).Class("bars").
			Attr("viewBox", "0 0 "+strconv.Itoa(barWidth)+" "+strconv.Itoa(2*barHeight+barGap+8)).
			Attr("role", "img").Attr("aria-label", chartLabel).Body(bars...),
		app.P().Class("verdict-text").Aria("live", "polite").Body(
			app.Text(verdictWords(m, r)+" "),
			// Kept in place when hidden, for the same reason.
			app.Span().Class("close-call").Class(hiddenUnless(r.CloseCall)).Text("A close call."),
		),
		app.P().Class("cheapest").Text(cheapest),
		app.P().Class("verdict-author").Text("The author’s conclusion: "+m.Options[m.Conclusion].Name+". With our reading of the author’s weights (▲): "+
			m.Options[0].Name+" "+score(author.Scores[0])+", "+m.Options[1].Name+" "+score(author.Scores[1])+"."),
		app.P().Class("ours").Text("The factors, their scores and weights are our reading of the text, not numbers the author gave."),
		resetButton,
	)
}

// verdictWords says the verdict: "Leave for a smaller company, by 3.5
// points of 10. A close call."
func verdictWords(m essay.Model, r essay.Result) string {
	switch {
	case r.NoWeights:
		return "No weights are set: move a slider to weigh the options."
	case r.Winner < 0:
		return "A tie: the two options score " + score(r.Scores[0]) + " each."
	}
	return m.Options[r.Winner].Name + ", by " + score(r.Margin) + " points of 10."
}

// hiddenUnless returns the class that hides an element but keeps its place.
func hiddenUnless(shown bool) string {
	if shown {
		return ""
	}
	return "invisible"
}

// balance is the live sentence beside the author's "This trade-off seems
// acceptable to me": where the reader's own weights put the balance.
func balance(v *view) app.UI {
	m, r := v.Essay.Model, v.Result
	var s string
	switch {
	case r.NoWeights:
		s = "With every weight at zero, nothing tips your balance."
	case r.Winner < 0:
		s = "With your weights the two options are level, at " + score(r.Scores[0]) + " of 10 each."
	default:
		// One shape of sentence whatever the weights, so that its length,
		// and the page's layout, barely change with them.
		s = "With your weights, “" + m.Options[0].Name + "” scores " + score(r.Scores[0]) + " and “" +
			m.Options[1].Name + "” " + score(r.Scores[1]) + " of 10: your balance tips towards “" +
			m.Options[r.Winner].Name + "”, by " + score(r.Margin) + "; the author’s tipped towards “" +
			m.Options[m.Conclusion].Name + "”."
	}
	return app.P().Class("balance").Body(
		app.Span().Class("ours-mark").Text("Your balance: "),
		app.Span().Class("balance-text").Text(s),
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
		Text("Your verdict: " + shortVerdict(v.Essay.Model, v.Result))
}

func shortVerdict(m essay.Model, r essay.Result) string {
	switch {
	case r.NoWeights:
		return "no weights set"
	case r.Winner < 0:
		return "a tie"
	}
	s := m.Options[r.Winner].ID + ", by " + score(r.Margin)
	if r.CloseCall {
		s += " (close call)"
	}
	return s
}

// score writes a score with one decimal.
func score(f float64) string {
	return strconv.FormatFloat(f, 'f', 1, 64)
}
