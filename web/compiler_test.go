//go:build !wasm

package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestWasmCompiledOffThread: on a first visit the wasm is fetched and
// compiled by the dedicated worker (static/wasm-compiler.js), which the
// page's head starts (static/wasm-early.js), not by the page, and the app
// runs from the module it hands over; where the worker
// cannot load, the page compiles the wasm itself and the app still runs.
func TestWasmCompiledOffThread(t *testing.T) {
	h := newTestServer(t)
	for _, tc := range []struct {
		name          string
		compilerFails bool
	}{
		{"in the worker", false},
		{"on the page when the worker fails", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var handler http.Handler = h
			if tc.compilerFails {
				handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasSuffix(r.URL.Path, compilerPath) {
						http.Error(w, "gone", http.StatusNotFound)
						return
					}
					h.ServeHTTP(w, r)
				})
			}
			s := serveSite(t, "127.0.0.1:0", handler, false)
			b := newBrowser(t)
			if tc.compilerFails {
				b.ignoreExceptions("404")
			}
			b.navigate(t, s.URL+"/impact")
			b.waitApp(t, 60*time.Second)

			if n := len(s.requests(compilerPath)); n != 1 {
				t.Errorf("the compiler was asked for %d times, want once", n)
			}
			bodies := 0
			for _, r := range s.requests(wasmPath) {
				if r.Status == http.StatusOK {
					bodies++
				}
			}
			if bodies != 1 {
				t.Errorf("the wasm's body was sent %d times, want once", bodies)
			}
			// The page's head started the download (static/wasm-early.js):
			// the page's own fetch, begun before the document was parsed,
			// which app.js, deferred, runs after. The worker compiled it, or
			// the page did, from the same download, when the worker failed.
			fetchedByHead(t, b, wasmPath, true)
			compiled := eval[bool](t, b, `performance.getEntriesByName("essay:compiled").length === 1`)
			if compiled == tc.compilerFails {
				t.Errorf("the worker compiled the wasm: %v, want %v", compiled, !tc.compilerFails)
			}
			// app.js took over the worker the page's head started.
			if early := eval[bool](t, b, `performance.getEntriesByName("essay:early").length === 1`); !early {
				t.Error("app.js started the worker: the page's head did not (static/wasm-early.js)")
			}
			// The sliders work on the app's module either way: the verdict
			// differs with the first factor at 0 and at 10.
			set := func(v string) string {
				eval[bool](t, b, `(() => { const s = document.querySelector("input[data-factor]");
					s.value = "`+v+`"; s.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
				b.settle(t, 100*time.Millisecond)
				return eval[string](t, b, `document.querySelector(".verdict-text").textContent`)
			}
			if low, high := set("0"), set("10"); low == high {
				t.Errorf("the verdict is %q with the first factor at 0 and at 10: the sliders do not answer", low)
			}
			if !tc.compilerFails {
				if errs := b.consoleErrors(); len(errs) > 0 {
					t.Errorf("console errors: %v", errs)
				}
			}
		})
	}
}

// fetchedByHead checks that the page's head started the download of the
// wasm (at a path matching the pattern path) itself
// (static/wasm-early.js): the page's own fetch of its body (not a HEAD
// request; a worker's fetches are not on the page's timeline). With
// parsing, it began before the document was parsed, which app.js,
// deferred, runs after; on a static host, the head may first ask for the
// wasm's headers (static/wasm-choice.js), a round trip in which
// parsing on loopback ends.
func fetchedByHead(t *testing.T, b *browser, path string, parsing bool) {
	t.Helper()
	since := eval[float64](t, b, `(() => {
		const r = performance.getEntriesByType("resource").find(e =>
			/`+strings.ReplaceAll(path, "/", `\/`)+`$/.test(new URL(e.name).pathname) && e.encodedBodySize > 100000);
		return r ? r.startTime - performance.getEntriesByType("navigation")[0].domInteractive : 1e9; })()`)
	if since == 1e9 || parsing && since >= 0 {
		t.Errorf("the page's head did not start the download of %s (%.0f ms after the document was parsed)", path, since)
	}
}
