//go:build !wasm

package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// readyOffline serves h, opens path in a fresh browser, and waits until
// the app runs and its worker has cached everything for reading offline.
func readyOffline(t *testing.T, h *Site, path string) (*site, *browser) {
	t.Helper()
	s := serveSite(t, "127.0.0.1:0", h, false)
	b := newBrowser(t)
	b.navigate(t, s.url(path))
	b.waitApp(t, 60*time.Second)
	waitOffline(t, b, h.version)
	return s, b
}

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
	l, b := readyOffline(t, newTestServer(t), "/")
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
// whose server has gone: url gives a page's address. It returns how many
// pages read, both ways, of how many.
func readEveryPageOffline(t *testing.T, b *browser, url func(path string) string) (read, pages int) {
	t.Helper()
	e := essay.Content()
	for _, p := range append(e.Paths(), "/"+e.Sections[0].Slug, essay.DecisionPath) {
		pages++
		ok := true
		for _, query := range []string{"", "?w=a7b3&x=%22%3E%3Cimg%20src%3Dx%3E"} {
			ok = t.Run(p+query, func(t *testing.T) {
				b.navigate(t, url(p+query))
				b.waitApp(t, 30*time.Second)
				want := e.Sections[0].Title
				if i := e.Index(strings.TrimPrefix(p, "/")); i > 0 {
					want = e.Sections[i].Title
				}
				if p == essay.AllPath {
					want = e.Title
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
			}) && ok
		}
		if ok {
			read++
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
	return read, pages
}

// TestUpdate deploys a second version at the same address: the open page
// says so, and one Reload brings it, at the same place, with the old cache
// gone.
func TestUpdate(t *testing.T) {
	v1, v2 := twoVersions(t)
	l, b := readyOffline(t, v1, "/world-outside")
	if got := eval[string](t, b, `document.documentElement.dataset.version`); got != "test-v1" {
		t.Fatalf("version %q, want test-v1", got)
	}

	deploy(t, l, v2)
	const y = 400
	eval[bool](t, b, fmt.Sprintf(`(window.scrollTo({top: %d, behavior: "instant"}), true)`, y))
	awaitUpdate(t, b)
	if got := eval[string](t, b, `document.documentElement.dataset.version`); got != "test-v1" {
		t.Fatalf("the page changed version before the reader reloaded: %q", got)
	}
	scrollBefore := eval[float64](t, b, `scrollY`)
	reloadTo(t, b, "test-v2")
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
	_, b := readyOffline(t, newTestServer(t), "/")
	checkInstallable(t, b)
}

// checkInstallable asks Chromium whether the page in b can be installed.
func checkInstallable(t *testing.T, b *browser) {
	t.Helper()
	for _, e := range installabilityErrors(t, b) {
		t.Errorf("installability error: %s", e)
	}
}

// installabilityErrors are Chromium's reasons the page in b cannot be
// installed; none when it can.
func installabilityErrors(t *testing.T, b *browser) []string {
	t.Helper()
	var errs []*page.InstallabilityError
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		errs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	var out []string
	for _, e := range errs {
		out = append(out, fmt.Sprintf("%s %v", e.ErrorID, e.ErrorArguments))
	}
	return out
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
	l := serveSite(t, "127.0.0.1:0", failing{h, "/web/icon-512.png"}, false)
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
