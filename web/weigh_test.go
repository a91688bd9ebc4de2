//go:build !wasm

package web

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/chromedp/kb"
)

// weighed is what web/static/weigh.js says of a set of weights: the same
// fields, from Go, make the expected answer.
type weighed struct {
	Owner    string   `json:"owner"`
	Verdict  string   `json:"verdict"`
	Close    string   `json:"closeCall"`
	Short    string   `json:"short"`
	ID       string   `json:"id"`
	Balance  string   `json:"balance"`
	Scores   string   `json:"scores"`
	Labels   []string `json:"labels"`
	Bars     []int    `json:"bars"`
	Cheapest string   `json:"cheapest"`
	Tipping  []string `json:"tipping"`
	Marks    []string `json:"marks"`
}

// goWeighed is Go's answer: essay.Evaluate and essay/words.go, with the
// verdict panel's geometry (app/verdict.go: bars 320 wide) and the tip
// mark's class (app/slider.go's posClass, to the nearest half step).
func goWeighed(m essay.Model, w essay.Weights, yours bool) weighed {
	r := essay.Evaluate(m, w)
	out := weighed{
		Owner: essay.VerdictOwner(yours), Verdict: essay.VerdictWords(m, r), Short: essay.ShortVerdict(m, r),
		ID: essay.VerdictID(m, r), Balance: essay.BalanceWords(m, r, yours), Scores: essay.ScoresWords(m, r),
		Cheapest: essay.CheapestWords(m, w, r),
	}
	if r.CloseCall {
		out.Close = essay.CloseCallWords
	}
	for i, o := range m.Options {
		out.Labels = append(out.Labels, o.Name+": "+essay.FormatScore(r.Scores[i]))
		out.Bars = append(out.Bars, int(r.Scores[i]/essay.MaxWeight*320))
	}
	for _, t := range r.Tipping {
		out.Tipping = append(out.Tipping, essay.TippingWords(t))
		mark := ""
		if !t.Never {
			mark = "mark tip pos-" + strconv.Itoa(min(max(int(t.At*2+0.5), 0), 2*essay.MaxWeight))
		}
		out.Marks = append(out.Marks, mark)
	}
	return out
}

// weightVectors are the weights to compare: ours, all 0, all 10, exact
// ties, and n at random from a fixed seed, each said as the reader's or
// as our reading of the author's.
func weightVectors(m essay.Model, n int) (vectors []essay.Weights, ties int) {
	k := len(m.Factors)
	all := func(v int) essay.Weights {
		w := make(essay.Weights, k)
		for i := range w {
			w[i] = v
		}
		return w
	}
	vectors = append(vectors, m.AuthorWeights(), all(0), all(10))
	rnd := rand.New(rand.NewPCG(7, 11))
	for len(vectors) < n+3 || ties < 20 {
		w := all(0)
		for i := range w {
			w[i] = rnd.IntN(essay.MaxWeight + 1)
		}
		r := essay.Evaluate(m, w)
		if r.Winner < 0 && !r.NoWeights {
			ties++
		} else if len(vectors) >= n+3 {
			continue // enough at random: looking for ties only
		}
		vectors = append(vectors, w)
	}
	return vectors, ties
}

// TestWeighMatchesGo: web/static/weigh.js, in the browser, says exactly
// what Go says, word for word, for more than 10,000 sets of weights.
func TestWeighMatchesGo(t *testing.T) {
	s := newSite(t, true)
	b := newBrowser(t)
	e := essay.Content()
	m := e.Model
	b.navigate(t, s.URL+e.Path(e.SectionWith(essay.Verdict, "panel")))
	if err := b.waitJS(`typeof window.essayWeigh === "function"`, 5*time.Second); err != nil {
		t.Fatalf("weigh.js does not run: %v", err)
	}
	vectors, ties := weightVectors(m, 10000)
	t.Logf("%d weight vectors, %d of them exact ties", len(vectors), ties)
	const batch = 1000
	wrong := 0
	for start := 0; start < len(vectors); start += batch {
		part := vectors[start:min(start+batch, len(vectors))]
		in, _ := json.Marshal(part)
		var got []weighed
		eval[jsValue](t, b, `JSON.parse(`+jsString(string(in))+`).map((w, i) => essayWeigh(w, i % 2 === 0))`).into(t, &got)
		for i, w := range part {
			want := goWeighed(m, w, i%2 == 0)
			if !reflect.DeepEqual(got[i], want) && wrong < 5 {
				wrong++
				t.Errorf("weights %v:\n  script %+v\n  Go     %+v", w, got[i], want)
			}
		}
	}
	for v := range essay.MaxWeight + 1 {
		if got, want := eval[string](t, b, fmt.Sprintf("essayWeightWords(%d)", v)), essay.WeightWords(v); got != want {
			t.Errorf("weight %d: script %q, Go %q", v, got, want)
		}
	}
}

