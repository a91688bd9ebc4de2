//go:build !wasm

package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axNode is what a screen reader is told of one node of the page.
type axNode struct {
	Role, Name, Value string
	Props             map[string]string
}

// rawAXNode is a node of Accessibility.getFullAXTree, read leniently:
// cdproto's own types refuse property names newer than themselves.
type rawAXNode struct {
	NodeID     string    `json:"nodeId"`
	Ignored    bool      `json:"ignored"`
	Role       *rawValue `json:"role"`
	Name       *rawValue `json:"name"`
	Value      *rawValue `json:"value"`
	ChildIDs   []string  `json:"childIds"`
	Properties []struct {
		Name  string    `json:"name"`
		Value *rawValue `json:"value"`
	} `json:"properties"`
}

type rawValue struct {
	Value json.RawMessage `json:"value"`
}

func (v *rawValue) String() string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var s any
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return string(v.Value)
	}
	return strings.TrimSpace(fmt.Sprint(s))
}

// axTree returns the page's accessibility tree as Chromium gives it to
// screen readers, in document order, without the ignored nodes.
func axTree(t *testing.T, b *browser) []axNode {
	t.Helper()
	var res struct {
		Nodes []*rawAXNode `json:"nodes"`
	}
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		if err := cdp.Execute(ctx, "Accessibility.enable", nil, nil); err != nil {
			return err
		}
		return cdp.Execute(ctx, "Accessibility.getFullAXTree", nil, &res)
	}))
	if len(res.Nodes) == 0 {
		t.Fatal("an empty accessibility tree")
	}
	byID := map[string]*rawAXNode{}
	for _, n := range res.Nodes {
		byID[n.NodeID] = n
	}
	var out []axNode
	var walk func(n *rawAXNode)
	walk = func(n *rawAXNode) {
		if !n.Ignored {
			a := axNode{Role: n.Role.String(), Name: n.Name.String(), Value: n.Value.String(), Props: map[string]string{}}
			for _, p := range n.Properties {
				a.Props[p.Name] = p.Value.String()
			}
			out = append(out, a)
		}
		for _, id := range n.ChildIDs {
			if c := byID[id]; c != nil {
				walk(c)
			}
		}
	}
	walk(res.Nodes[0])
	return out
}

// TestScreenReaderPath: what a screen reader meets, read from Chromium's
// accessibility tree, before the app and once it runs: every slider named
// and valued in words, headings in order, a skip link that lands on the
// text, and a verdict announced once per settled change.
func TestScreenReaderPath(t *testing.T) {
	e := essay.Content()
	impact := e.Path(e.SectionWith(essay.Verdict, "panel"))
	for _, running := range []bool{false, true} {
		t.Run(fmt.Sprintf("app running %v", running), func(t *testing.T) {
			s := newSite(t, !running)
			b := newBrowser(t)
			for _, p := range []string{"/", impact, "/all", essay.DecisionPath} {
				b.navigate(t, s.URL+p)
				if running {
					b.waitApp(t, 60*time.Second)
				}
				tree := axTree(t, b)
				checkSliders(t, b, p, e, tree)
				checkHeadings(t, p, tree)
				checkSkipLink(t, b, p)
			}
			b.navigate(t, s.URL+impact)
			if running {
				b.waitApp(t, 60*time.Second)
			}
			checkAnnouncedOnce(t, b)
		})
	}
}

// checkSliders: every slider has a name of its own (a section's, its
// factor's) and its value in words ("9 of 10: …"), not a bare number.
//
// Chromium's DevTools tree reports a slider's valuetext as its bare number
// even where aria-valuetext is set (Chromium 156, even on a minimal page),
// although screen readers are given aria-valuetext; the words are then
// checked on the element itself, and here first whenever Chromium gives
// them.
func checkSliders(t *testing.T, b *browser, page string, e *essay.Essay, tree []axNode) {
	t.Helper()
	factors := map[string]bool{}
	for _, f := range e.Model.Factors {
		factors[f.Name] = true
	}
	seen := map[string]bool{}
	n := 0
	for _, a := range tree {
		if a.Role != "slider" {
			continue
		}
		n++
		if a.Name == "" || seen[a.Name] {
			t.Errorf("%s: a slider named %q, not a name of its own", page, a.Name)
		}
		seen[a.Name] = true
		if page != essay.DecisionPath && !factors[a.Name] {
			t.Errorf("%s: a slider named %q, not after its factor", page, a.Name)
		}
		if v := a.Props["valuetext"]; !strings.Contains(v, " of 10") && v != a.Value {
			t.Errorf("%s: slider %q says its value %q as %q", page, a.Name, a.Value, v)
		}
	}
	if page != "/" && n == 0 {
		t.Errorf("%s: no slider in the accessibility tree", page)
	}
	wrong := eval[[]string](t, b, `[...document.querySelectorAll('input[type="range"]')].filter(el =>
		!new RegExp("^" + el.value + " of 10").test(el.getAttribute("aria-valuetext") || "")).map(el => el.id)`)
	if got := eval[int](t, b, `document.querySelectorAll('input[type="range"]').length`); got != n || len(wrong) > 0 {
		t.Errorf("%s: %d range inputs for %d sliders in the tree; without their value in words: %v", page, got, n, wrong)
	}
}

