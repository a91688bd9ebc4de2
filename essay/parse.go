//go:build !wasm

// The Markdown parser is server- and build-side only: the browser gets the
// parsed content (content.json), never the parser, which would cost the
// bundle hundreds of kilobytes.

package essay

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Error is a problem in one of the essay's Markdown files, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("essay: %s:%d: %s", e.File, e.Line, e.Msg)
}

// MetaFile is the file that holds the essay's own front matter (title,
// description, author) and our colophon.
const MetaFile = "essay.md"

// ModelFile holds the decision model: the options and the factors. An
// essay without one has no sliders.
const ModelFile = "model.md"

// Reserved slugs are paths the app uses for itself.
var reservedSlugs = map[string]bool{
	"all": true, "web": true, "offline": true, "your-decision": true,
	"oembed": true, "app": true,
}

var (
	sectionFile = regexp.MustCompile(`^[0-9]{2}-[a-z0-9-]+\.md$`)
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	directive   = regexp.MustCompile(`^\{\{\s*([a-z]+)\s+([a-z0-9-]+)\s*\}\}$`)
)

// Parse reads the essay from fsys: MetaFile and the section files named
// NN-name.md, in the order of their names. It reports every problem it
// finds, each as an *Error naming the file and line, joined with
// errors.Join.
func Parse(fsys fs.FS) (*Essay, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)

	var errs []error
	e := &Essay{}
	seen := map[string]string{} // slug → file
	foundMeta := false
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p := &fileParser{file: name, src: src}
		switch {
		case name == MetaFile:
			foundMeta = true
			p.parseMeta(e)
		case name == ModelFile:
			p.parseModel(e)
		case sectionFile.MatchString(name):
			s := p.parseSection()
			if s != nil && s.Slug != "" {
				if other, dup := seen[s.Slug]; dup {
					p.errorf(p.keyLine["slug"], "duplicate slug %q (also in %s)", s.Slug, other)
				}
				seen[s.Slug] = name
			}
			if s != nil {
				e.Sections = append(e.Sections, *s)
			}
		default:
			p.errorf(1, "unexpected file: sections are named NN-name.md, and the essay's own fields are in %s", MetaFile)
		}
		errs = append(errs, p.errs...)
	}
	if !foundMeta {
		errs = append(errs, &Error{File: MetaFile, Line: 1, Msg: "missing: it holds the essay's title and description"})
	}
	if len(e.Sections) == 0 && len(errs) == 0 {
		errs = append(errs, &Error{File: MetaFile, Line: 1, Msg: "the essay has no sections (files named NN-name.md)"})
	}
	errs = append(errs, checkParts(e)...)
	errs = append(errs, checkModel(e)...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return e, nil
}

// checkParts checks that every section's part names an earlier section and
// that the sections of a part follow each other.
func checkParts(e *Essay) []error {
	var errs []error
	for i, s := range e.Sections {
		if s.Part == "" {
			continue
		}
		j := e.Index(s.Part)
		switch {
		case j < 0:
			errs = append(errs, &Error{File: s.File, Line: 1, Msg: fmt.Sprintf("part %q names no section", s.Part)})
		case j >= i:
			errs = append(errs, &Error{File: s.File, Line: 1, Msg: fmt.Sprintf("part %q must name an earlier section", s.Part)})
		case e.Sections[j].Part != "":
			errs = append(errs, &Error{File: s.File, Line: 1, Msg: fmt.Sprintf("part %q is itself in a part", s.Part)})
		default:
			prev := e.Sections[i-1]
			if prev.Slug != s.Part && prev.Part != s.Part {
				errs = append(errs, &Error{File: s.File, Line: 1, Msg: fmt.Sprintf("the sections of part %q must follow each other", s.Part)})
			}
		}
	}
	return errs
}

// fileParser parses one Markdown file and collects its errors.
type fileParser struct {
	file    string
	src     []byte
	body    []byte // src after the front matter
	offset  int    // lines before body
	keyLine map[string]int
	errs    []error
	slug    string
	paras   int
	heads   int
}

