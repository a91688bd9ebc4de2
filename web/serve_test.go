//go:build !wasm

package web

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"leaving-amazon/essay"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func get(t testing.TB, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		}
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

func TestUnknownPaths(t *testing.T) {
	s := newTestServer(t)
	for _, p := range []string{"/nope", "/all/x", "/job-history/x", "/web/nope.css", "/web/", "/app.wasm", "/robots.txt", "/JOB-HISTORY"} {
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
			// The payloads' own words: the page's script has a worker.onerror.
			if strings.Contains(got, "onerror=alert") || strings.Contains(got, "<img src=x") {
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

// A page asked for in the other forms static hosts serve it under gets one
// redirect to its own address, its query kept; nothing else does.
func TestPageFolderRedirects(t *testing.T) {
	sub, err := New(essay.Content(), Config{Base: "/x/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		h              http.Handler
		target, status string
	}{
		{newTestServer(t), "/pace/", "301 /pace"},
		{newTestServer(t), "/pace/?w=pace3", "301 /pace?w=pace3"},
		{newTestServer(t), "/pace/index.html", "301 /pace"},
		{newTestServer(t), "/index.html", "301 /"},
		{newTestServer(t), "//pace", "301 /pace"},
		{newTestServer(t), "/all//", "301 /all"},
		{newTestServer(t), "/your-decision/", "301 /your-decision"},
		{newTestServer(t), "/pace", "200 "},
		{newTestServer(t), "/nope/", "404 "},
		{newTestServer(t), "/web/app.css/", "404 "},
		{newTestServer(t), "/manifest.webmanifest/", "404 "},
		{newTestServer(t), "//example.com/", "404 "},
		{sub, "/x/pace/", "301 /x/pace"},
		{sub, "/x/index.html", "301 /x/"},
		{sub, "/pace/", "404 "},
	} {
		res := get(t, tc.h, tc.target)
		if got := fmt.Sprintf("%d %s", res.StatusCode, res.Header.Get("Location")); got != tc.status {
			t.Errorf("GET %s: %s, want %s", tc.target, got, tc.status)
		}
	}
}

// serveOnLoopback serves h with Serve, the server's own settings, until
// the test ends, and returns its address.
func serveOnLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); Serve(ctx, ln, h) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// A GET that declares a body it never sends is answered at once, not once
// the read times out.
func TestDeclaredBodyNeverSent(t *testing.T) {
	addr := serveOnLoopback(t, newTestServer(t))
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, "GET /pace HTTP/1.1\r\nHost: essay\r\nContent-Length: 10\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer within 3 s: %v", err)
	}
	if res.StatusCode != http.StatusOK {
		t.Errorf("status %d", res.StatusCode)
	}
}

// Nothing of the request's host, or of the proxy headers anyone can send,
// reaches a response: every page, the oEmbed endpoint and the not-found
// page, with and without -domain.
func TestNoHostInResponses(t *testing.T) {
	root, err := New(essay.Content(), Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	const evil = "evil.example"
	for _, h := range []*Site{newTestServer(t), root} {
		for _, p := range append(pagePaths(essay.Content()), "/oembed?url=%2Fpace", "/nope", "/app-worker.js", "/manifest.webmanifest") {
			res := get(t, h, p, "Host", evil+":8000", "X-Forwarded-Host", evil, "X-Forwarded-Proto", "https", "Forwarded", "host="+evil)
			b := body(t, res)
			var headers strings.Builder
			res.Header.Write(&headers)
			if strings.Contains(b, evil) || strings.Contains(headers.String(), evil) {
				t.Errorf("%s: the request's host is in the response", p)
			}
			if res.Header.Get("Strict-Transport-Security") != "" {
				t.Errorf("%s: HSTS on the word of an X-Forwarded-Proto from anyone", p)
			}
		}
	}
	behind, err := New(essay.Content(), Config{Proxy: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/pace", nil)
	req.RemoteAddr = "192.0.2.1:5555"
	req.Header.Set("X-Forwarded-Proto", "https")
	rec := httptest.NewRecorder()
	behind.ServeHTTP(rec, req)
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS behind the named proxy saying https")
	}
}
