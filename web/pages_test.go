//go:build !wasm

package web

import (
	"encoding/json"
	"html"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

func TestPagesPrerendered(t *testing.T) {
	s := newTestServer(t)
	e := essay.Content()
	withDomain, err := New(e, Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		path, title, canonical, text string
	}
	pages := []page{
		{"/", "<title>" + e.Title + "</title>", "/", "So I decided to leave Amazon instead."},
		{"/" + e.Sections[0].Slug, "<title>" + e.Title + "</title>", "/", "So I decided to leave Amazon instead."},
		{"/all", "<title>" + e.Title + " · the whole essay</title>", "/all", "Stay tuned!"},
	}
	for i, sec := range e.Sections[1:] {
		first := essay.PlainText(sec.Blocks[0].Inlines)
		if sec.Blocks[0].Kind != essay.Paragraph {
			first = essay.PlainText(sec.Blocks[1].Inlines)
		}
		pages = append(pages, page{e.Path(i + 1), "<title>" + html.EscapeString(sec.Title) + " · " + e.Title + "</title>", e.Path(i + 1), first})
	}
	for _, tc := range pages {
		t.Run(tc.path, func(t *testing.T) {
			res := get(t, s, tc.path)
			b := body(t, res)
			if got, want := res.StatusCode, http.StatusOK; got != want {
				t.Fatalf("status %d, want %d", got, want)
			}
			if got, want := res.Header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type %q, want %q", got, want)
			}
			if !strings.Contains(b, tc.title) {
				t.Errorf("missing %s", tc.title)
			}
			// A canonical link and og:url must be absolute: without a
			// domain there are none.
			if got := canonical(b); got != "" || strings.Contains(b, `"og:url"`) {
				t.Errorf("without a domain, a canonical link %q or an og:url", got)
			}
			if got, want := canonical(body(t, get(t, withDomain, tc.path))), "https://essay.example"+tc.canonical; got != want {
				t.Errorf("with a domain, the canonical link is %q, want %q", got, want)
			}
			if strings.Contains(b, `name="author"`) {
				t.Error("an empty author tag")
			}
			if text := mainText(b); !strings.Contains(text, normalize(tc.text)) {
				t.Errorf("the page's text lacks %q", tc.text)
			}
			if strings.Contains(b, "https:///") || strings.Contains(b, `content="https://"`) {
				t.Error("a URL was written with an empty domain")
			}
		})
	}
}

