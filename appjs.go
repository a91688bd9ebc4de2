//go:build !wasm

package main

import (
	"bytes"
	"errors"
)

// patchAppJS adapts go-app's generated app.js (v10.1.11) to a reader on a
// slow line and to a reader coming back. Each change is an exact
// replacement that must match once: if go-app's script changes, the server
// refuses to start rather than serve a half-patched loader.
//
//   - The service worker is registered once the wasm has been fetched and
//     started, not before: its precache then revalidates the wasm the page
//     already has (a 304) instead of downloading it a second time beside the
//     page on a slow line.
//   - When a worker serves the page (a repeat visit: the wasm is in its
//     cache), the wasm response goes to the compiler as it is. go-app
//     always wraps it in a Response made in JavaScript, to count progress;
//     such a response has no URL, so the browser cannot reuse the code it
//     compiled on an earlier visit. Progress is worth showing only when the
//     wasm comes over the network. (Measured with make bench: the repeat
//     visit's app start went from about 1.5 s to about 1.15 s.)
func patchAppJS(js []byte, wasmURL string) ([]byte, error) {
	progress := `fetchWithProgress("` + wasmURL + `", showProgress)`
	for _, r := range []struct{ old, new string }{
		{"goappInitServiceWorker();\n", ""},
		{"goappInitWebAssembly();\n", "goappInitWebAssembly().finally(goappInitServiceWorker);\n"},
		{progress, `(navigator.serviceWorker && navigator.serviceWorker.controller ? fetch("` + wasmURL + `") : ` + progress + `)`},
	} {
		if bytes.Count(js, []byte(r.old)) != 1 {
			return nil, errors.New("go-app's app.js has changed: patchAppJS needs revisiting (" + r.old + ")")
		}
		js = bytes.Replace(js, []byte(r.old), []byte(r.new), 1)
	}
	return js, nil
}
