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

	"leaving-amazon/essay"
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

// TestOurContentCopy: the words of ours that live in the essay's Markdown
// (option and factor names, explanations, the footer's note, our titles)
// follow the same rules as the code's.
func TestOurContentCopy(t *testing.T) {
	e := essay.Content()
	var ours []string
	for _, o := range e.Model.Options {
		ours = append(ours, o.Name)
	}
	for _, f := range e.Model.Factors {
		ours = append(ours, f.Name, f.Explanation)
	}
	for _, s := range e.Sections {
		if s.TitleIsOurs {
			ours = append(ours, s.Title)
		}
	}
	ours = append(ours, e.Title, e.Description)
	for _, b := range e.Colophon {
		ours = append(ours, essay.PlainText(b.Inlines))
	}
	for _, s := range ours {
		if strings.ContainsRune(s, '\'') {
			t.Errorf("a straight apostrophe in our %q: use ’", s)
		}
	}
	colophon := strings.Join(ours[len(ours)-len(e.Colophon):], " ")
	for _, want := range []string{"decision model", "scores and weights", "verdict"} {
		if !strings.Contains(colophon, want) {
			t.Errorf("the footer's list of what is ours leaves out %q", want)
		}
	}
}

// TestOpeningNamedAlike: the opening has one name everywhere: its heading,
// the contents and the pager of the next section.
func TestOpeningNamedAlike(t *testing.T) {
	e := essay.Content()
	name := e.Sections[0].Title
	v := authorView(e)
	for what, html := range map[string]string{
		"heading":  mount(t, newArticle().View(v).Section(0)),
		"contents": mount(t, newTOC().View(v).Current(1)),
		"pager":    mount(t, newPager().View(v).Section(1)),
	} {
		if !strings.Contains(html, ">"+name+"<") && !regexp.MustCompile(`>\s*`+regexp.QuoteMeta(name)+`\s*<`).MatchString(html) {
			t.Errorf("the %s does not name the opening %q", what, name)
		}
		if what != "contents" && strings.Contains(html, ">"+e.Title+"<") {
			t.Errorf("the %s names the opening %q, the essay's title", what, e.Title)
		}
	}
}
