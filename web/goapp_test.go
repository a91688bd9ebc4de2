//go:build !wasm

package web

import (
	"bytes"
	"io/fs"
	"testing"

	"leaving-amazon/essay"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestGoappStillNeedsItsFixes checks that each go-app bug worked around in
// goapp.go is still there in the go-app this builds with. A failure here is
// good news: go-app changed, and the workaround it names is to be dropped
// or revisited.
func TestGoappStillNeedsItsFixes(t *testing.T) {
	const prefix = "/x"
	e := essay.Content()
	files, err := fs.Sub(static, "static")
	if err != nil {
		t.Fatal(err)
	}
	raw := func(p, domain string) []byte {
		t.Helper()
		h, err := goappHandler(plan{essay: e, files: files, prefix: prefix, domain: domain, version: "test"}, 1)
		if err != nil {
			t.Fatal(err)
		}
		b, err := render(h, p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page, appJS, worker := raw("/pace", ""), raw("/app.js", ""), raw("/app-worker.js", "")
	for _, tc := range []struct {
		fix, bug string
		still    bool
	}{
		{"prefixResolver", "PrefixedLocation puts the prefix again on a path already under it",
			goapp.PrefixedLocation(prefix).Resolve(prefix+"/pace") == prefix+prefix+"/pace"},
		{"fixPage", `without a domain, absolute URLs are written "https://" + path`,
			bytes.Contains(page, []byte(`"https:///`)) || bytes.Contains(page, []byte(`"https://"`))},
		{"fixPage", "the loader icon is an eager image",
			len(loaderIcon.FindAll(page, -1)) == 1 && !bytes.Contains(page, []byte(`loading="lazy"`))},
		{"slashHome", "the home under a sub-path is written without its slash",
			bytes.Contains(worker, []byte(`"`+prefix+`"`)) && bytes.Contains(raw("/", "essay.example"), []byte(`"https://essay.example`+prefix+`"`))},
		{"patchAppJS", "app.js registers the worker before the wasm has loaded",
			bytes.Contains(appJS, []byte("goappInitServiceWorker();\n"))},
	} {
		if !tc.still {
			t.Errorf("go-app no longer has the bug %s works around (%s): drop or revisit it", tc.fix, tc.bug)
		}
	}
	for _, twin := range [][]byte{nil, []byte("async function essayWasmTwin() {}")} {
		if _, err := patchAppJS(appJS, prefix+wasmPath, twin); err != nil {
			t.Error(err)
		}
	}
	if fixed := fixPage(page, "", prefix); bytes.Contains(fixed, []byte(`"https://`)) {
		t.Error("fixPage left go-app's broken addresses in the page")
	}
	if fixed := slashHome(worker, "", prefix); bytes.Contains(fixed, []byte(`"`+prefix+`"`)) {
		t.Error("slashHome left the home without its slash")
	}
}