func TestDomainMakesAbsoluteURLs(t *testing.T) {
	s, err := New(essay.Content(), Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	b := body(t, get(t, s, "/job-history"))
	if got, want := canonical(b), "https://essay.example/job-history"; got != want {
		t.Errorf("canonical link %q, want %q", got, want)
	}
	if want := `content="https://essay.example/job-history"`; !strings.Contains(b, want) {
		t.Errorf("og:url: missing %s", want)
	}
}

// No page refers to another host: every src and href is local.
func TestNoOtherHostsInPages(t *testing.T) {
	s := newTestServer(t)
	attr := regexp.MustCompile(`(?:src|href|content)="([^"]*)"`)
	paths := append(essay.Content().Paths(), "/manifest.webmanifest", "/app.js", "/app-worker.js", "/app.css")
	for _, p := range paths {
		b := body(t, get(t, s, p))
		for _, m := range attr.FindAllStringSubmatch(b, -1) {
			if strings.Contains(m[1], "://") {
				t.Errorf("%s refers to %s", p, m[1])
			}
		}
		if strings.Contains(b, "http://") || strings.Contains(b, "https://") {
			t.Errorf("%s contains an absolute URL", p)
		}
	}
}

// Every sentence of the author's text is in the rendered /all, verbatim.
func TestSeedSentencesInAll(t *testing.T) {
	seed, err := os.ReadFile("../essay/testdata/leaving-amazon.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := mainText(body(t, get(t, newTestServer(t), "/all")))
	n := 0
	for _, s := range seedSentences(string(seed)) {
		n++
		if !strings.Contains(text, s) {
			t.Errorf("missing from /all: %q", s)
		}
	}
	if n < 60 {
		t.Errorf("only %d sentences read from the seed", n)
	}
}

// seedSentences splits the author's text into sentences: by line, then at
// ". ", "! " and "? ". A list item's number is dropped, as an <ol> draws it.
func seedSentences(seed string) []string {
	marker := regexp.MustCompile(`^\s*\d+\.\s+`)
	split := regexp.MustCompile(`([.!?]) `)
	var out []string
	for _, line := range strings.Split(seed, "\n") {
		line = marker.ReplaceAllString(strings.TrimSpace(line), "")
		if line == "" {
			continue
		}
		for _, s := range strings.Split(split.ReplaceAllString(line, "$1\n"), "\n") {
			if s = normalize(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// canonical returns the href of a page's canonical link, whatever the order
// of its attributes.
func canonical(page string) string {
	link := regexp.MustCompile(`<link [^>]*rel="canonical"[^>]*>`).FindString(page)
	m := regexp.MustCompile(`href="([^"]*)"`).FindStringSubmatch(link)
	if m == nil {
		return ""
	}
	return m[1]
}

// mainText returns the text of a page's <main>, without tags, with entities
// decoded and white space folded.
func mainText(page string) string {
	if i := strings.Index(page, "<main"); i >= 0 {
		page = page[i:]
	}
	if i := strings.Index(page, "</main>"); i >= 0 {
		page = page[:i]
	}
	page = regexp.MustCompile(`<title>.*?</title>`).ReplaceAllString(page, " ")
	page = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
	return normalize(html.UnescapeString(page))
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestManifest(t *testing.T) {
	var m struct {
		ID, Name, ShortName, Description, StartURL, Scope, Display string
		BackgroundColor, ThemeColor                                string
		Icons                                                      []struct{ Src, Sizes, Type, Purpose string }
	}
	res := get(t, newTestServer(t), "/manifest.webmanifest")
	if got, want := res.Header.Get("Content-Type"), "application/manifest+json"; got != want {
		t.Errorf("Content-Type %q, want %q", got, want)
	}
	b := body(t, res)
	b = strings.NewReplacer(`"short_name"`, `"ShortName"`, `"start_url"`, `"StartURL"`,
		`"background_color"`, `"BackgroundColor"`, `"theme_color"`, `"ThemeColor"`).Replace(b)
	if err := json.Unmarshal([]byte(b), &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, got, want string }{
		{"id", m.ID, "/"}, {"name", m.Name, "Leaving Amazon"}, {"short_name", m.ShortName, "Leaving Amazon"},
		{"start_url", m.StartURL, "/"}, {"scope", m.Scope, "/"}, {"display", m.Display, "standalone"},
		{"background_color", m.BackgroundColor, backgroundColor}, {"theme_color", m.ThemeColor, themeColor},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	if m.Description == "" {
		t.Error("no description")
	}
	want := map[string]bool{"192x192 image/png ": false, "512x512 image/png ": false, "512x512 image/png maskable": false}
	for _, i := range m.Icons {
		key := i.Sizes + " " + i.Type + " " + i.Purpose
		if _, ok := want[key]; ok {
			want[key] = true
		}
		if res := get(t, newTestServer(t), i.Src); res.StatusCode != http.StatusOK {
			t.Errorf("icon %s: status %d", i.Src, res.StatusCode)
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("no %s icon", k)
		}
	}
	// The page's theme colour matches the manifest's.
	if page := body(t, get(t, newTestServer(t), "/")); !regexp.MustCompile(`<meta [^>]*content="` + themeColor + `"`).MatchString(page) {
		t.Error("the page's theme-color differs from the manifest's")
	}
}

// The worker precaches every page of the essay, listed from the content.
func TestWorkerPrecachesEveryPage(t *testing.T) {
	s := newTestServer(t)
	js := body(t, get(t, s, "/app-worker.js"))
	m := regexp.MustCompile(`const resourcesToCache = (\[.*?\]);`).FindStringSubmatch(js)
	if m == nil {
		t.Fatal("no resourcesToCache in the worker")
	}
	var list []string
	if err := json.Unmarshal([]byte(m[1]), &list); err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, p := range list {
		has[p] = true
		if res := get(t, s, p); res.StatusCode != http.StatusOK {
			t.Errorf("precached %s answers %d", p, res.StatusCode)
		}
	}
	for _, p := range append(essay.Content().Paths(), "/web/app.wasm", "/app.js", "/wasm_exec.js", "/app.css", "/manifest.webmanifest", offlinePath) {
		if !has[p] {
			t.Errorf("the worker does not precache %s", p)
		}
	}
	if !strings.Contains(js, `cachePrefix + "`+s.version+`"`) {
		t.Error("the cache is not named for the version")
	}
}
