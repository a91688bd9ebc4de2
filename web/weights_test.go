//go:build !wasm

package web

import (
	"fmt"
	"github.com/chromedp/cdproto/emulation"
	"net/url"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// verdictText is the verdict panel's live sentence.
const verdictText = `document.querySelector(".verdict-text").innerText`

// barWidths are the widths of the two options' bars in the chart.
const barWidths = `[...document.querySelectorAll(".bars rect.bar")].map(r => r.getAttribute("width")).join(",")`

// sliderValue returns a factor's slider value as the page shows it.
func sliderValue(t *testing.T, b *browser, id string) string {
	t.Helper()
	return eval[string](t, b, fmt.Sprintf(`document.getElementById("w-%s").value`, id))
}

// TestSliderKeyboard moves sliders with the keyboard only: the value in
// words, the live sentence, the verdict and the chart follow, and the
// address bar carries the weights.
func TestSliderKeyboard(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.navigate(t, s.URL+"/all")
	b.waitApp(t, 60*time.Second)

	before, bars := eval[string](t, b, verdictText), eval[string](t, b, barWidths)
	balance := eval[string](t, b, `document.querySelector(".balance-text").innerText`)
	press(t, b, "w-promotion", kb.End)
	if got := sliderValue(t, b, "promotion"); got != "10" {
		t.Fatalf("End put the slider at %s, want 10", got)
	}
	if err := b.waitJS(fmt.Sprintf(`%s !== %q`, verdictText, before), 2*time.Second); err != nil {
		t.Errorf("the verdict did not change: %v", err)
	}
	if got := eval[string](t, b, barWidths); got == bars {
		t.Errorf("the chart did not change (%s)", got)
	}
	if got := eval[string](t, b, `document.querySelector(".balance-text").innerText`); got == balance {
		t.Error("the sentence in the prose did not change")
	}
	if got, want := eval[string](t, b, `document.getElementById("w-promotion").getAttribute("aria-valuetext")`), "10 of 10: matters most"; got != want {
		t.Errorf("aria-valuetext %q, want %q", got, want)
	}
	if err := b.waitJS(`new URLSearchParams(location.search).get("w").includes("promotion10")`, 3*time.Second); err != nil {
		t.Errorf("the address bar does not carry the weights: %v", err)
	}
	if got := eval[int](t, b, `history.length`); got > 2 {
		t.Errorf("history has %d entries: slider moves must not add any", got)
	}

	// Every reason to leave down to nothing, by keyboard: the verdict
	// turns to staying, and is announced in a live region.
	for _, f := range []string{"technical", "ownership", "pace", "environment", "tooling"} {
		press(t, b, "w-"+f, kb.Home)
	}
	m := essay.Content().Model
	if err := b.waitJS(fmt.Sprintf(`%s.startsWith(%q)`, verdictText, "“"+m.Options[0].Name+"”"), 2*time.Second); err != nil {
		t.Errorf("with every reason to leave at 0 the verdict is %q", eval[string](t, b, verdictText))
	}
	if err := b.waitJS(`document.getElementById("verdict-said").textContent === `+verdictText, 3*time.Second); err != nil {
		t.Errorf("the verdict is not announced: %v", err)
	}
	// Reset, by keyboard, brings our reading back, and keeps the focus:
	// with nothing left to reset the button is marked unavailable, not
	// disabled (which would send the focus to the page's top).
	press(t, b, "reset-weights", kb.Enter)
	if err := b.waitJS(fmt.Sprintf(`%s === %q`, verdictText, before), 2*time.Second); err != nil {
		t.Errorf("reset did not restore the author's verdict: %q", eval[string](t, b, verdictText))
	}
	if err := b.waitJS(`document.activeElement.id === "reset-weights" && document.activeElement.getAttribute("aria-disabled") === "true"`, 2*time.Second); err != nil {
		t.Errorf("after reset, the focus is on %q", eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`))
	}
	if got := sliderValue(t, b, "promotion"); got != fmt.Sprint(m.Factors[m.Factor("promotion")].Weight) {
		t.Errorf("after reset the slider is at %s", got)
	}
}

// TestWeightsLinkAndStorage: a link reproduces the weights in a fresh
// browser, every section link carries them, and a return visit resumes them
// from storage.
func TestWeightsLinkAndStorage(t *testing.T) {
	s := newSite(t, false)
	b := openApp(t, s, "/pace")
	press(t, b, "w-pace", kb.Home)
	if err := b.waitJS(`(new URLSearchParams(location.search).get("w") || "").includes("pace0")`, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	link := eval[string](t, b, `location.href`)
	verdict := eval[string](t, b, `document.querySelector(".indicator").innerText`)
	if got := eval[int](t, b, `[...document.querySelectorAll("nav#contents a, nav.pager a")].filter(a => !a.search.includes("pace0")).length`); got != 0 {
		t.Errorf("%d section links do not carry the weights", got)
	}

	fresh := newBrowser(t)
	fresh.navigate(t, link)
	fresh.waitApp(t, 60*time.Second)
	if got := sliderValue(t, fresh, "pace"); got != "0" {
		t.Errorf("the link opened in a fresh browser shows pace at %s, want 0", got)
	}
	if got := eval[string](t, fresh, `document.querySelector(".indicator").innerText`); got != verdict {
		t.Errorf("the link's verdict is %q, want %q", got, verdict)
	}

	// The first browser comes back without the link: storage has them.
	b.navigate(t, s.URL+"/pace")
	b.waitApp(t, 60*time.Second)
	if got := sliderValue(t, b, "pace"); got != "0" {
		t.Errorf("a return visit shows pace at %s, want 0 (from storage)", got)
	}
}

// TestTamperedLinks opens links with broken weights: each shows a notice
// and a working page with the rest of the weights, and nothing injected.
func TestTamperedLinks(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	for _, tc := range []struct {
		name, w string
		pace    string // the pace slider's expected value
	}{
		{"NUL", "%00", "8"},
		{"NaN", "paceNaN", "8"},
		{"Inf", "paceInf", "8"},
		{"exponent", "pace1e400", "8"},
		{"negative", "pace-1", "8"},
		{"too large", "pace99", "10"},
		{"unknown key", "risk5_pace3", "3"},
		{"markup", url.QueryEscape(`"><img src=x onerror=window.__pwned=1>`), "8"},
		{"10 KB", strings.Repeat("pace3_", 1700), "3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Each link on its own: nothing saved from the case before.
			b.navigate(t, s.URL+"/offline")
			eval[bool](t, b, `(localStorage.clear(), true)`)
			b.navigate(t, s.URL+"/pace?w="+tc.w)
			b.waitApp(t, 60*time.Second)
			if err := b.waitJS(`!!document.querySelector(".notice.message")`, 3*time.Second); err != nil {
				t.Errorf("no notice: %v", err)
			}
			if got := sliderValue(t, b, "pace"); got != tc.pace {
				t.Errorf("pace at %s, want %s", got, tc.pace)
			}
			if eval[bool](t, b, `!!window.__pwned || !!document.querySelector('img[src="x"], img[onerror]')`) {
				t.Error("markup from the link got into the page")
			}
			if got := eval[int](t, b, `document.querySelector("main").innerText.length`); got < 200 {
				t.Errorf("a nearly blank page: %d characters", got)
			}
			press(t, b, "w-pace", kb.ArrowLeft) // the page still works
			if got := sliderValue(t, b, "pace"); got == tc.pace && tc.pace != "0" {
				t.Errorf("the slider does not move after a tampered link")
			}
		})
	}
}

// TestNoticeDismissKeepsFocus: dismissing a notice with the keyboard puts
// the focus back where the reader was, or on the text, never on <body>
// (where a screen reader starts again from the page's top).
func TestNoticeDismissKeepsFocus(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	// A headless tab has no focused window, so it fires no focus events
	// unless told to act as a focused one, as a reader's is.
	b.run(t, emulation.SetFocusEmulationEnabled(true))
	for _, tc := range []struct{ name, before, want string }{
		{"from a slider", `document.getElementById("w-pace").focus()`, "w-pace"},
		{"from nowhere", `document.activeElement.blur()`, "main"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b.navigate(t, s.URL+"/pace?w=paceNaN")
			b.waitApp(t, 60*time.Second)
			if err := b.waitJS(`!!document.querySelector(".notice.message .dismiss")`, 3*time.Second); err != nil {
				t.Fatalf("no notice: %v", err)
			}
			eval[bool](t, b, `(`+tc.before+`, document.querySelector(".notice.message .dismiss").focus(), true)`)
			b.run(t, chromedp.KeyEvent(kb.Enter))
			if err := b.waitJS(`!document.querySelector(".notice.message")`, 3*time.Second); err != nil {
				t.Fatalf("Enter did not dismiss the notice: %v", err)
			}
			b.settle(t, 50*time.Millisecond)
			if got := eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`); got != tc.want {
				t.Errorf("after Dismiss the focus is on %q, want %q", got, tc.want)
			}
		})
	}
}

// TestThrowingStorage: a localStorage getter that throws leaves a working
// page, with a notice.
func TestThrowingStorage(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, onNewDocument(throwingStorageJS))
	b.navigate(t, s.URL+"/pace")
	b.waitApp(t, 60*time.Second)
	if err := b.waitJS(`!!document.querySelector(".notice.message")`, 3*time.Second); err != nil {
		t.Errorf("no notice about storage: %v", err)
	}
	press(t, b, "w-pace", kb.Home)
	if got := sliderValue(t, b, "pace"); got != "0" {
		t.Fatalf("pace at %s after Home", got)
	}
	if err := b.waitJS(`document.querySelector(".indicator").innerText.includes("by")`, 2*time.Second); err != nil {
		t.Error("the verdict does not work without storage")
	}
}

// TestPrerenderedVerdict: without the app the page shows the sliders at
// our reading of the author's weights and the author's verdict.
func TestPrerenderedVerdict(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	e := essay.Content()
	i := e.SectionWith(essay.Verdict, "panel")
	b.navigate(t, s.URL+e.Path(i)+"?wasm=false")
	m := e.Model
	for _, f := range m.Factors {
		if f.Section != e.Sections[i].Slug {
			continue
		}
		if got := sliderValue(t, b, f.ID); got != fmt.Sprint(f.Weight) {
			t.Errorf("%s at %s, want our reading %d", f.ID, got, f.Weight)
		}
	}
	want := m.Options[essay.Evaluate(m, m.AuthorWeights()).Winner].Name
	if got := eval[string](t, b, verdictText); !strings.HasPrefix(got, "“"+want+"”") {
		t.Errorf("verdict %q, want the author's (%s)", got, want)
	}
	if eval[bool](t, b, appRunningJS) {
		t.Error("the app runs with ?wasm=false")
	}
}

// TestSliderBeforeTakeover: a slider moved while the app is still loading
// keeps its value when the app takes over.
func TestSliderBeforeTakeover(t *testing.T) {
	s := newSite(t, true)
	b := newBrowser(t)
	b.navigate(t, s.URL+"/pace")
	if eval[bool](t, b, appRunningJS) {
		t.Fatal("the app runs although the wasm is held back")
	}
	press(t, b, "w-pace", kb.Home)
	if got := sliderValue(t, b, "pace"); got != "0" {
		t.Fatalf("pace at %s before the takeover", got)
	}
	eval[bool](t, b, `(document.getElementById("essay").__prerendered = true)`)
	s.release()
	b.waitApp(t, 60*time.Second)
	// Adopted, not replaced (go-app patch 0004): the slider's value is
	// now the one the app set from its own state.
	if !eval[bool](t, b, `document.getElementById("essay").__prerendered === true`) {
		t.Error("the app painted the page anew instead of adopting it")
	}
	if got := sliderValue(t, b, "pace"); got != "0" {
		t.Errorf("after the takeover pace is at %s, want the reader's 0", got)
	}
	if err := b.waitJS(`(new URLSearchParams(location.search).get("w") || "").includes("pace0") || document.querySelector(".indicator").innerText !== ""`, 3*time.Second); err != nil {
		t.Error(err)
	}
}

// TestTakeoverWithWeightsNoShift: a link's weights show from the first
// paint (web/static/weigh.js), and when the app takes over nothing
// changes and nothing moves.
func TestTakeoverWithWeightsNoShift(t *testing.T) {
	e := essay.Content()
	i := e.SectionWith(essay.Verdict, "panel")
	// Weights far from ours: every reason to leave at 0, so the verdict,
	// the margin and the balance sentence all change.
	w := e.Model.AuthorWeights()
	for j, f := range e.Model.Factors {
		if f.Scores[1] > f.Scores[0] {
			w[j] = 0
		}
	}
	for _, width := range []int{320, 390, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			s := newSite(t, true)
			b := newBrowser(t)
			b.run(t,
				chromedp.EmulateViewport(int64(width), 800),
				onNewDocument(clsObserverJS),
			)
			b.navigate(t, s.URL+e.Path(i)+"?w="+essay.FormatWeights(e.Model, w))
			b.settle(t, 100*time.Millisecond)
			// The reader looks at the verdict, below the live sentence.
			eval[bool](t, b, `(document.querySelector(".verdict").scrollIntoView({block: "center", behavior: "instant"}), true)`)
			b.settle(t, 100*time.Millisecond)
			before := eval[float64](t, b, `document.querySelector(".verdict .reset").getBoundingClientRect().top`)
			text := eval[string](t, b, verdictText)
			s.release()
			b.waitApp(t, 60*time.Second)
			b.settle(t, 300*time.Millisecond)
			// web/static/weigh.js shows the link's weights before the app.
			m := e.Model
			if want := essay.VerdictWords(m, essay.Evaluate(m, w)); text != want || text == essay.VerdictWords(m, essay.Evaluate(m, m.AuthorWeights())) {
				t.Fatalf("before the app the verdict is %q, want the reader's %q (unlike the author's)", text, want)
			}
			if got := eval[string](t, b, verdictText); got != text {
				t.Errorf("the takeover changed the verdict from %q to %q", text, got)
			}
			if got := eval[float64](t, b, `document.querySelector(".verdict .reset").getBoundingClientRect().top`); got < before-1 || got > before+1 {
				t.Errorf("the verdict panel's button moved from %.0f to %.0f", before, got)
			}
			if cls := eval[float64](t, b, `window.__e2eCLS`); cls >= 0.01 {
				t.Errorf("CLS %.4f through the takeover: %s", cls, eval[string](t, b, `JSON.stringify(window.__e2eShifts)`))
			}
		})
	}
}

// TestCorruptStorage: saved weights that cannot be read are left out with
// a notice; what can be read is used.
func TestCorruptStorage(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.navigate(t, s.URL+"/offline")
	eval[bool](t, b, `(localStorage.setItem("leaving-amazon:weights", "pace2_\u0000garbage_<b>x</b>_ownership1e9"), true)`)
	b.navigate(t, s.URL+"/pace")
	b.waitApp(t, 60*time.Second)
	if err := b.waitJS(`!!document.querySelector(".notice.message")`, 3*time.Second); err != nil {
		t.Errorf("no notice about the saved weights: %v", err)
	}
	if got := sliderValue(t, b, "pace"); got != "2" {
		t.Errorf("pace at %s, want the readable saved 2", got)
	}
}

// TestTwoTabsWeights: both tabs move a slider; the weights saved have both
// moves, and each tab ends showing them.
func TestTwoTabsWeights(t *testing.T) {
	s := newSite(t, false)
	a := openApp(t, s, "/all")
	b := secondTab(t, a, s.URL+"/all")
	press(t, a, "w-pace", kb.Home)
	if err := a.waitJS(`(localStorage.getItem("leaving-amazon:weights") || "").includes("pace0")`, 3*time.Second); err != nil {
		t.Fatal("tab A's move was not saved")
	}
	press(t, b, "w-ownership", kb.End)
	b.settle(t, 300*time.Millisecond)
	if saved := eval[string](t, a, `localStorage.getItem("leaving-amazon:weights")`); !strings.Contains(saved, "pace0") || !strings.Contains(saved, "ownership10") {
		t.Errorf("saved weights %q: want tab A's pace0 and tab B's ownership10", saved)
	}
	for name, tab := range map[string]*browser{"A": a, "B": b} {
		if err := tab.waitJS(`document.getElementById("w-pace").value === "0" && document.getElementById("w-ownership").value === "10"`, 3*time.Second); err != nil {
			t.Errorf("tab %s does not show both moves", name)
		}
	}
}
