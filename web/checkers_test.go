//go:build !wasm

package web

import (
	"encoding/json"
	"fmt"
	"leaving-amazon/essay"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The Nu HTML Checker (vnu-jar, pinned in testdata/checkers), a checker
// nobody here wrote, reads every page the server and an export send.

const noVNU = "NO NU HTML CHECKER: the HTML check skipped; apt-get install -y default-jre-headless, then npm ci --prefix testdata/checkers"

// vnuJar is the checker's jar, or "" (the test is skipped, loudly, or fails
// under CI=true).
func vnuJar(t *testing.T) (java, jar string) {
	t.Helper()
	java = findTool(t, noVNU, "java")
	jar = filepath.Join("..", "testdata", "checkers", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		findTool(t, noVNU, filepath.Join(os.TempDir(), "no-such-tool"))
	}
	return java, jar
}

// TestHTMLValid writes every HTML response of the site, served at the root
// without a domain and under a sub-path with one, and of an export, and
// requires the Nu HTML Checker to find no error in any.
func TestHTMLValid(t *testing.T) {
	java, jar := vnuJar(t)
	dir := t.TempDir()
	var files []string
	for name, cfg := range map[string]Config{
		"server":        {},
		"server-domain": {Base: "/essays/leaving-amazon/", Domain: "essay.example"},
		"export":        {Base: "/essays/leaving-amazon/", Static: true},
	} {
		s, err := New(essay.Content(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		pages := map[string][]byte{"not-found": s.notFound}
		for p, r := range s.responses {
			if strings.HasPrefix(r.contentType, "text/html") {
				pages[p] = r.raw
			}
		}
		for p, b := range pages {
			f := filepath.Join(dir, name+strings.ReplaceAll(p, "/", "_")+".html")
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	out, _ := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)...).Output()
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("the checker's report: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s (%q)", filepath.Base(m.URL), m.LastLine, m.Type, m.Message, m.Extract)
	}
	t.Logf("%d pages checked, %d messages", len(files), len(report.Messages))
}

// axe-core (pinned in testdata/checkers), a checker nobody here wrote, reads
// every kind of page in the browser.

const noAxe = "NO AXE-CORE: the accessibility check skipped; npm ci --prefix testdata/checkers"

// axeRules are the rule sets every page must pass: WCAG 2.2 AA and axe's
// best practices.
const axeRules = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]`

// axePages are the kinds of page, as a reader reaches them: the opening, a
// section with sliders, the whole essay, the reader's decision (and one
// with another decision waiting on Keep mine / Use this one), a notice
// about a tampered link, the offline page, and a section in embed mode.
func axePages() []string {
	other, _ := essay.EncodeDecision(essay.Decision{Options: []string{"Theirs A", "Theirs B"}, Factors: []essay.Criterion{{Name: "Pay", Weight: 5, Scores: []int{4, 6}}}})
	return []string{"/", "/pace", "/all", essay.DecisionPath, essay.DecisionPath + "?d=" + url.QueryEscape(other),
		"/ownership?w=zz9_pace77", offlinePath, "/impact?embed=1"}
}

// TestAxe runs axe-core on every kind of page, at phone and desktop
// widths, in light and dark schemes, before the app and after it takes
// over, and requires no violation.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "checkers", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		findTool(t, noAxe, filepath.Join(os.TempDir(), "no-such-tool"))
	}
	for _, running := range []bool{false, true} {
		name := "before the app"
		if running {
			name = "app running"
		}
		t.Run(name, func(t *testing.T) {
			s := newSite(t, !running)
			b := newBrowser(t)
			// A decision of the reader's, for the page that asks about
			// another.
			b.navigate(t, s.URL+offlinePath)
			mine, _ := essay.EncodeDecision(essay.Decision{Options: []string{"Mine A", "Mine B"}})
			eval[bool](t, b, `(localStorage.setItem("leaving-amazon:decision", `+jsString(mine)+`), true)`)
			for _, scheme := range []string{"light", "dark"} {
				b.run(t, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
				for _, width := range []string{"phone", "desktop"} {
					if width == "phone" {
						b.run(t, phone())
					} else {
						b.run(t, chromedp.EmulateViewport(1280, 800))
					}
					for _, p := range axePages() {
						checkAxe(t, b, string(src), s.URL+p, running && p != offlinePath, scheme+", "+width)
					}
				}
			}
		})
	}
}

// checkAxe opens url, waits for the app if it should run, and fails on
// every axe violation.
func checkAxe(t *testing.T, b *browser, axe, url string, app bool, where string) {
	t.Helper()
	b.navigate(t, url)
	if app {
		b.waitApp(t, 30*time.Second)
	}
	b.settle(t, 100*time.Millisecond)
	eval[bool](t, b, axe+";true")
	var violations []struct {
		ID, Help string
		Nodes    []string
	}
	eval[jsValue](t, b, `axe.run(document, {runOnly: {type: "tag", values: `+axeRules+`}}).then(r =>
		r.violations.map(v => ({ID: v.id, Help: v.help, Nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)})))`).into(t, &violations)
	for _, v := range violations {
		t.Errorf("%s, %s: %s (%s):\n  %s", strings.TrimPrefix(url, "http://"), where, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
	if len(violations) == 0 && testing.Verbose() {
		fmt.Printf("axe: %s, %s: no violation\n", url, where)
	}
}
