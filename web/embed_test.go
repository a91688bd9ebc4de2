//go:build !wasm

package web

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	ui "leaving-amazon/app"
	"leaving-amazon/essay"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// frameIn attaches to the out-of-process iframe whose URL starts with
// prefix, in b's tab: the essay's frame, on another site than its host,
// runs in a process of its own.
func frameIn(t *testing.T, b *browser, prefix string) context.Context {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		targets, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range targets {
			if ti.Type == "iframe" && strings.HasPrefix(ti.URL, prefix) {
				ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(ti.TargetID))
				t.Cleanup(cancel)
				return ctx
			}
		}
		if time.Now().After(deadline) {
			var urls []string
			for _, ti := range targets {
				urls = append(urls, string(ti.Type)+" "+ti.URL)
			}
			t.Fatalf("no iframe at %s among %v", prefix, urls)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// frameEval evaluates expr in the frame.
func frameEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	var v T
	if err := chromedp.Run(ctx, evaluate(expr, &v)); err != nil {
		t.Fatalf("in the frame, %s: %v", expr, err)
	}
	return v
}

// frameWait waits until expr is true in the frame.
func frameWait(ctx context.Context, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		var ok bool
		err := chromedp.Run(ctx, evaluate(expr, &ok))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: not true after %v (%v)", expr, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// hostSite is another site, at localhost on a free port, for a host page
// that frames the essay (served at 127.0.0.1): its origin, and the call
// that starts serving the page once it is written.
func hostSite(t *testing.T) (origin string, serve func(page string)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin = fmt.Sprintf("http://localhost:%d", ln.Addr().(*net.TCPAddr).Port)
	return origin, func(page string) {
		host := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		})}
		go host.Serve(ln)
		t.Cleanup(func() { host.Close() })
	}
}

// TestFramedDecisionLinkSavesNothing: a site allowed to frame the essay
// frames /your-decision with a decision in its link. The frame shows it and
// saves nothing: no page can plant a decision in a reader's browser.
func TestFramedDecisionLinkSavesNothing(t *testing.T) {
	hostOrigin, serveHostPage := hostSite(t)
	s, err := New(essay.Content(), Config{FrameAncestors: "'self' " + hostOrigin})
	if err != nil {
		t.Fatal(err)
	}
	essayL := serveSite(t, "127.0.0.1:0", s, false)
	d := essay.Decision{Options: []string{"Planted", "Other"}, Factors: []essay.Criterion{{Name: "Bait", Weight: 9, Scores: []int{10, 0}}}}
	enc, _ := essay.EncodeDecision(d)
	serveHostPage(`<!doctype html><title>A page</title><iframe width="1" height="1" src="` +
		essayL.url(essay.DecisionPath+"?d="+url.QueryEscape(enc)) + `"></iframe>`)
	b := newBrowser(t)
	b.navigate(t, hostOrigin+"/")
	frame := frameIn(t, b, essayL.url("/"))
	if err := frameWait(frame, appRunningJS+` && document.getElementById("option-1").value === "Planted"`, 60*time.Second); err != nil {
		t.Fatalf("the frame did not show the link's decision: %v", err)
	}
	time.Sleep(time.Second)
	if got := frameEval[string](t, frame, `localStorage.getItem(`+decisionKeyJS+`) || ""`); got != "" {
		t.Errorf("the framed link saved a decision: %q", got)
	}
}

// contentHeightJS is the frame's content height, measured from its
// elements, not from what the page reports.
const contentHeightJS = `(() => {
	let bottom = 0;
	for (const el of document.body.querySelectorAll("*")) {
		const cs = getComputedStyle(el);
		if (cs.position === "fixed" || cs.display === "none") continue;
		bottom = Math.max(bottom, el.getBoundingClientRect().bottom + scrollY + parseFloat(cs.marginBottom || 0));
	}
	return Math.ceil(bottom);
})()`

