//go:build !wasm

package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"time"

	ui "leaving-amazon/app"
	"leaving-amazon/essay"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Building the site: every response, once, from the content and the
// static files alone.

// Colours shared by the page, the manifest and the browser's UI: they match
// static/app.css.
const (
	themeColor      = "#0f5f5c"
	backgroundColor = "#fbfaf7"
)

// workerTemplate is our service worker, in place of go-app's stock one,
// which caches only "/" and can activate before its cache is complete.
const workerTemplate = "app-worker.js"

// wasmTwinScript fetches the wasm from its compressed twin on a static
// host, as wasmChoiceScript chooses: written into app.js and the workers
// (twinScripts), the choice into each page's head too (earlyScript); not
// served.
const (
	wasmTwinScript   = "wasm-twin.js"
	wasmChoiceScript = "wasm-choice.js"
)

// compilerTemplate is the worker that fetches and compiles the wasm off
// the page's main thread on a first visit, served filled in at
// compilerPath.
const (
	compilerTemplate = "wasm-compiler.js"
	compilerPath     = "/web/wasm-compiler.js"
)

// earlyTemplate starts that worker while the page's head is read, before
// app.js runs: written into every page's head (earlyScript).
const earlyTemplate = "wasm-early.js"

// offlinePath is the page the worker shows for a page it has not saved.
const offlinePath = "/offline"

// The words of the two pages that list every section: for a path that is
// not the essay's, and, from the service worker, for a page not saved
// offline.
var (
	notFoundText = pageText{"This page is not part of the essay", "Its sections are:",
		"This page is not part of the essay. Here is a link to each of its sections."}
	offlineText = pageText{"You are offline", "This page was not saved for reading offline. Every section of the essay was:",
		"This page was not saved for reading offline. Here is a link to each section of the essay, all of them saved."}
)

// plan is what build makes the site from: the content and the static
// files, and where and how the site is served.
type plan struct {
	essay   *essay.Essay
	files   fs.FS
	prefix  string // the path it is served under, without a trailing slash
	domain  string
	version string
	// static is set for an export: a static host may send files as they
	// are, so the page fetches the wasm's compressed twin (goapp.go).
	static  bool
	oembed  *oembed     // each page links to it; nil for none
	early   []byte      // the script written into each page's head (earlyScript)
	headers http.Header // the site's own, for pages the worker keeps from their twins
}

// build makes every response of the site, by its path under the prefix.
func build(p plan) (map[string]*response, error) {
	e := p.essay
	r := map[string]*response{}
	if err := addStatic(r, p.files); err != nil {
		return nil, err
	}
	wasm, err := readWasm(p.files, p.version)
	if err != nil {
		return nil, err
	}
	r[wasmPath] = wasm
	og, err := previewImage(e.Title, e.Description)
	if err != nil {
		return nil, err
	}
	r[previewImagePath] = newResponse(previewImagePath, og)
	h, err := goappHandler(p, len(wasm.raw))
	if err != nil {
		return nil, err
	}
	if err := addGoapp(r, h, p); err != nil {
		return nil, err
	}
	if r[compilerPath], err = compiler(p); err != nil {
		return nil, err
	}
	if err := addPages(r, h, p); err != nil {
		return nil, err
	}
	r[offlinePath] = newResponse("offline.html", notFoundPage(e, p.prefix, offlineText))
	r["/manifest.webmanifest"] = newResponse("manifest.webmanifest", manifest(e, p.prefix))
	// One time for all: they were all made now (If-Modified-Since).
	built := time.Now().Truncate(time.Second)
	for _, resp := range r {
		resp.modified = built
	}
	return r, nil
}

// wasmPath is the app's path under the prefix.
const wasmPath = "/web/app.wasm"

// pagePaths is every path that answers with a page: the sections, /all,
// the opening's own /<slug> beside "/", and the reader's decision.
func pagePaths(e *essay.Essay) []string {
	return append(append([]string{}, e.Paths()...), "/"+e.Sections[0].Slug, essay.DecisionPath)
}

// addStatic adds the static files, each at /web/<name>: all but the wasm
// (readWasm), the compressed twins (made here or at build time) and the
// worker's template (served filled in, at /app-worker.js).
func addStatic(r map[string]*response, files fs.FS) error {
	return fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".gz", ".br", ".wasm":
			return nil
		}
		if p == workerTemplate || p == wasmTwinScript || p == wasmChoiceScript || p == compilerTemplate || p == earlyTemplate {
			return nil
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		if path.Ext(p) == ".js" {
			if b, err = minifyScript(p, b); err != nil {
				return err
			}
		}
		r["/web/"+p] = newResponse(p, b)
		return nil
	})
}

