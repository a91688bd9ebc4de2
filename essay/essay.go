// Package essay is the content of the essay: its sections, parsed from the
// Markdown files beside this package, and the plain values the app renders.
//
// The Markdown is parsed at build time (see parse.go and gen.go) into
// content_gen.go, a Go value compiled in here, and content.json, the same
// in the form Decode reads. The browser bundle therefore carries the parsed
// content but no Markdown parser, and decodes nothing as it starts.
package essay

//go:generate go run -tags essaygen gen.go

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// Essay is the whole essay: its metadata and its sections, in reading order.
type Essay struct {
	// Title is the essay's title. The seed text has none; ours is set in
	// essay.md.
	Title string `json:"title"`
	// TitleIsOurs reports that the title is an editor's, not the author's:
	// essay.md says "title_source: ours".
	TitleIsOurs bool `json:"titleIsOurs,omitempty"`
	// Description summarises the essay for search engines and link previews.
	Description string `json:"description"`
	// Author is the author's name; empty, as the seed does not name them.
	Author string `json:"author,omitempty"`
	// Colophon is our note on what in this edition is ours, not the author's.
	Colophon []Block `json:"colophon,omitempty"`
	// Sections are the essay's sections in reading order.
	Sections []Section `json:"sections"`
	// Model is the decision the essay weighs, as we read it.
	Model Model `json:"model"`
}

// Section is one page of the essay.
type Section struct {
	// Slug names the section in URLs: /<slug>.
	Slug string `json:"slug"`
	// Title is the section's heading: the Markdown's "#" heading, or the
	// front matter's title for a section without one.
	Title string `json:"title"`
	// TitleIsOurs reports that the title is not the author's words: the
	// front matter says "title_source: ours", and the page says so.
	TitleIsOurs bool `json:"titleIsOurs,omitempty"`
	// Description is the page's meta description: the front matter's, or
	// the section's first sentence.
	Description string `json:"description"`
	// Part is the slug of the section that opens the part this section
	// belongs to (the four reasons share the heading of the first), or "".
	Part string `json:"part,omitempty"`
	// Blocks is the section's text, without its title.
	Blocks []Block `json:"blocks"`
	// Words counts the words of the section, for its reading time.
	Words int `json:"words"`
	// File is the Markdown file the section comes from.
	File string `json:"file"`
}

// BlockKind tells what a Block is.
type BlockKind string

// The kinds of block the essay uses. Anything else in the Markdown is
// rejected by the parser.
const (
	Paragraph BlockKind = "p"
	Heading   BlockKind = "h"    // a sub-heading inside a section; Level 2 or 3
	List      BlockKind = "list" // Ordered tells which kind; Children are Items
	Item      BlockKind = "li"
	Quote     BlockKind = "quote"
	Figure    BlockKind = "figure"  // a {{figure name}} directive; Name says which
	Slider    BlockKind = "factor"  // a {{factor id}} directive: the factor's slider
	Verdict   BlockKind = "verdict" // {{verdict panel}} or {{verdict balance}}
)

// Verdicts are the verdict blocks a section may place: the panel with the
// chart, and the live sentence on the reader's balance.
var Verdicts = map[string]bool{"panel": true, "balance": true}

// Figures are the figures a section may place with {{figure name}}; the app
// draws each of them.
var Figures = map[string]bool{"timeline": true}

// Block is a block of text: a paragraph, a heading, a list, a figure.
type Block struct {
	Kind BlockKind `json:"k"`
	// ID is a stable, page-unique id ("<slug>-p3") for paragraphs and
	// headings, so that a reader can link to them and figures can point
	// at the text they illustrate.
	ID string `json:"id,omitempty"`
	// Level is a heading's level; Ordered and Start say a list's kind and
	// first number; Name is a directive's argument; Inlines are the text
	// of a paragraph, a heading or an item.
	Level   int      `json:"lv,omitempty"`
	Ordered bool     `json:"ord,omitempty"`
	Start   int      `json:"start,omitempty"`
	Name    string   `json:"name,omitempty"`
	Inlines []Inline `json:"in,omitempty"`
	// Children are a list's items, or an item's or a quote's blocks.
	Children []Block `json:"ch,omitempty"`
	// Line is the block's line in its Markdown file, for error messages.
	Line int `json:"line,omitempty"`
}

// InlineKind tells what an Inline is.
type InlineKind string

