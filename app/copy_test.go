package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// copyLiterals returns every string literal of the reader-facing Go code:
// the components here and the essay package, but not the essay's parser,
// whose messages are for whoever edits the Markdown.
func copyLiterals(t *testing.T) map[string][]string {
	t.Helper()
	var files []string
	for _, dir := range []string{".", "../essay"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	out := map[string][]string{}
	fs := token.NewFileSet()
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasSuffix(f, "_test.go") || base == "parse.go" || base == "gen.go" {
			continue
		}
		tree, err := parser.ParseFile(fs, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(tree, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
				s, err := strconv.Unquote(l.Value)
				if err == nil {
					out[f] = append(out[f], s)
				}
			}
			return true
		})
	}
	if len(out) < 10 {
		t.Fatalf("only %d files with strings: the scan looks in the wrong place", len(out))
	}
	return out
}

// TestCopyRules: rules for all our copy, checked in the source, since some
// of it shows only in the browser (notices, the decision editor).
func TestCopyRules(t *testing.T) {
	straight := regexp.MustCompile(`[A-Za-z]'[A-Za-z]`)
	tipping := regexp.MustCompile(`(?i)(tips?|changes?) the (verdict|balance)`)
	for f, lits := range copyLiterals(t) {
		for _, s := range lits {
			// One kind of apostrophe: the author's text uses ’.
			if straight.MatchString(s) {
				t.Errorf("%s: a straight apostrophe in %q: use ’", f, s)
			}
			// The reader never meets our README.
			if strings.Contains(s, "README") {
				t.Errorf("%s: the reader is sent to the README: %q", f, s)
			}
			// One phrasing of what tips a verdict, from essay/words.go.
			if filepath.Base(f) != "words.go" && tipping.MatchString(s) {
				t.Errorf("%s: a sentence about tipping the verdict outside essay/words.go: %q", f, s)
			}
		}
	}
}
