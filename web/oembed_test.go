//go:build !wasm

package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	ui "leaving-amazon/app"
	"leaving-amazon/essay"
)

func TestOEmbed(t *testing.T) {
	e := essay.Content()
	s := newTestServer(t)
	root, err := New(e, Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	withDomain, err := New(e, Config{Domain: "essay.example", Base: "/essays/leaving-amazon/"})
	if err != nil {
		t.Fatal(err)
	}
	pace := e.Sections[e.Index("pace")]
	const site = "https://essay.example"
	tests := []struct {
		name   string
		srv    *Site
		target string
		status int
		title  string // of a 200
		page   string // the embedded page's URL, for a 200
		width  int
	}{
		{"absolute URL", root, "/oembed?url=" + url.QueryEscape(site+"/pace") + "&format=json", 200,
			pace.Title + " · " + e.Title, site + "/pace", oembedWidth},
		{"path only, as the discovery link gives", root, "/oembed?url=%2Fpace&format=json", 200,
			pace.Title + " · " + e.Title, site + "/pace", oembedWidth},
		{"no format: JSON", root, "/oembed?url=%2F", 200, e.Title, site + "/", oembedWidth},
		{"the opening's slug", root, "/oembed?url=%2F" + e.Sections[0].Slug, 200, e.Title, site + "/", oembedWidth},
		{"the whole essay", root, "/oembed?url=%2Fall", 200, e.Title + " · the whole essay", site + "/all", oembedWidth},
		{"maxwidth", root, "/oembed?url=%2Fpace&maxwidth=400", 200, pace.Title + " · " + e.Title, site + "/pace", 400},
		{"maxwidth larger than ours", root, "/oembed?url=%2Fpace&maxwidth=4000", 200, pace.Title + " · " + e.Title, site + "/pace", oembedWidth},
		{"under a sub-path", withDomain, "/essays/leaving-amazon/oembed?url=" + url.QueryEscape(site+"/essays/leaving-amazon/pace"), 200,
			pace.Title + " · " + e.Title, site + "/essays/leaving-amazon/pace", oembedWidth},
		{"without -domain: a clear error", s, "/oembed?url=%2Fpace&format=json", http.StatusNotImplemented, "", "", 0},
		{"XML", root, "/oembed?url=%2Fpace&format=xml", http.StatusNotImplemented, "", "", 0},
		{"no url", root, "/oembed?format=json", http.StatusBadRequest, "", "", 0},
		{"another site", root, "/oembed?url=" + url.QueryEscape("http://evil.example/pace"), http.StatusNotFound, "", "", 0},
		{"another site, under a sub-path", withDomain, "/essays/leaving-amazon/oembed?url=" + url.QueryEscape("https://example.com/essays/leaving-amazon/pace"), http.StatusNotFound, "", "", 0},
		{"not a page", root, "/oembed?url=%2Fapp.js", http.StatusNotFound, "", "", 0},
		{"outside the sub-path", withDomain, "/essays/leaving-amazon/oembed?url=" + url.QueryEscape(site+"/pace"), http.StatusNotFound, "", "", 0},
		{"not the web", root, "/oembed?url=" + url.QueryEscape("javascript:alert(1)"), http.StatusBadRequest, "", "", 0},
		{"the endpoint outside the sub-path", withDomain, "/oembed?url=%2Fpace", http.StatusNotFound, "", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, tc.srv, tc.target)
			b := body(t, res)
			if got, want := res.StatusCode, tc.status; got != want {
				t.Fatalf("status %d, want %d: %s", got, want, b)
			}
			if tc.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "application/json") {
				t.Errorf("Content-Type %q", got)
			}
			var o map[string]any
			if err := json.Unmarshal([]byte(b), &o); err != nil {
				t.Fatal(err)
			}
			if got, want := o["version"], "1.0"; got != want {
				t.Errorf("version %v", got)
			}
			if got, want := o["type"], "rich"; got != want {
				t.Errorf("type %v", got)
			}
			if got, want := o["title"], tc.title; got != want {
				t.Errorf("title %q, want %q", got, want)
			}
			origin := tc.page[:strings.Index(tc.page[len("https://"):], "/")+len("https://")]
			script := origin + strings.TrimRight(tc.srv.prefix, "/") + "/web/embed.js"
			if got, want := o["html"], ui.EmbedSnippet(tc.page, tc.title, script); got != want {
				t.Errorf("html %q,\nwant %q", got, want)
			}
			if got, want := o["width"], float64(tc.width); got != want {
				t.Errorf("width %v, want %v", got, want)
			}
			if _, ok := o["height"].(float64); !ok {
				t.Error("no height")
			}
		})
	}
}

// TestOEmbedDiscovery: with -domain, every page links to the endpoint, with
// its own URL; without it, or in an export, which has no endpoint, none
// does.
func TestOEmbedDiscovery(t *testing.T) {
	e := essay.Content()
	s := newTestServer(t)
	for _, p := range e.Paths() {
		if html := body(t, get(t, s, p)); strings.Contains(html, "oembed") {
			t.Errorf("%s: without -domain, a discovery link to an endpoint that cannot answer", p)
		}
	}
	root, err := New(e, Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range e.Paths() {
		html := body(t, get(t, root, p))
		want := `<link rel="alternate" type="application/json+oembed" href="/oembed?url=` + url.QueryEscape("https://essay.example"+p) + `&amp;format=json"`
		if !strings.Contains(html, want) {
			t.Errorf("%s: no discovery link %s", p, want)
		}
	}
	withDomain, err := New(e, Config{Domain: "essay.example", Base: "/x/"})
	if err != nil {
		t.Fatal(err)
	}
	want := `href="/x/oembed?url=` + url.QueryEscape("https://essay.example/x/pace") + `&amp;format=json"`
	if html := body(t, get(t, withDomain, "/x/pace")); !strings.Contains(html, want) {
		t.Errorf("with a domain, no discovery link %s", want)
	}
	static, err := New(e, Config{Static: true})
	if err != nil {
		t.Fatal(err)
	}
	if html := body(t, get(t, static, "/pace")); strings.Contains(html, "oembed") {
		t.Error("an export links to an oEmbed endpoint it cannot have")
	}
	if res := get(t, static, "/oembed?url=%2Fpace"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an export answers oEmbed: %d", res.StatusCode)
	}
}

// TestBase serves the essay under a sub-path: everything under it, nothing
// outside it, and every link in the pages carries it.
func TestBase(t *testing.T) {
	e := essay.Content()
	s, err := New(e, Config{Base: "/essays/leaving-amazon/"})
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "/essays/leaving-amazon"
	for _, p := range append(e.Paths(), "/app.js", "/app.css", "/web/app.wasm", "/web/embed.js", "/manifest.webmanifest", "/app-worker.js", offlinePath) {
		if res := get(t, s, prefix+p); res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", prefix+p, res.StatusCode)
		}
		if p != "/" {
			if res := get(t, s, p); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s outside the sub-path: status %d, want 404", p, res.StatusCode)
			}
		}
	}
	if res := get(t, s, prefix); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != prefix+"/" {
		t.Errorf("%s: status %d to %q, want a redirect to the slash", prefix, res.StatusCode, res.Header.Get("Location"))
	}
	if res := get(t, s, "/"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/: status %d, want 404", res.StatusCode)
	}
	res := get(t, s, prefix+"/pace")
	if got := res.Header.Get("Link"); !strings.Contains(got, "<"+prefix+"/app.css>") {
		t.Errorf("Link %q: not under the sub-path", got)
	}
	html := body(t, res)
	if strings.Contains(html, prefix+prefix) {
		t.Error("the prefix is doubled in the page")
	}
	if !strings.Contains(html, `href="#main"`) {
		t.Error("the skip link is not #main")
	}
	for _, attr := range []string{"href", "src", "content"} {
		for _, m := range strings.Split(html, attr+`="/`)[1:] {
			if v := "/" + m[:strings.IndexByte(m, '"')]; attr == "href" && strings.HasPrefix(v, prefix+"/") && !strings.Contains(v, ".") && !strings.HasPrefix(v, prefix+oembedPath) {
				page, _, _ := strings.Cut(strings.TrimPrefix(v, prefix), "#")
				if !slices.Contains(append(e.Paths(), offlinePath, essay.DecisionPath), page) {
					t.Errorf("a link to %s: not a page", v)
				}
			}
			if !strings.HasPrefix("/"+m, prefix+"/") {
				t.Errorf("%s=%q: outside the sub-path", attr, "/"+m[:min(len(m), 40)])
			}
		}
	}

	for _, base := range []string{"essays", "/a//b/", "/a/../b/", `/a"b/`, "/a b/", "/a?b/"} {
		if _, err := New(e, Config{Base: base}); err == nil {
			t.Errorf("base %q: no error", base)
		}
	}
}