func (p *fileParser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// frontMatter reads the "---"-fenced block of "key: value" lines at the top
// of the file. Values may be double-quoted Go strings.
func (p *fileParser) frontMatter(allowed ...string) map[string]string {
	p.keyLine = map[string]int{}
	fields := map[string]string{}
	lines := strings.SplitAfter(string(p.src), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], "\r\n") != "---" {
		p.errorf(1, `missing front matter: the file must start with a "---" line`)
		p.body = p.src
		return fields
	}
	consumed := len(lines[0])
	for i := 1; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r\n")
		consumed += len(lines[i])
		n := i + 1
		if line == "---" {
			p.body = p.src[consumed:]
			p.offset = n
			return fields
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			p.errorf(n, `front matter: want "key: value", got %q`, line)
			continue
		}
		if !contains(allowed, key) {
			p.errorf(n, "unknown front-matter key %q (known: %s)", key, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := fields[key]; dup {
			p.errorf(n, "front-matter key %q given twice", key)
			continue
		}
		value = strings.TrimSpace(value)
		if strings.HasPrefix(value, `"`) {
			uq, err := strconv.Unquote(value)
			if err != nil {
				p.errorf(n, "front matter: %s: malformed quoted value %s", key, value)
				continue
			}
			value = uq
		}
		fields[key] = value
		p.keyLine[key] = n
	}
	p.errorf(1, `front matter is not closed: no "---" line after it`)
	p.body = nil
	return fields
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// line returns the file line of a byte offset into the body.
func (p *fileParser) line(offset int) int {
	if offset > len(p.body) {
		offset = len(p.body)
	}
	return p.offset + bytes.Count(p.body[:offset], []byte("\n")) + 1
}

// nodeLine returns the file line where a node starts: goldmark records the
// position of blocks (a fence, a thematic break, which have no text lines)
// and of inlines (an image on a paragraph's third line).
func (p *fileParser) nodeLine(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return p.line(pos)
	}
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return p.line(c.Lines().At(0).Start)
		}
		if t, ok := c.(*ast.Text); ok {
			return p.line(t.Segment.Start)
		}
	}
	return p.offset + 1
}

func (p *fileParser) parseMeta(e *Essay) {
	f := p.frontMatter("title", "title_source", "description", "author")
	e.Title, e.Description, e.Author = f["title"], f["description"], f["author"]
	e.TitleIsOurs = p.titleIsOurs(f)
	if e.Title == "" && len(p.errs) == 0 {
		p.errorf(1, "front matter: title is required")
	}
	if e.Description == "" && len(p.errs) == 0 {
		p.errorf(1, "front matter: description is required")
	}
	if p.body == nil {
		return
	}
	p.slug = "colophon"
	doc := goldmark.DefaultParser().Parse(text.NewReader(p.body))
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if b, ok := p.block(c); ok {
			e.Colophon = append(e.Colophon, b)
		}
	}
}

func (p *fileParser) parseSection() *Section {
	f := p.frontMatter("slug", "title", "title_source", "description", "part")
	s := &Section{File: p.file, Slug: f["slug"], Description: f["description"], Part: f["part"]}
	s.TitleIsOurs = p.titleIsOurs(f)
	switch {
	case s.Slug == "":
		p.errorf(1, "front matter: slug is required")
	case !slugPattern.MatchString(s.Slug):
		p.errorf(p.keyLine["slug"], "slug %q: use lower-case letters, digits and single hyphens", s.Slug)
	case reservedSlugs[s.Slug]:
		p.errorf(p.keyLine["slug"], "slug %q is reserved for the app's own pages", s.Slug)
	}
	if s.Part != "" && !slugPattern.MatchString(s.Part) {
		p.errorf(p.keyLine["part"], "part %q is not a slug", s.Part)
	}
	p.slug = s.Slug
	if p.body == nil {
		return s
	}

	doc := goldmark.DefaultParser().Parse(text.NewReader(p.body))
	first := doc.FirstChild()
	if h, ok := first.(*ast.Heading); ok && h.Level == 1 {
		if t, given := f["title"]; given {
			p.errorf(p.keyLine["title"], "title %q given, but the section starts with a heading (%q): keep one", t, p.plain(h))
		}
		s.Title = p.plain(h)
		first = first.NextSibling()
	} else {
		s.Title = f["title"]
		if s.Title == "" {
			p.errorf(1, `the section has no title: start it with a "# " heading or give "title:" in the front matter`)
		}
	}
	words := CountWords(s.Title)
	for c := first; c != nil; c = c.NextSibling() {
		if b, ok := p.block(c); ok {
			s.Blocks = append(s.Blocks, b)
			words += blockWords(b)
		}
	}
	s.Words = words
	p.widgetsWhereTextPauses(s.Blocks)
	if !hasText(s.Blocks) {
		p.errorf(p.offset+1, "the section is empty: it has a title but no text")
	}
	if s.Description == "" {
		s.Description = firstSentence(s.Blocks)
	}
	return s
}

