//go:build !wasm

package web

import (
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// secondTab opens url in another tab of b's browser (the same storage),
// and waits for the app.
func secondTab(t *testing.T, b *browser, url string) *browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	tab := &browser{ctx: ctx}
	tab.navigate(t, url)
	tab.waitApp(t, 60*time.Second)
	return tab
}

// TestTwoTabsDecision: tab B, opened before tab A renames an option, moves
// a slider: A's newer decision is never overwritten, and a third tab shows
// A's name.
func TestTwoTabsDecision(t *testing.T) {
	s := newSite(t, false)
	a := newBrowser(t)
	openDecision(t, a, s, "")
	typeInto(t, a, "option-2", "First")
	if err := a.waitJS(`(localStorage.getItem(`+decisionKeyJS+`) || "").length > 0`, 3*time.Second); err != nil {
		t.Fatal("the decision was not saved")
	}
	b := secondTab(t, a, s.URL+essay.DecisionPath)
	typeInto(t, a, "option-1", "Renamed in A")
	if err := a.waitJS(`document.getElementById("option-1").value === "Renamed in A"`, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	press(t, b, "factor-1-weight", kb.Home)
	b.settle(t, 300*time.Millisecond)
	saved, _ := savedDecision(t, a)
	if saved.Options[0] != "Renamed in A" {
		t.Errorf("the stale tab overwrote the newer decision: option 1 is %q", saved.Options[0])
	}
	// B follows A's decision, or asks.
	shows := eval[string](t, b, `document.getElementById("option-1").value`)
	asks := eval[bool](t, b, `!!document.getElementById("use-shared")`)
	if shows != "Renamed in A" && !asks {
		t.Errorf("the stale tab shows %q and asks nothing", shows)
	}
	c := secondTab(t, a, s.URL+essay.DecisionPath)
	if got := eval[string](t, c, `document.getElementById("option-1").value`); got != "Renamed in A" {
		t.Errorf("a new tab shows option 1 as %q", got)
	}
}

// TestTwoTabsWeights: both tabs move a slider; the weights saved have both
// moves, and each tab ends showing them.
func TestTwoTabsWeights(t *testing.T) {
	s := newSite(t, false)
	a := newBrowser(t)
	a.navigate(t, s.URL+"/all")
	a.waitApp(t, 60*time.Second)
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
