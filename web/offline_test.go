//go:build !wasm

package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// listener serves h at addr (":0" picks a port) until stop; a later
// listener may serve another handler at the same address, as a deploy
// does.
type listener struct {
	addr string
	srv  *http.Server
}

func serveAt(t *testing.T, addr string, h http.Handler) *listener {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	l := &listener{addr: ln.Addr().String(), srv: &http.Server{Handler: h}}
	go l.srv.Serve(ln)
	t.Cleanup(l.stop)
	return l
}

func (l *listener) stop() { l.srv.Close() }

func (l *listener) url(path string) string { return "http://" + l.addr + path }

// waitOffline waits until the worker controls the page and has cached
// every resource it lists: then the essay is readable offline.
func waitOffline(t *testing.T, b *browser, version string) {
	t.Helper()
	js := fmt.Sprintf(`(async () => {
		if (!navigator.serviceWorker.controller) return false;
		const keys = await caches.keys();
		if (keys.length !== 1 || !keys[0].startsWith("leaving-amazon ") || !keys[0].endsWith(" %s")) return false;
		const cached = (await (await caches.open(keys[0])).keys()).length;
		return cached >= %d;
	})()`, version, len(essay.Content().Paths())+7)
	if err := b.waitJS(js, 60*time.Second); err != nil {
		t.Fatalf("the worker did not take control with a complete cache: %v", err)
	}
}

// TestOffline visits "/" only, stops the server, and reads every page of
// the essay, with and without a query string, with the app running.
func TestOffline(t *testing.T) {
	h := newTestServer(t)
	l := serveAt(t, "127.0.0.1:0", h)
	b := newBrowser(t)
	b.navigate(t, l.url("/"))
	b.waitApp(t, 60*time.Second)
	waitOffline(t, b, h.version)
	if err := b.waitJS(`[...document.querySelectorAll(".notice.offline")].some(n => n.innerText.includes("Ready to read offline"))`, 10*time.Second); err != nil {
		t.Errorf("the first install did not say it is ready to read offline: %v", err)
	}
	if eval[bool](t, b, `!!document.querySelector(".notice.update")`) {
		t.Error("the first install was announced as a new version")
	}

	l.stop()
	if _, err := http.Get(l.url("/")); err == nil {
		t.Fatal("the server still answers: the offline check would prove nothing")
	}

	readEveryPageOffline(t, b, l.url)
}

// readEveryPageOffline reads every page of the essay, with and without a
// query string, with the app running, and an unknown page, from a browser
// whose server has gone: url gives a page's address.
func readEveryPageOffline(t *testing.T, b *browser, url func(path string) string) {
	t.Helper()
	e := essay.Content()
	for _, p := range append(e.Paths(), "/"+e.Sections[0].Slug, essay.DecisionPath) {
		for _, query := range []string{"", "?w=a7b3&x=%22%3E%3Cimg%20src%3Dx%3E"} {
			t.Run(p+query, func(t *testing.T) {
				b.navigate(t, url(p+query))
				b.waitApp(t, 30*time.Second)
				want := e.Title
				if i := e.Index(strings.TrimPrefix(p, "/")); i > 0 {
					want = e.Sections[i].Title
				}
				if p == essay.DecisionPath {
					want = "Your decision"
				}
				if got := eval[string](t, b, `document.querySelector("h1").innerText`); got != want {
					t.Errorf("h1 %q, want %q", got, want)
				}
				if got := eval[int](t, b, `document.querySelector("main").innerText.length`); got < 200 {
					t.Errorf("only %d characters of text", got)
				}
			})
		}
	}
	t.Run("unknown page", func(t *testing.T) {
		b.navigate(t, url("/not-saved"))
		if got := eval[string](t, b, `document.querySelector("h1").innerText`); got != "You are offline" {
			t.Errorf("h1 %q, want the offline page", got)
		}
		if got := eval[int](t, b, `document.querySelectorAll("main a[href]").length`); got < len(e.Sections) {
			t.Errorf("the offline page links to %d pages, want every section", got)
		}
	})
}