// titleIsOurs reads title_source: "ours" marks a title the essay's author
// did not write (an editor's), which the page then labels as ours; "author",
// the default, is the author's own.
func (p *fileParser) titleIsOurs(f map[string]string) bool {
	switch v, given := f["title_source"]; {
	case !given || v == "author":
		return false
	case v == "ours":
		return true
	default:
		p.errorf(p.keyLine["title_source"], `front matter: title_source must be "ours" (a title the author did not write) or "author", got %q`, v)
		return false
	}
}

// widgetsWhereTextPauses requires a section's sliders and verdicts to come
// after its text: one between two of the author's paragraphs, or between
// a list and the sentence that answers it, splits the argument.
func (p *fileParser) widgetsWhereTextPauses(blocks []Block) {
	widget := -1
	for _, b := range blocks {
		switch {
		case b.Kind == Slider || b.Kind == Verdict:
			if widget < 0 {
				widget = b.Line
			}
		case widget >= 0 && b.Kind != Figure:
			p.errorf(b.Line, "the author's text goes on after the widget at line %d: put {{factor}} and {{verdict}} after the section's text, where the argument pauses", widget)
			return
		}
	}
}

func blockWords(b Block) int {
	n := CountWords(PlainText(b.Inlines))
	for _, c := range b.Children {
		n += blockWords(c)
	}
	return n
}

func hasText(blocks []Block) bool {
	for _, b := range blocks {
		if b.Kind == Paragraph || b.Kind == List || b.Kind == Quote {
			return true
		}
	}
	return false
}

// firstSentence returns the first sentence of the first paragraph, cut at a
// word boundary if it is long: the page's description when none is given.
func firstSentence(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind != Paragraph {
			continue
		}
		t := PlainText(b.Inlines)
		if i := strings.Index(t, ". "); i > 0 {
			t = t[:i+1]
		}
		const max = 200
		if len(t) > max {
			cut := strings.LastIndex(t[:max], " ")
			if cut < 0 {
				cut = max
			}
			t = t[:cut] + "…"
		}
		return t
	}
	return ""
}

// block converts one Markdown block. It reports false for a block it
// rejected (with an error) or that carries nothing.
func (p *fileParser) block(n ast.Node) (Block, bool) {
	line := p.nodeLine(n)
	switch n := n.(type) {
	case *ast.Heading:
		if n.Level == 1 {
			p.errorf(line, `a "# " heading may only open a section; use "## " inside it`)
			return Block{}, false
		}
		if n.Level > 3 {
			p.errorf(line, "heading level %d is too deep: use ## or ###", n.Level)
			return Block{}, false
		}
		p.heads++
		return Block{Kind: Heading, Level: n.Level, ID: fmt.Sprintf("%s-h%d", p.slug, p.heads), Inlines: p.inlines(n), Line: line}, true
	case *ast.Paragraph, *ast.TextBlock:
		if b, isDirective, ok := p.directive(n, line); isDirective {
			return b, ok
		}
		p.paras++
		return Block{Kind: Paragraph, ID: fmt.Sprintf("%s-p%d", p.slug, p.paras), Inlines: p.inlines(n), Line: line}, true
	case *ast.List:
		b := Block{Kind: List, Ordered: n.IsOrdered(), Line: line}
		if n.IsOrdered() && n.Start != 1 {
			b.Start = n.Start
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			li := Block{Kind: Item, Line: p.nodeLine(item)}
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				if cb, ok := p.block(c); ok {
					// A tight item's text is a TextBlock; keep it inline.
					if cb.Kind == Paragraph && c.Kind() == ast.KindTextBlock {
						li.Inlines = append(li.Inlines, cb.Inlines...)
						p.paras--
						continue
					}
					li.Children = append(li.Children, cb)
				}
			}
			b.Children = append(b.Children, li)
		}
		return b, true
	case *ast.Blockquote:
		b := Block{Kind: Quote, Line: line}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if cb, ok := p.block(c); ok {
				b.Children = append(b.Children, cb)
			}
		}
		return b, true
	case *ast.HTMLBlock:
		p.errorf(line, "raw HTML is not allowed in the essay")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		p.errorf(line, "code blocks are not supported (an indented line? indent by less than four spaces)")
	case *ast.ThematicBreak:
		p.errorf(line, `thematic breaks ("---", "***") are not supported`)
	default:
		p.errorf(line, "unsupported Markdown construct %s", n.Kind())
	}
	return Block{}, false
}

