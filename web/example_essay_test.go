//go:build !wasm

package web

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/chromedp/kb"
)

// exampleEssay is the second essay, written by following docs/authoring.md
// alone: another author's own, built by the documented route.
const exampleEssay = "testdata/example-essay"

// buildEssay builds the essay in dir (relative to the repository) as
// make run ESSAY=dir does, into a temporary directory, which it returns:
// content.json, and app.wasm with its twins. essay/content.json and
// web/static are left as they are.
func buildEssay(t *testing.T, dir string) string {
	t.Helper()
	makePath := findTool(t, "NO MAKE: the example essay's test skipped", "make")
	out := t.TempDir()
	cmd := exec.Command(makePath, "essay-build", "ESSAY="+dir, "ESSAY_OUT="+out)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make essay-build ESSAY=%s: %v\n%s", dir, err, b)
	}
	return out
}

// serveBuiltEssay serves an essay built by buildEssay, as main.go's
// -content flag does.
func serveBuiltEssay(t *testing.T, dir string) (*essay.Essay, *Site) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "content.json"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := essay.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	site, err := New(e, Config{Wasm: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	return e, site
}

// TestExampleEssay builds the example essay, serves it, and reads it in
// Chromium: each section reads with the app running on its content (not
// the built-in essay's), a slider turns its verdict, and every page reads
// offline once the server has gone.
func TestExampleEssay(t *testing.T) {
	chromiumPath(t) // skip before a build that would be for nothing
	e, site := serveBuiltEssay(t, buildEssay(t, exampleEssay))
	s := serveSite(t, "127.0.0.1:0", site, false)
	b := newBrowser(t)

	for i, sec := range e.Sections {
		b.navigate(t, s.url(e.Path(i)))
		b.waitApp(t, 60*time.Second)
		if got := eval[string](t, b, `document.querySelector("h1").innerText`); got != sec.Title {
			t.Errorf("%s: h1 %q, want %q", e.Path(i), got, sec.Title)
		}
		text := eval[string](t, b, `document.querySelector("main").innerText`)
		if first := essay.PlainText(sec.Blocks[0].Inlines); !strings.Contains(text, first) {
			t.Errorf("%s: the app shows no %q", e.Path(i), first)
		}
		if strings.Contains(text, "Amazon") {
			t.Errorf("%s: the app shows the built-in essay, not the example", e.Path(i))
		}
	}

	// The slider of "cost" down to nothing turns the verdict from mending
	// to buying (testdata/example-essay/model.md's numbers).
	m := e.Model
	b.navigate(t, s.url("/the-choice"))
	b.waitApp(t, 60*time.Second)
	starts := func(option int) string {
		return fmt.Sprintf(`%s.startsWith(%q)`, verdictText, "“"+m.Options[option].Name+"”")
	}
	if err := b.waitJS(starts(0), 5*time.Second); err != nil {
		t.Fatalf("the author's verdict is %q, want %q", eval[string](t, b, verdictText), m.Options[0].Name)
	}
	press(t, b, "w-cost", kb.Home)
	if err := b.waitJS(starts(1), 3*time.Second); err != nil {
		t.Errorf("with cost at 0 the verdict is %q, want %q", eval[string](t, b, verdictText), m.Options[1].Name)
	}

	waitExampleOffline(t, b, site.Version(), len(e.Paths()))
	s.stop()
	for i, sec := range e.Sections {
		b.navigate(t, s.url(e.Path(i)))
		b.waitApp(t, 30*time.Second)
		if got := eval[string](t, b, `document.querySelector("h1").innerText`); got != sec.Title {
			t.Errorf("offline, %s: h1 %q, want %q", e.Path(i), got, sec.Title)
		}
	}
}

// waitExampleOffline waits until the worker controls the page with every
// page of an essay of so many paths, and the rest, cached.
func waitExampleOffline(t *testing.T, b *browser, version string, paths int) {
	t.Helper()
	js := fmt.Sprintf(`(async () => {
		if (!navigator.serviceWorker.controller) return false;
		const keys = await caches.keys();
		if (keys.length !== 1 || !keys[0].endsWith(" %s")) return false;
		return (await (await caches.open(keys[0])).keys()).length >= %d;
	})()`, version, paths+7)
	if err := b.waitJS(js, 60*time.Second); err != nil {
		t.Fatalf("the worker did not take control with a complete cache: %v", err)
	}
}
