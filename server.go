//go:build !wasm

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	ui "leaving-amazon/app"
	"leaving-amazon/essay"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// web holds the static assets and the built app.wasm with its compressed
// twins (make wasm writes them), so that the binary runs alone from any
// directory.
//
//go:embed web
var web embed.FS

// version is the app's version: set at build time to a content hash of what
// is served (see the Makefile). go-app uses it as the cache name, so it must
// change exactly when the content does; when it is not set, it is computed
// from the same content.
var version string

// Colours shared by the page, the manifest and the browser's UI: they match
// web/app.css.
const (
	themeColor      = "#0f5f5c"
	backgroundColor = "#fbfaf7"
)

// config is what the server is told on its command line.
type config struct {
	addr   string
	domain string
	// frameAncestors are the sites that may frame the essay, for the
	// Content-Security-Policy: "'self'" unless told otherwise.
	frameAncestors string
	// version, when set, overrides the build's version: the update tests
	// serve two versions of the same content.
	version string
	// base is the path the essay is served under: "/" at the root of a
	// site, "/essays/leaving-amazon/" under a sub-path.
	base string
	// static is set for an export: no oEmbed endpoint to point at.
	static bool
}

// prefix is cfg.base without its trailing slash: "" at a site's root.
func (cfg config) prefix() string { return strings.TrimRight(cfg.base, "/") }

// checkBase refuses a base path that would not make a clean URL prefix.
func checkBase(base string) error {
	if base == "" || base == "/" {
		return nil
	}
	if !strings.HasPrefix(base, "/") || strings.Contains(base, "//") || strings.ContainsAny(base, "?#\\\"'<> ") ||
		path.Clean(base) != strings.TrimRight(base, "/") {
		return fmt.Errorf("base %q: want a clean path that starts with a slash, like /essays/leaving-amazon/", base)
	}
	return nil
}

