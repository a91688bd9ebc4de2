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

// limits are how long the server waits on a client.
type limits struct {
	header time.Duration // to read a request's headers
	stall  time.Duration // a response that makes no progress for this long is dropped
	idle   time.Duration // a keep-alive connection without a request is closed
}

// serverLimits: a reader on the slowest line keeps their download as long
// as it moves; nothing waits long on a client that does nothing.
var serverLimits = limits{header: 10 * time.Second, stall: 30 * time.Second, idle: 15 * time.Second}

// Serve answers on ln with h until ctx is done, then stops accepting and
// lets the requests in flight, a wasm download on a slow line among them,
// finish (for up to 30 seconds).
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	return serve(ctx, ln, h, serverLimits)
}

func serve(ctx context.Context, ln net.Listener, h http.Handler, l limits) error {
	conns := newConnLimit(connBudget())
	srv := &http.Server{
		Handler:           progress(h, l.stall),
		ReadHeaderTimeout: l.header,
		ReadTimeout:       2 * l.header, // no request here has a body
		IdleTimeout:       l.idle,
		ConnState:         conns.track,
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

// progress gives every response a write deadline that moves with it: a
// download that keeps moving is never cut, however slow the line, and
// one that stalls for stall is dropped. (A fixed WriteTimeout cut the wasm
// short on a 2G line.)
func progress(h http.Handler, stall time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		_ = rc.SetWriteDeadline(time.Now().Add(stall))
		h.ServeHTTP(&progressWriter{ResponseWriter: w, rc: rc, stall: stall}, r)
	})
}

// progressChunk is the most written under one deadline: at least this
// much must move every stall (8 KB in 30 s: 270 bytes a second).
const progressChunk = 8 << 10

type progressWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
}

func (w *progressWriter) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		chunk := b[:min(len(b), progressChunk)]
		_ = w.rc.SetWriteDeadline(time.Now().Add(w.stall))
		m, err := w.ResponseWriter.Write(chunk)
		n += m
		if err != nil {
			return n, err
		}
		b = b[m:]
	}
	return n, nil
}

// Unwrap lets http.ResponseController reach the connection.
func (w *progressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

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
