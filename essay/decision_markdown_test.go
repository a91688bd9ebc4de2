package essay_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"leaving-amazon/essay"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/decision")

// golden compares got with testdata/decision/name, or rewrites the file
// under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "decision", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./essay -run TestDecisionMarkdown -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./essay -run TestDecisionMarkdown -update if the change is right)\nfirst difference: %s\ngot:\n%s",
			path, firstLineDiff(got, string(want)), got)
	}
}

// firstLineDiff describes the first line where got and want differ.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("line %d:\ngot:  %q\nwant: %q", i+1, gl, wl)
		}
	}
	return "none"
}

// decisionDate is the date of the golden documents: late in the day, so
// that a conversion to UTC would show as the next day.
var decisionDate = time.Date(2025, 6, 1, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*60*60))

func TestDecisionMarkdown(t *testing.T) {
	// A decision like the essay's, written out rather than made from the
	// model, so that an edit to model.md does not change the documents.
	job := essay.Decision{
		Options: []string{"Stay and aim for Principal", "Leave for a smaller company"},
		Factors: []essay.Criterion{
			{Name: "Growth in technical rather than political skills", Note: "What I want most from the next five years.", Weight: 9, Scores: []int{3, 8}},
			{Name: "A larger piece of ownership, closer to customers", Weight: 7, Scores: []int{3, 8}},
			{Name: "Fast feedback from a fast pace", Note: "Months for a feature is too slow for me.", Weight: 8, Scores: []int{2, 8}},
			{Name: "Growing leadership and organisational skills", Weight: 3, Scores: []int{8, 4}},
			{Name: "The Amazon network", Note: "Hard to rebuild elsewhere.", Weight: 9, Scores: []int{9, 3}},
		},
	}
	for _, tc := range []struct {
		file string
		d    essay.Decision
	}{
		{file: "job.md", d: job},
		{file: "close-call.md", d: smallDecision()},
		{file: "tie.md", d: essay.Decision{
			Options: []string{"Rent", "Buy"},
			Factors: []essay.Criterion{{Name: "Cost", Weight: 5, Scores: []int{4, 6}}, {Name: "Freedom", Weight: 5, Scores: []int{6, 4}}},
		}},
		{file: "no-weights.md", d: essay.Decision{
			Options: []string{"Rent", "Buy"},
			Factors: []essay.Criterion{{Name: "Cost", Scores: []int{4, 6}}},
		}},
		{file: "empty.md", d: essay.Decision{}},
		{file: "placeholders.md", d: essay.Decision{
			Options: []string{"", "   "},
			Factors: []essay.Criterion{{Weight: 10, Scores: []int{9, 1}}, {Name: "Named", Weight: 1, Scores: []int{0, 10}}},
		}},
		{file: "five-options.md", d: essay.Decision{
			Options: []string{"Stay", "Move teams", "Start-up", "Big tech", "Sabbatical"},
			Factors: []essay.Criterion{
				{Name: "Growth", Note: "the main thing", Weight: 9, Scores: []int{3, 5, 9, 6, 4}},
				{Name: "Money", Weight: 6, Scores: []int{7, 7, 4, 9, 0}},
				{Name: "Rest", Weight: 4, Scores: []int{2, 3, 1, 2, 10}},
			},
		}},
		{file: "markup.md", d: essay.Decision{
			Options: []string{`<img src=x onerror=alert(1)>`, "*Leave* & [go](javascript:alert(1))"},
			Factors: []essay.Criterion{
				{Name: "a | b | c", Note: "`code` \\ # heading - list + . ! {x} ~~no~~ $x$", Weight: 8, Scores: []int{3, 9}},
				{Name: "# not a heading", Note: "&amp; &lt;b&gt; <b>bold</b> _u_ __s__", Weight: 2, Scores: []int{7, 2}},
			},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			golden(t, tc.file, essay.DecisionMarkdown(tc.d, essay.Content().Title, decisionDate))
		})
	}
}

// markdownHTML renders Markdown as CommonMark with GitHub's tables and
// strikethrough.
func markdownHTML(t *testing.T, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// htmlText is s as an HTML renderer writes text: spaces collapsed, &, <, >
// and " escaped.
func htmlText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var htmlTag = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`)

func TestDecisionMarkdownEscapes(t *testing.T) {
	// The tags a decision document renders to; anything else came from the
	// reader's text.
	allowed := map[string]bool{"h1": true, "h2": true, "p": true, "ol": true, "ul": true, "li": true, "hr": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true}
	for _, s := range []string{
		`<img src=x onerror=alert(1)>`,
		`<script>alert(1)</script>`,
		`"><svg onload=alert(1)>`,
		`<!-- comment -->`,
		`<https://example.com>`,
		`*emphasis* _under_ **strong** __strong__`,
		`[link](javascript:alert(1)) [ref][x] [x]: /url`,
		`![image](x.png)`,
		"`code` ``more``",
		`# heading`, `## heading`, `heading ##`,
		`- item`, `+ item`, `* item`, `1. item`, `1) item`,
		`> quote`,
		`---`, `===`, `***`,
		`a | b | c`, `|`, `| --- |`,
		`\*not\* \\ a\`,
		`&amp; &lt; &#60; &#x3C; &copy`,
		`~~strike~~ ~one~`,
		`$x^2$ $$y$$`,
		`{.class} {#id}`,
		`"quotes" 'single' (paren)`,
		`    four spaces`,
		"tab\tand  spaces  ",
		`é 猫 🙂 Ünïcödé`,
		`a_b_c 2*3*4 snake_case_name`,
		`[x]`, `]`, `!`, `.`, `\`, `&`,
	} {
		t.Run(s, func(t *testing.T) {
			d := essay.Decision{
				Options: []string{s, "B " + s},
				Factors: []essay.Criterion{{Name: s, Note: s, Weight: 5, Scores: []int{3, 7}}},
			}.Clean()
			md := essay.DecisionMarkdown(d, essay.Content().Title, decisionDate)
			html := markdownHTML(t, md)
			for _, tag := range htmlTag.FindAllStringSubmatch(html, -1) {
				if !allowed[tag[2]] {
					t.Errorf("the text %q renders a <%s> tag:\n%s\n%s", s, tag[2], md, html)
				}
			}
			// The text shows in the title, the options, the table header,
			// the factor's name and note, the verdict and its scores, and
			// the smallest move.
			if got, want := strings.Count(html, htmlText(s)), 10; got < want {
				t.Errorf("the text %q shows %d times as %q, want at least %d:\n%s\n%s", s, got, htmlText(s), want, md, html)
			}
		})
	}
}