func serve(e *essay.Essay) {
	var cfg config
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:8000", "address to listen on")
	flag.StringVar(&cfg.domain, "domain", "", "public host name, for absolute canonical and Open Graph URLs (e.g. example.com)")
	flag.StringVar(&cfg.frameAncestors, "frame-ancestors", "'self'", "the sites that may embed the essay in a frame (CSP frame-ancestors), e.g. \"'self' https://example.com\"")
	flag.StringVar(&cfg.base, "base", "/", "the path the essay is served under, e.g. /essays/leaving-amazon/")
	export := flag.String("export", "", "write a static copy of the site into DIR (for any static host, under -base), then exit")
	precompress := flag.String("precompress", "", "write FILE.gz and FILE.br beside FILE, then exit (the build uses it for app.wasm)")
	flag.Parse()

	if *precompress != "" {
		if err := precompressFile(*precompress); err != nil {
			log.Fatal(err)
		}
		return
	}

	cfg.static = *export != ""
	s, err := newServer(e, cfg, web)
	if err != nil {
		log.Fatal(err)
	}
	if *export != "" {
		n, err := s.export(*export)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("exported %q (version %s) to %s for %s: %d files", e.Title, s.version, *export, s.prefix+"/", n)
		return
	}
	srv := &http.Server{
		Addr:              cfg.addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      120 * time.Second, // the wasm, on a slow line
		IdleTimeout:       120 * time.Second,
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving %q (version %s) at http://%s%s/", e.Title, s.version, ln.Addr(), s.prefix)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		<-ctx.Done()
		// Stop accepting, and let requests in flight, a wasm download on a
		// slow line among them, finish.
		shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	// Serve returns as soon as Shutdown starts; exiting now would cut the
	// requests Shutdown is waiting for.
	<-drained
}

// precompressFile writes the gzip and brotli twins of a file, at the highest
// levels: done once at build time, so the server never compresses the wasm.
func precompressFile(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(name+".gz", gzipBytes(b), 0o644); err != nil {
		return err
	}
	return os.WriteFile(name+".br", brotliBytes(b), 0o644)
}

// server answers every request from memory: the pages, prerendered once at
// start, go-app's scripts, and the static assets.
type server struct {
	version  string
	prefix   string // the path it is served under, without a trailing slash
	domain   string
	title    string
	oembed   map[string]oembedPage // nil for an export
	assets   map[string]*asset
	paths    []string // the essay's page paths
	notFound []byte
	headers  http.Header // sent with every response (headers.go)
}

// newServer prerenders every page of e and loads the assets in files (a
// tree holding web/).
func newServer(e *essay.Essay, cfg config, files fs.FS) (*server, error) {
	if err := checkBase(cfg.base); err != nil {
		return nil, err
	}
	s := &server{assets: map[string]*asset{}, paths: e.Paths(), headers: securityHeaders(cfg.frameAncestors),
		prefix: cfg.prefix(), domain: cfg.domain, title: e.Title}
	if !cfg.static {
		s.oembed = oembedPages(e, s.prefix)
	}
	ui.Routes(e) // the pages rendered below are e's, whoever registered before
	ui.SetPrefix(s.prefix)
	// The assets are kept by their path under the prefix; the links in them
	// carry it.
	var resources goapp.ResourceResolver = goapp.LocalDir("") // resolves URLs only: every request is answered from memory
	if s.prefix != "" {
		resources = prefixResolver{s.prefix}
	}
	// Every path that answers with a page: the sections, /all, and the
	// opening's own /<slug> beside "/".
	pages := append(append([]string{}, s.paths...), "/"+e.Sections[0].Slug, essay.DecisionPath)

	wasm, err := fs.ReadFile(files, "web/app.wasm")
	if err != nil {
		return nil, fmt.Errorf("web/app.wasm is missing (build it with `make wasm`): %w", err)
	}
	wasmGz, errGz := fs.ReadFile(files, "web/app.wasm.gz")
	wasmBr, errBr := fs.ReadFile(files, "web/app.wasm.br")
	if errGz != nil || errBr != nil {
		return nil, fmt.Errorf("web/app.wasm.gz or .br is missing (build them with `make wasm`)")
	}

	s.version = version
	if cfg.version != "" {
		s.version = cfg.version
	}
	if s.version == "" {
		if s.version, err = contentVersion(files); err != nil {
			return nil, err
		}
	}

	// The static assets, each at /web/<name>.
	css, err := fs.ReadFile(files, "web/app.css")
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(files, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case path.Ext(p) == ".gz", path.Ext(p) == ".br", path.Ext(p) == ".wasm":
			return nil // added below, with their twins
		case p == workerTemplate:
			return nil // served filled in, at /app-worker.js
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		s.assets["/"+p] = newAsset(p, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.assets["/web/app.wasm"] = &asset{
		contentType: "application/wasm", cacheControl: "no-cache",
		raw: wasm, gz: wasmGz, br: wasmBr, etag: s.version,
	}

	og, err := ogImage(e.Title, e.Description)
	if err != nil {
		return nil, err
	}
	s.assets[ogImagePath] = newAsset(ogImagePath, og)

	worker, err := fs.ReadFile(files, workerTemplate)
	if err != nil {
		return nil, err
	}
	worker = bytes.ReplaceAll(worker, []byte("{{.Pages}}"), mustJSON(s.prefixed(pages)))
	worker = bytes.ReplaceAll(worker, []byte("{{.OfflinePage}}"), []byte(s.prefix+offlinePath))

	h := &goapp.Handler{
		Name:        e.Title,
		ShortName:   e.Title,
		Title:       e.Title,
		Description: e.Description,
		Author:      e.Author,
		Image:       s.prefix + ogImagePath,
		Lang:        "en",
		Domain:      cfg.domain,
		Icon: goapp.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			SVG:      "/web/icon.svg",
			Maskable: "/web/icon-maskable-512.png",
		},
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		// go-app writes the label into its loader; web/app.css turns the
		// loader into a small status line that covers no text.
		LoadingLabel: "Interactive parts loading · {progress}%",
		// Deferred: nothing waits for it. Blocking the parser or the first
		// paint for it (to set embed mode before the first paint) cost a
		// repeat visit on the slow phone about 750 ms before the app ran,
		// or the first paint 100-600 ms (make bench); web/embed.js shows
		// its frame only once the page has said it is in embed mode.
		Scripts: []string{"/web/page.js defer"},
		// go-app's worker list has "/", the app, scripts, styles and the
		// PNG icons; a reader offline needs every page too.
		CacheableResources:    append([]string{offlinePath, "/web/icon.svg"}, pages...),
		ServiceWorkerTemplate: string(worker),
		Version:               s.version,
		// The wasm is sent compressed, so Content-Length is the compressed
		// size while the loader counts decompressed bytes: give it the real
		// size so that progress ends at 100%.
		WasmContentLength: strconv.Itoa(len(wasm)),
		Resources:         resources,
	}

	// go-app's own resources, generated once from the handler.
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app-worker.js"} {
		b, err := render(h, p)
		if err != nil {
			return nil, err
		}
		if p == "/app-worker.js" {
			b = slashHome(b, "", s.prefix)
		}
		if p == "/app.js" {
			if b, err = patchAppJS(b, s.prefix+"/web/app.wasm"); err != nil {
				return nil, err
			}
		}
		s.assets[p] = newAsset(p, b)
	}
	// go-app links /app.css first on every page; it is our stylesheet, so
	// that the text paints after one stylesheet request, not two.
	s.assets["/app.css"] = newAsset("app.css", css)

	// Every page, prerendered once from the content alone: the request that
	// renders it carries no query, headers or fragment of a reader's.
	for i, p := range append(append([]string{}, s.paths...), essay.DecisionPath) {
		b, err := render(h, p)
		if err != nil {
			return nil, err
		}
		b = fixHead(b, cfg.domain, s.prefix)
		if s.oembed != nil {
			link := discoveryLink(s.prefix, cfg.domain, s.prefix+p, s.oembed[s.prefix+p].title)
			b = bytes.Replace(b, []byte("</head>"), []byte(link+"</head>"), 1)
		}
		s.assets[p] = newAsset(p+".html", b)
		// The stylesheet is all the first paint waits for: ask for it
		// as soon as the headers arrive, before the page is parsed.
		s.assets[p].link = "<" + s.prefix + "/app.css>; rel=preload; as=style"
		if i == 0 {
			s.assets["/"+e.Sections[0].Slug] = s.assets[p]
		}
	}
	s.notFound = notFoundPage(e, s.prefix, "This page is not part of the essay", "Its sections are:")
	s.assets[offlinePath] = newAsset("offline.html", notFoundPage(e, s.prefix, "You are offline",
		"This page was not saved for reading offline. Every section of the essay was:"))
	s.assets["/manifest.webmanifest"] = newAsset("manifest.webmanifest", manifest(e, s.prefix))
	return s, nil
}

// prefixResolver puts go-app's URLs under the prefix. go-app's own
// PrefixedLocation would not do: the server resolves every href with it,
// the prefix going again onto links the app has already prefixed and onto
// "#main", while the browser resolves only /web/ ones, so the page would
// change under the reader when the app takes over. This one leaves alone
// what is already under the prefix, and what is not a path.
type prefixResolver struct{ prefix string }

// Resolve returns location under the prefix.
func (r prefixResolver) Resolve(location string) string {
	switch {
	case !strings.HasPrefix(location, "/") || strings.HasPrefix(location, "//"):
		return location // a fragment, a query, relative, or another site
	case location == "/":
		return r.prefix
	case location == r.prefix || strings.HasPrefix(location, r.prefix+"/"):
		return location
	}
	return r.prefix + location
}

// prefixed returns paths under the server's prefix.
func (s *server) prefixed(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = s.prefix + p
	}
	return out
}

