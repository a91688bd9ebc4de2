//go:build !wasm

package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestWasmEncodings(t *testing.T) {
	s := newTestServer(t)
	raw, err := static.ReadFile("static/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	decode := map[string]func(io.Reader) (io.Reader, error){
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
	}
	for _, tc := range []struct {
		name, accept, want string
	}{
		{"brotli preferred", "gzip, deflate, br, zstd", "br"},
		{"gzip only", "gzip", "gzip"},
		{"brotli refused", "br;q=0, gzip", "gzip"},
		{"nothing accepted", "", ""},
		{"identity", "identity", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, s, "/web/app.wasm", "Accept-Encoding", tc.accept)
			b := body(t, res)
			if got, want := res.Header.Get("Content-Encoding"), tc.want; got != want {
				t.Errorf("Content-Encoding %q, want %q", got, want)
			}
			if got, want := res.Header.Get("Content-Type"), "application/wasm"; got != want {
				t.Errorf("Content-Type %q, want %q", got, want)
			}
			if got, want := res.Header.Get("Vary"), "Accept-Encoding"; got != want {
				t.Errorf("Vary %q, want %q", got, want)
			}
			if got, want := res.Header.Get("Content-Length"), strconv.Itoa(len(b)); got != want {
				t.Errorf("Content-Length %s, body %s bytes", got, want)
			}
			r, err := decode[tc.want](strings.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, raw) {
				t.Error("the decoded body is not app.wasm")
			}
		})
	}
}

func TestWasmBudget(t *testing.T) {
	br, err := static.ReadFile("static/app.wasm.br")
	if err != nil {
		t.Fatal(err)
	}
	const budget = 1_600_000
	if len(br) > budget {
		t.Errorf("app.wasm is %d bytes with brotli, over the %d budget", len(br), budget)
	}
}

func TestRevalidation(t *testing.T) {
	s := newTestServer(t)
	first := get(t, s, "/job-history", "Accept-Encoding", "br")
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	res := get(t, s, "/job-history", "Accept-Encoding", "br", "If-None-Match", etag)
	if got, want := res.StatusCode, http.StatusNotModified; got != want {
		t.Errorf("status %d, want %d", got, want)
	}
	res = get(t, s, "/job-history", "Accept-Encoding", "gzip", "If-None-Match", etag)
	if got, want := res.StatusCode, http.StatusOK; got != want {
		t.Errorf("another encoding's ETag: status %d, want %d", got, want)
	}
}
