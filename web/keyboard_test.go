//go:build !wasm

package web

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// hiddenShareJS is the share of the focused control's box, sampled on a
// 7×5 grid, that is under something else (or off the window), and what
// covers it.
const hiddenShareJS = `(() => { const el = document.activeElement, r = el.getBoundingClientRect(); let hid = 0, n = 0; const by = new Set();
	for (let i = 0; i < 7; i++) for (let j = 0; j < 5; j++) { n++;
		const x = r.left + r.width * (i + 0.5) / 7, y = r.top + r.height * (j + 0.5) / 5;
		const at = (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) ? null : document.elementFromPoint(x, y);
		if (!at || !(at === el || el.contains(at))) { hid++; by.add(at ? at.tagName + "." + at.className : "off the window"); } }
	return {id: el.id || el.tagName + " " + (el.getAttribute("aria-label") || el.textContent).trim().slice(0, 30), share: hid / n, by: [...by].join(", ")}; })()`

// scrollSettledJS waits until the page has stopped scrolling (html scrolls
// smoothly).
const scrollSettledJS = `new Promise(res => { let last = "", same = 0; const tick = () => {
	const y = scrollX + "," + scrollY; if (y === last) { if (++same > 6) return res(true); } else { same = 0; last = y; }
	requestAnimationFrame(tick); }; requestAnimationFrame(tick); })`

// TestFocusNotObscured tabs through every stop of the pages where
// something covers the window's bottom (the decision's verdict bar, a
// notice, the Install button), at desktop and phone sizes: no focused
// control may be hidden under it, even in part (WCAG 2.4.11 asks for not
// entirely; a reader needs to see what they type into).
func TestFocusNotObscured(t *testing.T) {
	s := newSite(t, false)
	for _, tc := range []struct {
		name, path string
		phone      bool
	}{
		{"decision, desktop", "/your-decision", false},
		{"decision, phone", "/your-decision", true},
		{"a notice, phone", "/pace?w=paceNaN", true},
		{"a section, phone", "/impact", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t)
			b.run(t, emulation.SetFocusEmulationEnabled(true))
			if tc.phone {
				b.run(t, phone())
			} else {
				b.run(t, chromedp.EmulateViewport(1280, 800))
			}
			b.navigate(t, s.URL+tc.path)
			b.waitApp(t, 60*time.Second)
			b.settle(t, 300*time.Millisecond)
			eval[bool](t, b, `(window.scrollTo(0, 0), window.__seen = new Set(), true)`)
			stops := 0
			for range 300 {
				b.run(t, chromedp.KeyEvent(kb.Tab))
				if eval[bool](t, b, `(() => { const a = document.activeElement;
					if (a === document.body || __seen.has(a)) return true; __seen.add(a); return false; })()`) {
					break
				}
				stops++
				eval[bool](t, b, scrollSettledJS)
				if eval[bool](t, b, `!!document.activeElement.closest(".notices")`) {
					continue // the covering things themselves
				}
				var got struct {
					ID    string  `json:"id"`
					Share float64 `json:"share"`
					By    string  `json:"by"`
				}
				jsValue(eval[jsValue](t, b, hiddenShareJS)).into(t, &got)
				if got.Share > 0 {
					t.Log(eval[string](t, b, `(() => { const a = document.activeElement.getBoundingClientRect(); const n = [...document.querySelectorAll(".notices > *, .notice-live > *, .decision-bar")].map(e => e.className + ":" + Math.round(e.getBoundingClientRect().top) + "-" + Math.round(e.getBoundingClientRect().bottom)).join(" "); return "el " + Math.round(a.top) + "-" + Math.round(a.bottom) + " ih " + innerHeight + " cover " + document.documentElement.style.getPropertyValue("--cover-bottom") + " spb " + getComputedStyle(document.documentElement).scrollPaddingBottom + " " + n + " y " + scrollY + " max " + (document.documentElement.scrollHeight - innerHeight); })()`))
					t.Errorf("%s: %.0f%% hidden by %s", got.ID, 100*got.Share, got.By)
				}
			}
			if stops < 5 {
				t.Fatalf("only %d tab stops: the walk did not run", stops)
			}
		})
	}
}

// TestVerdictLinkMovesFocus: the header's verdict link, on the page that
// holds the verdict, moves the keyboard there with the app as without it
// (go-app handles the click itself, scrolling but leaving focus behind).
func TestVerdictLinkMovesFocus(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, emulation.SetFocusEmulationEnabled(true))
	b.navigate(t, s.URL+"/impact")
	b.waitApp(t, 60*time.Second)
	eval[bool](t, b, `(document.querySelector("a.indicator").focus(), true)`)
	b.run(t, chromedp.KeyEvent(kb.Enter))
	if err := b.waitJS(`document.activeElement.id === "verdict"`, 3*time.Second); err != nil {
		t.Errorf("after the verdict link, the focus is on %q", eval[string](t, b, `document.activeElement.id || document.activeElement.className`))
	}
	b.run(t, chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, b, `document.activeElement.closest("#verdict") ? "in the verdict" : document.activeElement.id`); got != "in the verdict" {
		t.Errorf("the next Tab goes to %q, want a control of the verdict", got)
	}
}

// contrastJS is the WCAG contrast ratio of two computed CSS colours.
const contrastJS = `((a, b) => { const lum = c => { const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(v => { v /= 255;
	return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };
	const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); })`

// TestNoticeFocusRing: a notice's buttons show a focus ring that stands out
// from the notice's background by 3:1 at least, in both colour schemes.
func TestNoticeFocusRing(t *testing.T) {
	s := newSite(t, false)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			b := newBrowser(t)
			b.run(t, emulation.SetFocusEmulationEnabled(true),
				emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
			b.navigate(t, s.URL+"/pace?w=paceNaN")
			b.waitApp(t, 60*time.Second)
			if err := b.waitJS(`!!document.querySelector(".notice.message .dismiss")`, 3*time.Second); err != nil {
				t.Fatalf("no notice: %v", err)
			}
			eval[bool](t, b, `(document.getElementById("w-pace").focus(), true)`)
			b.run(t, chromedp.KeyEvent(kb.Tab)) // to reach the notice by keyboard: :focus-visible
			eval[bool](t, b, `(document.querySelector(".notice.message .dismiss").focus(), true)`)
			ratio := eval[float64](t, b, `(() => { const d = document.activeElement, n = d.closest(".notice");
				if (!d.matches(":focus-visible")) return -1;
				return `+contrastJS+`(getComputedStyle(d).outlineColor, getComputedStyle(n).backgroundColor); })()`)
			if ratio < 0 {
				t.Fatal("the Dismiss button does not show its focus: the check proves nothing")
			}
			if ratio < 3 {
				t.Errorf("the focus ring stands out from the notice by %.2f:1, want 3:1", ratio)
			}
		})
	}
}
