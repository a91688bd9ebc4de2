//go:build !wasm

package essay_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"leaving-amazon/essay"
)

// validMeta is a minimal essay.md: the fixtures below are section files, and
// Parse wants the essay's own front matter beside them.
const validMeta = "---\ntitle: Test essay\ndescription: An essay for the tests.\n---\n"

// brokenDir holds one Markdown fixture per broken-content case, or a folder
// of them where a case needs several files.
const brokenDir = "testdata/broken"

// fixtureFS returns an fs.FS holding validMeta as essay.md and the given
// fixtures (paths under brokenDir), each under its base name. A fixture named
// essay.md replaces validMeta.
func fixtureFS(t *testing.T, fixtures ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{essay.MetaFile: {Data: []byte(validMeta)}}
	for _, f := range fixtures {
		b, err := os.ReadFile(path.Join(brokenDir, f))
		if err != nil {
			t.Fatal(err)
		}
		fsys[path.Base(f)] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// joined returns the errors Parse joined with errors.Join.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestParseBroken checks that Parse rejects each kind of content the essay
// does not allow, naming the file and the line (counted from the top of the
// file, front matter included) where the writer has to look.
func TestParseBroken(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // fixtures under testdata/broken
		// want lists every error Parse must report, in order, as
		// "file:line: message"; each reported error must start with
		// "essay: " and its entry (the message may go on with a hint).
		want []string
	}{
		{
			name:  "unknown front-matter key",
			files: []string{"01-unknown-key.md"},
			want:  []string{`01-unknown-key.md:3: unknown front-matter key "colour" (known: slug, title, title_source, description, part)`},
		},
		{
			name:  "duplicate front-matter key",
			files: []string{"02-duplicate-key.md"},
			want:  []string{`02-duplicate-key.md:4: front-matter key "title" given twice`},
		},
		{
			name:  "missing front matter",
			files: []string{"03-missing-front-matter.md"},
			want: []string{
				`03-missing-front-matter.md:1: missing front matter: the file must start with a "---" line`,
				`03-missing-front-matter.md:1: front matter: slug is required`,
			},
		},
		{
			name:  "unclosed front matter",
			files: []string{"04-unclosed-front-matter.md"},
			want:  []string{`04-unclosed-front-matter.md:1: front matter is not closed: no "---" line after it`},
		},
		{
			name:  "missing slug",
			files: []string{"05-missing-slug.md"},
			want:  []string{`05-missing-slug.md:1: front matter: slug is required`},
		},
		{
			name:  "bad slug",
			files: []string{"06-bad-slug.md"},
			want:  []string{`06-bad-slug.md:3: slug "Bad_Slug": use lower-case letters, digits and single hyphens`},
		},
		{
			name:  "reserved slug",
			files: []string{"07-reserved-slug.md"},
			want:  []string{`07-reserved-slug.md:2: slug "all" is reserved for the app's own pages`},
		},
		{
			// The second file to claim a slug is the one at fault, at
			// its slug line.
			name:  "duplicate slug across files",
			files: []string{"dup/01-first.md", "dup/02-second.md"},
			want:  []string{`02-second.md:3: duplicate slug "same" (also in 01-first.md)`},
		},
		{
			name:  "empty section",
			files: []string{"08-empty-section.md"},
			want:  []string{`08-empty-section.md:4: the section is empty: it has a title but no text`},
		},
		{
			name:  "no title",
			files: []string{"09-no-title.md"},
			want:  []string{`09-no-title.md:1: the section has no title: start it with a "# " heading or give "title:" in the front matter`},
		},
		{
			name:  "title key and heading",
			files: []string{"10-title-and-heading.md"},
			want:  []string{`10-title-and-heading.md:3: title "Ours" given, but the section starts with a heading ("Theirs"): keep one`},
		},
		{
			name:  "raw HTML block",
			files: []string{"11-html-block.md"},
			want:  []string{`11-html-block.md:7: raw HTML is not allowed in the essay`},
		},
		{
			// One error per tag: <b> and </b>.
			name:  "inline raw HTML",
			files: []string{"12-inline-html.md"},
			want: []string{
				`12-inline-html.md:7: raw HTML is not allowed in the essay`,
				`12-inline-html.md:7: raw HTML is not allowed in the essay`,
			},
		},
		{
			name:  "image",
			files: []string{"13-image.md"},
			want:  []string{`13-image.md:7: images are not supported in the prose; use a {{figure name}}`},
		},
		{
			// The error belongs on the opening fence, line 7, not on
			// the code inside it.
			name:  "fenced code block",
			files: []string{"14-fenced-code.md"},
			want:  []string{`14-fenced-code.md:7: code blocks are not supported`},
		},
		{
			name:  "indented code block",
			files: []string{"15-indented-code.md"},
			want:  []string{`15-indented-code.md:7: code blocks are not supported (an indented line? indent by less than four spaces)`},
		},
		{
			name:  "thematic break",
			files: []string{"16-thematic-break.md"},
			want:  []string{`16-thematic-break.md:7: thematic breaks ("---", "***") are not supported`},
		},
		{
			name:  "level-1 heading in the middle",
			files: []string{"17-heading-in-middle.md"},
			want:  []string{`17-heading-in-middle.md:8: a "# " heading may only open a section; use "## " inside it`},
		},
		{
			name:  "heading level 4",
			files: []string{"18-heading-level-four.md"},
			want:  []string{`18-heading-level-four.md:8: heading level 4 is too deep: use ## or ###`},
		},
		{
			name:  "unclosed emphasis",
			files: []string{"19-unclosed-emphasis.md"},
			want:  []string{`19-unclosed-emphasis.md:7: malformed Markdown: stray '*' (unclosed emphasis?); escape it as \* if it is meant literally`},
		},
		{
			// "[foo]" with no link target: both brackets are left over.
			name:  "link without target",
			files: []string{"20-stray-bracket.md"},
			want: []string{
				`20-stray-bracket.md:7: malformed Markdown: stray '[' (a link without a target?)`,
				`20-stray-bracket.md:7: malformed Markdown: stray ']' (a link without a target?)`,
			},
		},
		{
			name:  "unclosed backtick",
			files: []string{"21-unclosed-backtick.md"},
			want:  []string{"21-unclosed-backtick.md:7: malformed Markdown: stray '`' (unclosed code span?)"},
		},
		{
			name:  "unknown directive",
			files: []string{"22-unknown-directive.md"},
			want:  []string{`22-unknown-directive.md:7: unknown directive "slider"`},
		},
		{
			name:  "unknown figure",
			files: []string{"23-unknown-figure.md"},
			want:  []string{`23-unknown-figure.md:7: unknown figure "nope"`},
		},
		{
			name:  "directive mixed with words",
			files: []string{"24-malformed-directive.md"},
			want:  []string{`24-malformed-directive.md:7: malformed directive "See {{figure timeline}} above.": write {{figure name}}, {{factor id}} or {{verdict panel}} alone in its paragraph`},
		},
		{
			name:  "part names an unknown section",
			files: []string{"25-unknown-part.md"},
			want:  []string{`25-unknown-part.md:1: part "nowhere" names no section`},
		},
		{
			name:  "part names a later section",
			files: []string{"part-later/01-first.md", "part-later/02-second.md"},
			want:  []string{`01-first.md:1: part "second" must name an earlier section`},
		},
		{
			name:  "part names a section that is itself in a part",
			files: []string{"part-nested/01-first.md", "part-nested/02-second.md", "part-nested/03-third.md"},
			want:  []string{`03-third.md:1: part "second" is itself in a part`},
		},
		{
			name:  "sections of a part apart",
			files: []string{"part-apart/01-first.md", "part-apart/02-second.md", "part-apart/03-third.md", "part-apart/04-fourth.md"},
			want:  []string{`04-fourth.md:1: the sections of part "first" must follow each other`},
		},
		{
			name:  "javascript link",
			files: []string{"26-javascript-link.md"},
			want:  []string{`26-javascript-link.md:7: link "javascript:alert(1)": only "/section" and "https://" links are allowed`},
		},
		{
			name:  "file not named NN-name.md",
			files: []string{"notes.md"},
			want:  []string{`notes.md:1: unexpected file: sections are named NN-name.md, and the essay's own fields are in essay.md`},
		},
		{
			name:  "title_source neither ours nor author",
			files: []string{"30-bad-title-source.md"},
			want:  []string{`30-bad-title-source.md:4: front matter: title_source must be "ours" (a title the author did not write) or "author", got "editor"`},
		},
		{
			name:  "essay.md with a bad title_source",
			files: []string{"meta-bad-title-source/essay.md", "meta-bad-title-source/01-first.md"},
			want:  []string{`essay.md:3: front matter: title_source must be "ours" (a title the author did not write) or "author", got "yes"`},
		},
		{
			name:  "essay.md without description",
			files: []string{"meta-no-description/essay.md", "meta-no-description/01-first.md"},
			want:  []string{`essay.md:1: front matter: description is required`},
		},
		{
			// Parse goes on after a problem, so that one run shows
			// them all.
			name:  "several problems in one file",
			files: []string{"27-several-problems.md"},
			want: []string{
				`27-several-problems.md:4: unknown front-matter key "font"`,
				`27-several-problems.md:6: malformed Markdown: stray '*' (unclosed emphasis?)`,
				`27-several-problems.md:8: raw HTML is not allowed in the essay`,
				`27-several-problems.md:10: heading level 4 is too deep: use ## or ###`,
			},
		},
		{
			// Inline problems belong on their own line, not on the
			// first line of their paragraph (7).
			name:  "inline problems on later lines of a paragraph",
			files: []string{"28-late-inline.md"},
			want: []string{
				`28-late-inline.md:8: images are not supported in the prose`,
				`28-late-inline.md:9: raw HTML is not allowed in the essay`,
				`28-late-inline.md:9: raw HTML is not allowed in the essay`,
			},
		},
		{
			// A widget between a list and its answer splits the argument.
			name:  "a widget inside the text",
			files: []string{"29-widget-in-text.md"},
			want: []string{
				`29-widget-in-text.md:11: the author's text goes on after the widget at line 9: put {{factor}} and {{verdict}} after the section's text, where the argument pauses`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := essay.Parse(fixtureFS(t, tc.files...))
			if err != nil && e != nil {
				t.Errorf("Parse returned an essay along with its error")
			}
			checkErrors(t, err, tc.want)
		})
	}
}

// TestBrokenFixturesFail checks that every single-file fixture in
// testdata/broken makes Parse fail on its own, so that a fixture edited into
// valid Markdown cannot pass unnoticed.
func TestBrokenFixturesFail(t *testing.T) {
	err := fs.WalkDir(os.DirFS(brokenDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Dir(p) != "." {
			return err
		}
		t.Run(p, func(t *testing.T) {
			if _, err := essay.Parse(fixtureFS(t, p)); err == nil {
				t.Errorf("Parse of %s succeeded; a broken fixture must fail", p)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// section returns a section file: front matter lines, then the body.
func section(front, body string) []byte {
	return []byte("---\n" + front + "---\n" + body)
}

// TestParseValid checks the structure Parse builds from small valid inputs.
// Each want is the whole parsed section, so that nothing slips in unseen;
// line numbers count the front matter.
func TestParseValid(t *testing.T) {
	p := func(id string, line int, ins ...essay.Inline) essay.Block {
		return essay.Block{Kind: essay.Paragraph, ID: id, Line: line, Inlines: ins}
	}
	txt := func(s string) essay.Inline { return essay.Inline{Kind: essay.Text, Text: s} }
	em := func(s string) essay.Inline {
		return essay.Inline{Kind: essay.Emphasis, Children: []essay.Inline{txt(s)}}
	}
	strong := func(s string) essay.Inline { return essay.Inline{Kind: essay.Strong, Children: []essay.Inline{txt(s)}} }

	for _, tc := range []struct {
		name  string
		files map[string][]byte // section files besides validMeta
		want  []essay.Section
	}{
		{
			name:  "title from heading is the author's",
			files: map[string][]byte{"01-a.md": section("slug: a\n", "# Their title\n\nSome text.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "Their title", Description: "Some text.", File: "01-a.md", Words: 4,
				Blocks: []essay.Block{p("a-p1", 6, txt("Some text."))},
			}},
		},
		{
			name:  "title from front matter marked ours",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: Our title\ntitle_source: ours\n", "Some text.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "Our title", TitleIsOurs: true, Description: "Some text.", File: "01-a.md", Words: 4,
				Blocks: []essay.Block{p("a-p1", 6, txt("Some text."))},
			}},
		},
		{
			// An author writing their own essay may title a section
			// in the front matter: unmarked, the title is theirs.
			name:  "title from front matter, title_source author, is the author's",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: Their title\ntitle_source: author\n", "Some text.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "Their title", Description: "Some text.", File: "01-a.md", Words: 4,
				Blocks: []essay.Block{p("a-p1", 6, txt("Some text."))},
			}},
		},
		{
			name:  "a heading marked ours",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle_source: ours\n", "# An editor's title\n\nSome text.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "An editor's title", TitleIsOurs: true, Description: "Some text.", File: "01-a.md", Words: 5,
				Blocks: []essay.Block{p("a-p1", 7, txt("Some text."))},
			}},
		},
		{
			name:  "quoted front-matter values and given description",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: \"Colon: \\\"quoted\\\"\"\ndescription: Ours. Not the text's.\n", "Some text. More.\n")},
			want: []essay.Section{{
				Slug: "a", Title: `Colon: "quoted"`, Description: "Ours. Not the text's.", File: "01-a.md", Words: 5,
				Blocks: []essay.Block{p("a-p1", 6, txt("Some text. More."))},
			}},
		},
		{
			// Tight items keep their text as inlines, and do not use up
			// paragraph ids: the paragraph after the list is p2.
			name: "ordered list",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: List\n",
				"Before:\n\n1. One thing\n2. Two *things*\n\nAfter.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "List", Description: "Before:", File: "01-a.md", Words: 7,
				Blocks: []essay.Block{
					p("a-p1", 5, txt("Before:")),
					{Kind: essay.List, Ordered: true, Line: 7, Children: []essay.Block{
						{Kind: essay.Item, Line: 7, Inlines: []essay.Inline{txt("One thing")}},
						{Kind: essay.Item, Line: 8, Inlines: []essay.Inline{txt("Two "), em("things")}},
					}},
					p("a-p2", 10, txt("After.")),
				},
			}},
		},
		{
			name:  "ordered list starting elsewhere keeps its start",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: List\n", "3. Three\n4. Four\n")},
			want: []essay.Section{{
				Slug: "a", Title: "List", File: "01-a.md", Words: 3,
				Blocks: []essay.Block{
					{Kind: essay.List, Ordered: true, Start: 3, Line: 5, Children: []essay.Block{
						{Kind: essay.Item, Line: 5, Inlines: []essay.Inline{txt("Three")}},
						{Kind: essay.Item, Line: 6, Inlines: []essay.Inline{txt("Four")}},
					}},
				},
			}},
		},
		{
			name:  "emphasis and strong",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "Some *em* and **strong** text.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", Description: "Some em and strong text.", File: "01-a.md", Words: 6,
				Blocks: []essay.Block{p("a-p1", 5, txt("Some "), em("em"), txt(" and "), strong("strong"), txt(" text."))},
			}},
		},
		{
			name:  "escaped asterisk is literal",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "Rated 5\\* by \\*all\\*.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", Description: "Rated 5* by *all*.", File: "01-a.md", Words: 5,
				Blocks: []essay.Block{p("a-p1", 5, txt("Rated 5* by *all*."))},
			}},
		},
		{
			// No typographer: the author's quotes, apostrophes, "&",
			// "--" and "..." reach the reader as written.
			name:  "punctuation kept verbatim",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "“Amazon” & it’s \"plain\" -- 'so' &amp; ...\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", Description: "“Amazon” & it’s \"plain\" -- 'so' & ...", File: "01-a.md", Words: 9,
				Blocks: []essay.Block{p("a-p1", 5, txt("“Amazon” & it’s \"plain\" -- 'so' & ..."))},
			}},
		},
		{
			name:  "soft line breaks become one space, hard ones breaks",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "One\ntwo  \nthree\\\nfour.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", Description: "One two\nthree\nfour.", File: "01-a.md", Words: 5,
				Blocks: []essay.Block{p("a-p1", 5,
					txt("One two"), essay.Inline{Kind: essay.Break},
					txt("three"), essay.Inline{Kind: essay.Break},
					txt("four."))},
			}},
		},
		{
			name: "paragraph and heading ids",
			files: map[string][]byte{"01-a.md": section("slug: a\n",
				"# Title\n\nFirst. Second sentence.\n\nTwo\nlines.\n\n## Sub\n\nThird.\n\n### Subsub\n")},
			want: []essay.Section{{
				Slug: "a", Title: "Title", Description: "First.", File: "01-a.md", Words: 9,
				Blocks: []essay.Block{
					p("a-p1", 6, txt("First. Second sentence.")),
					p("a-p2", 8, txt("Two lines.")),
					{Kind: essay.Heading, ID: "a-h1", Level: 2, Line: 11, Inlines: []essay.Inline{txt("Sub")}},
					p("a-p3", 13, txt("Third.")),
					{Kind: essay.Heading, ID: "a-h2", Level: 3, Line: 15, Inlines: []essay.Inline{txt("Subsub")}},
				},
			}},
		},
		{
			name:  "links and quotes",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "> See [all](/all) and <https://example.com>.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", File: "01-a.md", Words: 5,
				Blocks: []essay.Block{{Kind: essay.Quote, Line: 5, Children: []essay.Block{
					p("a-p1", 5, txt("See "),
						essay.Inline{Kind: essay.Link, Href: "/all", Children: []essay.Inline{txt("all")}},
						txt(" and "),
						essay.Inline{Kind: essay.Link, Href: "https://example.com", Children: []essay.Inline{txt("https://example.com")}},
						txt(".")),
				}}},
			}},
		},
		{
			// Inside a code span "*" and "\" are literal (CommonMark).
			name:  "code span is literal",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "Run `a*b` and `c\\d`.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", Description: "Run a*b and c\\d.", File: "01-a.md", Words: 5,
				Blocks: []essay.Block{p("a-p1", 5, txt("Run "),
					essay.Inline{Kind: essay.Code, Text: "a*b"}, txt(" and "),
					essay.Inline{Kind: essay.Code, Text: `c\d`}, txt("."))},
			}},
		},
		{
			// A figure carries no words and is no paragraph: the next
			// paragraph is p2.
			name:  "figure directive",
			files: map[string][]byte{"01-a.md": section("slug: a\ntitle: T\n", "Before.\n\n{{figure timeline}}\n\n{{ figure timeline }}\n\nAfter.\n")},
			want: []essay.Section{{
				Slug: "a", Title: "T", Description: "Before.", File: "01-a.md", Words: 3,
				Blocks: []essay.Block{
					p("a-p1", 5, txt("Before.")),
					{Kind: essay.Figure, Name: "timeline", Line: 7},
					{Kind: essay.Figure, Name: "timeline", Line: 9},
					p("a-p2", 11, txt("After.")),
				},
			}},
		},
		{
			name: "part",
			files: map[string][]byte{
				"01-a.md": section("slug: a\n", "# Part\n\n## First\n\nText a.\n"),
				"02-b.md": section("slug: b\npart: a\n", "# Second\n\nText b.\n"),
				"03-c.md": section("slug: c\npart: a\n", "# Third\n\nText c.\n"),
			},
			want: []essay.Section{
				{
					Slug: "a", Title: "Part", Description: "Text a.", File: "01-a.md", Words: 4,
					Blocks: []essay.Block{
						{Kind: essay.Heading, ID: "a-h1", Level: 2, Line: 6, Inlines: []essay.Inline{txt("First")}},
						p("a-p1", 8, txt("Text a.")),
					},
				},
				{
					Slug: "b", Title: "Second", Part: "a", Description: "Text b.", File: "02-b.md", Words: 3,
					Blocks: []essay.Block{p("b-p1", 7, txt("Text b."))},
				},
				{
					Slug: "c", Title: "Third", Part: "a", Description: "Text c.", File: "03-c.md", Words: 3,
					Blocks: []essay.Block{p("c-p1", 7, txt("Text c."))},
				},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{essay.MetaFile: {Data: []byte(validMeta)}}
			for name, b := range tc.files {
				fsys[name] = &fstest.MapFile{Data: b}
			}
			e, err := essay.Parse(fsys)
			var problem string
			switch {
			case err != nil:
				problem = "Parse: " + err.Error()
			case !reflect.DeepEqual(e.Sections, tc.want):
				got, _ := json.MarshalIndent(e.Sections, "", " ")
				want, _ := json.MarshalIndent(tc.want, "", " ")
				problem = "sections:\n got: " + string(got) + "\nwant: " + string(want)
			}
			if problem != "" {
				t.Error(problem)
			}
		})
	}
}