// directive recognises a paragraph that is only "{{name arg}}".
func (p *fileParser) directive(n ast.Node, line int) (b Block, isDirective, ok bool) {
	raw := strings.TrimSpace(string(n.Lines().Value(p.body)))
	if !strings.Contains(raw, "{{") && !strings.Contains(raw, "}}") {
		return Block{}, false, false
	}
	m := directive.FindStringSubmatch(raw)
	if m == nil {
		p.errorf(line, "malformed directive %q: write {{figure name}}, {{factor id}} or {{verdict panel}} alone in its paragraph", raw)
		return Block{}, true, false
	}
	switch name, arg := m[1], m[2]; name {
	case "factor":
		// Checked against the model once every file is read.
		return Block{Kind: Slider, Name: arg, Line: line}, true, true
	case "verdict":
		if !Verdicts[arg] {
			p.errorf(line, "unknown verdict %q (known: panel, balance)", arg)
			return Block{}, true, false
		}
		return Block{Kind: Verdict, Name: arg, Line: line}, true, true
	case "figure":
		if !Figures[arg] {
			p.errorf(line, "unknown figure %q", arg)
			return Block{}, true, false
		}
		return Block{Kind: Figure, Name: arg, Line: line}, true, true
	default:
		p.errorf(line, "unknown directive %q", name)
		return Block{}, true, false
	}
}

// plain returns the plain text of a node's inline children.
func (p *fileParser) plain(n ast.Node) string {
	return PlainText(p.inlines(n))
}

// inlines converts a block's inline children, rejecting what the essay does
// not use and markup that did not parse (a lone "*" left from unclosed
// emphasis, a "[" from a link without a target).
func (p *fileParser) inlines(n ast.Node) []Inline {
	var out []Inline
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment.Value(p.body)
			p.checkStray(seg, c.Segment.Start)
			t := string(util.UnescapePunctuations(seg))
			t = string(util.ResolveNumericReferences(util.ResolveEntityNames([]byte(t))))
			out = appendText(out, t)
			switch {
			case c.HardLineBreak():
				out = append(out, Inline{Kind: Break})
			case c.SoftLineBreak():
				out = appendText(out, " ")
			}
		case *ast.String:
			out = appendText(out, string(c.Value))
		case *ast.Emphasis:
			kind := Emphasis
			if c.Level == 2 {
				kind = Strong
			}
			out = append(out, Inline{Kind: kind, Children: p.inlines(c)})
		case *ast.CodeSpan:
			// A code span's text is literal: no escapes, no stray
			// markup to report.
			var code strings.Builder
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					code.Write(t.Segment.Value(p.body))
				case *ast.String:
					code.Write(t.Value)
				}
			}
			out = append(out, Inline{Kind: Code, Text: strings.ReplaceAll(code.String(), "\n", " ")}) // line endings are spaces
		case *ast.Link:
			href := string(c.Destination)
			if err := checkHref(href); err != "" {
				p.errorf(p.nodeLine(c), "link %q: %s", href, err)
			}
			out = append(out, Inline{Kind: Link, Href: href, Children: p.inlines(c)})
		case *ast.AutoLink:
			href := string(c.URL(p.body))
			if err := checkHref(href); err != "" {
				p.errorf(p.nodeLine(c), "link %q: %s", href, err)
			}
			out = append(out, Inline{Kind: Link, Href: href, Children: []Inline{{Kind: Text, Text: string(c.Label(p.body))}}})
		case *ast.Image:
			p.errorf(p.nodeLine(c), "images are not supported in the prose; use a {{figure name}}")
		case *ast.RawHTML:
			p.errorf(p.nodeLine(c), "raw HTML is not allowed in the essay")
		default:
			p.errorf(p.nodeLine(c), "unsupported Markdown construct %s", c.Kind())
		}
	}
	return out
}

