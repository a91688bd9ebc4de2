//go:build !wasm

package web

// The one harness of the browser tests and the benchmark: the site on a
// loopback port, with a gate that can hold back app.wasm, two versions for
// an update, a headless Chromium driven through chromedp, and the phone it
// emulates.

import (
	"context"
	"encoding/json"
	"fmt"
	"leaving-amazon/essay"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const noChromium = "NO CHROMIUM: browser tests skipped; apt-get install -y chromium"

// chromiumPath finds the browser: $CHROMIUM, /usr/bin/chromium or chromium
// on PATH.
func chromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("CHROMIUM=%q: %v", p, err)
		}
		return found
	}
	return findTool(t, noChromium, "/usr/bin/chromium", "chromium")
}

// toldMissing keeps each missing tool's message to one.
var toldMissing sync.Map

// findTool returns the first of paths that is an executable (a bare name
// is looked up on PATH). Without one the test is skipped with a loud
// message, or fails under CI=true, where .ci/run installs every tool. No
// test ever downloads a tool.
func findTool(t testing.TB, missing string, paths ...string) string {
	t.Helper()
	for _, p := range paths {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
	}
	if _, told := toldMissing.LoadOrStore(missing, true); !told {
		fmt.Fprintf(os.Stderr, "\n*** %s ***\n\n", missing)
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(missing)
	}
	t.Skip(missing)
	return ""
}

// site is a handler, the real site most often, served on a loopback
// address for a test. It records every request it answers and, if asked,
// holds back app.wasm until release is called: the browser then shows the
// prerendered page for as long as the test needs, which is what a slow
// line does, but deterministically.
type site struct {
	URL  string // http://<addr>
	addr string

	srv     *http.Server
	h       http.Handler
	hold    chan struct{} // nil: app.wasm is never held
	release func()

	mu  sync.Mutex
	log []served
}

// served is one request the site answered.
type served struct {
	Path, Query, Referer string
	Status               int
	Bytes                int
}

type statusWriter struct {
	http.ResponseWriter
	status, n int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// newSite serves the real site on 127.0.0.1 until the test ends. With
// holdWasm, requests for /web/app.wasm wait until s.release() (called at
// the latest when the site stops).
func newSite(t testing.TB, holdWasm bool) *site {
	t.Helper()
	return serveSite(t, "127.0.0.1:0", newTestServer(t), holdWasm)
}

// serveSite serves h at addr ("127.0.0.1:0" picks a port) until the test
// ends or s.stop(). A later site may serve another handler at the same
// address, as a deploy does: stop the first.
func serveSite(t testing.TB, addr string, h http.Handler, holdWasm bool) *site {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &site{addr: ln.Addr().String(), h: h, release: func() {}}
	s.URL = "http://" + s.addr
	if holdWasm {
		s.hold = make(chan struct{})
		var once sync.Once
		s.release = func() { once.Do(func() { close(s.hold) }) }
	}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	t.Cleanup(s.stop)
	return s
}

// url is the address of path on the site.
func (s *site) url(path string) string { return s.URL + path }

// stop releases the wasm and closes the site and its connections.
func (s *site) stop() {
	s.release()
	s.srv.Close()
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/web/app.wasm" && s.hold != nil {
		select {
		case <-s.hold:
		case <-r.Context().Done():
			return
		}
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	s.h.ServeHTTP(sw, r)
	s.mu.Lock()
	s.log = append(s.log, served{r.URL.Path, r.URL.RawQuery, r.Referer(), sw.status, sw.n})
	s.mu.Unlock()
}

// twoVersions builds the site twice under two versions, for the tests of
// an update.
func twoVersions(t testing.TB) (v1, v2 *Site) {
	t.Helper()
	var err error
	if v1, err = New(essay.Content(), Config{Version: "test-v1"}); err != nil {
		t.Fatal(err)
	}
	if v2, err = New(essay.Content(), Config{Version: "test-v2"}); err != nil {
		t.Fatal(err)
	}
	return v1, v2
}

// deploy stops s and serves h at its address, as a deploy does.
func deploy(t testing.TB, s *site, h http.Handler) *site {
	t.Helper()
	s.stop()
	return serveSite(t, s.addr, h, false)
}

// updatePrompt is the notice of a new version, once the page shows it.
const updatePrompt = `[...document.querySelectorAll(".notice.update")].find(n => n.innerText.includes("A new version is available"))`

// awaitUpdate has the page check for a new version, as a reader coming
// back to the tab does, and waits for its notice.
func awaitUpdate(t testing.TB, b *browser) {
	t.Helper()
	eval[bool](t, b, `(document.dispatchEvent(new Event("visibilitychange")), true)`)
	if err := b.waitJS(`!!`+updatePrompt, 60*time.Second); err != nil {
		t.Fatalf("no update prompt: %v", err)
	}
}

// reloadTo presses the notice's Reload and waits for the app at version.
func reloadTo(t testing.TB, b *browser, version string) {
	t.Helper()
	eval[bool](t, b, `(`+updatePrompt+`.querySelector("button").click(), true)`)
	if err := b.waitJS(`document.documentElement.dataset.version === `+jsString(version), 60*time.Second); err != nil {
		t.Fatalf("one Reload did not bring the new version: %v", err)
	}
	b.waitApp(t, 30*time.Second)
}

// clickToNewDocument runs clickJS, which must load a new document (a
// Reload), and waits until the new one has loaded: evaluating in the tab
// while the old one unloads fails with "Inspected target navigated".
func clickToNewDocument(t testing.TB, b *browser, clickJS string) {
	t.Helper()
	eval[bool](t, b, `(window.__oldDocument = true, `+clickJS+`, true)`)
	if err := b.waitJS(`!window.__oldDocument && document.readyState === "complete"`, 30*time.Second); err != nil {
		t.Fatalf("no new document after %s: %v", clickJS, err)
	}
}

// press focuses the element with id and presses a key on it.
func press(t testing.TB, b *browser, id, key string) {
	t.Helper()
	eval[bool](t, b, `(document.getElementById(`+jsString(id)+`).focus(), true)`)
	b.run(t, chromedp.KeyEvent(key))
}

// openApp opens path on s in a fresh browser and waits for the app.
func openApp(t *testing.T, s *site, path string) *browser {
	t.Helper()
	b := newBrowser(t)
	b.navigate(t, s.URL+path)
	b.waitApp(t, 60*time.Second)
	return b
}

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

// onNewDocument runs js in every document the tab loads from now on,
// before the page's own scripts.
func onNewDocument(js string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(js).Do(ctx)
		return err
	})
}