// checkHeadings: one h1, first, and no level skipped on the way down.
func checkHeadings(t *testing.T, page string, tree []axNode) {
	t.Helper()
	prev := 0
	var seen []string
	for _, a := range tree {
		if a.Role != "heading" {
			continue
		}
		var level int
		fmt.Sscan(a.Props["level"], &level)
		seen = append(seen, fmt.Sprintf("h%d %s", level, a.Name))
		if (prev == 0 && level != 1) || (prev > 0 && level == 1) || level > prev+1 {
			t.Errorf("%s: headings out of order:\n  %s", page, strings.Join(seen, "\n  "))
			return
		}
		prev = level
	}
	if prev == 0 {
		t.Errorf("%s: no heading", page)
	}
}

// checkSkipLink: the first Tab reaches "Skip to the text", and Enter on
// it puts the focus on the main text.
func checkSkipLink(t *testing.T, b *browser, page string) {
	t.Helper()
	eval[bool](t, b, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	b.run(t, chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, b, `document.activeElement.textContent`); got != "Skip to the text" {
		t.Errorf("%s: the first Tab reaches %q, not the skip link", page, got)
		return
	}
	b.run(t, chromedp.KeyEvent(kb.Enter))
	if err := b.waitJS(`document.activeElement && document.activeElement.id === "main"`, 2*time.Second); err != nil {
		t.Errorf("%s: the skip link does not land on the text (focus on %s)", page,
			eval[string](t, b, `document.activeElement.tagName + "#" + document.activeElement.id`))
	}
}

// checkAnnouncedOnce moves a slider five steps in quick succession: the
// live region says the verdict once, when the moves have settled, and no
// other live region repeats it; before the app (web/static/weigh.js
// answers) as after.
func checkAnnouncedOnce(t *testing.T, b *browser) {
	t.Helper()
	// Every other live region (an output is a status region unless told
	// otherwise) that changes with the steps would say each one; the
	// notices about the app itself come when they will.
	eval[bool](t, b, `(window.__said = [], window.__chatty = [], new MutationObserver((records) => {
		const r = document.getElementById("verdict-said");
		if (r && r.textContent && records.some(m => r.contains(m.target))) window.__said.push(r.textContent);
		const live = '[aria-live]:not([aria-live="off"]), [role=status]:not([aria-live="off"]), [role=alert], [role=log], output:not([aria-live="off"])';
		for (const m of records) {
			const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
			const region = el && el.closest(live);
			if (region && region.id !== "verdict-said" && !region.closest(".notices")) window.__chatty.push(region.outerHTML.slice(0, 80));
		}
	}).observe(document.body, {subtree: true, childList: true, characterData: true}), true)`)
	before := eval[string](t, b, verdictText)
	for range 5 {
		press(t, b, "w-leadership", kb.ArrowRight)
		b.settle(t, 60*time.Millisecond)
	}
	if err := b.waitJS(`window.__said.length > 0`, 10*time.Second); err != nil {
		t.Fatalf("the verdict was never announced: %v", err)
	}
	b.settle(t, 1500*time.Millisecond)
	said := eval[[]string](t, b, `window.__said`)
	now := eval[string](t, b, verdictText)
	if now == before {
		t.Fatalf("five steps did not change the verdict (%q): the check proves nothing", now)
	}
	if len(said) != 1 || said[0] != now {
		t.Errorf("announced %q, want once the settled verdict %q", said, now)
	}
	if chatty := eval[[]string](t, b, `window.__chatty`); len(chatty) > 0 {
		t.Errorf("%d changes of other live regions, each said at once: %q", len(chatty), chatty)
	}
	for _, a := range axTree(t, b) {
		if a.Props["live"] != "" && a.Role != "status" && !strings.Contains(a.Props["live"], "off") {
			if strings.Contains(a.Name, now) {
				t.Errorf("another live region (%s %q) repeats the verdict", a.Role, a.Name)
			}
		}
	}
}