// appendText adds text, merging it with a preceding text run.
func appendText(ins []Inline, t string) []Inline {
	if t == "" {
		return ins
	}
	if n := len(ins); n > 0 && ins[n-1].Kind == Text {
		ins[n-1].Text += t
		return ins
	}
	return append(ins, Inline{Kind: Text, Text: t})
}

// checkStray reports Markdown punctuation that survived parsing unescaped:
// such a character is almost always a typo (unclosed emphasis, a link
// without its target) that would show to readers as a stray symbol.
func (p *fileParser) checkStray(seg []byte, start int) {
	for i := 0; i < len(seg); i++ {
		if seg[i] == '\\' {
			i++ // an escaped character is meant literally
			continue
		}
		var what string
		switch seg[i] {
		case '*', '_':
			what = "unclosed emphasis"
		case '`':
			what = "unclosed code span"
		case '[', ']':
			what = "a link without a target"
		case '<', '>':
			what = "an HTML tag or autolink that did not parse"
		default:
			continue
		}
		p.errorf(p.line(start+i), "malformed Markdown: stray %q (%s?); escape it as \\%c if it is meant literally", seg[i], what, seg[i])
		return
	}
}

// checkHref accepts links to the essay's own pages and https addresses.
func checkHref(href string) string {
	switch {
	case strings.HasPrefix(href, "https://"):
		return ""
	case strings.HasPrefix(href, "/"):
		if path.Clean(href) != href && href != "/" {
			return "not a clean path"
		}
		return ""
	default:
		return `only "/section" and "https://" links are allowed`
	}
}

// parseModel reads model.md: front matter with the two options ("stay" and
// "leave", the option ids) and the author's conclusion, then one "## id"
// block of "key: value" lines per factor.
func (p *fileParser) parseModel(e *Essay) {
	m := &e.Model
	p.modelOptions(m)
	if p.body == nil {
		return
	}
	p.modelFactors(m)
	if len(m.Factors) == 0 {
		p.errorf(p.offset+1, "the model has no factors")
	}
}

// modelOptions reads the options and the conclusion from the front matter.
func (p *fileParser) modelOptions(m *Model) {
	f := p.frontMatter("stay", "leave", "conclusion")
	m.Options = [2]Option{{ID: "stay", Name: f["stay"]}, {ID: "leave", Name: f["leave"]}}
	for _, o := range m.Options {
		if o.Name == "" && p.body != nil {
			p.errorf(1, "front matter: %s (the option's name) is required", o.ID)
		}
	}
	switch f["conclusion"] {
	case "stay":
		m.Conclusion = 0
	case "leave":
		m.Conclusion = 1
	default:
		p.errorf(max(p.keyLine["conclusion"], 1), `front matter: conclusion must be "stay" or "leave"`)
	}
}

// factorKeys are the keys of a factor in model.md, each required once.
var factorKeys = []string{"name", "explanation", "section", "quote", "stay", "leave", "weight"}