// throwingStorageJS makes merely reading window.localStorage throw, as it
// does in a sandboxed frame or with storage blocked.
const throwingStorageJS = `Object.defineProperty(window, "localStorage", {
	configurable: true, get() { throw new DOMException("denied", "SecurityError"); }});`

// The phone every test and the benchmark emulate: a mid-range phone's
// 412×915 screen at a device pixel ratio of 1.75.
const (
	phoneWidth  = 412
	phoneHeight = 915
	phoneDPR    = 1.75
)

// phone makes the tab the phone's screen, with touch.
func phone() chromedp.Action {
	return chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(phoneDPR))
}

// bytes is the sum of the bodies the site has sent, as sent.
func (s *site) bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for _, r := range s.log {
		n += int64(r.Bytes)
	}
	return n
}

// heaviest names the n largest responses the site has sent, for a message.
func (s *site) heaviest(n int) string {
	s.mu.Lock()
	log := slices.Clone(s.log)
	s.mu.Unlock()
	slices.SortFunc(log, func(a, b served) int { return b.Bytes - a.Bytes })
	var out []string
	for _, r := range log[:min(n, len(log))] {
		out = append(out, fmt.Sprintf("%s %d bytes", r.Path, r.Bytes))
	}
	return strings.Join(out, ", ")
}