// The kinds of inline text the essay uses.
const (
	Text     InlineKind = "t"
	Emphasis InlineKind = "em"
	Strong   InlineKind = "strong"
	Code     InlineKind = "code"
	Link     InlineKind = "a"
	Break    InlineKind = "br"
)

// Inline is a run of text inside a block.
type Inline struct {
	Kind     InlineKind `json:"k"`
	Text     string     `json:"t,omitempty"`
	Href     string     `json:"href,omitempty"`
	Children []Inline   `json:"ch,omitempty"`
}

// Content returns the essay as parsed from the Markdown files at build
// time: generated, in content_gen.go (gen.go writes it, with content.json,
// the same essay in the form Decode reads).
func Content() *Essay {
	return generated
}

// Decode reads an essay from its JSON form, as written by Encode.
func Decode(b []byte) (*Essay, error) {
	var e Essay
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("essay: decoding content: %w", err)
	}
	if len(e.Sections) == 0 {
		return nil, fmt.Errorf("essay: content has no sections")
	}
	return &e, nil
}

// Encode writes an essay in the JSON form that Decode reads, indented so that
// a change to the Markdown shows as a readable diff.
func Encode(e *Essay) ([]byte, error) {
	b, err := json.MarshalIndent(e, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Index returns the position of the section with the given slug, or -1.
func (e *Essay) Index(slug string) int {
	for i, s := range e.Sections {
		if s.Slug == slug {
			return i
		}
	}
	return -1
}

// Path returns the URL path of section i: "/" for the first, "/<slug>" for
// the others.
func (e *Essay) Path(i int) string {
	if i == 0 {
		return "/"
	}
	return "/" + e.Sections[i].Slug
}

// AllPath is the path of the page that shows the whole essay.
const AllPath = "/all"

// DecisionPath is the path of the page where a reader makes the essay's
// model their own decision. It is not a section: Paths leaves it out.
const DecisionPath = "/your-decision"

// Paths returns every page's path: each section's, then the whole essay's.
// A section's own /<slug> also answers for the first section, but "/" is its
// canonical path.
func (e *Essay) Paths() []string {
	paths := make([]string, 0, len(e.Sections)+1)
	for i := range e.Sections {
		paths = append(paths, e.Path(i))
	}
	return append(paths, AllPath)
}

// PartTitle returns the heading of the part section i belongs to, or "".
func (e *Essay) PartTitle(i int) string {
	s := e.Sections[i]
	if s.Part == "" {
		return ""
	}
	if j := e.Index(s.Part); j >= 0 {
		return e.Sections[j].Title
	}
	return ""
}

// OpensPart reports whether other sections name section i as their part: its
// "#" heading is then the heading of the part, and its first "##" heading its
// own title within the part.
func (e *Essay) OpensPart(i int) bool {
	slug := e.Sections[i].Slug
	for _, s := range e.Sections {
		if s.Part == slug {
			return true
		}
	}
	return false
}

// SectionWith returns the index of the first section holding a block of the
// given kind and name (the verdict panel, say), or -1.
func (e *Essay) SectionWith(kind BlockKind, name string) int {
	for i, s := range e.Sections {
		for _, b := range s.Blocks {
			if b.Kind == kind && b.Name == name {
				return i
			}
		}
	}
	return -1
}

// wordsPerMinute is a common estimate of silent reading speed for
// non-fiction in English.
const wordsPerMinute = 230

// ReadingMinutes returns the reading time of a section in whole minutes, at
// least one.
func ReadingMinutes(words int) int {
	m := (words + wordsPerMinute/2) / wordsPerMinute
	if m < 1 {
		return 1
	}
	return m
}

// Words returns the number of words in the essay.
func (e *Essay) Words() int {
	n := 0
	for _, s := range e.Sections {
		n += s.Words
	}
	return n
}

// PlainText returns the text of inlines without markup.
func PlainText(ins []Inline) string {
	var b strings.Builder
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			switch in.Kind {
			case Break:
				b.WriteByte('\n')
			default:
				b.WriteString(in.Text)
			}
			walk(in.Children)
		}
	}
	walk(ins)
	return b.String()
}

// CountWords counts the words in s: runs of letters, digits and the
// punctuation that joins them.
func CountWords(s string) int {
	return len(strings.FieldsFunc(s, unicode.IsSpace))
}