// modelFactors reads the "## id" blocks of factors.
func (p *fileParser) modelFactors(m *Model) {
	var cur *Factor
	var seen map[string]bool
	finish := func() {
		if cur == nil {
			return
		}
		for _, k := range factorKeys {
			if !seen[k] {
				p.errorf(cur.Line, "factor %q: %s is required", cur.ID, k)
			}
		}
		m.Factors = append(m.Factors, *cur)
	}
	for i, line := range strings.Split(string(p.body), "\n") {
		n := p.offset + i + 1
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "## "):
			continue
		case strings.HasPrefix(line, "## "):
			finish()
			id := strings.TrimSpace(line[3:])
			if !factorID.MatchString(id) {
				p.errorf(n, "factor id %q: use lower-case letters only", id)
			}
			if m.Factor(id) >= 0 {
				p.errorf(n, "factor %q given twice", id)
			}
			cur, seen = &Factor{ID: id, Line: n}, map[string]bool{}
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch {
		case cur == nil:
			p.errorf(n, `want a "## id" line to start a factor, got %q`, line)
		case !ok:
			p.errorf(n, `want "key: value", got %q`, line)
		case !contains(factorKeys, key):
			p.errorf(n, "unknown factor key %q (known: %s)", key, strings.Join(factorKeys, ", "))
		case seen[key]:
			p.errorf(n, "factor %q: %s given twice", cur.ID, key)
		case value == "":
			p.errorf(n, "factor %q: %s is empty", cur.ID, key)
			seen[key] = true // said once, here, not again as missing
		default:
			seen[key] = true
			p.factorField(cur, n, key, value)
		}
	}
	finish()
}

// factorField sets one key of a factor, read at line n.
func (p *fileParser) factorField(f *Factor, n int, key, value string) {
	switch key {
	case "name":
		f.Name = value
	case "explanation":
		f.Explanation = value
	case "section":
		f.Section = value
	case "quote":
		f.Quote = value
	case "stay", "leave", "weight":
		v, ok := smallInt(value)
		if !ok || v > MaxWeight {
			p.errorf(n, "factor %q: %s must be a whole number from 0 to 10, got %q", f.ID, key, value)
			return
		}
		switch key {
		case "stay":
			f.Scores[0] = v
		case "leave":
			f.Scores[1] = v
		default:
			f.Weight = v
		}
	}
}

var factorID = regexp.MustCompile(`^[a-z]+$`)

// checkModel checks the model against the sections: each factor's quote is
// the author's, verbatim, in the section it names, and each factor's slider
// is placed once, in that section.
func checkModel(e *Essay) []error {
	var errs []error
	m := &e.Model
	placed := map[string]bool{}
	for _, s := range e.Sections {
		for _, b := range s.Blocks {
			if b.Kind != Slider {
				continue
			}
			i := m.Factor(b.Name)
			switch {
			case i < 0:
				errs = append(errs, &Error{File: s.File, Line: b.Line, Msg: fmt.Sprintf("unknown factor %q", b.Name)})
			case placed[b.Name]:
				errs = append(errs, &Error{File: s.File, Line: b.Line, Msg: fmt.Sprintf("factor %q is placed twice", b.Name)})
			case m.Factors[i].Section != s.Slug:
				errs = append(errs, &Error{File: s.File, Line: b.Line, Msg: fmt.Sprintf("factor %q belongs in section %q, which discusses it", b.Name, m.Factors[i].Section)})
			}
			placed[b.Name] = true
		}
	}
	for _, f := range m.Factors {
		j := e.Index(f.Section)
		switch {
		case j < 0:
			errs = append(errs, &Error{File: ModelFile, Line: f.Line, Msg: fmt.Sprintf("factor %q: section %q does not exist", f.ID, f.Section)})
			continue
		case !strings.Contains(sectionText(e.Sections[j]), f.Quote):
			errs = append(errs, &Error{File: ModelFile, Line: f.Line, Msg: fmt.Sprintf("factor %q: the quote is not the author's words in section %q", f.ID, f.Section)})
		}
		if !placed[f.ID] {
			errs = append(errs, &Error{File: ModelFile, Line: f.Line, Msg: fmt.Sprintf("factor %q has no slider: place {{factor %s}} in %s", f.ID, f.ID, e.Sections[j].File)})
		}
	}
	return errs
}

// sectionText is a section's plain text, blocks separated by newlines.
func sectionText(s Section) string {
	var b strings.Builder
	var walk func([]Block)
	walk = func(blocks []Block) {
		for _, bl := range blocks {
			b.WriteString(PlainText(bl.Inlines))
			b.WriteByte('\n')
			walk(bl.Children)
		}
	}
	walk(s.Blocks)
	return b.String()
}
