package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pronoun is a gendered pronoun: the seed never says who the author is, so
// our copy calls them "the author".
var pronoun = regexp.MustCompile(`(?i)\b(he|him|his|himself|she|her|hers|herself)\b`)

// ourLine is one line of our copy, at file:line.
type ourLine struct {
	at, text string
}

// goStrings returns the string literals of the non-test Go files in dirs.
func goStrings(t *testing.T, dirs ...string) []ourLine {
	t.Helper()
	var out []ourLine
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			tree, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(tree, func(n ast.Node) bool {
				if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
					if s, err := strconv.Unquote(l.Value); err == nil {
						out = append(out, ourLine{fset.Position(l.Pos()).String(), s})
					}
				}
				return true
			})
		}
	}
	return out
}

// fileLines returns the lines of the files matching each pattern.
func fileLines(t *testing.T, patterns ...string) []ourLine {
	t.Helper()
	var out []ourLine
	for _, pat := range patterns {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for i, l := range strings.Split(string(b), "\n") {
				out = append(out, ourLine{f + ":" + strconv.Itoa(i+1), l})
			}
		}
	}
	return out
}

// markdownPrefix is what starts a line of the essay's Markdown without
// being its words: a heading's or list item's marker, a "key:".
var markdownPrefix = regexp.MustCompile(`^(#+\s+|[0-9]+\.\s+|[a-z_]+:\s*)`)

// notTheSeeds drops from a Markdown line every sentence of the author's:
// what is left is ours.
func notTheSeeds(line, seed string) string {
	line = strings.ReplaceAll(markdownPrefix.ReplaceAllString(line, ""), "*", "")
	var ours []string
	for _, s := range regexp.MustCompile(`[.!?]\s+`).Split(line, -1) {
		if s = strings.Join(strings.Fields(s), " "); s != "" && !strings.Contains(seed, s) {
			ours = append(ours, s)
		}
	}
	return strings.Join(ours, " ")
}

// TestNoPronounForTheAuthor: our copy never gives the author a gender: the
// text does not say who they are. It reads the Markdown (the seed's own
// sentences are exempt), the strings of the essay, app and site code, and
// the site's scripts.
func TestNoPronounForTheAuthor(t *testing.T) {
	b, err := os.ReadFile("../essay/testdata/leaving-amazon.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := strings.Join(strings.Fields(string(b)), " ")
	var lines []ourLine
	for _, l := range fileLines(t, "../essay/*.md") {
		lines = append(lines, ourLine{l.at, notTheSeeds(l.text, seed)})
	}
	lines = append(lines, goStrings(t, ".", "../essay", "../web")...)
	lines = append(lines, fileLines(t, "../web/static/*.js", "../web/static/*.html")...)
	if len(lines) < 500 {
		t.Fatalf("only %d lines of copy: the scan looks in the wrong place", len(lines))
	}
	for _, l := range lines {
		if m := pronoun.FindString(l.text); m != "" {
			t.Errorf("%s: %q in our copy: say “the author” (%q)", l.at, m, l.text)
		}
	}
}

func TestNotTheSeeds(t *testing.T) {
	seed := "I joined Amazon. So I decided to leave Amazon instead. Access to Amazon Network."
	for _, tc := range []struct{ name, line, want string }{
		{"the author's sentence", "So I decided to leave Amazon instead.", ""},
		{"ours beside the author's", "I joined Amazon. He liked it.", "He liked it."},
		{"a heading", "# I joined Amazon", ""},
		{"a model quote", "quote: Access to Amazon Network.", ""},
		{"a model explanation", "explanation: Access to the network, which he would miss.", "Access to the network, which he would miss."},
		{"emphasis", "*So I decided to leave Amazon instead.*", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := notTheSeeds(tc.line, seed); got != tc.want {
				t.Errorf("notTheSeeds(%q) = %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}