// TestUpdate deploys a second version at the same address: the open page
// says so, and one Reload brings it, at the same place, with the old cache
// gone.
func TestUpdate(t *testing.T) {
	e := essay.Content()
	v1, err := New(e, Config{Version: "test-v1"})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := New(e, Config{Version: "test-v2"})
	if err != nil {
		t.Fatal(err)
	}
	l := serveAt(t, "127.0.0.1:0", v1)
	b := newBrowser(t)
	b.navigate(t, l.url("/world-outside"))
	b.waitApp(t, 60*time.Second)
	waitOffline(t, b, "test-v1")
	if got := eval[string](t, b, `document.documentElement.dataset.version`); got != "test-v1" {
		t.Fatalf("version %q, want test-v1", got)
	}

	l.stop()
	l = serveAt(t, l.addr, v2)
	const y = 400
	eval[bool](t, b, fmt.Sprintf(`(window.scrollTo({top: %d, behavior: "instant"}), true)`, y))
	// A reader coming back to the tab: the page checks for a new version.
	eval[bool](t, b, `(document.dispatchEvent(new Event("visibilitychange")), true)`)

	prompt := `[...document.querySelectorAll(".notice.update")].find(n => n.innerText.includes("A new version is available"))`
	if err := b.waitJS(`!!`+prompt, 60*time.Second); err != nil {
		t.Fatalf("no update prompt: %v", err)
	}
	if got := eval[string](t, b, `document.documentElement.dataset.version`); got != "test-v1" {
		t.Fatalf("the page changed version before the reader reloaded: %q", got)
	}
	scrollBefore := eval[float64](t, b, `scrollY`)
	eval[bool](t, b, `(`+prompt+`.querySelector("button").click(), true)`)
	if err := b.waitJS(`document.documentElement.dataset.version === "test-v2"`, 60*time.Second); err != nil {
		t.Fatalf("one Reload did not bring the new version: %v", err)
	}
	b.waitApp(t, 30*time.Second)
	if got := eval[string](t, b, `location.pathname`); got != "/world-outside" {
		t.Errorf("after the update the reader is at %s, want /world-outside", got)
	}
	if err := b.waitJS(fmt.Sprintf(`Math.abs(scrollY - %f) <= 2`, scrollBefore), 5*time.Second); err != nil {
		t.Errorf("the scroll position was not kept (was %.0f, now %.0f)", scrollBefore, eval[float64](t, b, `scrollY`))
	}
	if got := eval[[]string](t, b, `caches.keys()`); len(got) != 1 || !strings.HasSuffix(got[0], " test-v2") {
		t.Errorf("caches after the update: %v, want only the one for test-v2", got)
	}
}

// TestInstallable asks Chromium whether the app can be installed.
func TestInstallable(t *testing.T) {
	h := newTestServer(t)
	l := serveAt(t, "127.0.0.1:0", h)
	b := newBrowser(t)
	b.navigate(t, l.url("/"))
	b.waitApp(t, 60*time.Second)
	waitOffline(t, b, h.version)
	checkInstallable(t, b)
}

// checkInstallable asks Chromium whether the page in b can be installed.
func checkInstallable(t *testing.T, b *browser) {
	t.Helper()
	var errs []*page.InstallabilityError
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		errs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	for _, e := range errs {
		t.Errorf("installability error: %s %v", e.ErrorID, e.ErrorArguments)
	}
}

// failing answers 500 for one path and passes the rest to h.
type failing struct {
	h    http.Handler
	path string
}

func (f failing) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == f.path {
		http.Error(w, "broken", http.StatusInternalServerError)
		return
	}
	f.h.ServeHTTP(w, r)
}

// TestIncompletePrecache: when one file cannot be cached, the install fails
// and no worker takes control, so the page never depends on a partial copy.
func TestIncompletePrecache(t *testing.T) {
	h := newTestServer(t)
	l := serveAt(t, "127.0.0.1:0", failing{h, "/web/icon-512.png"})
	b := newBrowser(t)
	b.navigate(t, l.url("/"))
	b.waitApp(t, 60*time.Second)
	// The worker is registered, fetches every file, fails on one.
	if err := b.waitJS(`navigator.serviceWorker.getRegistration().then(r => !!r)`, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	if eval[bool](t, b, `!!navigator.serviceWorker.controller`) {
		t.Error("a worker controls the page although its precache failed")
	}
	if got := eval[[]string](t, b, `caches.keys()`); len(got) != 0 {
		t.Errorf("caches left behind: %v", got)
	}
	if eval[bool](t, b, `!!document.querySelector(".notice.offline")`) {
		t.Error("the page says it is ready to read offline")
	}
}
