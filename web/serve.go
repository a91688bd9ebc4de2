//go:build !wasm

package web

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

// ServeHTTP answers every request from the responses New built: a page, a
// script, a static file, the oEmbed endpoint, or the not-found page. Pages
// are keyed by path alone: a query (a reader's weights, say) is applied by
// the app in the browser, never rendered here.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w, r, s.headers, s.proxy)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.ContentLength != 0 {
		// A GET or HEAD that declares a body: answer now, and close, rather
		// than wait to read a body that may never come.
		w.Header().Set("Connection", "close")
	}
	p, under := strings.CutPrefix(r.URL.Path, s.prefix)
	if under && p == "" {
		// The sub-path without its slash: the links need the slash.
		http.Redirect(w, r, s.prefix+"/", http.StatusMovedPermanently)
		return
	}
	if p == oembedPath && under && s.oembed != nil {
		s.oembed.ServeHTTP(w, r)
		return
	}
	if a, ok := s.responses[p]; ok && under {
		a.ServeHTTP(w, r)
		return
	}
	if page := s.pageFor(p); page != "" && under {
		// A page asked for as a folder, as static hosts serve it: one
		// redirect to its own address, so that the app knows it.
		target := s.prefix + page
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if r.Method == http.MethodGet {
		w.Write(s.notFound)
	}
}

// Serve answers on ln with h until ctx is done, then stops accepting and
// lets the requests in flight, a wasm download on a slow line among them,
// finish (for up to 30 seconds).
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      120 * time.Second, // the wasm, on a slow line
		IdleTimeout:       120 * time.Second,
	}
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// Serve returns as soon as Shutdown starts; returning now would cut the
	// requests Shutdown is waiting for.
	<-drained
	return nil
}

// pageFor returns the page that p names in the other forms static hosts
// serve it under ("/pace/", "/pace/index.html", "/index.html", "//pace"),
// or "".
func (s *Site) pageFor(p string) string {
	page := p
	for strings.Contains(page, "//") {
		page = strings.ReplaceAll(page, "//", "/")
	}
	if page = strings.TrimRight(strings.TrimSuffix(page, "index.html"), "/"); page == "" {
		page = "/"
	}
	if r, ok := s.responses[page]; ok && strings.HasPrefix(r.contentType, "text/html") && page != p {
		return page
	}
	return ""
}
