//go:build !wasm

package web

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leaving-amazon/essay"
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
