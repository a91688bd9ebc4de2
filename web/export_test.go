//go:build !wasm

package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

func TestExportName(t *testing.T) {
	page := &response{contentType: "text/html; charset=utf-8"}
	js := &response{contentType: "text/javascript; charset=utf-8"}
	for _, tc := range []struct {
		path string
		a    *response
		want string
	}{
		{"/", page, "index.html"},
		{"/pace", page, "pace/index.html"},
		{"/offline", page, "offline/index.html"},
		{"/app.js", js, "app.js"},
		{"/web/embed.js", js, "web/embed.js"},
	} {
		if got := exportName(tc.path, tc.a); got != tc.want {
			t.Errorf("exportName(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestExport writes an export, writes it again over itself, and refuses a
// folder that holds something else.
func TestExport(t *testing.T) {
	e := essay.Content()
	s, err := New(e, Config{Base: "/essays/leaving-amazon/", Static: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	n, err := s.Export(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"index.html", "index.html.br", "index.html.gz", "all/index.html", "offline/index.html",
		"404.html", "_headers", "app.js", "app.js.br", "app-worker.js", "wasm_exec.js", "app.css", "manifest.webmanifest",
		"web/app.wasm", "web/app.wasm.br", "web/app.wasm.gz", "web/embed.js", "web/page.js", "web/og.png", "web/icon-512.png"}
	for _, p := range e.Paths() {
		want = append(want, strings.TrimPrefix(p+"/index.html", "/"))
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the export lacks %s", f)
		}
	}
	headers, _ := os.ReadFile(filepath.Join(dir, "_headers"))
	if !strings.Contains(string(headers), "/essays/leaving-amazon/*\n  Content-Security-Policy: "+s.headers.Get("Content-Security-Policy")) {
		t.Errorf("_headers does not send the server's policy under the sub-path:\n%s", headers)
	}

	// Again, over the first: the old files go.
	os.WriteFile(filepath.Join(dir, "stale.html"), []byte("old"), 0o644)
	if n2, err := s.Export(dir); err != nil || n2 != n {
		t.Fatalf("exporting over an export: %d files, %v; want %d", n2, err, n)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.html")); err == nil {
		t.Error("a file of the earlier export survived")
	}

	// Never into a folder of someone else's.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "thesis.tex"), []byte("precious"), 0o644)
	if _, err := s.Export(other); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("exporting into a folder with other files: %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "thesis.tex")); string(b) != "precious" {
		t.Error("the export touched a file it does not own")
	}
}
