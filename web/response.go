//go:build !wasm

package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
)

// response is one response body kept in memory, with its compressed twins
// and the headers that describe it.
type response struct {
	contentType  string
	cacheControl string
	raw, gz, br  []byte
	etag         string // of the raw body; variants append their encoding
	link         string // a Link header: what the page needs first
	modified     time.Time
}

// newResponse keeps body, typed by name's extension, and, if it is worth
// it, compresses it once now.
func newResponse(name string, body []byte) *response {
	a := &response{contentType: contentType(name), raw: body, cacheControl: "no-cache"}
	sum := sha256.Sum256(body)
	a.etag = hex.EncodeToString(sum[:8])
	if compressible(a.contentType) && len(body) > 512 {
		a.gz = gzipBytes(body)
		a.br = brotliBytes(body)
	}
	return a
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".html", "":
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") ||
		strings.Contains(ct, "javascript") || ct == "image/svg+xml" || ct == "application/wasm"
}

// Precompress writes the gzip and brotli twins of a file, at the highest
// levels: done once at build time (make wasm), so that the wasm is never
// compressed while a reader waits.
func Precompress(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(name+".gz", gzipBytes(b), 0o644); err != nil {
		return err
	}
	return os.WriteFile(name+".br", brotliBytes(b), 0o644)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// encoding returns the encoding to send ("" for none) and its body: the
// one the request prefers among those the response has.
func (a *response) encoding(r *http.Request) (name string, body []byte) {
	var offers []string
	if a.br != nil {
		offers = append(offers, "br")
	}
	if a.gz != nil {
		offers = append(offers, "gzip")
	}
	switch parseAcceptEncoding(r.Header.Values("Accept-Encoding")).choose(append(offers, "identity")...) {
	case "br":
		return "br", a.br
	case "gzip":
		return "gzip", a.gz
	}
	return "", a.raw
}

// ServeHTTP writes the response in the encoding the client prefers, through
// http.ServeContent, which answers conditional requests (If-None-Match,
// If-Modified-Since) and ranges. Each encoding has its own ETag, so a
// range or a 304 always refers to the bytes of one encoding.
func (a *response) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	enc, body := a.encoding(r)
	etag := `"` + a.etag
	if enc != "" {
		etag += "-" + enc
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", a.cacheControl)
	h.Set("ETag", etag+`"`)
	if a.link != "" {
		h.Set("Link", a.link)
	}
	if a.gz != nil || a.br != nil {
		h.Set("Vary", "Accept-Encoding")
	}
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	http.ServeContent(withLength{w, len(body)}, r, "", a.modified, bytes.NewReader(body))
}

// withLength gives a whole encoded body its Content-Length, which
// http.ServeContent leaves out once a Content-Encoding is set (for
// handlers that compress as they write; ours were compressed before).
type withLength struct {
	http.ResponseWriter
	n int
}

func (w withLength) WriteHeader(code int) {
	if code == http.StatusOK && w.Header().Get("Content-Length") == "" {
		w.Header().Set("Content-Length", strconv.Itoa(w.n))
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection.
func (w withLength) Unwrap() http.ResponseWriter { return w.ResponseWriter }
