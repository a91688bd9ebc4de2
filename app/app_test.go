package app

import (
	"regexp"
	"strings"
	"testing"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// mount loads a component into go-app's test engine and returns its HTML.
func mount(t *testing.T, c app.Composer) string {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return app.HTMLString(c)
}

// hasTag reports whether html has a start tag with all the given
// attributes, in any order (go-app does not keep their order).
func hasTag(html, tag string, attrs ...string) bool {
	for _, m := range regexp.MustCompile(`<`+tag+`\b[^>]*>`).FindAllString(html, -1) {
		all := true
		for _, a := range attrs {
			all = all && strings.Contains(m, a)
		}
		if all {
			return true
		}
	}
	return false
}

func count(html, pattern string) int {
	return len(regexp.MustCompile(pattern).FindAllStringIndex(html, -1))
}

func TestPageStructure(t *testing.T) {
	e := essay.Content()
	for _, tc := range []struct {
		name    string
		section int
		h1      string
		ours    bool   // the h1 is a title of ours, described by the note
		current string // href of the TOC link marked current
	}{
		{"opening", 0, e.Sections[0].Title, true, `href="/"`},
		{"job history", 1, "My Amazon Job History", false, `href="/job-history"`},
		{"a reason in a part", e.Index("pace"), "Slow pace of software development slows down my personal growth", false, `href="/pace"`},
		{"whole essay", All, e.Title, true, `href="/all"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage().Essay(e).Section(tc.section)
			html := mount(t, p)
			h1 := app.H1().ID("title").Text(tc.h1)
			if tc.ours {
				h1 = h1.Aria("describedby", "title-note")
			}
			if err := app.Match(h1, p, pathToH1(tc.section)...); err != nil {
				t.Errorf("h1: %v", err)
			}
			if got, want := count(html, `<h1\b`), 1; got != want {
				t.Errorf("%d h1 elements, want %d", got, want)
			}
			if got, want := count(html, `aria-current="page"`), 1; got != want {
				t.Errorf("%d links marked current, want %d", got, want)
			}
			if !hasTag(html, "a", tc.current, `aria-current="page"`) {
				t.Errorf("the current section's TOC link is not marked: want %s", tc.current)
			}
			for _, l := range []struct{ tag, attr string }{
				{"header", `class="site-header"`}, {"main", `id="main"`},
				{"nav", `id="contents"`}, {"nav", `class="pager"`}, {"footer", ""},
				{"a", `href="#main"`},
			} {
				if tc.section == All && l.attr == `class="pager"` {
					continue
				}
				if !hasTag(html, l.tag, l.attr) {
					t.Errorf("missing <%s %s>", l.tag, l.attr)
				}
			}
		})
	}
}

// pathToH1 is the path from the page component to its h1 in the tree:
// page → #essay div → .layout → main → (div → article | whole) → header → h1.
func pathToH1(section int) []int {
	if section == All {
		// whole component → article → header → h1
		return []int{0, 2, 0, 0, 0, 0, 0}
	}
	// div → article component → article → header → [kicker] h1
	h1 := 0
	if essay.Content().Sections[section].Part != "" {
		h1 = 1
	}
	return []int{0, 2, 0, 0, 0, 0, 0, h1}
}

func TestPositionAndReadingTime(t *testing.T) {
	e := essay.Content()
	html := mount(t, newArticle().View(authorView(e)).Section(2))
	if want := ">3 of " + itoa(len(e.Sections)) + "<"; !strings.Contains(html, want) {
		t.Errorf("position indicator missing: want %q", want)
	}
	if !regexp.MustCompile(`>\d+ min read<`).MatchString(html) {
		t.Error("reading time missing")
	}
}

func TestPager(t *testing.T) {
	e := essay.Content()
	last := len(e.Sections) - 1
	for _, tc := range []struct {
		name      string
		section   int
		prev      string // "" for none
		next      string
		nextIsRel bool
	}{
		{"first", 0, "", "/job-history", true},
		{"second goes back to /", 1, "/", "/three-to-five-years", true},
		{"last ends at the whole essay", last, e.Path(last - 1), "/all", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := mount(t, newPager().View(authorView(e)).Section(tc.section))
			hasPrev := strings.Contains(html, `rel="prev"`)
			if got, want := hasPrev, tc.prev != ""; got != want {
				t.Fatalf("has rel=prev: %v, want %v", got, want)
			}
			if tc.prev != "" && !hasTag(html, "a", `rel="prev"`, `href="`+tc.prev+`"`) {
				t.Errorf("rel=prev does not link to %s:\n%s", tc.prev, html)
			}
			if !hasTag(html, "a", `href="`+tc.next+`"`, `class="next"`) {
				t.Errorf("next does not link to %s", tc.next)
			}
			if got, want := strings.Contains(html, `rel="next"`), tc.nextIsRel; got != want {
				t.Errorf("has rel=next: %v, want %v", got, want)
			}
		})
	}
}

func TestWholeEssayOutline(t *testing.T) {
	e := essay.Content()
	html := mount(t, newWhole().View(authorView(e)))
	for _, tc := range []struct {
		name, want string
	}{
		{"a section's title is an h2", `<h2 id="job-history-title">\s*My Amazon Job History\s*</h2>`},
		{"a part's heading is an h2", `<h2 id="political-skills-title">\s*Why Amazon does not fit my vision for software engineer growth\s*</h2>`},
		{"its first reason is an h3", `<h3 id="political-skills-h1">\s*Beyond SDE II growth at Amazon is about political skills rather than technical ones.\s*</h3>`},
		{"the other reasons are h3", `<h3 id="pace-title">\s*Slow pace of software development slows down my personal growth\s*</h3>`},
		{"the opening's title is an h2 too", `<h2 [^>]*id="why-this-document-title"[^>]*>\s*Why this document\s*</h2>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !regexp.MustCompile(tc.want).MatchString(html) {
				t.Errorf("missing %s", tc.want)
			}
		})
	}
}