// weighSnapshot is what the reader sees of the weights on a section's
// page: its text, the chart, the marks, the sliders' words and the links.
const weighSnapshot = `JSON.stringify({
	// The notices aside: the app adds its Install button there. And the
	// settled verdict's announcement (#verdict-said, page.js): said, not
	// seen, 700 ms after the last change, on whichever side of a moment
	// under test that falls.
	text: [...document.getElementById("essay").children].filter(c => !c.matches(".notices, #verdict-said") && c.getClientRects().length).map(c => c.innerText).join("\n"),
	bars: [...document.querySelectorAll(".bars rect.bar")].map(r => r.getAttribute("width") + " " + r.getAttribute("class")),
	label: document.querySelector("svg.bars").getAttribute("aria-label"),
	marks: [...document.querySelectorAll(".mark")].map(m => m.className),
	words: [...document.querySelectorAll("input[data-factor]")].map(i => i.value + " " + i.getAttribute("aria-valuetext")),
	reset: document.querySelector(".verdict .reset").getAttribute("aria-disabled"),
	links: [...document.querySelectorAll("#essay a[href^='/']")].map(a => a.getAttribute("href")).join(" "),
	model: document.getElementById("essay").dataset.verdict + " " + document.getElementById("essay").dataset.verdictText,
})`

// TestSlidersBeforeTheApp: on a phone, with the wasm held back, a slider
// answers its first move within 100 ms; the link's weights show from the
// start; and when the app takes over after those moves, nothing the
// reader sees changes, and nothing shifts.
func TestSlidersBeforeTheApp(t *testing.T) {
	e := essay.Content()
	impact := e.Path(e.SectionWith(essay.Verdict, "panel"))
	for _, tc := range []struct{ name, query string }{
		{"from our reading", ""},
		{"from a link", "?w=" + strings.ReplaceAll(essay.FormatWeights(e.Model, e.Model.AuthorWeights()), "technical9", "technical0")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, true)
			b := newBrowser(t)
			b.run(t, phone(), onNewDocument(clsObserverJS))
			b.navigate(t, s.URL+impact+tc.query)
			if eval[bool](t, b, appRunningJS) {
				t.Fatal("the app runs although the wasm is held back")
			}
			if tc.query != "" && !strings.HasPrefix(eval[string](t, b, `document.querySelector(".indicator").innerText`), "Your verdict") {
				t.Errorf("the link's weights do not show before the app: %q", eval[string](t, b, `document.querySelector(".indicator").innerText`))
			}
			// Timed in the page, from the key to the verdict's new text. On
			// the phone profile (4× slower CPU, slow line), make bench's
			// BenchmarkFirstVisit times the first answer from navigation.
			eval[bool](t, b, `(window.__answer = -1, document.addEventListener("keydown", () => {
				const t0 = performance.now(), v = document.querySelector(".verdict-text");
				new MutationObserver((_, o) => { window.__answer = performance.now() - t0; o.disconnect(); })
					.observe(v, {subtree: true, childList: true, characterData: true});
			}, {capture: true, once: true}), true)`)
			press(t, b, "w-leadership", kb.End)
			if err := b.waitJS(`window.__answer >= 0`, 2*time.Second); err != nil {
				t.Fatalf("the first move was not answered: %v", err)
			}
			if ms := eval[float64](t, b, `window.__answer`); ms > 100 {
				t.Errorf("the first move was answered in %.0f ms, over 100", ms)
			} else {
				t.Logf("the first move was answered in %.1f ms", ms)
			}
			for _, id := range []string{"w-network", "w-promotion"} {
				press(t, b, id, kb.End)
			}
			press(t, b, "w-organisation", kb.Home)
			b.settle(t, 600*time.Millisecond)
			seen := eval[string](t, b, weighSnapshot)
			if !strings.Contains(eval[string](t, b, `location.search`), "leadership10") {
				t.Errorf("the address does not carry the weights: %s", eval[string](t, b, `location.search`))
			}
			s.release()
			b.waitApp(t, 60*time.Second)
			b.settle(t, 500*time.Millisecond)
			if after := eval[string](t, b, weighSnapshot); after != seen {
				var x, y map[string]any
				_ = json.Unmarshal([]byte(seen), &x)
				_ = json.Unmarshal([]byte(after), &y)
				for k := range x {
					if !reflect.DeepEqual(x[k], y[k]) {
						t.Errorf("the takeover changed the %s:\nbefore %v\nafter  %v", k, x[k], y[k])
					}
				}
			}
			if cls := eval[float64](t, b, `window.__e2eCLS`); cls >= 0.01 {
				t.Errorf("CLS %.4f: %s", cls, eval[string](t, b, `JSON.stringify(window.__e2eShifts)`))
			}
		})
	}
}

// TestWeighStandsAsideForTheApp: once the app runs, web/static/weigh.js
// writes nothing, even a draw it scheduled before (its idle warm-up, here
// held back and run late on purpose).
func TestWeighStandsAsideForTheApp(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, onNewDocument(`window.requestIdleCallback = f => { window.__idle = f; return 1; };`))
	e := essay.Content()
	b.navigate(t, s.URL+e.Path(e.SectionWith(essay.Verdict, "panel")))
	b.waitApp(t, 60*time.Second)
	press(t, b, "w-leadership", kb.End)
	if err := b.waitJS(`document.querySelector(".indicator").innerText.startsWith("Your verdict")`, 3*time.Second); err != nil {
		t.Fatalf("the app did not answer the slider: %v", err)
	}
	shown := eval[string](t, b, weighSnapshot)
	if !eval[bool](t, b, `typeof window.__idle === "function" && (window.__idle(), true)`) {
		t.Fatal("weigh.js scheduled no idle draw: the check proves nothing")
	}
	b.settle(t, 600*time.Millisecond)
	if got := eval[string](t, b, weighSnapshot); got != shown {
		t.Errorf("weigh.js wrote into the app's page:\nbefore %s\nafter  %s", shown, got)
	}
}