// render asks the go-app handler for one path, as a fresh reader would.
func render(h *goapp.Handler, p string) ([]byte, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("prerendering %s: status %d", p, rec.Code)
	}
	return rec.Body.Bytes(), nil
}

// fixHead mends go-app's page. It writes absolute URLs as "https://" +
// domain + path, which without a domain is the broken "https://" or
// "https:///path": a relative URL is the honest fallback.
//
// Under a sub-path, go-app writes the essay's home as the prefix without
// its slash, an address that only redirects: the slash goes back on.
//
// It also marks go-app's loader icon lazy: the stylesheet hides it, and a
// hidden lazy image is never fetched, which keeps a request off the first
// paint's path.
func fixHead(b []byte, domain, prefix string) []byte {
	b = loaderIcon.ReplaceAll(b, []byte(`<img loading="lazy" $1>`))
	if domain == "" {
		b = bytes.ReplaceAll(b, []byte(`"https://"`), []byte(`"/"`))
		b = bytes.ReplaceAll(b, []byte(`"https:///`), []byte(`"/`))
	}
	return slashHome(b, domain, prefix)
}

// slashHome puts the slash back on the essay's home address under a
// sub-path, wherever go-app wrote it as a whole quoted value.
func slashHome(b []byte, domain, prefix string) []byte {
	if prefix == "" {
		return b
	}
	b = bytes.ReplaceAll(b, []byte(`"`+prefix+`"`), []byte(`"`+prefix+`/"`))
	if domain != "" {
		home := "https://" + domain + prefix
		b = bytes.ReplaceAll(b, []byte(`"`+home+`"`), []byte(`"`+home+`/"`))
	}
	return b
}

