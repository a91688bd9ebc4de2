//go:build !wasm

package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"html"
	"image"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"leaving-amazon/essay"

	"github.com/andybalholm/brotli"
)

var (
	testServerOnce sync.Once
	testServer     *Site
	testServerErr  error
)

// newTestServer builds the real server once for the package's tests. It
// needs the built wasm: make test builds it first.
func newTestServer(t testing.TB) *Site {
	t.Helper()
	testServerOnce.Do(func() {
		testServer, testServerErr = New(essay.Content(), Config{})
	})
	if testServerErr != nil {
		t.Fatalf("%v (run `make wasm` first; `make test` does)", testServerErr)
	}
	return testServer
}

func get(t testing.TB, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPagesPrerendered(t *testing.T) {
	s := newTestServer(t)
	e := essay.Content()
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
			if got, want := canonical(b), tc.canonical; got != want {
				t.Errorf("canonical link %q, want %q", got, want)
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

func TestUnknownPaths(t *testing.T) {
	s := newTestServer(t)
	for _, p := range []string{"/nope", "/all/", "/job-history/x", "/web/nope.css", "/web/", "/app.wasm", "/robots.txt", "/JOB-HISTORY"} {
		t.Run(p, func(t *testing.T) {
			res := get(t, s, p)
			b := body(t, res)
			if got, want := res.StatusCode, http.StatusNotFound; got != want {
				t.Fatalf("status %d, want %d", got, want)
			}
			if !strings.Contains(b, `href="/job-history"`) {
				t.Error("the not-found page does not link to the sections")
			}
		})
	}
}

func TestMethods(t *testing.T) {
	s := newTestServer(t)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x")))
	if got, want := rec.Code, http.StatusMethodNotAllowed; got != want {
		t.Errorf("POST: status %d, want %d", got, want)
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/", nil))
	if got, want := rec.Code, http.StatusOK; got != want {
		t.Errorf("HEAD: status %d, want %d", got, want)
	}
	if rec.Body.Len() != 0 {
		t.Error("HEAD: a body was sent")
	}
}

func TestWasmEncodings(t *testing.T) {
	s := newTestServer(t)
	raw, err := static.ReadFile("static/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	decode := map[string]func(io.Reader) (io.Reader, error){
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
	}
	for _, tc := range []struct {
		name, accept, want string
	}{
		{"brotli preferred", "gzip, deflate, br, zstd", "br"},
		{"gzip only", "gzip", "gzip"},
		{"brotli refused", "br;q=0, gzip", "gzip"},
		{"nothing accepted", "", ""},
		{"identity", "identity", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, s, "/web/app.wasm", "Accept-Encoding", tc.accept)
			b := body(t, res)
			if got, want := res.Header.Get("Content-Encoding"), tc.want; got != want {
				t.Errorf("Content-Encoding %q, want %q", got, want)
			}
			if got, want := res.Header.Get("Content-Type"), "application/wasm"; got != want {
				t.Errorf("Content-Type %q, want %q", got, want)
			}
			if got, want := res.Header.Get("Vary"), "Accept-Encoding"; got != want {
				t.Errorf("Vary %q, want %q", got, want)
			}
			if got, want := res.Header.Get("Content-Length"), strconv.Itoa(len(b)); got != want {
				t.Errorf("Content-Length %s, body %s bytes", got, want)
			}
			r, err := decode[tc.want](strings.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, raw) {
				t.Error("the decoded body is not app.wasm")
			}
		})
	}
}

func TestWasmBudget(t *testing.T) {
	br, err := static.ReadFile("static/app.wasm.br")
	if err != nil {
		t.Fatal(err)
	}
	const budget = 1_600_000
	if len(br) > budget {
		t.Errorf("app.wasm is %d bytes with brotli, over the %d budget", len(br), budget)
	}
}

func TestRevalidation(t *testing.T) {
	s := newTestServer(t)
	first := get(t, s, "/job-history", "Accept-Encoding", "br")
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	res := get(t, s, "/job-history", "Accept-Encoding", "br", "If-None-Match", etag)
	if got, want := res.StatusCode, http.StatusNotModified; got != want {
		t.Errorf("status %d, want %d", got, want)
	}
	res = get(t, s, "/job-history", "Accept-Encoding", "gzip", "If-None-Match", etag)
	if got, want := res.StatusCode, http.StatusOK; got != want {
		t.Errorf("another encoding's ETag: status %d, want %d", got, want)
	}
}

// The server must never reflect request data into a page: go-app writes
// attribute values with strconv.Quote, not HTML escaping, so a reflected
// query would become live markup.
func TestNoReflection(t *testing.T) {
	s := newTestServer(t)
	clean := body(t, get(t, s, "/job-history"))
	for _, target := range []string{
		`/job-history?x="><img src=x onerror=alert(1)>`,
		`/job-history?w=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`,
		`/job-history?embed=1&wasm=%3Cscript%3E`,
	} {
		t.Run(target, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/job-history", nil)
			req.URL.RawQuery = strings.SplitN(target, "?", 2)[1]
			req.Header.Set("Referer", `"><img src=x onerror=alert(2)>`)
			req.Header.Set("User-Agent", `"><img src=x onerror=alert(3)>`)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			got := rec.Body.String()
			if strings.Contains(got, "onerror") || strings.Contains(got, "<img src=x") {
				t.Error("request data was reflected into the page")
			}
			if got != clean {
				t.Error("the page differs from the page without the query")
			}
		})
	}
}

// Pages are rendered once, at start: serving one must not render it again.
func TestPagesServedFromMemory(t *testing.T) {
	s := newTestServer(t)
	req := httptest.NewRequest(http.MethodGet, "/all", nil)
	req.Header.Set("Accept-Encoding", "br")
	allocs := testing.AllocsPerRun(50, func() {
		s.ServeHTTP(httptest.NewRecorder(), req)
	})
	// A go-app prerender of /all allocates tens of thousands of times.
	if allocs > 60 {
		t.Errorf("serving /all allocates %.0f times: is it rendered per request?", allocs)
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

// The version is a hash of what is served: the same files and content give
// the same version, and a change to the essay given (not to the package's
// own copy) gives another.
func TestVersionIsContentHash(t *testing.T) {
	files, err := fs.Sub(static, "static")
	if err != nil {
		t.Fatal(err)
	}
	e := essay.Content()
	a, err := contentVersion(files, e)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := contentVersion(files, e)
	if a != b || len(a) != 16 {
		t.Errorf("version %q then %q: want one 16-digit hash", a, b)
	}
	edited := *e
	edited.Title += "!"
	if c, _ := contentVersion(files, &edited); c == a {
		t.Errorf("another essay has the same version %q", c)
	}
	if got := newTestServer(t).Version(); got != a {
		t.Errorf("the site's version is %q, want the content hash %q", got, a)
	}
	js := body(t, get(t, newTestServer(t), "/app-worker.js"))
	if !strings.Contains(js, newTestServer(t).version) {
		t.Error("the worker does not carry the version")
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

// Shared links look right: every page has Open Graph and Twitter card
// metadata with our 1200×630 picture, absolute when a domain is given.
func TestLinkPreviews(t *testing.T) {
	res := get(t, newTestServer(t), previewImagePath)
	if got, want := res.Header.Get("Content-Type"), "image/png"; got != want {
		t.Fatalf("Content-Type %q, want %q", got, want)
	}
	img, err := png.Decode(strings.NewReader(body(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Size(), (image.Point{1200, 630}); got != want {
		t.Errorf("preview picture is %v, want %v", got, want)
	}
	withDomain, err := New(essay.Content(), Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		s     *Site
		image string
	}{
		{"no domain", newTestServer(t), previewImagePath},
		{"domain", withDomain, "https://essay.example" + previewImagePath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range essay.Content().Paths() {
				page := body(t, get(t, tc.s, p))
				for _, meta := range []string{`property="og:title"`, `property="og:description"`, `name="twitter:title"`} {
					if !regexp.MustCompile(`<meta [^>]*` + meta).MatchString(page) {
						t.Errorf("%s: no %s", p, meta)
					}
				}
				for _, meta := range []string{`property="og:image"`, `name="twitter:image"`} {
					if !regexp.MustCompile(`<meta [^>]*` + meta + `[^>]*content="` + regexp.QuoteMeta(tc.image) + `"|<meta [^>]*content="` + regexp.QuoteMeta(tc.image) + `"[^>]*` + meta).MatchString(page) {
						t.Errorf("%s: %s is not %s", p, meta, tc.image)
					}
				}
				if !regexp.MustCompile(`<meta [^>]*content="summary_large_image"`).MatchString(page) {
					t.Errorf("%s: no large-image Twitter card", p)
				}
			}
		})
	}
}
