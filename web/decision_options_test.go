//go:build !wasm

package web

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestDecisionOptions adds options up to five and removes them down to
// two, by the keyboard: each button is disabled at its limit, every factor
// gets a score for each new option, and the names typed stay with their
// options when one is moved.
func TestDecisionOptions(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "")
	disabled := func(id string) bool {
		return eval[bool](t, b, `document.getElementById(`+jsString(id)+`).disabled`)
	}
	if disabled("add-option") || !disabled("option-1-remove") {
		t.Fatal("with two options: Add must be enabled and Remove disabled")
	}
	for n := 3; n <= essay.MaxOptions; n++ {
		press(t, b, "add-option", kb.Enter)
		if err := b.waitJS(fmt.Sprintf(`document.querySelectorAll(".option-list li").length === %d && document.activeElement.id === "option-%d"`, n, n), 3*time.Second); err != nil {
			t.Fatalf("adding option %d: %v", n, err)
		}
		typeInto(t, b, fmt.Sprintf("option-%d", n), fmt.Sprintf("Choice %d", n))
	}
	if !disabled("add-option") {
		t.Error("with five options, Add is still enabled")
	}
	d := shownDecision(t, b)
	for i, c := range d.Factors {
		if len(c.Scores) != essay.MaxOptions {
			t.Fatalf("factor %d has %d scores for %d options", i+1, len(c.Scores), essay.MaxOptions)
		}
	}
	// Move the last option up: its name and scores go with it.
	press(t, b, "factor-1-score-5", kb.Home)
	press(t, b, "option-5-up", kb.Enter)
	if err := b.waitJS(`document.getElementById("option-4").value === "Choice 5" && document.getElementById("factor-1-score-4").value === "0"`, 3*time.Second); err != nil {
		t.Errorf("moving option 5 up: %v", err)
	}
	for n := essay.MaxOptions; n > essay.MinOptions; n-- {
		press(t, b, "option-1-remove", kb.Enter)
		if err := b.waitJS(fmt.Sprintf(`document.querySelectorAll(".option-list li").length === %d`, n-1), 3*time.Second); err != nil {
			t.Fatalf("removing down to %d: %v", n-1, err)
		}
	}
	if !disabled("option-1-remove") || !disabled("option-2-remove") || disabled("add-option") {
		t.Error("with two options: Remove must be disabled and Add enabled")
	}
	if got := shownDecision(t, b); len(got.Options) != 2 || len(got.Factors[0].Scores) != 2 ||
		got.Options[0] != "Choice 5" || got.Options[1] != "Choice 4" || got.Factors[0].Scores[0] != 0 {
		t.Errorf("after removing down to two, want “Choice 5” (scored 0 on factor 1) and “Choice 4”: %+v", got)
	}
	// Removing the last option or factor takes its Remove button away: the
	// focus goes to the item before it, not to the page's top.
	press(t, b, "add-option", kb.Enter)
	if err := b.waitJS(`document.activeElement.id === "option-3"`, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	press(t, b, "option-3-remove", kb.Enter)
	if err := b.waitJS(`!document.getElementById("option-3") && document.activeElement.id === "option-2"`, 3*time.Second); err != nil {
		t.Errorf("after removing the last option, the focus is on %q", eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`))
	}
	n := len(shownDecision(t, b).Factors)
	press(t, b, fmt.Sprintf("factor-%d-remove", n), kb.Enter)
	if err := b.waitJS(fmt.Sprintf(`!document.getElementById("factor-%d") && document.activeElement.id === "factor-%d-name"`, n, n-1), 3*time.Second); err != nil {
		t.Errorf("after removing the last factor, the focus is on %q", eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`))
	}
	if err := b.waitJS(`new URLSearchParams(location.search).get("d") === localStorage.getItem(`+decisionKeyJS+`)`, 3*time.Second); err != nil {
		t.Error("after removing the last factor, the address does not hold the decision")
	}
}

// TestDecisionLinks: a version-1 link captured before options could be
// added opens with its own names and numbers, and a five-option decision
// goes through its link into a fresh profile whole.
func TestDecisionLinks(t *testing.T) {
	raw, err := os.ReadFile("../essay/testdata/links-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []struct {
		Name, Link string
		Options    []string
	}
	if err := json.Unmarshal(raw, &fixtures); err != nil || len(fixtures) == 0 {
		t.Fatalf("the version-1 fixtures: %v", err)
	}
	s := newSite(t, false)
	for _, f := range fixtures {
		want, err := essay.DecodeDecision(f.Link)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b := newBrowser(t)
		openDecision(t, b, s, "?d="+f.Link)
		if got := shownDecision(t, b); !got.Equal(want) {
			t.Errorf("%s: the version-1 link shows\n%+v\nwant\n%+v", f.Name, got, want)
		}
	}
	five := essay.Decision{Options: []string{"Stay", "Move teams", "Start-up", "Big tech", "Sabbatical"}, Factors: []essay.Criterion{
		{Name: "Growth", Note: "the main thing", Weight: 9, Scores: []int{3, 5, 9, 6, 4}},
		{Name: "Money", Weight: 6, Scores: []int{7, 7, 4, 9, 0}},
	}}
	enc, _ := essay.EncodeDecision(five)
	b := newBrowser(t)
	openDecision(t, b, s, "?d="+enc)
	if got := shownDecision(t, b); !got.Equal(five) {
		t.Errorf("the five-option link shows\n%+v\nwant\n%+v", got, five)
	}
	if got := eval[string](t, b, `document.getElementById("decision-verdict").innerText`); got != essay.DecisionVerdict(five, five.Rank()) {
		t.Errorf("verdict %q, want %q", got, essay.DecisionVerdict(five, five.Rank()))
	}
}

// TestDecisionFragility: the fragility chart and its words follow an edit.
func TestDecisionFragility(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "")
	d := shownDecision(t, b)
	words := `[...document.querySelectorAll("#fragility-words li")].map(li => li.innerText).join("\n")`
	marks := `[...document.querySelectorAll("svg.ranges line.range-now")].map(l => l.getAttribute("x1")).join(",")`
	if got, want := eval[int](t, b, `document.querySelectorAll("#fragility-words li").length`), len(d.Factors); got != want {
		t.Fatalf("%d sentences for %d factors", got, want)
	}
	fr := d.Fragility()
	if got, want := eval[string](t, b, `document.querySelector("#fragility-words li").innerText`), essay.RangeWords(d, 0, fr.Ranges[0]); got != want {
		t.Errorf("the first sentence is %q, want %q", got, want)
	}
	beforeWords, beforeMarks := eval[string](t, b, words), eval[string](t, b, marks)
	press(t, b, "factor-1-weight", kb.Home)
	if err := b.waitJS(words+` !== `+jsString(beforeWords)+` && `+marks+` !== `+jsString(beforeMarks), 3*time.Second); err != nil {
		t.Errorf("the chart and its words did not follow the edit: %v", err)
	}
	after := shownDecision(t, b)
	if got, want := eval[string](t, b, `document.getElementById("fragility-verdict").innerText`), essay.FragilityWords(after.Rank(), after.Fragility()); got != want {
		t.Errorf("the fragility says %q, want %q", got, want)
	}
}