// requests returns the requests answered so far for path.
func (s *site) requests(path string) []served {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []served
	for _, r := range s.log {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// browser is one headless Chromium with a fresh profile, and its first tab.
type browser struct {
	ctx   context.Context // the tab; cancelled when the test ends
	close func() (exceptions, consoleErrors []string)

	mu         sync.Mutex
	exceptions []string
	consoleErr []string
	expected   []string // exceptions a test provokes on purpose
}

// ignoreExceptions lets uncaught exceptions that contain any of msgs pass:
// a test that stops the app on purpose provokes them.
func (b *browser) ignoreExceptions(msgs ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expected = append(b.expected, msgs...)
}

// newBrowser starts a headless Chromium with a fresh profile for this test.
// It is closed when the test ends, before the site (create the site first).
// Uncaught JavaScript exceptions fail the test; console errors are logged.
func newBrowser(t testing.TB) *browser {
	t.Helper()
	b, err := openBrowser(chromiumPath(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		exceptions, consoleErrors := b.close()
		for _, m := range consoleErrors {
			t.Logf("console error: %s", m)
		}
	exceptions:
		for _, m := range exceptions {
			for _, e := range b.expected {
				if strings.Contains(m, e) {
					continue exceptions
				}
			}
			t.Errorf("uncaught exception in the page: %s", m)
		}
	})
	return b
}

// openBrowser starts a headless Chromium with a fresh profile, until
// b.close(), which reports the page's uncaught exceptions and console
// errors.
func openBrowser(execPath string) (*browser, error) {
	// A fresh profile. Not t.TempDir(): Chromium's helper processes may
	// still write to it for a moment after the browser exits, which makes
	// t.TempDir's cleanup fail; close removes it, with retries.
	profile, err := os.MkdirTemp("", "e2e-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 150*time.Second)
	b := &browser{ctx: ctx}
	b.close = func() (exceptions, consoleErrors []string) {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		for i := 0; os.RemoveAll(profile) != nil && i < 50; i++ {
			time.Sleep(100 * time.Millisecond)
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.exceptions, b.consoleErr
	}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			b.mu.Lock()
			b.exceptions = append(b.exceptions, fmt.Sprintf("%s (%s:%d)", msg, d.URL, d.LineNumber))
			b.mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if ev.Type != runtime.APITypeError {
				return
			}
			var parts []string
			for _, a := range ev.Args {
				if a.Description != "" {
					parts = append(parts, a.Description)
				} else {
					parts = append(parts, string(a.Value))
				}
			}
			b.mu.Lock()
			b.consoleErr = append(b.consoleErr, strings.Join(parts, " "))
			b.mu.Unlock()
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return b, nil
}

// consoleErrors are the errors the page has logged so far.
func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.consoleErr)
}

// run runs chromedp actions in the tab and fails the test on error.
func (b *browser) run(t testing.TB, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page, awaiting a promise,
// and unmarshals its value into a T.
func eval[T any](t testing.TB, b *browser, expr string) T {
	t.Helper()
	var v T
	if err := chromedp.Run(b.ctx, evaluate(expr, &v)); err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func evaluate(expr string, res any) chromedp.Action {
	return chromedp.Evaluate(expr, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	})
}

// waitJS polls a boolean expression until it is true, through page loads
// (an evaluation that fails because the page is changing is retried).
func (b *browser) waitJS(expr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	var lastErr error
	for {
		var ok bool
		err := chromedp.Run(ctx, evaluate(expr, &ok))
		if err == nil && ok {
			return nil
		}
		if err != nil && ctx.Err() == nil {
			lastErr = err
		}
		select {
		case <-ctx.Done():
			if lastErr != nil {
				return fmt.Errorf("%s still false after %v (last error: %v)", expr, timeout, lastErr)
			}
			return fmt.Errorf("%s still false after %v", expr, timeout)
		case <-time.After(40 * time.Millisecond):
		}
	}
}

// appRunningJS is true once the WebAssembly app runs: the page component's
// OnMount (app/page.go) sets <html data-app="running">. Nothing in the
// prerendered page sets it, and go-app only mounts components once the Go
// program runs in the browser.
const appRunningJS = `document.documentElement.dataset.app === "running"`

// startAppJS asks an embedded section for its app: in embed mode the wasm
// waits until the page needs it (web/goapp.go's essayStart), which the
// tests that run the app there stand in for.
const startAppJS = `(!!document.documentElement && document.documentElement.classList.contains("embed") && window.dispatchEvent(new Event("essay-need-app")), true)`

// waitApp waits until the wasm app runs in the page; in embed mode it asks
// for the app first.
func (b *browser) waitApp(t testing.TB, timeout time.Duration) {
	t.Helper()
	eval[bool](t, b, startAppJS)
	if err := b.waitJS(appRunningJS, timeout); err != nil {
		var loader struct {
			Present bool   `json:"present"`
			Label   string `json:"label"`
		}
		_ = chromedp.Run(b.ctx, evaluate(`(() => { const l = document.getElementById("app-wasm-loader");
			return {present: !!l, label: l ? l.innerText : ""}; })()`, &loader))
		if !loader.Present {
			t.Fatalf("go-app removed its loader, so the wasm ran, but <html data-app=\"running\"> was never set: "+
				"app/page.go's OnMount must set it (%v)", err)
		}
		t.Fatalf("the wasm app did not run within %v; the loader says %q", timeout, loader.Label)
	}
}

// navigate loads url in the tab and waits for its load event.
func (b *browser) navigate(t testing.TB, url string) {
	t.Helper()
	b.run(t, chromedp.Navigate(url))
}

// settle waits for two animation frames and then d, so that pending
// rendering has happened.
func (b *browser) settle(t testing.TB, d time.Duration) {
	t.Helper()
	eval[bool](t, b, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	time.Sleep(d)
}

// jsValue is a JavaScript value as JSON, to decode once its shape is known.
type jsValue json.RawMessage

func (v jsValue) into(t testing.TB, dst any) {
	t.Helper()
	if err := json.Unmarshal(v, dst); err != nil {
		t.Fatalf("decoding %s: %v", v, err)
	}
}

func (v *jsValue) UnmarshalJSON(b []byte) error {
	*v = append((*v)[:0], b...)
	return nil
}