// readWasm reads the app and its twins, compressed at build time.
func readWasm(files fs.FS, version string) (*response, error) {
	raw, err := fs.ReadFile(files, "app.wasm")
	if err != nil {
		return nil, fmt.Errorf("web/static/app.wasm is missing (build it with `make wasm`): %w", err)
	}
	gz, errGz := fs.ReadFile(files, "app.wasm.gz")
	br, errBr := fs.ReadFile(files, "app.wasm.br")
	if errGz != nil || errBr != nil {
		return nil, fmt.Errorf("web/static/app.wasm.gz or .br is missing (build them with `make wasm`)")
	}
	return &response{contentType: "application/wasm", cacheControl: "no-cache", raw: raw, gz: gz, br: br, etag: version}, nil
}

// goappHandler is go-app's handler for the essay, which renders its pages
// and scripts. The app's routes are registered for prefix first: the
// pages it renders link under it.
func goappHandler(p plan, wasmSize int) (*goapp.Handler, error) {
	e, prefix, pages := p.essay, p.prefix, pagePaths(p.essay)
	worker, err := fillWorker(p, workerTemplate, map[string]string{
		"{{.Pages}}":       string(mustJSON(prefixed(prefix, pages))),
		"{{.OfflinePage}}": prefix + offlinePath,
		"{{.WasmPath}}":    prefix + wasmPath,
		"{{.Headers}}":     string(mustJSON(headerMap(p.headers))),
	})
	if err != nil {
		return nil, err
	}
	ui.Routes(e, prefix)
	return &goapp.Handler{
		Name: e.Title, ShortName: e.Title, Title: e.Title, Description: e.Description,
		Author: e.Author, Image: prefix + previewImagePath, Lang: "en", Domain: p.domain,
		Icon: goapp.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			SVG:      "/web/icon.svg",
			Maskable: "/web/icon-maskable-512.png",
		},
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		// go-app writes the label into its loader; static/app.css turns the
		// loader into a small status line that covers no text.
		LoadingLabel: "Interactive parts loading · {progress}%",
		// Deferred: nothing waits for it. Blocking the parser or the first
		// paint for it (to set embed mode before the first paint) cost a
		// repeat visit on the slow phone about 750 ms before the app ran,
		// or the first paint 100-600 ms (make bench); static/embed.js shows
		// its frame only once the page has said it is in embed mode.
		Scripts: []string{"/web/page.js defer", "/web/weigh.js defer"},
		// go-app's worker list has "/", the app, scripts, styles and the
		// PNG icons; a reader offline needs every page too.
		CacheableResources:    append([]string{offlinePath, "/web/icon.svg", compilerPath}, pages...),
		ServiceWorkerTemplate: string(worker),
		Version:               p.version,
		// The wasm is sent compressed, so Content-Length is the compressed
		// size while the loader counts decompressed bytes: give it the real
		// size so that progress ends at 100%.
		WasmContentLength: strconv.Itoa(wasmSize),
		Resources:         resolver(prefix),
	}, nil
}

// addGoapp adds go-app's own resources, generated once from the handler,
// and the stylesheet go-app links first on every page: ours, so that the
// text paints after one stylesheet request, not two.
func addGoapp(r map[string]*response, h *goapp.Handler, p plan) error {
	for _, path := range []string{"/app.js", "/wasm_exec.js", "/app-worker.js"} {
		b, err := render(h, path)
		if err != nil {
			return err
		}
		if b, err = fixResource(path, b, p); err != nil {
			return err
		}
		r[path] = newResponse(path, b)
	}
	css, err := fs.ReadFile(p.files, "app.css")
	if err != nil {
		return err
	}
	r["/app.css"] = newResponse("app.css", css)
	return nil
}

// compiler is the worker that compiles the wasm off the main thread, with
// the twin's fetch written in for an export.
func compiler(p plan) (*response, error) {
	b, err := fillWorker(p, compilerTemplate, map[string]string{
		"{{.Wasm}}": strconv.Quote(p.prefix + wasmPath),
	})
	if err != nil {
		return nil, err
	}
	if b, err = minifyScript(compilerTemplate, b); err != nil {
		return nil, err
	}
	return newResponse(compilerTemplate, b), nil
}

// fillWorker is one of the workers' templates (the service worker, the
// compiler) with fields written in, and the two both have: whether the
// wasm comes from its twin, and the twin's fetch.
func fillWorker(p plan, name string, fields map[string]string) ([]byte, error) {
	b, err := fs.ReadFile(p.files, name)
	if err != nil {
		return nil, err
	}
	twin, err := twinScripts(p.files)
	if err != nil {
		return nil, err
	}
	fields["{{.WasmFromTwin}}"] = strconv.FormatBool(p.static)
	fields["{{.WasmTwin}}"] = string(twin)
	// The twin's script goes in last: its own text is not a template.
	for key, value := range fields {
		if key != "{{.WasmTwin}}" {
			b = bytes.ReplaceAll(b, []byte(key), []byte(value))
		}
	}
	return bytes.ReplaceAll(b, []byte("{{.WasmTwin}}"), twin), nil
}