// TestEmbedCrossOrigin embeds a section with web/static/embed.js in a host page on
// another origin: the iframe is as tall as its content, after load and
// after a slider move, with no scrollbar of its own; the slider works;
// the verdict reaches the host; messages from elsewhere are ignored.
func TestEmbedCrossOrigin(t *testing.T) {
	e := essay.Content()
	hostOrigin, serveHostPage := hostSite(t)
	s, err := New(e, Config{FrameAncestors: "'self' " + hostOrigin})
	if err != nil {
		t.Fatal(err)
	}
	essayL := serveSite(t, "127.0.0.1:0", s, false)
	// A third site, framed by the host too, that tries to resize the
	// essay's frame.
	third := serveSite(t, "127.0.0.2:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><p>another site</p><script>
			setInterval(() => parent.postMessage({type: "leaving-amazon:resize", height: 4321}, "*"), 100);
		</script>`)
	}), false)
	factor := e.Model.Factors[0]
	section := e.Index(factor.Section)
	pageURL := essayL.url(e.Path(section))
	hostPage := `<!doctype html><html lang="en"><meta charset="utf-8">
		<meta name="viewport" content="width=device-width, initial-scale=1">
		<title>A personal site</title>
		<body style="margin: 0 auto; max-width: 44rem; padding: 1rem">
		<h1>My site</h1><p>An essay I like:</p>
		<div id="essay" data-essay-embed="` + pageURL + `"><a href="` + pageURL + `">Read it</a></div>
		<iframe id="third" src="` + third.url("/") + `" width="300" height="60"></iframe>
		<script>
			// Every state of the frame's style: it must not be shown
			// before the section has said its height.
			window.frameStates = [];
			new MutationObserver(() => { const f = document.querySelector("#essay iframe");
				if (f) frameStates.push(f.style.visibility + " " + f.style.height); })
				.observe(document.getElementById("essay"), {subtree: true, childList: true, attributes: true, attributeFilter: ["style"]});
			window.verdicts = [];
			document.getElementById("essay").addEventListener("essay-verdict", e => verdicts.push(e.detail));
			// A message from the host's own page, not from the frame.
			setInterval(() => window.postMessage({type: "leaving-amazon:resize", height: 999}, "*"), 100);
		</script>
		<script async src="` + essayL.url(s.prefix+"/web/embed.js") + `"></script>
		<p>After the essay.</p></body></html>`
	serveHostPage(hostPage)

	b := newBrowser(t)
	b.navigate(t, hostOrigin+"/")
	frame := frameIn(t, b, essayL.url("/"))
	// The section answers through web/static/weigh.js: no app, no worker.
	if err := frameWait(frame, `document.documentElement.dataset.weighs === "on"`, 30*time.Second); err != nil {
		t.Fatalf("the sliders do not answer in the frame: %v", err)
	}

	iframeHeight := func() float64 {
		return eval[float64](t, b, `document.querySelector("#essay iframe").getBoundingClientRect().height`)
	}
	fits := func(when string) {
		t.Helper()
		// The frame's process learns its new size a moment after the host
		// sets it: wait for both to settle.
		var content, got, sh, ch float64
		deadline := time.Now().Add(5 * time.Second)
		for {
			content = frameEval[float64](t, frame, contentHeightJS)
			got = iframeHeight()
			sh = frameEval[float64](t, frame, `document.documentElement.scrollHeight`)
			ch = frameEval[float64](t, frame, `document.documentElement.clientHeight`)
			if math.Abs(got-content) <= 4 && sh <= ch+1 || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if math.Abs(got-content) > 4 {
			t.Errorf("%s: the iframe is %.0f px tall, its content %.0f px", when, got, content)
		}
		if content < 400 {
			t.Errorf("%s: the content is only %.0f px tall: the section is not shown", when, content)
		}
		if sh > ch+1 {
			t.Errorf("%s: the frame scrolls (%.0f px of content in %.0f px)", when, sh, ch)
		}
		t.Logf("%s: iframe %.0f px, content %.0f px", when, got, content)
	}
	fits("after load")
	for _, st := range eval[[]string](t, b, `frameStates`) {
		if !strings.HasPrefix(st, "hidden ") && !strings.HasSuffix(st, "px") {
			t.Errorf("the frame was shown before the section said its height: %q in %q", st, eval[[]string](t, b, `frameStates`))
			break
		}
	}

	// Embed mode: the section alone, and a way out to the whole essay.
	for _, sel := range []string{".site-header", ".toc", ".pager", ".site-footer", ".embed-code"} {
		if frameEval[bool](t, frame, `(() => { const el = document.querySelector("`+sel+`"); return !!el && el.offsetParent !== null; })()`) {
			t.Errorf("embed mode shows %s", sel)
		}
	}
	if got := frameEval[string](t, frame, `(() => { const a = document.querySelector(".read-whole a"); return a && a.offsetParent ? a.target + " " + a.pathname : ""; })()`); got != "_blank "+e.Path(section) {
		t.Errorf("the way out is %q, want a new tab to %s", got, e.Path(section))
	}

	// A slider, moved by the keyboard inside the frame.
	slider := `#factor-` + factor.ID + ` input[type="range"]`
	if !frameEval[bool](t, frame, `!!document.querySelector('`+slider+`')`) {
		t.Fatalf("no slider %s in the frame", slider)
	}
	before := frameEval[string](t, frame, `document.querySelector('`+slider+`').value + " " + document.getElementById("essay").dataset.verdictText`)
	// The keys go to the frame's own target: the host page's focus is
	// its own business.
	if err := chromedp.Run(frame, chromedp.Focus(slider, chromedp.ByQuery), chromedp.KeyEvent(kb.Home)); err != nil {
		t.Fatal(err)
	}
	if err := frameWait(frame, `document.querySelector('`+slider+`').value === "0"`, 5*time.Second); err != nil {
		t.Fatalf("the keyboard did not move the slider in the frame: %v", err)
	}
	after := frameEval[string](t, frame, `document.querySelector('`+slider+`').value + " " + document.getElementById("essay").dataset.verdictText`)
	if after == before {
		t.Errorf("the slider moved but nothing changed: %q", after)
	}
	wantText := after[strings.IndexByte(after, ' ')+1:]
	if err := b.waitJS(`verdicts.length > 0 && verdicts[verdicts.length-1].text === `+jsString(wantText), 5*time.Second); err != nil {
		t.Errorf("the host did not hear the verdict %q: %v (heard %v)", wantText, err, eval[[]map[string]string](t, b, `verdicts`))
	}
	fits("after a slider move")

	b.settle(t, 500*time.Millisecond)
	if got := iframeHeight(); got == 4321 || got == 999 {
		t.Errorf("the iframe took a height from another origin: %.0f px", got)
	}
	fits("after messages from elsewhere")
	if frameEval[bool](t, frame, appRunningJS) || len(essayL.requests(wasmPath)) > 0 {
		t.Error("the embedded section loaded the app, which it did not need")
	}
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string { return string(mustJSON(s)) }

// TestEmbedModeFirstFrame loads a section with ?embed=1 while the wasm is
// held back: embed mode is on as soon as the page is parsed, long before
// the app, and stays the same when the app takes over. (In a frame made by
// web/static/embed.js, the frame is shown only after that: TestEmbedCrossOrigin.)
func TestEmbedModeFirstFrame(t *testing.T) {
	s := newSite(t, true)
	b := newBrowser(t)
	// Record, when the page is parsed, what the reader would see.
	b.run(t, onNewDocument(`document.addEventListener("DOMContentLoaded", () => {
			const shown = sel => { const el = document.querySelector(sel); return el ? getComputedStyle(el).display !== "none" : null; };
			window.__firstFrame = {embed: document.documentElement.classList.contains("embed"),
				header: shown(".site-header"), toc: shown(".toc"), footer: shown(".site-footer"), readWhole: shown(".read-whole")};
		});`))
	b.navigate(t, s.URL+"/pace?embed=1")
	b.settle(t, 100*time.Millisecond)
	var first struct {
		Embed     bool  `json:"embed"`
		Header    *bool `json:"header"`
		TOC       *bool `json:"toc"`
		Footer    *bool `json:"footer"`
		ReadWhole *bool `json:"readWhole"`
	}
	eval[jsValue](t, b, `window.__firstFrame`).into(t, &first)
	if eval[bool](t, b, appRunningJS) {
		t.Fatal("the app runs already: the first frame check would prove nothing")
	}
	if !first.Embed {
		t.Error("the parsed page is not in embed mode")
	}
	for name, shown := range map[string]*bool{"the site header": first.Header, "the contents": first.TOC, "the footer": first.Footer} {
		if shown != nil && *shown {
			t.Errorf("the first frame shows %s", name)
		}
	}
	if first.ReadWhole != nil && !*first.ReadWhole {
		t.Error("the first frame hides the way out to the whole essay")
	}
	before := eval[float64](t, b, `document.documentElement.getBoundingClientRect().height`)
	s.release()
	b.waitApp(t, 60*time.Second)
	b.settle(t, 200*time.Millisecond)
	if !eval[bool](t, b, `document.documentElement.classList.contains("embed") && getComputedStyle(document.querySelector(".site-header")).display === "none"`) {
		t.Error("embed mode was lost when the app took over")
	}
	if after := eval[float64](t, b, `document.documentElement.getBoundingClientRect().height`); math.Abs(after-before) > 1 {
		t.Errorf("the embedded page's height went from %.0f to %.0f px when the app took over", before, after)
	}
	if !eval[bool](t, b, `location.search.includes("embed=1")`) {
		t.Error("the app dropped ?embed=1 from the address")
	}
}

// TestEmbedCode opens "Embed this section" and copies the snippet: the
// same as app.EmbedSnippet, with this site's absolute addresses, and on
// the clipboard.
func TestEmbedCode(t *testing.T) {
	e := essay.Content()
	s := newSite(t, false)
	b := newBrowser(t)
	b.run(t, cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{
		cdpbrowser.PermissionTypeClipboardReadWrite, cdpbrowser.PermissionTypeClipboardSanitizedWrite,
	}).WithOrigin(s.URL))
	b.navigate(t, s.URL+"/pace")
	b.waitApp(t, 60*time.Second)
	want := ui.EmbedSnippet(s.URL+"/pace", e.Sections[e.Index("pace")].Title, s.URL+"/web/embed.js")
	b.run(t, chromedp.Click(`details.embed-code summary`, chromedp.ByQuery))
	// The toggle event, which fills in the addresses, comes a task later.
	if err := b.waitJS(`document.querySelector("details.embed-code textarea").value === `+jsString(want), 3*time.Second); err != nil {
		t.Errorf("the snippet is\n%s\nwant\n%s", eval[string](t, b, `document.querySelector("details.embed-code textarea").value`), want)
	}
	if got := eval[string](t, b, `document.querySelector('label[for="embed-snippet"]').innerText`); got == "" {
		t.Error("the snippet has no label")
	}
	b.run(t, chromedp.Click(`button.copy-embed`, chromedp.ByQuery))
	if err := b.waitJS(`document.querySelector(".copy-status").innerText === "Copied."`, 5*time.Second); err != nil {
		t.Fatalf("the copy was not confirmed: %v (status %q)", err, eval[string](t, b, `document.querySelector(".copy-status").innerText`))
	}
	if got := eval[string](t, b, `navigator.clipboard.readText()`); got != want {
		t.Errorf("the clipboard holds\n%s\nwant\n%s", got, want)
	}
}

// embedBudget is the most an embedded section may cost its host page, from
// the essay's server, until the reader touches it.
const embedBudget = 150_000

// TestEmbedCostsAlmostNothing: a host page on another origin embeds one
// section of the static export, served by nginx in its everyday settings
// (no compression but of HTML). Until the reader touches it, the essay's
// server sends at most 150 KB: no wasm, and no service worker registered
// from the frame. The first touch is answered.
func TestEmbedCostsAlmostNothing(t *testing.T) {
	e := essay.Content()
	root, s := exportUnder(t, staticBase)
	h := startHost(t, nginxEveryday, root)
	front := serveSite(t, "127.0.0.1:0", proxyTo(h), false)
	hostOrigin, serveHostPage := hostSite(t)
	impact := e.Path(e.SectionWith(essay.Verdict, "panel"))
	pageURL := front.url(s.prefix + impact)
	serveHostPage(`<!doctype html><html lang="en"><meta charset="utf-8">
		<meta name="viewport" content="width=device-width, initial-scale=1">
		<title>A blog post</title><h1>A blog post</h1><p>An essay I like:</p>
		<div data-essay-embed="` + pageURL + `"><a href="` + pageURL + `">Read it</a></div>
		<script async src="` + front.url(s.prefix+"/web/embed.js") + `"></script>`)

	b := newBrowser(t)
	b.navigate(t, hostOrigin+"/")
	frame := frameIn(t, b, front.url("/"))
	if err := frameWait(frame, `document.documentElement.dataset.weighs === "on"`, 30*time.Second); err != nil {
		t.Fatalf("the sliders do not answer in the frame: %v", err)
	}
	b.settle(t, 2*time.Second)
	sent := front.bytes()
	if sent > embedBudget {
		t.Errorf("the embed cost %d bytes before a touch, over %d: %s", sent, embedBudget, front.heaviest(5))
	}
	t.Logf("the embed cost %d bytes before a touch: %s", sent, front.heaviest(5))
	front.mu.Lock()
	for _, r := range front.log {
		if strings.Contains(r.Path, "app.wasm") || strings.Contains(r.Path, "app-worker.js") {
			t.Errorf("the frame asked for %s before a touch", r.Path)
		}
	}
	front.mu.Unlock()
	if n := frameEval[int](t, frame, `navigator.serviceWorker.getRegistrations().then(r => r.length)`); n != 0 {
		t.Errorf("%d service workers registered from the frame", n)
	}

	// The first touch: a key on a slider, answered in the frame.
	before := frameEval[string](t, frame, `document.querySelector(".verdict-text").textContent`)
	if err := chromedp.Run(frame, chromedp.Focus("#w-leadership", chromedp.ByID), chromedp.KeyEvent(kb.End)); err != nil {
		t.Fatal(err)
	}
	if err := frameWait(frame, `document.querySelector(".verdict-text").textContent !== `+jsString(before), 2*time.Second); err != nil {
		t.Errorf("the first touch was not answered: %v", err)
	}
	b.settle(t, 1*time.Second)
	if frameEval[bool](t, frame, appRunningJS) {
		t.Error("the app started for a slider, which the page answers alone")
	}
}