// TestDecisionFreshStarts: "Start from a blank decision" and "Start again
// from the essay's model" each replace the reader's decision only once
// confirmed; Cancel keeps it.
func TestDecisionFreshStarts(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "")
	typeInto(t, b, "option-1", "Mine")
	if err := b.waitJS(`document.getElementById("option-1").value === "Mine"`, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	mine := shownDecision(t, b)
	focused := func() string {
		return eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`)
	}
	press(t, b, "start-blank", kb.Enter)
	// The button pressed gives way to the question: the focus goes to it,
	// and back to the button after Cancel.
	if err := b.waitJS(`!!document.getElementById("cancel-start-again") && document.activeElement.id === "confirm-start-again"`, 3*time.Second); err != nil {
		t.Fatalf("no confirmation asked, or not focused (focus on %q): %v", focused(), err)
	}
	press(t, b, "cancel-start-again", kb.Enter)
	if err := b.waitJS(`!!document.getElementById("start-blank") && document.activeElement.id === "start-blank"`, 3*time.Second); err != nil {
		t.Fatalf("after Cancel, the focus is on %q: %v", focused(), err)
	}
	if got := shownDecision(t, b); !got.Equal(mine) {
		t.Errorf("Cancel changed the decision:\n%+v", got)
	}
	// Escape cancels too, as it would a dialog.
	press(t, b, "start-blank", kb.Enter)
	if err := b.waitJS(`document.activeElement.id === "confirm-start-again"`, 3*time.Second); err != nil {
		t.Fatalf("no confirmation asked, or not focused (focus on %q): %v", focused(), err)
	}
	b.run(t, chromedp.KeyEvent(kb.Escape))
	if err := b.waitJS(`!document.getElementById("confirm-start-again") && document.activeElement.id === "start-blank"`, 3*time.Second); err != nil {
		t.Fatalf("after Escape, the focus is on %q: %v", focused(), err)
	}
	if got := shownDecision(t, b); !got.Equal(mine) {
		t.Errorf("Escape changed the decision:\n%+v", got)
	}
	for _, tc := range []struct {
		button, focus string
		want          essay.Decision
	}{
		{"start-blank", "option-1", essay.BlankDecision()},
		{"start-again", "start-again", essay.NewDecision(essay.Content().Model, essay.Content().Model.AuthorWeights())},
	} {
		press(t, b, tc.button, kb.Enter)
		if err := b.waitJS(`document.activeElement.id === "confirm-start-again"`, 3*time.Second); err != nil {
			t.Fatalf("%s: no confirmation asked, or not focused (focus on %q): %v", tc.button, focused(), err)
		}
		press(t, b, "confirm-start-again", kb.Enter)
		if err := b.waitJS(fmt.Sprintf(`document.querySelectorAll("li.criterion").length === %d`, len(tc.want.Factors)), 3*time.Second); err != nil {
			t.Fatalf("%s: %v", tc.button, err)
		}
		if got := shownDecision(t, b); !got.Equal(tc.want) {
			t.Errorf("%s: the page shows\n%+v\nwant\n%+v", tc.button, got, tc.want)
		}
		if saved, _ := savedDecision(t, b); !saved.Equal(tc.want) {
			t.Errorf("%s: saved\n%+v", tc.button, saved)
		}
		if err := b.waitJS(`document.activeElement.id === `+jsString(tc.focus), 3*time.Second); err != nil {
			t.Errorf("%s: after confirming, the focus is on %q, want %q", tc.button, focused(), tc.focus)
		}
		// The address follows: a reload, or the link copied from the
		// address bar, brings this decision, not the one it replaced.
		enc, _ := essay.EncodeDecision(tc.want)
		if err := b.waitJS(`new URLSearchParams(location.search).get("d") === `+jsString(enc), 3*time.Second); err != nil {
			t.Errorf("%s: the address still holds %q", tc.button, linkDecision(t, b))
		}
	}
}

// TestDecisionMatrix: on a wide screen the numbers are a table, edited
// with the keyboard alone: the arrow keys move a number, Tab goes to the
// next cell; the stacked form, the result and the chart follow, as views
// of one decision. On a phone the table is not shown.
func TestDecisionMatrix(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, chromedp.EmulateViewport(1280, 900))
	openDecision(t, b, s, "")
	visible := func(sel string) bool {
		return eval[bool](t, b, `(() => { const el = document.querySelector(`+jsString(sel)+`); return !!el && el.getClientRects().length > 0; })()`)
	}
	if !visible("#matrix") || visible("#factor-1-weight") {
		t.Fatal("on a wide screen the table must show, and the stacked sliders not")
	}
	d := shownDecision(t, b)
	if got, want := eval[int](t, b, `document.querySelectorAll("#matrix tbody tr").length`), len(d.Factors); got != want {
		t.Fatalf("%d rows for %d factors", got, want)
	}
	if n := eval[int](t, b, `[...document.querySelectorAll("#matrix input")].filter(i => !i.getAttribute("aria-label")).length`); n != 0 {
		t.Errorf("%d cells without a label", n)
	}
	verdict := eval[string](t, b, `document.getElementById("decision-verdict").innerText`)
	words := eval[string](t, b, `document.getElementById("fragility-words").innerText`)
	w := d.Factors[0].Weight
	press(t, b, "m-1-weight", kb.Home)
	for range 3 {
		b.run(t, chromedp.KeyEvent(kb.ArrowDown))
	}
	want := max(w-3, 0)
	if err := b.waitJS(fmt.Sprintf(`document.getElementById("factor-1-weight").value === "%d" && document.getElementById("m-1-weight").value === "%d"`, want, want), 3*time.Second); err != nil {
		t.Errorf("three ArrowDown from %d: %v (table %s, form %s)", w, err,
			eval[string](t, b, `document.getElementById("m-1-weight").value`), eval[string](t, b, `document.getElementById("factor-1-weight").value`))
	}
	b.run(t, chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, b, `document.activeElement.id`); got != "m-1-1" {
		t.Errorf("Tab goes to %q, want the next cell m-1-1", got)
	}
	for range 10 {
		b.run(t, chromedp.KeyEvent(kb.ArrowUp))
	}
	if err := b.waitJS(`document.getElementById("factor-1-score-1").value === "10"`, 3*time.Second); err != nil {
		t.Errorf("ArrowUp to the top: %v", err)
	}
	after := shownDecision(t, b)
	if got := eval[string](t, b, `document.getElementById("decision-verdict").innerText`); got != essay.DecisionVerdict(after, after.Rank()) {
		t.Errorf("the verdict %q does not follow the table", got)
	}
	if eval[string](t, b, `document.getElementById("fragility-words").innerText`) == words && eval[string](t, b, `document.getElementById("decision-verdict").innerText`) == verdict {
		t.Error("neither the result nor the chart followed the table's edits")
	}
	// Typed by hand: retyping a cell saves no 0 on the way, a decimal is
	// rounded, a number past the scale is clamped, and the cell then shows
	// the number kept.
	for _, tc := range []struct {
		typed string
		want  int
	}{{"7.5", 8}, {"100", 10}, {"", 10}} {
		eval[bool](t, b, `(() => { const el = document.getElementById("m-2-weight"); el.focus(); el.select(); return true; })()`)
		b.run(t, chromedp.KeyEvent(kb.Delete))
		for _, r := range tc.typed {
			b.run(t, chromedp.KeyEvent(string(r)))
			b.settle(t, 30*time.Millisecond)
			if got := shownDecision(t, b).Factors[1].Weight; got == 0 {
				t.Errorf("typing %q: the weight became 0 on the way", tc.typed)
			}
		}
		b.run(t, chromedp.KeyEvent(kb.Tab))
		if err := b.waitJS(fmt.Sprintf(`document.getElementById("m-2-weight").value === "%d" && document.getElementById("factor-2-weight").value === "%d"`, tc.want, tc.want), 3*time.Second); err != nil {
			t.Errorf("typed %q: the cell shows %q, the decision %d; want %d", tc.typed,
				eval[string](t, b, `document.getElementById("m-2-weight").value`), shownDecision(t, b).Factors[1].Weight, tc.want)
		}
	}
	b.run(t, phone())
	b.settle(t, 200*time.Millisecond)
	if visible("#matrix") || !visible("#factor-1-weight") {
		t.Error("on a phone the stacked form must show, and the table not")
	}
}
