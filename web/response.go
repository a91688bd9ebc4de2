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

// encoding picks the best encoding the request accepts among those the
// response has: br, then gzip, then none.
func (a *response) encoding(acceptEncoding string) (name string, body []byte) {
	accepts := func(enc string) bool {
		for _, part := range strings.Split(acceptEncoding, ",") {
			token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(token), enc) && strings.TrimSpace(token) != "*" {
				continue
			}
			q := strings.TrimSpace(params)
			if v, ok := strings.CutPrefix(q, "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
					return false
				}
			}
			return true
		}
		return false
	}
	switch {
	case a.br != nil && accepts("br"):
		return "br", a.br
	case a.gz != nil && accepts("gzip"):
		return "gzip", a.gz
	}
	return "", a.raw
}

// ServeHTTP writes the response in the best encoding the client accepts, with a
// validator so that a revalidation costs a 304.
func (a *response) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	enc, body := a.encoding(r.Header.Get("Accept-Encoding"))
	etag := `"` + a.etag
	if enc != "" {
		etag += "-" + enc
	}
	etag += `"`
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", a.cacheControl)
	h.Set("ETag", etag)
	if a.link != "" {
		h.Set("Link", a.link)
	}
	if a.gz != nil || a.br != nil {
		h.Set("Vary", "Accept-Encoding")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
