//go:build !wasm

package web

import (
	"io/fs"
	"strings"
	"sync"
	"testing"

	"leaving-amazon/essay"
)

var (
	testServerOnce sync.Once
	testServer     *Site
	testServerErr  error
)

// newTestServer builds the real server once for the package's tests. It
// needs the built wasm: make test builds it first.
func newTestServer(t testing.TB) *Site {
	t.Helper()
	testServerOnce.Do(func() {
		testServer, testServerErr = New(essay.Content(), Config{})
	})
	if testServerErr != nil {
		t.Fatalf("%v (run `make wasm` first; `make test` does)", testServerErr)
	}
	return testServer
}

// The version is a hash of what is served: the same files and content give
// the same version, and a change to the essay given (not to the package's
// own copy) gives another.
func TestVersionIsContentHash(t *testing.T) {
	files, err := fs.Sub(static, "static")
	if err != nil {
		t.Fatal(err)
	}
	e := essay.Content()
	a, err := contentVersion(files, e)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := contentVersion(files, e)
	if a != b || len(a) != 16 {
		t.Errorf("version %q then %q: want one 16-digit hash", a, b)
	}
	edited := *e
	edited.Title += "!"
	if c, _ := contentVersion(files, &edited); c == a {
		t.Errorf("another essay has the same version %q", c)
	}
	if got := newTestServer(t).Version(); got != a {
		t.Errorf("the site's version is %q, want the content hash %q", got, a)
	}
	js := body(t, get(t, newTestServer(t), "/app-worker.js"))
	if !strings.Contains(js, newTestServer(t).version) {
		t.Error("the worker does not carry the version")
	}
}
