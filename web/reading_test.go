//go:build !wasm

package web

// End-to-end tests: the real server on a loopback port, read by a headless
// Chromium. They check what a reader gets: text on the first frame, a
// takeover by the wasm app that moves nothing, keyboard and link navigation
// with and without the app, no request to another host, the author's every
// sentence, and a layout that holds on a small phone.
//
// "The app runs" means <html data-app="running">, set by the page
// component's OnMount (see appRunningJS in harness_test.go).

import (
	"fmt"
	"math"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// domRect is an element's bounding box, as getBoundingClientRect gives it.
type domRect struct {
	Top    float64 `json:"top"`
	Left   float64 `json:"left"`
	Bottom float64 `json:"bottom"`
	Right  float64 `json:"right"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// The JavaScript helpers the checks below use, defined in the page.
const jsHelpers = `
window.__e2eBox = el => { const r = el.getBoundingClientRect();
	return {top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height}; };
`

// TestFirstFrameTextVisible loads a section while app.wasm is held back, as
// on a slow line: the text must be there, readable and uncovered, with
// go-app's loader reduced to a small status line.
func TestFirstFrameTextVisible(t *testing.T) {
	s := newSite(t, true)
	b := newBrowser(t)
	sec := essay.Content().Sections[essay.Content().Index("job-history")]

	for _, vp := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{
		{"phone", 412, 915, true},
		{"desktop", 1280, 800, false},
	} {
		t.Run(vp.name, func(t *testing.T) {
			emulate := chromedp.EmulateViewport(vp.w, vp.h)
			if vp.mobile {
				emulate = phone()
			}
			b.run(t, emulate)
			b.navigate(t, s.URL+"/job-history")
			b.settle(t, 100*time.Millisecond)

			var got struct {
				Running     bool    `json:"running"`
				VW          float64 `json:"vw"`
				VH          float64 `json:"vh"`
				H1          string  `json:"h1"`
				H1Box       domRect `json:"h1Box"`
				H1Visible   bool    `json:"h1Visible"`
				H1Hit       string  `json:"h1Hit"`
				P           string  `json:"p"`
				PBox        domRect `json:"pBox"`
				PVisible    bool    `json:"pVisible"`
				PHit        string  `json:"pHit"`
				PX          float64 `json:"px"`
				PY          float64 `json:"py"`
				HX          float64 `json:"hx"`
				HY          float64 `json:"hy"`
				Loader      bool    `json:"loader"`
				LoaderLabel string  `json:"loaderLabel"`
				LoaderBox   domRect `json:"loaderBox"`
				LoaderShown bool    `json:"loaderShown"`
				FCP         float64 `json:"fcp"`
			}
			res := eval[jsValue](t, b, jsHelpers+`(() => {
				const vw = innerWidth, vh = innerHeight;
				const h1 = document.querySelector("h1");
				const p = document.querySelector("main .prose p");
				const loader = document.getElementById("app-wasm-loader");
				const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
				const name = el => el ? el.nodeName + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "") : "nothing";
				// The centre of an element's part inside the viewport, and
				// what the reader would touch there.
				const centre = el => { const r = el.getBoundingClientRect();
					const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, vh);
					const left = Math.max(r.left, 0), right = Math.min(r.right, vw);
					return [(left + right) / 2, (top + bottom) / 2]; };
				const hit = (el, [x, y]) => { const at = document.elementFromPoint(x, y);
					return el.contains(at) ? "self" : name(at); };
				const [px, py] = centre(p), [hx, hy] = centre(h1);
				const fcp = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
				return {
					running: document.documentElement.dataset.app === "running",
					vw, vh,
					h1: h1.innerText, h1Box: __e2eBox(h1), h1Visible: shown(h1), h1Hit: hit(h1, [hx, hy]),
					p: p.innerText, pBox: __e2eBox(p), pVisible: shown(p), pHit: hit(p, [px, py]),
					px, py, hx, hy,
					loader: !!loader,
					loaderLabel: loader ? loader.innerText : "",
					loaderBox: loader ? __e2eBox(loader) : null,
					loaderShown: loader ? shown(loader) : false,
					fcp: fcp ? fcp.startTime : -1,
				};
			})()`)
			res.into(t, &got)

			if got.Running || len(s.requests("/web/app.wasm")) > 0 {
				t.Fatal("the wasm app ran although app.wasm was held back: this test checks nothing")
			}
			if got.H1 != sec.Title {
				t.Errorf("h1 = %q, want %q", got.H1, sec.Title)
			}
			if want := firstParagraph(sec); normalize(got.P) != want {
				t.Errorf("first paragraph = %.60q…, want the section's, %.60q…", got.P, want)
			}
			for _, el := range []struct {
				name    string
				box     domRect
				visible bool
				hit     string
				x, y    float64
			}{
				{"h1", got.H1Box, got.H1Visible, got.H1Hit, got.HX, got.HY},
				{"first paragraph", got.PBox, got.PVisible, got.PHit, got.PX, got.PY},
			} {
				if !el.visible || el.box.Width == 0 || el.box.Height == 0 {
					t.Errorf("%s is not visible before the app runs: %+v", el.name, el.box)
				}
				if el.box.Top < 0 || el.box.Top >= got.VH || el.box.Left < 0 || el.box.Right > got.VW+0.5 {
					t.Errorf("%s is not in the %vx%v viewport on the first frame: %+v", el.name, got.VW, got.VH, el.box)
				}
				if el.hit != "self" {
					t.Errorf("%s is covered at its centre by %s", el.name, el.hit)
				}
				// The loader lets touches through (pointer-events: none),
				// so elementFromPoint cannot see it: check its box.
				if lb := got.LoaderBox; el.x >= lb.Left && el.x <= lb.Right && el.y >= lb.Top && el.y <= lb.Bottom {
					t.Errorf("the loader %+v covers the centre of the %s (%v, %v)", lb, el.name, el.x, el.y)
				}
			}
			if !got.Loader {
				t.Fatal("go-app's loader #app-wasm-loader is missing before the app runs")
			}
			if !regexp.MustCompile(`Interactive parts loading`).MatchString(got.LoaderLabel) {
				t.Errorf("loader label = %q, want it to say /Interactive parts loading/", got.LoaderLabel)
			}
			if !got.LoaderShown {
				t.Errorf("the loader is hidden: the reader should see that the interactive parts load")
			}
			if lb := got.LoaderBox; lb.Height >= 60 || lb.Width >= got.VW || lb.Height*lb.Width > 0.1*got.VW*got.VH {
				t.Errorf("the loader is not a small status line: %+v in a %vx%v viewport", lb, got.VW, got.VH)
			}
			t.Logf("viewport %vx%v: h1 %+v, first paragraph %+v, loader %q %+v, FCP %.0f ms",
				got.VW, got.VH, got.H1Box, got.PBox, got.LoaderLabel, got.LoaderBox, got.FCP)
			if got.FCP < 0 {
				t.Error("no first-contentful-paint entry: the browser painted no content before the app runs")
			}
		})
	}
}

// TestTakeoverNoLayoutShift scrolls the prerendered /all on a phone, then
// lets the wasm app take over: nothing may move, and the reader's place is
// kept.
func TestTakeoverNoLayoutShift(t *testing.T) {
	s := newSite(t, true)
	b := newBrowser(t)
	b.run(t,
		phone(),
		onNewDocument(clsObserverJS),
	)
	b.navigate(t, s.URL+"/all")
	b.settle(t, 200*time.Millisecond)
	if eval[bool](t, b, appRunningJS) {
		t.Fatal("the app runs although app.wasm was held back")
	}

	// The reader is some way into the essay.
	eval[bool](t, b, `(window.scrollTo({top: 1500, left: 0, behavior: "instant"}), true)`)
	b.settle(t, 100*time.Millisecond)
	type place struct {
		ScrollY float64 `json:"scrollY"`
		ID      string  `json:"id"`
		Top     float64 `json:"top"`
		Text    string  `json:"text"`
	}
	before := eval[place](t, b, `(() => {
		const p = [...document.querySelectorAll("main p[id]")].find(p => {
			const r = p.getBoundingClientRect(); return r.top > 0 && r.top < innerHeight / 2; });
		if (!p) return {scrollY: scrollY, id: "", top: 0, text: ""};
		// An expando on the prerendered tree and its paragraphs: the app
		// adopts them (go-app patch 0004), it does not paint them anew.
		document.getElementById("essay").__e2ePrerendered = true;
		document.querySelectorAll("main p").forEach(p => { p.__e2ePrerendered = true; });
		window.__e2eSameDocument = true;
		return {scrollY: scrollY, id: p.id, top: p.getBoundingClientRect().top, text: p.innerText};
	})()`)
	if before.ScrollY < 1400 {
		t.Fatalf("could not scroll /all to 1500px (scrollY = %v): the test needs a long page", before.ScrollY)
	}
	if before.ID == "" {
		t.Fatal("no paragraph in the upper half of the viewport at scrollY 1500")
	}
	clsBefore := eval[float64](t, b, `window.__e2eCLS`)

	s.release()
	b.waitApp(t, 60*time.Second)
	b.settle(t, 500*time.Millisecond)

	var after struct {
		place
		Adopted    bool    `json:"adopted"`
		Paragraphs int     `json:"paragraphs"`
		Kept       int     `json:"kept"`
		SameDoc    bool    `json:"sameDoc"`
		Loader     bool    `json:"loader"`
		CLS        float64 `json:"cls"`
		Shifts     []any   `json:"shifts"`
		ObserverOK bool    `json:"observerOK"`
	}
	res := eval[jsValue](t, b, fmt.Sprintf(`(() => {
		const p = document.getElementById(%q);
		const essay = document.getElementById("essay");
		return {
			scrollY: scrollY, id: p ? p.id : "", top: p ? p.getBoundingClientRect().top : NaN, text: p ? p.innerText : "",
			adopted: !!essay && essay.__e2ePrerendered === true,
			paragraphs: document.querySelectorAll("main p").length,
			kept: [...document.querySelectorAll("main p")].filter(p => p.__e2ePrerendered === true).length,
			sameDoc: window.__e2eSameDocument === true,
			loader: !!document.getElementById("app-wasm-loader"),
			cls: window.__e2eCLS, shifts: window.__e2eShifts,
			observerOK: PerformanceObserver.supportedEntryTypes.includes("layout-shift"),
		};
	})()`, before.ID))
	res.into(t, &after)

	if !after.SameDoc {
		t.Fatal("the page was reloaded: the takeover must happen in the same document")
	}
	if !after.Adopted || after.Kept != after.Paragraphs || after.Paragraphs == 0 {
		t.Errorf("the app painted the page anew: #essay adopted %v, %d of %d paragraphs the prerendered ones (go-app patch 0004 adopts them)", after.Adopted, after.Kept, after.Paragraphs)
	}
	if after.Loader {
		t.Error("go-app's loader is still there after the app runs")
	}
	if !after.ObserverOK {
		t.Fatal("this Chromium does not report layout shifts")
	}
	t.Logf("CLS before the takeover %.4f, after %.4f %v; scrollY %v → %v; #%s top %.1f → %.1f",
		clsBefore, after.CLS, after.Shifts, before.ScrollY, after.ScrollY, before.ID, before.Top, after.Top)
	if after.CLS >= 0.01 {
		t.Errorf("cumulative layout shift through the takeover = %.4f, want < 0.01; shifts: %v", after.CLS, after.Shifts)
	}
	if math.Abs(after.ScrollY-before.ScrollY) > 1 {
		t.Errorf("the takeover moved the reader: scrollY %v → %v", before.ScrollY, after.ScrollY)
	}
	if after.ID == "" {
		t.Fatalf("paragraph #%s is gone after the takeover", before.ID)
	}
	if math.Abs(after.Top-before.Top) > 1 {
		t.Errorf("paragraph #%s moved in the viewport: top %.1f → %.1f", before.ID, before.Top, after.Top)
	}
	if after.Text != before.Text {
		t.Errorf("paragraph #%s changed text:\n%q\n→ %q", before.ID, before.Text, after.Text)
	}
}

// clsObserverJS sums layout shifts without recent input from the start of
// the page, into window.__e2eCLS.
const clsObserverJS = `
window.__e2eCLS = 0;
window.__e2eShifts = [];
new PerformanceObserver(list => {
	for (const e of list.getEntries()) {
		if (e.hadRecentInput) continue;
		window.__e2eCLS += e.value;
		window.__e2eShifts.push({value: e.value, at: Math.round(e.startTime),
			sources: (e.sources || []).map(s => s.node ? s.node.nodeName + (s.node.id ? "#" + s.node.id : "") : "?")});
	}
}).observe({type: "layout-shift", buffered: true});
`

// firstParagraph is the plain text of a section's first paragraph.
func firstParagraph(sec essay.Section) string {
	for _, bl := range sec.Blocks {
		if bl.Kind == essay.Paragraph {
			return normalize(essay.PlainText(bl.Inlines))
		}
	}
	return ""
}

// sectionPage is what a page shows of a section: its path, h1 and title.
type sectionPage struct{ slug, path, h1, title string }

func sectionAt(e *essay.Essay, i int) sectionPage {
	sec := sectionPage{slug: e.Sections[i].Slug, path: e.Path(i), h1: e.Sections[i].Title, title: e.Sections[i].Title + " · " + e.Title}
	if i == 0 {
		sec.h1, sec.title = e.Title, e.Title
	}
	return sec
}

// jobHistoryAndNext are the section the navigation tests start from, and
// the one after it.
func jobHistoryAndNext() (here, next sectionPage) {
	e := essay.Content()
	i := e.Index("job-history")
	return sectionAt(e, i), sectionAt(e, i+1)
}

// onSection waits until the page shows sec: its URL, h1, document title and
// the table of contents' current link.
func onSection(t *testing.T, b *browser, sec sectionPage) {
	t.Helper()
	js := fmt.Sprintf(`location.pathname === %q && document.readyState === "complete" &&
		!!document.querySelector("h1") && document.querySelector("h1").innerText === %q`, sec.path, sec.h1)
	if err := b.waitJS(js, 20*time.Second); err != nil {
		var where struct {
			Path string `json:"path"`
			H1   string `json:"h1"`
		}
		_ = chromedp.Run(b.ctx, evaluate(`({path: location.pathname, h1: (document.querySelector("h1") || {}).innerText || ""})`, &where))
		t.Fatalf("want %s headed %q; the page is at %s headed %q", sec.path, sec.h1, where.Path, where.H1)
	}
	var got struct {
		Title   string   `json:"title"`
		Current []string `json:"current"`
	}
	eval[jsValue](t, b, `({title: document.title,
		current: [...document.querySelectorAll('nav#contents a[aria-current="page"]')].map(a => a.getAttribute("href"))})`).into(t, &got)
	if got.Title != sec.title {
		t.Errorf("on %s: document.title = %q, want %q", sec.path, got.Title, sec.title)
	}
	if len(got.Current) != 1 || got.Current[0] != sec.path {
		t.Errorf("on %s: the contents mark %q as current, want just %q", sec.path, got.Current, sec.path)
	}
}

// TestNavigation moves between sections with ←/→ and the pager's links, with
// the app running (no reload, top of the new section) and before it runs
// (plain page loads).
func TestNavigation(t *testing.T) {
	here, next := jobHistoryAndNext()

	t.Run("app", func(t *testing.T) {
		s := newSite(t, false)
		b := newBrowser(t)
		b.run(t, phone())
		b.navigate(t, s.URL+here.path)
		b.waitApp(t, 60*time.Second)
		onSection(t, b, here)
		// A mark that only a reload clears, and the reader some way down.
		eval[bool](t, b, `(window.__e2eSameDocument = true, window.scrollTo({top: 600, behavior: "instant"}), true)`)
		if y := eval[float64](t, b, `scrollY`); y < 300 {
			t.Fatalf("could not scroll %s down (scrollY %v): the scroll check would prove nothing", here.path, y)
		}
		b.settle(t, 300*time.Millisecond)
		sameDocumentAtTop := func(how string) {
			t.Helper()
			if !eval[bool](t, b, `window.__e2eSameDocument === true`) {
				t.Errorf("%s reloaded the page: the app should navigate in place", how)
			}
			if err := b.waitJS(`scrollY === 0`, 3*time.Second); err != nil {
				t.Errorf("%s: the new section does not start at the top: scrollY = %v", how, eval[float64](t, b, `scrollY`))
			}
		}

		b.run(t, chromedp.KeyEvent(kb.ArrowRight))
		onSection(t, b, next)
		sameDocumentAtTop("→")

		// (A reader scrolls, then reads, then presses a key: a scroll
		// made a frame before the key can cancel the app's smooth
		// scroll to the top, which no reader does.)
		eval[bool](t, b, `(window.scrollTo({top: 400, behavior: "instant"}), true)`)
		b.settle(t, 300*time.Millisecond)
		b.run(t, chromedp.KeyEvent(kb.ArrowLeft))
		onSection(t, b, here)
		sameDocumentAtTop("←")

		b.run(t, chromedp.Click(`a[rel="next"]`, chromedp.ByQuery))
		onSection(t, b, next)
		sameDocumentAtTop("clicking rel=next")

		// In a form control the arrows move the caret, not the reader.
		eval[bool](t, b, `(() => { const i = document.createElement("input");
			i.id = "e2e-input"; i.value = "some text";
			document.getElementById("main").prepend(i); i.focus(); return true; })()`)
		b.run(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowRight))
		time.Sleep(time.Second)
		if p := eval[string](t, b, `location.pathname`); p != next.path {
			t.Errorf("←/→ in a text field navigated to %s", p)
		}
		if !eval[bool](t, b, `document.activeElement && document.activeElement.id === "e2e-input"`) {
			t.Error("the text field lost focus when ←/→ were pressed in it")
		}
		eval[bool](t, b, `(document.getElementById("e2e-input").remove(), document.activeElement.blur(), true)`)
		b.run(t, chromedp.KeyEvent(kb.ArrowRight))
		onSection(t, b, sectionAt(essay.Content(), essay.Content().Index(next.slug)+1)) // the keys work again
	})

	t.Run("before the app", func(t *testing.T) {
		s := newSite(t, true) // app.wasm never arrives
		b := newBrowser(t)
		b.navigate(t, s.URL+here.path)
		onSection(t, b, here)
		eval[bool](t, b, `(window.__e2eSameDocument = true)`)

		b.run(t, chromedp.KeyEvent(kb.ArrowRight))
		onSection(t, b, next)
		if eval[bool](t, b, `window.__e2eSameDocument === true`) {
			t.Error("→ did not load the next page, yet the app does not run")
		}
		eval[bool](t, b, `(window.__e2eSameDocument = true)`)
		b.run(t, chromedp.KeyEvent(kb.ArrowLeft))
		onSection(t, b, here)
		if eval[bool](t, b, appRunningJS) || len(s.requests("/web/app.wasm")) > 0 {
			t.Error("the app ran although app.wasm was held back: the keys were not tested without it")
		}
	})
}

// TestNoWasmReading reads with ?wasm=false: the prerendered text, no loader,
// no app.wasm, and links that are plain links.
func TestNoWasmReading(t *testing.T) {
	here, next := jobHistoryAndNext()
	s := newSite(t, false)
	b := newBrowser(t)
	var mu sync.Mutex
	var requested []string
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, r.Request.URL)
			mu.Unlock()
		}
	})

	b.navigate(t, s.URL+here.path+"?wasm=false")
	onSection(t, b, here)
	if err := b.waitJS(`document.getElementById("app-wasm-loader") === null`, 5*time.Second); err != nil {
		t.Error("go-app's loader is still shown with ?wasm=false: app.js should remove it")
	}
	visible := eval[bool](t, b, fmt.Sprintf(`(() => { const p = document.querySelector("main .prose p"), h = document.querySelector("h1");
		const ok = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && el.getBoundingClientRect().height > 0;
		return ok(p) && ok(h) && p.innerText.trim().replace(/\s+/g, " ") === %q; })()`, firstParagraph(essay.Content().Sections[essay.Content().Index(here.slug)])))
	if !visible {
		t.Error("the section's text is not visible with ?wasm=false")
	}
	eval[bool](t, b, `(window.__e2eSameDocument = true)`)
	time.Sleep(1500 * time.Millisecond) // time for a wasm request, if one were made

	mu.Lock()
	for _, u := range requested {
		if strings.Contains(u, ".wasm") {
			t.Errorf("the page requested %s with ?wasm=false", u)
		}
	}
	if len(requested) == 0 {
		t.Error("no request recorded: the recorder is broken")
	}
	mu.Unlock()
	for _, r := range s.requests("/web/app.wasm") {
		if strings.HasSuffix(r.Referer, "/app-worker.js") {
			// go-app's service worker caches the app on install, whatever
			// the page's query says.
			t.Logf("note: the service worker fetched app.wasm (status %d, %d bytes) to cache it", r.Status, r.Bytes)
			continue
		}
		t.Errorf("app.wasm was served to the page (referer %s) with ?wasm=false", r.Referer)
	}
	if eval[bool](t, b, appRunningJS) {
		t.Error("the app runs with ?wasm=false")
	}

	b.run(t, chromedp.Click(`a[rel="next"]`, chromedp.ByQuery))
	onSection(t, b, next)
	if eval[bool](t, b, `window.__e2eSameDocument === true`) {
		t.Error("clicking rel=next did not load a new page, yet no app runs to navigate in place")
	}
	if !eval[bool](t, b, `document.querySelector("main .prose p").checkVisibility() && document.querySelector("main .prose p").innerText.length > 100`) {
		t.Error("the next section's text is not shown")
	}
}

// TestNoOtherHosts loads every page with the app running and its service
// worker installed: every request of the page, of the worker and of the
// browser on their behalf must go to the site itself.
func TestNoOtherHosts(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	origin := s.URL

	var mu sync.Mutex
	seen := map[string]bool{}
	record := func(u string) {
		mu.Lock()
		seen[u] = true
		mu.Unlock()
	}
	// The page's requests.
	chromedp.ListenTarget(b.ctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok {
			record(r.Request.URL)
		}
	})
	// Every request of every target, the service worker's among them:
	// interception on the browser's own session.
	c := chromedp.FromContext(b.ctx)
	browserExec := cdp.WithExecutor(b.ctx, c.Browser)
	chromedp.ListenBrowser(b.ctx, func(ev any) {
		if r, ok := ev.(*fetch.EventRequestPaused); ok {
			record(r.Request.URL)
			go fetch.ContinueRequest(r.RequestID).Do(browserExec)
		}
	})
	if err := fetch.Enable().Do(browserExec); err != nil {
		t.Fatalf("intercepting the browser's requests: %v", err)
	}

	for n, p := range append(essay.Content().Paths(), essay.DecisionPath) {
		b.navigate(t, origin+p)
		b.waitApp(t, 60*time.Second)
		if n == 0 {
			state := eval[string](t, b, `navigator.serviceWorker.ready.then(r => new Promise(done => {
				const w = r.active; if (w.state === "activated") return done(w.state);
				w.addEventListener("statechange", () => w.state === "activated" && done(w.state));
				setTimeout(() => done(w.state), 10000); }))`)
			if state != "activated" {
				t.Errorf("the service worker is %q, want activated", state)
			}
		}
	}
	b.settle(t, time.Second)

	// What the worker put in its caches.
	cached := eval[[]string](t, b, `caches.keys().then(names => Promise.all(names.map(n =>
		caches.open(n).then(c => c.keys()).then(reqs => reqs.map(r => r.url))))).then(l => l.flat())`)
	if len(cached) == 0 {
		t.Error("the service worker cached nothing: it did not install, so its requests were not checked")
	}
	for _, u := range cached {
		record(u)
	}

	mu.Lock()
	defer mu.Unlock()
	var urls []string
	for u := range seen {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		pu, err := url.Parse(u)
		if err != nil {
			t.Errorf("unparsable request URL %q", u)
			continue
		}
		if pu.Scheme == "data" || pu.Scheme == "blob" {
			continue
		}
		if pu.Scheme+"://"+pu.Host != origin {
			t.Errorf("request to another host: %s", u)
		}
	}
	// The recorder must have seen everything the server answered, the
	// worker's requests included, or it proves nothing.
	fromWorker := 0
	s.mu.Lock()
	for _, r := range s.log {
		u := origin + r.Path
		if r.Query != "" {
			u += "?" + r.Query
		}
		if !seen[u] {
			t.Errorf("the recorder missed a request the server answered: %s (referer %s)", u, r.Referer)
		}
		if strings.HasSuffix(r.Referer, "/app-worker.js") {
			fromWorker++
		}
	}
	s.mu.Unlock()
	if fromWorker == 0 {
		t.Error("no request from the service worker reached the server: its traffic was not observed")
	}
	t.Logf("%d distinct URLs requested; %d requests came from the service worker", len(urls), fromWorker)
}

// TestAllHasEverySeedSentence reads /all as the browser shows it, before and
// after the app takes over: every sentence of the author's text is there.
func TestAllHasEverySeedSentence(t *testing.T) {
	seed, err := os.ReadFile("../essay/testdata/leaving-amazon.txt")
	if err != nil {
		t.Fatal(err)
	}
	sentences := seedSentences(string(seed))
	if len(sentences) < 60 {
		t.Fatalf("only %d sentences read from the seed", len(sentences))
	}
	s := newSite(t, true)
	b := newBrowser(t)
	b.navigate(t, s.URL+essay.AllPath)

	check := func(when string) {
		text := normalize(eval[string](t, b, `document.querySelector("main").innerText`))
		var missing []string
		for _, sn := range sentences {
			if !strings.Contains(text, sn) {
				missing = append(missing, sn)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s, %d of %d sentences of the seed are missing from /all's <main>:\n%s",
				when, len(missing), len(sentences), strings.Join(missing, "\n"))
		}
	}
	if eval[bool](t, b, appRunningJS) {
		t.Fatal("the app runs although app.wasm was held back")
	}
	check("before the app runs")
	eval[bool](t, b, `(document.getElementById("essay").__e2ePrerendered = true)`)
	s.release()
	b.waitApp(t, 60*time.Second)
	// The app adopts the prerendered page (go-app patch 0004): the text
	// checked above is the text the app now owns.
	if !eval[bool](t, b, `document.getElementById("essay").__e2ePrerendered === true`) {
		t.Error("the app painted /all anew instead of adopting the prerendered page")
	}
	check("once the app runs")
}

// TestPhoneLayout loads every page on a 320px-wide phone with the app
// running: no sideways scrolling, tap targets of 44px, one h1, the
// landmarks, the language and a working skip link.
func TestPhoneLayout(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)))

	for _, p := range append(essay.Content().Paths(), essay.DecisionPath) {
		name := strings.TrimPrefix(p, "/")
		if name == "" {
			name = "opening"
		}
		t.Run(name, func(t *testing.T) {
			b.navigate(t, s.URL+p)
			b.waitApp(t, 60*time.Second)
			b.settle(t, 50*time.Millisecond)
			var got struct {
				ScrollWidth float64  `json:"scrollWidth"`
				Wide        []string `json:"wide"`
				Small       []string `json:"small"`
				Targets     int      `json:"targets"`
				H1s         int      `json:"h1s"`
				Landmarks   []string `json:"landmarks"`
				Lang        string   `json:"lang"`
			}
			eval[jsValue](t, b, `(() => {
				const name = el => el.nodeName.toLowerCase() + (el.id ? "#" + el.id : "") +
					(typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "") +
					(el.innerText ? " " + JSON.stringify(el.innerText.trim().slice(0, 40)) : "");
				const rendered = el => el.getClientRects().length > 0 && el.checkVisibility();
				const vw = document.documentElement.clientWidth;
				const wide = [...document.querySelectorAll("body *")].filter(el => rendered(el) &&
					el.getBoundingClientRect().right > vw + 0.5 && getComputedStyle(el).position !== "fixed").slice(0, 10).map(name);
				const targets = [...document.querySelectorAll(
					"header a, header button, nav.toc a, nav.toc button, nav.pager a, nav.pager button, footer a, footer button")].filter(rendered);
				const small = targets.filter(el => el.getBoundingClientRect().height < 44)
					.map(el => name(el) + " is " + el.getBoundingClientRect().height.toFixed(1) + "px tall");
				// Landmarks as a screen reader finds them: a header or footer
				// inside article, main, section, aside or nav is not one.
				const top = el => !el.parentElement.closest("article, aside, main, nav, section");
				const landmarks = [];
				if ([...document.querySelectorAll("header")].some(top)) landmarks.push("header");
				if (document.querySelector("nav")) landmarks.push("nav");
				if (document.querySelectorAll("main").length === 1) landmarks.push("main");
				if ([...document.querySelectorAll("footer")].some(top)) landmarks.push("footer");
				return {scrollWidth: document.documentElement.scrollWidth, wide, small, targets: targets.length,
					h1s: document.querySelectorAll("h1").length, landmarks, lang: document.documentElement.lang};
			})()`).into(t, &got)
			if got.ScrollWidth > 320 {
				t.Errorf("the page scrolls sideways at 320px: scrollWidth %v; too wide: %q", got.ScrollWidth, got.Wide)
			}
			if got.Targets < 5 {
				t.Errorf("only %d links found in the header, contents, pager and footer", got.Targets)
			}
			for _, m := range got.Small {
				t.Errorf("tap target under 44px: %s", m)
			}
			if got.H1s != 1 {
				t.Errorf("%d h1 elements, want 1", got.H1s)
			}
			if want := []string{"header", "nav", "main", "footer"}; strings.Join(got.Landmarks, " ") != strings.Join(want, " ") {
				t.Errorf("landmarks %q, want %q", got.Landmarks, want)
			}
			if got.Lang != "en" {
				t.Errorf(`<html lang=%q>, want "en"`, got.Lang)
			}

			// The skip link: the first Tab stop, shown when focused, and
			// it leads to the text.
			eval[bool](t, b, `(document.activeElement && document.activeElement.blur(), window.scrollTo({top: 0, behavior: "instant"}), true)`)
			b.run(t, chromedp.KeyEvent(kb.Tab))
			var skip struct {
				Focused bool    `json:"focused"`
				Href    string  `json:"href"`
				Box     domRect `json:"box"`
				Target  bool    `json:"target"`
			}
			eval[jsValue](t, b, jsHelpers+`(() => { const a = document.activeElement;
				return {focused: !!a && a.matches("a.skip-link"), href: a ? a.getAttribute("href") : "",
					box: a ? __e2eBox(a) : null, target: !!document.querySelector("main#main")}; })()`).into(t, &skip)
			if !skip.Focused {
				t.Fatal("the first Tab stop is not the skip link")
			}
			if skip.Href != "#main" || !skip.Target {
				t.Errorf("the skip link points to %q; want #main, on the page's <main id=main>", skip.Href)
			}
			if skip.Box.Top < 0 || skip.Box.Bottom > 640 || skip.Box.Height < 44 {
				t.Errorf("the focused skip link is not shown as a 44px target in the viewport: %+v", skip.Box)
			}
			b.run(t, chromedp.KeyEvent(kb.Enter))
			if err := b.waitJS(`document.activeElement === document.getElementById("main")`, 2*time.Second); err != nil {
				t.Errorf("following the skip link does not move focus to <main>: focus is on %s",
					eval[string](t, b, `(a => !a ? "nothing" : a.nodeName.toLowerCase() + (a.id ? "#" + a.id : "") +
						(a.className ? "." + a.className : ""))(document.activeElement)`))
			}
		})
	}
}

// TestPrintAndColourSchemes checks the stylesheet's media: printing /all
// shows the essay without navigation, and the dark scheme is really dark.
func TestPrintAndColourSchemes(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.navigate(t, s.URL+essay.AllPath)
	b.waitApp(t, 60*time.Second)

	const hidden = `["header.site-header", "nav.toc", "footer.site-footer", ".skip-link"]
		.filter(sel => { const el = document.querySelector(sel); return el && getComputedStyle(el).display !== "none"; })`
	if got := eval[[]string](t, b, hidden); len(got) == 0 {
		t.Fatal("on screen, the navigation is hidden: the print check below would prove nothing")
	}
	b.run(t, emulation.SetEmulatedMedia().WithMedia("print"))
	if got := eval[[]string](t, b, hidden); len(got) != 0 {
		t.Errorf("printing /all still shows %v", got)
	}
	if !eval[bool](t, b, `getComputedStyle(document.querySelector("main")).display !== "none" &&
		document.querySelector("main").innerText.includes("Stay tuned!")`) {
		t.Error("printing /all does not show the essay's text")
	}

	luminance := `(() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
		return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; })()`
	for _, tc := range []struct {
		scheme string
		dark   bool
	}{{"light", false}, {"dark", true}} {
		b.run(t, emulation.SetEmulatedMedia().WithMedia("screen").WithFeatures([]*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: tc.scheme},
		}))
		if got := eval[float64](t, b, luminance); (got < 0.5) != tc.dark {
			t.Errorf("prefers-color-scheme: %s gives a background of luminance %.2f", tc.scheme, got)
		}
	}
}

// TestNoJavaScript reads with JavaScript off: the prerendered page is the
// essay, and its links are real links.
func TestNoJavaScript(t *testing.T) {
	here, next := jobHistoryAndNext()
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, emulation.SetScriptExecutionDisabled(true))
	b.navigate(t, s.URL+here.path)
	b.run(t, emulation.SetScriptExecutionDisabled(false)) // to inspect the page
	onSection(t, b, here)
	if eval[bool](t, b, appRunningJS) {
		t.Fatal("the app ran with JavaScript off")
	}
	if got := len(s.requests("/web/app.wasm")); got != 0 {
		t.Errorf("app.wasm was requested %d times with JavaScript off", got)
	}
	b.run(t, emulation.SetScriptExecutionDisabled(true))
	b.run(t, chromedp.Click(`a[rel="next"]`, chromedp.ByQuery), chromedp.WaitReady("body"))
	b.run(t, emulation.SetScriptExecutionDisabled(false))
	if err := b.waitJS(fmt.Sprintf(`location.pathname === %q`, next.path), 10*time.Second); err != nil {
		t.Fatalf("following the next link with JavaScript off: %v", err)
	}
	onSection(t, b, next)
}

// watchPolicyViolations records, in window.__violations, every content
// security policy violation in the pages b loads from now on.
func watchPolicyViolations(t *testing.T, b *browser) {
	t.Helper()
	b.run(t, onNewDocument(`window.__violations = [];
			document.addEventListener("securitypolicyviolation", e =>
				window.__violations.push(e.violatedDirective + " " + e.blockedURI));`))
}

// TestNoPolicyViolations reads every page with the app running, and moves a
// slider, under the server's content security policy: nothing is refused.
func TestNoPolicyViolations(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	watchPolicyViolations(t, b)
	if !strings.Contains(get(t, newTestServer(t), "/").Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatal("the server sends no content security policy: the check would prove nothing")
	}
	for _, p := range append(essay.Content().Paths(), essay.DecisionPath) {
		b.navigate(t, s.URL+p)
		b.waitApp(t, 60*time.Second)
		if eval[bool](t, b, `!!document.querySelector('input[type="range"]')`) {
			eval[bool](t, b, `(() => { const i = document.querySelector('input[type="range"]');
				i.value = 0; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
		}
		b.settle(t, 200*time.Millisecond)
		if got := eval[[]string](t, b, `window.__violations`); len(got) != 0 {
			t.Errorf("%s: policy violations: %v", p, got)
		}
	}
}
