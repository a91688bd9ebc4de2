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
			// A fetch made by a worker is on the worker's timeline, not
			// the page's.
			onPage := eval[bool](t, b, `performance.getEntriesByType("resource").some(e => e.name.includes("/web/app.wasm"))`)
			if onPage == !tc.compilerFails {
				t.Errorf("the page fetched the wasm itself: %v, want %v", onPage, tc.compilerFails)
			}
			// The page's head started the worker (static/wasm-early.js),
			// before app.js ran, and app.js took it over.
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