// TestOurTitlesMarked: a title the author did not write says so under its
// heading, in a note the heading is described by; the author's do not.
func TestOurTitlesMarked(t *testing.T) {
	e := essay.Content()
	v := authorView(e)
	note := func(id string) string {
		return `<p[^>]*id="` + id + `"[^>]*>\s*` + regexp.QuoteMeta(ourTitleWords) + `\s*</p>`
	}
	for _, tc := range []struct {
		name  string
		html  string
		notes int                 // notes on the page
		ours  map[string][]string // heading tag → its id and the note's
	}{
		{"the opening", mount(t, newArticle().View(v).Section(0)), 1,
			map[string][]string{"h1": {"title", "title-note"}}},
		{"a section of the author's", mount(t, newArticle().View(v).Section(1)), 0, nil},
		{"a section in a part", mount(t, newArticle().View(v).Section(e.Index("pace"))), 0, nil},
		{"the whole essay", mount(t, newWhole().View(v)), 2, map[string][]string{
			"h1": {"title", "title-note"},
			"h2": {"why-this-document-title", "why-this-document-title-note"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := count(tc.html, `class="title-ours"`); got != tc.notes {
				t.Errorf("%d notes of our titles, want %d", got, tc.notes)
			}
			if tc.notes == 0 && strings.Contains(tc.html, "aria-describedby=\"title-note\"") {
				t.Error("the author's title is described as ours")
			}
			for tag, ids := range tc.ours {
				if !hasTag(tc.html, tag, `id="`+ids[0]+`"`, `aria-describedby="`+ids[1]+`"`) {
					t.Errorf("no <%s id=%q> described by the note %q", tag, ids[0], ids[1])
				}
				if !regexp.MustCompile(note(ids[1])).MatchString(tc.html) {
					t.Errorf("no note %q saying %q", ids[1], ourTitleWords)
				}
			}
		})
	}
}

func TestEveryFigureRenders(t *testing.T) {
	for name := range essay.Figures {
		t.Run(name, func(t *testing.T) {
			if renderFigure(name, "") == nil {
				t.Errorf("figure %q, accepted by the parser, renders nothing", name)
			}
		})
	}
}

func TestTimeline(t *testing.T) {
	html := mount(t, newTimeline().Events(essay.Timeline).DescribedBy("a b"))
	if got, want := count(html, `class="tl-event"`), len(essay.Timeline); got != want {
		t.Errorf("%d events drawn, want %d", got, want)
	}
	if !hasTag(html, "svg", `role="img"`, `aria-describedby="a b"`, `aria-labelledby="timeline-caption"`) {
		t.Error("the figure is not an image described by the text")
	}
	for _, want := range []string{"2nd half of 2025", "Starts at Wiz"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Contains(html, "2019") || strings.Contains(html, "2026") {
		t.Error("the timeline shows a year the text does not give")
	}
}

func authorView(e *essay.Essay) *view { return newView(e, "", e.Model.AuthorWeights()) }
