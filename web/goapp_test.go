//go:build !wasm

package web

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"leaving-amazon/essay"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"
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
		{"explicitARIA", `an attribute whose value is "true" is written bare, as aria-hidden with no value`,
			bytes.Contains(page, []byte(" aria-hidden>")) || bytes.Contains(page, []byte(" aria-hidden "))},
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
	if fixed := fixPage(page, "", prefix, ""); bytes.Contains(fixed, []byte(`"https://`)) {
		t.Error("fixPage left go-app's broken addresses in the page")
	}
	// The early start of the wasm's download goes in right before the
	// stylesheet's link, which a script after it would wait for; a page
	// without it would wait for app.js to start the download, silently.
	early := regexp.MustCompile(`<script>early\(\)</script>\n    <link\s[^>]*\brel="stylesheet"[^>]*>`)
	// go-app writes attributes from a map: any order must do.
	for _, tag := range []string{`<link rel="stylesheet" href="/x/app.css" type="text/css">`, `<link href="/x/app.css" type="text/css" rel="stylesheet">`} {
		if fixed := fixPage([]byte("<head>\n    "+tag+"\n</head>"), "", prefix, "<script>early()</script>"); !early.Match(fixed) {
			t.Errorf("fixPage did not write the early script before %s", tag)
		}
	}
	if fixed := fixPage(page, "", prefix, "<script>early()</script>"); !early.Match(fixed) {
		t.Error("fixPage did not write the early script before the stylesheet's link: go-app's head has changed")
	}
	if fixed := slashHome(worker, "", prefix); bytes.Contains(fixed, []byte(`"`+prefix+`"`)) {
		t.Error("slashHome left the home without its slash")
	}
}

// TestExplicitARIA: a bare ARIA attribute gets its value "true", and
// nothing else changes: not a quoted value, not text, not a script.
func TestExplicitARIA(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"bare", `<p aria-hidden>x</p>`, `<p aria-hidden="true">x</p>`},
		{"two in a row, among others", `<span class="a" aria-hidden aria-disabled data-x="aria-hidden y">t aria-hidden z</span>`,
			`<span class="a" aria-hidden="true" aria-disabled="true" data-x="aria-hidden y">t aria-hidden z</span>`},
		{"in a quoted value", `<b aria-label="a aria-hidden b" aria-disabled>`, `<b aria-label="a aria-hidden b" aria-disabled="true">`},
		{"self-closing", `<br aria-hidden/>`, `<br aria-hidden="true"/>`},
		{"with a value", `<a aria-current="page" href="/x">`, `<a aria-current="page" href="/x">`},
		{"in a script", `<script>var s = "<p aria-hidden>"</script>`, `<script>var s = "<p aria-hidden>"</script>`},
		{"in a comment", `<!-- <p aria-hidden> --><i>`, `<!-- <p aria-hidden> --><i>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(explicitARIA([]byte(tc.in))); got != tc.want {
				t.Errorf("explicitARIA(%s) =\n%s\nwant\n%s", tc.in, got, tc.want)
			}
		})
	}
}

// TestNoBareARIA: no prerendered page, of the server or of an export,
// has an ARIA attribute without a value (which ARIA reads as unset).
func TestNoBareARIA(t *testing.T) {
	for name, cfg := range map[string]Config{"server": {}, "export": {Base: "/essays/leaving-amazon/", Static: true}} {
		s, err := New(essay.Content(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		hidden := 0
		for p, r := range s.responses {
			if !strings.HasPrefix(r.contentType, "text/html") {
				continue
			}
			z := html.NewTokenizer(bytes.NewReader(r.raw))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				for _, a := range z.Token().Attr {
					if strings.HasPrefix(a.Key, "aria-") && a.Val == "" {
						t.Errorf("%s %s: a bare %s", name, p, a.Key)
					}
					if a.Key == "aria-hidden" && a.Val == "true" {
						hidden++
					}
				}
			}
		}
		if hidden == 0 {
			t.Errorf("%s: no aria-hidden=\"true\" in any page: the check reads nothing", name)
		}
	}
}
