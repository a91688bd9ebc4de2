//go:build !wasm

// Package web is the essay's site: its static files (in static/, embedded
// here with the built app.wasm, so that the server runs alone from any
// directory), and what builds, serves and exports them.
//
// Data flows one way. New takes the essay and a Config and builds every
// response once: the pages, prerendered from the content alone, go-app's
// scripts, the static files and their compressed twins (pages.go). Then a
// Site only serves that set (serve.go) or writes it out as files for a
// static host (export.go). Nothing a request carries is rendered.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"slices"
	"sort"
	"strings"

	"leaving-amazon/essay"
)

// static holds the files served under /web/: web/static/ in the source
// tree, with the app.wasm and its twins that make wasm writes there.
//
//go:embed static
var static embed.FS

// Config is what a site is built for.
type Config struct {
	// Base is the path the essay is served under: "/" at the root of a
	// site, "/essays/leaving-amazon/" under a sub-path.
	Base string
	// Domain is the public host name, for absolute canonical and link
	// preview URLs; "" makes them relative.
	Domain string
	// FrameAncestors are the sites that may frame the essay, for the
	// Content-Security-Policy: "'self'" when empty.
	FrameAncestors string
	// Version, when set, replaces the content hash: the update tests
	// serve two versions of the same content.
	Version string
	// Static is set for an export: a static host answers no queries, so
	// there is no oEmbed endpoint to point at.
	Static bool
	// Proxy is the address or network of the proxy in front of the
	// server, whose X-Forwarded-Proto is believed; "" believes no one.
	Proxy string
	// Wasm, when set, holds app.wasm and its .br and .gz twins in place of
	// those in static/: another essay's build (make run ESSAY=dir), whose
	// wasm embeds that essay's content. Nil serves the built-in one.
	Wasm fs.FS
}

// Site is every response of the essay's site, built once by New.
type Site struct {
	version   string
	prefix    string // the path it is served under, without a trailing slash
	responses map[string]*response
	notFound  []byte
	headers   http.Header // sent with every response (headers.go)
	oembed    *oembed     // nil for an export
	proxy     *net.IPNet  // whose X-Forwarded-Proto is believed; nil for none
}

// New builds every response of the site for e, as cfg says.
func New(e *essay.Essay, cfg Config) (*Site, error) {
	if err := checkBase(cfg.Base); err != nil {
		return nil, err
	}
	proxy, err := parseProxy(cfg.Proxy)
	if err != nil {
		return nil, err
	}
	files, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	if cfg.Wasm != nil {
		files = withWasm{files: files, wasm: cfg.Wasm}
	}
	version := cfg.Version
	if version == "" {
		if version, err = contentVersion(files, e); err != nil {
			return nil, err
		}
	}
	prefix := strings.TrimRight(cfg.Base, "/")
	early, err := earlyScript(files)
	if err != nil {
		return nil, err
	}
	s := &Site{
		version:  version,
		prefix:   prefix,
		headers:  securityHeaders(cfg.FrameAncestors, early),
		notFound: notFoundPage(e, prefix, notFoundText),
		proxy:    proxy,
	}
	if !cfg.Static {
		s.oembed = newOEmbed(e, s.prefix, cfg.Domain)
	}
	p := plan{essay: e, files: files, prefix: prefix, domain: cfg.Domain, version: version, static: cfg.Static, headers: s.headers, early: early}
	if cfg.Domain != "" {
		p.oembed = s.oembed // the endpoint answers only with -domain
	}
	s.responses, err = build(p)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Version is the site's version: a hash of what it serves, unless the
// Config set one.
func (s *Site) Version() string { return s.version }

// Prefix is the path the site is served under, without a trailing slash.
func (s *Site) Prefix() string { return s.prefix }

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

// contentVersion hashes every static file and the essay's content, so that
// the version changes when, and only when, what readers get changes.
func contentVersion(files fs.FS, e *essay.Essay) (string, error) {
	var names []string
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
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
	content, err := essay.Encode(e)
	if err != nil {
		return "", err
	}
	sum.Write(content)
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// wasmNames are the app and its twins, which a Config's Wasm replaces.
var wasmNames = []string{"app.wasm", "app.wasm.br", "app.wasm.gz"}

// withWasm is files with the app and its twins taken from wasm alone, so
// that the version hashes, and the site serves, the wasm of the essay it
// was built for, never the one embedded beside it.
type withWasm struct{ files, wasm fs.FS }

func (w withWasm) Open(name string) (fs.File, error) {
	if slices.Contains(wasmNames, name) {
		return w.wasm.Open(name)
	}
	return w.files.Open(name)
}

func (w withWasm) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(w.files, name)
	if err != nil || name != "." {
		return entries, err
	}
	entries = slices.DeleteFunc(entries, func(d fs.DirEntry) bool { return slices.Contains(wasmNames, d.Name()) })
	for _, n := range wasmNames {
		if info, err := fs.Stat(w.wasm, n); err == nil {
			entries = append(entries, fs.FileInfoToDirEntry(info))
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}
