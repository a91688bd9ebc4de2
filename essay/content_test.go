//go:build !wasm

package essay_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

// TestContentUpToDate checks that the embedded content.json is what the
// Markdown files parse to now: an edit to the Markdown must be followed by
// "go generate", or the app would serve the old text.
func TestContentUpToDate(t *testing.T) {
	e, err := essay.Parse(os.DirFS("."))
	if err != nil {
		t.Fatalf("the essay's Markdown does not parse:\n%v", err)
	}
	got, err := essay.Encode(e)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("content.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("content.json is stale: run `go generate ./essay` (or make generate)\nfirst difference: %s", firstDiff(got, want))
	}
	got, err = essay.GoSource(e)
	if err != nil {
		t.Fatal(err)
	}
	if want, err = os.ReadFile("content_gen.go"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("content_gen.go is stale: run `go generate ./essay` (or make generate)\nfirst difference: %s", firstDiff(got, want))
	}
}

// TestContentTwoForms checks that the essay the app is built with
// (content_gen.go, which Content returns) is the one content.json holds,
// which the server reads for another essay: the Go form loses nothing.
func TestContentTwoForms(t *testing.T) {
	b, err := os.ReadFile("content.json")
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := essay.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(essay.Content(), fromJSON) {
		t.Fatal("Content() (content_gen.go) differs from Decode(content.json)")
	}
	parsed, err := essay.Parse(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(essay.Content(), parsed) {
		t.Fatal("Content() (content_gen.go) differs from what the Markdown parses to")
	}
}

// firstDiff describes the first line where two texts differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n parsed:       %s\n content.json: %s", i+1, gl, wl)
		}
	}
	return "none"
}

const (
	// seedCopy is a verbatim copy of the author's text, kept beside the
	// tests so that they run without the rest of the workspace.
	seedCopy = "testdata/leaving-amazon.txt"
	// seedOriginal is the seed itself, where the workspace has it.
	seedOriginal = "../../shared/seed/leaving-amazon.txt"
)