// TestParseParts checks what the app reads from parts: the part's heading is
// its first section's title, and that section opens the part.
func TestParseParts(t *testing.T) {
	e, err := essay.Parse(fstest.MapFS{
		essay.MetaFile: {Data: []byte(validMeta)},
		"01-a.md":      {Data: section("slug: a\n", "# Part\n\nText a.\n")},
		"02-b.md":      {Data: section("slug: b\npart: a\n", "# Second\n\nText b.\n")},
		"03-c.md":      {Data: section("slug: c\n", "# Alone\n\nText c.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		i         int
		partTitle string
		opens     bool
	}{
		{name: "opening section", i: 0, partTitle: "", opens: true},
		{name: "section in the part", i: 1, partTitle: "Part", opens: false},
		{name: "section outside", i: 2, partTitle: "", opens: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := e.PartTitle(tc.i), tc.partTitle; got != want {
				t.Errorf("PartTitle(%d) = %q, want %q", tc.i, got, want)
			}
			if got, want := e.OpensPart(tc.i), tc.opens; got != want {
				t.Errorf("OpensPart(%d) = %v, want %v", tc.i, got, want)
			}
		})
	}
}

// TestParseMeta checks the essay's own fields, read from essay.md.
func TestParseMeta(t *testing.T) {
	e, err := essay.Parse(fstest.MapFS{
		essay.MetaFile: {Data: []byte("---\ntitle: The title\ntitle_source: ours\ndescription: The description.\nauthor: A. Writer\n---\nOur *colophon*.\n")},
		"01-a.md":      {Data: section("slug: a\ntitle: A\n", "Text.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		got, want string
	}{
		{"title", e.Title, "The title"},
		{"description", e.Description, "The description."},
		{"author", e.Author, "A. Writer"},
		{"colophon", colophonText(e), "Our colophon."},
		{"title is ours", strconv.FormatBool(e.TitleIsOurs), "true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
			}
		})
	}
}

func colophonText(e *essay.Essay) string {
	var parts []string
	for _, b := range e.Colophon {
		parts = append(parts, essay.PlainText(b.Inlines))
	}
	return strings.Join(parts, "\n")
}