var (
	loaderIcon = regexp.MustCompile(`<img ([^>]*id="app-wasm-loader-icon"[^>]*)>`)
)

// contentVersion hashes everything the server sends, so that the version
// changes when, and only when, what readers get changes.
func contentVersion(files fs.FS) (string, error) {
	var names []string
	err := fs.WalkDir(files, "web", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	sum := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(files, n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(sum, "%s %d\n", n, len(b))
		sum.Write(b)
	}
	sum.Write(essayContentHash())
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

func essayContentHash() []byte {
	b, _ := essay.Encode(essay.Content())
	s := sha256.Sum256(b)
	return s[:]
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w, r, s.headers)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Pages are keyed by path alone: a query (a reader's weights, say) is
	// applied by the app in the browser, never rendered by the server.
	p, under := strings.CutPrefix(r.URL.Path, s.prefix)
	if under && p == "" {
		// The sub-path without its slash: the links need the slash.
		http.Redirect(w, r, s.prefix+"/", http.StatusMovedPermanently)
		return
	}
	if p == oembedPath && under && s.oembed != nil {
		s.serveOEmbed(w, r)
		return
	}
	if a, ok := s.assets[p]; ok && under {
		a.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if r.Method == http.MethodGet {
		w.Write(s.notFound)
	}
}

// notFoundPage is a small page for unknown paths (and, from the service
// worker, for pages not saved offline), with links to every section so that
// a reader is never stranded.
func notFoundPage(e *essay.Essay, prefix, title, lead string) []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>` + htmlEscape(title) + ` · ` + htmlEscape(e.Title) + `</title><link rel="stylesheet" href="` + prefix + `/app.css"></head>` +
		`<body><div class="essay"><main id="main" class="notfound"><h1>` + htmlEscape(title) + `</h1><p>` + htmlEscape(lead) + `</p><ol>`)
	for i, s := range e.Sections {
		b.WriteString(`<li><a href="` + htmlEscape(prefix+e.Path(i)) + `">` + htmlEscape(s.Title) + `</a></li>`)
	}
	b.WriteString(`</ol><p><a href="` + prefix + essay.AllPath + `">The whole essay on one page</a></p></main></div></body></html>`)
	return []byte(b.String())
}

// workerTemplate is our service worker, in place of go-app's stock one,
// which caches only "/" and can activate before its cache is complete.
const workerTemplate = "web/app-worker.js"

// offlinePath is the page the worker shows for a page it has not saved.
const offlinePath = "/offline"

// manifest is the web app manifest. go-app's lacks an id and fixes the
// scope at "/"; ours is written whole, for the path the essay is served
// under, so that an export under a sub-path claims that path alone.
func manifest(e *essay.Essay, prefix string) []byte {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	return mustJSON(struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		Lang            string `json:"lang"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		BackgroundColor string `json:"background_color"`
		ThemeColor      string `json:"theme_color"`
		Icons           []icon `json:"icons"`
	}{
		ID: prefix + "/", Name: e.Title, ShortName: e.Title, Description: e.Description, Lang: "en",
		StartURL: prefix + "/", Scope: prefix + "/", Display: "standalone",
		BackgroundColor: backgroundColor, ThemeColor: themeColor,
		Icons: []icon{
			{Src: prefix + "/web/icon-192.png", Sizes: "192x192", Type: "image/png"},
			{Src: prefix + "/web/icon-512.png", Sizes: "512x512", Type: "image/png"},
			{Src: prefix + "/web/icon-maskable-512.png", Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
			{Src: prefix + "/web/icon.svg", Sizes: "any", Type: "image/svg+xml"},
		},
	})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

var htmlEscaper = strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;", `'`, "&#39;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }
