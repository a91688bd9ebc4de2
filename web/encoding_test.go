//go:build !wasm

package web

import (
	"testing"
)

// TestNegotiateEncoding: RFC 9110's examples of Accept-Encoding (section
// 12.5.3), and the forms that slipped through by hand.
func TestNegotiateEncoding(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string // nil: no Accept-Encoding at all
		want   string
	}{
		{"RFC: compress, gzip", []string{"compress, gzip"}, "gzip"},
		{"RFC: empty: identity only", []string{""}, "identity"},
		{"RFC: any", []string{"*"}, "br"},
		{"RFC: q-values", []string{"compress;q=0.5, gzip;q=1.0"}, "gzip"},
		{"RFC: identity and * weighed", []string{"gzip;q=1.0, identity; q=0.5, *;q=0"}, "gzip"},
		{"no header", nil, "identity"},
		{"a browser's", []string{"gzip, deflate, br, zstd"}, "br"},
		{"br refused, the parameter in capitals", []string{"gzip, br;Q=0"}, "gzip"},
		{"names in capitals", []string{"BR"}, "br"},
		{"the higher q wins over our order", []string{"br;q=0.5, gzip"}, "gzip"},
		{"identity preferred", []string{"br;q=0.5, identity"}, "identity"},
		{"equal q: our order", []string{"gzip;q=0.8, br;q=0.8"}, "br"},
		{"a q over 1 is malformed", []string{"br;q=1.5, gzip;q=0.2"}, "gzip"},
		{"a malformed q", []string{"br;q=abc, gzip;q=0.1"}, "gzip"},
		{"the smallest q", []string{"gzip;q=0.001"}, "gzip"},
		{"a quoted q", []string{`br;q="0"`, "gzip"}, "gzip"},
		{"nothing offered", []string{"deflate"}, "identity"},
		{"everything refused: identity all the same", []string{"*;q=0"}, "identity"},
		{"* for the rest", []string{"gzip;q=0.2, *;q=0.5"}, "br"},
		{"two header lines", []string{"gzip;q=0.5", "br;q=0.4"}, "gzip"},
		{"spaces and empty items", []string{" , br ;q=0.9 ,, gzip;q=0.1"}, "br"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseAcceptEncoding(tc.header).choose("br", "gzip", "identity"); got != tc.want {
				t.Errorf("Accept-Encoding %q: %s, want %s", tc.header, got, tc.want)
			}
		})
	}
}
