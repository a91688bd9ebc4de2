//go:build !wasm

package web

// Helpers shared by the browser tests (e2e_test.go) and the benchmark
// (bench_test.go): the real server on a loopback port, with a gate that can
// hold back app.wasm, and a headless Chromium driven through chromedp.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const noChromium = "NO CHROMIUM: browser tests skipped; apt-get install -y chromium"

var noChromiumOnce sync.Once

// chromiumPath finds the browser: $CHROMIUM, /usr/bin/chromium or chromium
// on PATH. Without one the test is skipped, loudly, or fails under CI=true.
// No test ever downloads a browser.
func chromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("CHROMIUM=%q: %v", p, err)
		}
		return found
	}
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	noChromiumOnce.Do(func() { fmt.Fprintf(os.Stderr, "\n*** %s ***\n\n", noChromium) })
	if os.Getenv("CI") == "true" {
		t.Fatal(noChromium)
	}
	t.Skip(noChromium)
	return ""
}

// e2eHandler is the real server, built once for all tests.
func e2eHandler(t testing.TB) *Site { return newTestServer(t) }

// site is the real server on a loopback port. It records every request it
// answers and, if asked, holds back app.wasm until release is called: the
// browser then shows the prerendered page for as long as the test needs,
// which is what a slow line does, but deterministically.
type site struct {
	URL string

	srv     *httptest.Server
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

// newSite serves the real server on 127.0.0.1 until the test ends. With
// holdWasm, requests for /web/app.wasm wait until s.release() (called at the
// latest when the test ends).
func newSite(t testing.TB, holdWasm bool) *site {
	t.Helper()
	s := openSite(newTestServer(t), holdWasm)
	t.Cleanup(s.close)
	return s
}

// openSite serves h on 127.0.0.1 until s.close().
func openSite(h http.Handler, holdWasm bool) *site {
	s := &site{h: h, release: func() {}}
	if holdWasm {
		s.hold = make(chan struct{})
		var once sync.Once
		s.release = func() { once.Do(func() { close(s.hold) }) }
	}
	s.srv = httptest.NewServer(s)
	s.URL = s.srv.URL
	return s
}

func (s *site) close() {
	s.release()
	s.srv.CloseClientConnections()
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
		for _, m := range exceptions {
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

// waitApp waits until the wasm app runs in the page.
func (b *browser) waitApp(t testing.TB, timeout time.Duration) {
	t.Helper()
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