// twinScripts is the twin's fetch with the choice it makes
// (static/wasm-choice.js, static/wasm-twin.js).
func twinScripts(files fs.FS) ([]byte, error) {
	choice, err := fs.ReadFile(files, wasmChoiceScript)
	if err != nil {
		return nil, err
	}
	twin, err := fs.ReadFile(files, wasmTwinScript)
	if err != nil {
		return nil, err
	}
	return append(append(choice, '\n'), twin...), nil
}

// earlyScript is the script each page's head starts the first visit's
// download of the wasm with (static/wasm-early.js, after the choice of
// what to fetch on a static host, static/wasm-choice.js): inline, so that
// it runs as the head is read, with no request of its own to wait for.
func earlyScript(files fs.FS) ([]byte, error) {
	choice, err := fs.ReadFile(files, wasmChoiceScript)
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(files, earlyTemplate)
	if err != nil {
		return nil, err
	}
	if b, err = minifyScript(earlyTemplate, append(append(choice, '\n'), b...)); err != nil {
		return nil, err
	}
	if bytes.Contains(b, []byte("</")) {
		return nil, fmt.Errorf("web/static/%s: </ would end the inline script", earlyTemplate)
	}
	return bytes.TrimSpace(b), nil
}

// earlyTag is the early script's tag. The addresses it needs are in its
// data attributes, outside the script's text and its hash, so that the
// script is the same under every prefix and for a server and an export:
// the compiler's and the wasm's, and, for an export (data-twin), that the
// host is static and the script fetches the wasm's compressed twin
// (static/wasm-twin.js). Nothing for no script.
func earlyTag(script []byte, prefix string, static bool) string {
	if script == nil {
		return ""
	}
	twin := ""
	if static {
		twin = " data-twin"
	}
	return `<script data-wasm="` + prefix + wasmPath + `" data-compiler="` + prefix + compilerPath + `"` + twin + `>` + string(script) + "</script>"
}

// addPages prerenders every page once, from the content alone: the request
// that renders it carries no query, headers or fragment of a reader's.
func addPages(r map[string]*response, h *goapp.Handler, p plan) error {
	e := p.essay
	for i, path := range append(append([]string{}, e.Paths()...), essay.DecisionPath) {
		b, err := render(h, path)
		if err != nil {
			return err
		}
		b = fixPage(b, p.domain, p.prefix, earlyTag(p.early, p.prefix, p.static))
		if p.oembed != nil {
			b = bytes.Replace(b, []byte("</head>"), []byte(p.oembed.discoveryLink(p.prefix+path)+"</head>"), 1)
		}
		page := newResponse(path+".html", b)
		// The stylesheet is all the first paint waits for: ask for it as
		// soon as the headers arrive, before the page is parsed.
		page.link = "<" + p.prefix + "/app.css>; rel=preload; as=style"
		r[path] = page
		if i == 0 {
			r["/"+e.Sections[0].Slug] = page
		}
	}
	return nil
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

// prefixed returns paths under prefix.
func prefixed(prefix string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = prefix + p
	}
	return out
}

// pageText is the heading, lead and description of a page that lists
// every section. The lead ends in a colon before the list; a description
// stands alone, in search results and link previews, so it is a sentence.
type pageText struct{ title, lead, description string }

// notFoundPage is a small page that links to every section, so that a
// reader is never stranded: for unknown paths, and offline.
func notFoundPage(e *essay.Essay, prefix string, t pageText) []byte {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>` + html.EscapeString(t.title) + ` · ` + html.EscapeString(e.Title) + `</title>` +
		`<meta name="description" content="` + html.EscapeString(t.description) + `">` +
		// Its own icon: without one the browser asks for /favicon.ico, a 404.
		`<link rel="icon" href="` + prefix + `/web/icon.svg"><link rel="stylesheet" href="` + prefix + `/app.css"></head>` +
		`<body><div class="essay"><main id="main" class="notfound"><h1>` + html.EscapeString(t.title) + `</h1><p>` + html.EscapeString(t.lead) + `</p><ol>`)
	for i, s := range e.Sections {
		b.WriteString(`<li><a href="` + html.EscapeString(prefix+e.Path(i)) + `">` + html.EscapeString(s.Title) + `</a></li>`)
	}
	b.WriteString(`</ol><p><a href="` + prefix + essay.AllPath + `">The whole essay on one page</a></p></main></div></body></html>`)
	return b.Bytes()
}

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
