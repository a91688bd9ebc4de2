//go:build !wasm

package web

import (
	"html"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/chromedp"
)

// staticBase is the sub-path the static export is tested under.
const staticBase = "/essays/leaving-amazon/"

// exportUnder exports the essay for base into a site root, under base, with
// a home page of the host's own at the root, as make static does.
func exportUnder(t *testing.T, base string) (root string, s *Site) {
	t.Helper()
	s, err := New(essay.Content(), Config{Base: base, Static: true})
	if err != nil {
		t.Fatal(err)
	}
	root = t.TempDir()
	if _, err := s.Export(filepath.Join(root, filepath.FromSlash(strings.Trim(base, "/")))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "index.html"),
		[]byte(`<!doctype html><title>A personal site</title><p>The author's own home page.</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, s
}

// TestStaticExportHTTP asks nginx, serving the export under a sub-path,
// for every page and file: deep links answer without redirects, with their
// own page, compressed twins are served, and the manifest claims the
// sub-path alone.
func TestStaticExportHTTP(t *testing.T) {
	root, s := exportUnder(t, staticBase)
	n := startHost(t, nginxTuned, root)
	prefix := strings.TrimRight(staticBase, "/")
	e := essay.Content()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path, acceptEncoding string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, n.url(path), nil)
		req.Header.Set("Accept-Encoding", acceptEncoding)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}

	// Every type of file the export has gets the server's own headers.
	for _, p := range []string{"/pace", "/app.js", "/app.css", "/web/app.wasm", "/web/icon.svg", "/web/icon-192.png",
		"/web/og.png", "/manifest.webmanifest", "/app-worker.js", "/no-such-page"} {
		for _, accept := range []string{"identity", "br, gzip"} {
			res, _ := get(prefix+p, accept)
			for h := range s.headers {
				if got, want := res.Header.Get(h), s.headers.Get(h); got != want {
					t.Errorf("%s (%s): %s %q, want the server's %q", p, accept, h, got, want)
				}
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("%s (%s): Cache-Control %q, want no-cache", p, accept, got)
			}
		}
	}
	for i, p := range append(e.Paths(), "/"+e.Sections[0].Slug) {
		res, body := get(prefix+p, "identity")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", prefix+p, res.StatusCode)
			continue
		}
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
			t.Errorf("%s: Content-Type %q", prefix+p, got)
		}
		want := "<h1"
		if i > 0 && i < len(e.Sections) {
			want = essayTitleText(e.Sections[i].Title)
		}
		if !strings.Contains(body, want) || !strings.Contains(body, `href="`+prefix+`/app.css"`) {
			t.Errorf("%s: not its prerendered page under the prefix", prefix+p)
		}
		if strings.Contains(body, `href="/`+strings.TrimPrefix(p, "/")+`"`) && p != "/" || strings.Contains(body, prefix+prefix) {
			t.Errorf("%s: a link outside the prefix, or under it twice", prefix+p)
		}
		for _, h := range []string{"Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "X-Content-Type-Options", "Cross-Origin-Opener-Policy"} {
			// testdata/nginx.conf, docs/hosting.md's example, sends the server's
			// own headers.
			if got, want := res.Header.Get(h), s.headers.Get(h); got != want {
				t.Errorf("%s: %s %q, want the server's %q", prefix+p, h, got, want)
			}
		}
	}
	for _, tc := range []struct{ path, accept, encoding, contentType string }{
		{"/web/app.wasm", "br, gzip", "br", "application/wasm"},
		{"/web/app.wasm", "gzip", "gzip", "application/wasm"},
		{"/app.js", "gzip", "gzip", "application/javascript"},
		{"/pace", "br", "br", "text/html"},
		{"/manifest.webmanifest", "identity", "", "application/manifest+json"},
	} {
		res, _ := get(prefix+tc.path, tc.accept)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != tc.encoding ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) {
			t.Errorf("%s with %q: status %d, encoding %q, type %q; want 200, %q, %q", tc.path, tc.accept,
				res.StatusCode, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"), tc.encoding, tc.contentType)
		}
	}
	if res, _ := get(prefix, "identity"); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != staticBase {
		t.Errorf("%s: status %d to %q, want a redirect to %s", prefix, res.StatusCode, res.Header.Get("Location"), staticBase)
	}
	if res, body := get(prefix+"/no-such-page", "identity"); res.StatusCode != http.StatusNotFound || !strings.Contains(body, `href="`+prefix+`/pace"`) {
		t.Errorf("an unknown page: status %d, want 404 with links to the sections under the prefix", res.StatusCode)
	}
	_, mf := get(prefix+"/manifest.webmanifest", "identity")
	for _, want := range []string{`"id":"` + staticBase + `"`, `"start_url":"` + staticBase + `"`, `"scope":"` + staticBase + `"`} {
		if !strings.Contains(mf, want) {
			t.Errorf("the manifest lacks %s: %s", want, mf)
		}
	}
	_, worker := get(prefix+"/app-worker.js", "identity")
	if !strings.Contains(worker, `"`+prefix+`/pace"`) || strings.Contains(worker, `"/pace"`) {
		t.Error("the worker's page list is not under the prefix")
	}
	if !strings.Contains(worker, s.version) {
		t.Error("the worker does not carry the version")
	}
}

// essayTitleText is a title as it appears in HTML text.
func essayTitleText(s string) string { return html.EscapeString(s) }

// TestStaticExportNginx reads the export, served by nginx under a sub-path,
// in Chromium: the app runs, installs, reads every page offline, breaks no
// policy, and asks for nothing outside the sub-path.
func TestStaticExportNginx(t *testing.T) {
	root, s := exportUnder(t, staticBase)
	n := startHost(t, nginxTuned, root)
	prefix := strings.TrimRight(staticBase, "/")
	b := newBrowser(t)
	watchPolicyViolations(t, b)

	b.navigate(t, n.url(staticBase))
	b.waitApp(t, 60*time.Second)
	waitOffline(t, b, s.version)
	checkInstallable(t, b)
	if got := eval[string](t, b, `navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL`); got != n.url(prefix+"/app-worker.js") {
		t.Errorf("the worker is %q, want the one under the prefix", got)
	}
	if got := eval[string](t, b, `navigator.serviceWorker.ready.then(r => r.scope)`); got != n.url(staticBase) {
		t.Errorf("the worker's scope is %q, want %q", got, n.url(staticBase))
	}

	// The app took over without changing a link.
	served := eval[[]string](t, b, `fetch(location.href).then(r => r.text()).then(html =>
		[...new DOMParser().parseFromString(html, "text/html").querySelectorAll("a[href]")].map(a => a.getAttribute("href")))`)
	live := eval[[]string](t, b, `[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))`)
	if !slices.Equal(served, live) {
		t.Errorf("the app changed the links:\nserved %q\nlive   %q", served, live)
	}

	// Follow the next link with the app: the route under the prefix.
	b.run(t, chromedp.Click(`a.next`, chromedp.ByQuery))
	if err := b.waitJS(`location.pathname === "`+prefix+`/`+essay.Content().Sections[1].Slug+`"`, 10*time.Second); err != nil {
		t.Errorf("the next link did not go to the second section under the prefix: %v", err)
	}
	if err := b.waitJS(`document.querySelector("h1").innerText === `+jsString(essay.Content().Sections[1].Title), 5*time.Second); err != nil {
		t.Errorf("after the next link, h1 %q", eval[string](t, b, `document.querySelector("h1").innerText`))
	}
	if got := eval[[]string](t, b, `window.__violations`); len(got) != 0 {
		t.Errorf("policy violations: %v", got)
	}

	for _, p := range n.requests(t) {
		if !strings.HasPrefix(p, staticBase) {
			t.Errorf("a request outside the sub-path: %s", p)
		}
	}
	if len(n.requests(t)) < 10 {
		t.Fatalf("nginx logged only %d requests: the check would prove nothing", len(n.requests(t)))
	}

	n.stop()
	if _, err := http.Get(n.url(staticBase)); err == nil {
		t.Fatal("nginx still answers: the offline check would prove nothing")
	}
	readEveryPageOffline(t, b, func(p string) string { return n.url(prefix + p) })
}