// normalise collapses every run of white space to one space.
func normalise(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// blocksText appends the plain text of blocks, depth first, one block a line.
func blocksText(b *strings.Builder, blocks []essay.Block) {
	for _, bl := range blocks {
		if len(bl.Inlines) > 0 {
			b.WriteString(essay.PlainText(bl.Inlines))
			b.WriteByte('\n')
		}
		blocksText(b, bl.Children)
	}
}

// sectionText is the normalised plain text of a section: its title, then its
// blocks. A part's heading is the title of the section that opens the part,
// so it is in the text once, where the part starts.
func sectionText(s essay.Section) string {
	var b strings.Builder
	b.WriteString(s.Title)
	b.WriteByte('\n')
	blocksText(&b, s.Blocks)
	return normalise(b.String())
}

// essayText is the normalised plain text of the whole essay, in reading
// order.
func essayText(e *essay.Essay) string {
	var parts []string
	for _, s := range e.Sections {
		parts = append(parts, sectionText(s))
	}
	return strings.Join(parts, " ")
}

// listMarker is the number that starts a line of the seed's list; the essay
// renders it with <ol>, so it is not in the text.
var listMarker = regexp.MustCompile(`^\s*[0-9]+\.\s+`)

// sentences splits a line of the seed at ". ", "! " and "? ", keeping the
// punctuation with the sentence before it. This is deliberately naive: it
// also splits after abbreviations such as "e.g. ", which only makes the
// pieces shorter, and every piece must still be in the essay.
func sentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(line); i++ {
		if strings.IndexByte(".!?", line[i]) >= 0 && line[i+1] == ' ' {
			out = append(out, strings.TrimSpace(line[start:i+1]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(line[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name string
		line string
		want []string
	}{
		{"one", "Just one.", []string{"Just one."}},
		{"no end mark", "Opinions are my own", []string{"Opinions are my own"}},
		{"three kinds", "Is it? Yes! So. Done", []string{"Is it?", "Yes!", "So.", "Done"}},
		{"dot inside a word", "Use AI/Agentic Coding (e.g. Copilot).", []string{"Use AI/Agentic Coding (e.g.", "Copilot)."}},
		{"version number", "Go 1.26 is out.", []string{"Go 1.26 is out."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := sentences(tc.line), tc.want; !reflect.DeepEqual(got, want) {
				t.Errorf("sentences(%q) = %q, want %q", tc.line, got, want)
			}
		})
	}
}

// TestSeedSentencesInContent checks that the author's text is carried over
// verbatim and in order: every sentence of the seed must be in the essay's
// plain text, and each paragraph must come after the one before it.
func TestSeedSentencesInContent(t *testing.T) {
	seed, err := os.ReadFile(seedCopy)
	if err != nil {
		t.Fatal(err)
	}
	switch orig, err := os.ReadFile(seedOriginal); {
	case errors.Is(err, fs.ErrNotExist):
		t.Logf("%s not found; checking against %s only", seedOriginal, seedCopy)
	case err != nil:
		t.Fatal(err)
	case !bytes.Equal(orig, seed):
		t.Errorf("%s differs from the seed %s: copy the seed again", seedCopy, seedOriginal)
	}

	text := essayText(essay.Content())
	lines, checked := 0, 0
	pos := 0 // where the previous seed line's first sentence ends in text
	for n, line := range strings.Split(string(seed), "\n") {
		line = normalise(listMarker.ReplaceAllString(line, ""))
		if line == "" {
			continue
		}
		lines++
		ss := sentences(line)
		for _, s := range ss {
			checked++
			if !strings.Contains(text, s) {
				t.Errorf("seed line %d: sentence not in the essay: %q", n+1, s)
			}
		}
		if !strings.Contains(text, ss[0]) {
			continue // reported above
		}
		i := strings.Index(text[pos:], ss[0])
		if i < 0 {
			t.Errorf("seed line %d is out of order: %q is not after the previous line's text", n+1, ss[0])
			continue
		}
		pos += i + len(ss[0])
	}
	// Guard against a seed that split into nothing: the test would pass
	// vacuously.
	if lines < 30 || checked < 60 {
		t.Errorf("checked %d sentences in %d lines of the seed; want at least 60 in 30", checked, lines)
	}
}

// TestTimelineQuotes checks that every timeline event rests on the author's
// words: its quote is verbatim in the section it names, and the events come
// in the order the essay tells them.
func TestTimelineQuotes(t *testing.T) {
	c := essay.Content()
	if len(essay.Timeline) == 0 {
		t.Fatal("Timeline is empty")
	}
	text := essayText(c)
	prev, prevQuote := -1, ""
	for _, ev := range essay.Timeline {
		t.Run(ev.What, func(t *testing.T) {
			if ev.Quote == "" || ev.What == "" {
				t.Fatalf("event %+v: What and Quote are required", ev)
			}
			i := c.Index(ev.Section)
			if i < 0 {
				t.Fatalf("section %q: no such section", ev.Section)
			}
			if !strings.Contains(sectionText(c.Sections[i]), ev.Quote) {
				t.Fatalf("quote not in section %q: %q", ev.Section, ev.Quote)
			}
			// The opening tells the decision to leave before the story
			// that leads to it: events quoted from the first section are
			// out of text order by design.
			if i == 0 {
				return
			}
			at := strings.Index(text, ev.Quote)
			if at <= prev {
				t.Errorf("event out of order: %q comes before %q in the essay", ev.Quote, prevQuote)
			}
			prev, prevQuote = at, ev.Quote
		})
	}
}

func TestPathsAndIndex(t *testing.T) {
	c := essay.Content()
	paths := c.Paths()
	if got, want := len(paths), len(c.Sections)+1; got != want {
		t.Fatalf("len(Paths()) = %d, want %d (sections and %s)", got, want, essay.AllPath)
	}
	if got, want := paths[0], "/"; got != want {
		t.Errorf("Paths()[0] = %q, want %q", got, want)
	}
	for i := 1; i < len(c.Sections); i++ {
		if got, want := paths[i], "/"+c.Sections[i].Slug; got != want {
			t.Errorf("Paths()[%d] = %q, want %q", i, got, want)
		}
	}
	if got, want := paths[len(paths)-1], "/all"; got != want {
		t.Errorf("last path = %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			t.Errorf("path %q appears twice", p)
		}
		seen[p] = true
	}

	for i, s := range c.Sections {
		t.Run("Index/"+s.Slug, func(t *testing.T) {
			if got, want := c.Index(s.Slug), i; got != want {
				t.Errorf("Index(%q) = %d, want %d", s.Slug, got, want)
			}
		})
	}
	if got, want := c.Index("no-such-section"), -1; got != want {
		t.Errorf("Index of an unknown slug = %d, want %d", got, want)
	}

	for _, tc := range []struct {
		name  string
		words int
		want  int
	}{
		{"nothing is still a minute", 0, 1},
		{"just under half a minute", 114, 1},
		{"half a minute rounds up", 115, 1},
		{"one minute", 230, 1},
		{"one and a half rounds up", 345, 2},
		{"two minutes", 460, 2},
		{"just under two and a half", 574, 2},
		{"two and a half rounds up", 575, 3},
		{"a thousand words", 1000, 4},
	} {
		t.Run("ReadingMinutes/"+tc.name, func(t *testing.T) {
			if got, want := essay.ReadingMinutes(tc.words), tc.want; got != want {
				t.Errorf("ReadingMinutes(%d) = %d, want %d", tc.words, got, want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
	}{
		{"empty object", `{}`},
		{"not JSON", `not json`},
		{"no sections", `{"sections":[]}`},
		{"empty input", ``},
		{"wrong type", `{"sections":"intro"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := essay.Decode([]byte(tc.in))
			if err == nil {
				t.Errorf("Decode(%q) succeeded; want an error", tc.in)
			}
			if e != nil {
				t.Errorf("Decode(%q) returned an essay with its error", tc.in)
			}
		})
	}

	t.Run("round trip", func(t *testing.T) {
		c := essay.Content()
		b, err := essay.Encode(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := essay.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("Decode(Encode(Content())) differs from Content()")
		}
	})
}

// seedLines returns the seed's lines, normalised, without list markers.
func seedLines(t *testing.T) map[string]bool {
	t.Helper()
	seed, err := os.ReadFile(seedCopy)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(seed), "\n") {
		if l = normalise(listMarker.ReplaceAllString(l, "")); l != "" {
			lines[l] = true
		}
	}
	return lines
}

// TestTitlesAreTheSeedsOrOurs: every title and heading the essay's files
// give is a line of the seed, verbatim (one of the author's headings), or
// is marked as ours (title_source: ours), so that the page can say so.
// Sub-headings inside a section cannot be marked: each must be the seed's.
func TestTitlesAreTheSeedsOrOurs(t *testing.T) {
	lines := seedLines(t)
	e := essay.Content()
	type title struct {
		where, text string
		ours        bool
	}
	titles := []title{{essay.MetaFile, e.Title, e.TitleIsOurs}}
	for _, s := range e.Sections {
		titles = append(titles, title{s.File, s.Title, s.TitleIsOurs})
		var heads func([]essay.Block)
		heads = func(blocks []essay.Block) {
			for _, b := range blocks {
				if b.Kind == essay.Heading {
					titles = append(titles, title{fmt.Sprintf("%s:%d", s.File, b.Line), essay.PlainText(b.Inlines), false})
				}
				heads(b.Children)
			}
		}
		heads(s.Blocks)
	}
	for _, tc := range titles {
		t.Run(tc.where, func(t *testing.T) {
			switch seed := lines[normalise(tc.text)]; {
			case !seed && !tc.ours:
				t.Errorf("%s: the title %q is not one of the seed's headings: mark it ours with \"title_source: ours\"", tc.where, tc.text)
			case seed && tc.ours:
				t.Errorf("%s: the title %q is the author's (a line of the seed), but is marked ours", tc.where, tc.text)
			}
		})
	}
}

// inferredClause is how a factor's explanation says that its weight is our
// inference: the text gives that factor no reason of its own.
const inferredClause = "its weight is our inference"

// TestInferredWeightsSaySo: a factor whose weight rests on no sentence of
// its own says so in its explanation, and only such a factor does. The
// seed lists the organisation and the network among what the author would
// miss, then accepts the trade-off as a whole; leadership and the
// promotion each have a reason of their own ((a), (b), (c), "not a
// priority"), and the others a section each.
func TestInferredWeightsSaySo(t *testing.T) {
	m := essay.Content().Model
	for _, tc := range []struct {
		factor   string
		inferred bool
	}{
		{"technical", false},
		{"ownership", false},
		{"pace", false},
		{"environment", false},
		{"tooling", false},
		{"leadership", false},
		{"organisation", true},
		{"network", true},
		{"promotion", false},
	} {
		t.Run(tc.factor, func(t *testing.T) {
			i := m.Factor(tc.factor)
			if i < 0 {
				t.Fatalf("no factor %q in the model", tc.factor)
			}
			if got := strings.Contains(m.Factors[i].Explanation, inferredClause); got != tc.inferred {
				t.Errorf("factor %q: the explanation says %q: %v, want %v (%q)", tc.factor, inferredClause, got, tc.inferred, m.Factors[i].Explanation)
			}
		})
	}
	if len(m.Factors) != 9 {
		t.Errorf("the model has %d factors; this table names 9: say whether each new one's weight is our inference", len(m.Factors))
	}
}
