//go:build !wasm

package web

import "testing"

// TestSymbolPackage: code is attributed to the package a wasm name
// section's symbol belongs to, domains and methods included.
func TestSymbolPackage(t *testing.T) {
	for _, tc := range []struct{ sym, want string }{
		{"runtime.mallocgc", "runtime"},
		{"runtime.__mheap_.alloc", "runtime"},
		{"fmt.__pp_.doPrintf", "fmt"},
		{"type_.eq.runtime.note", "type_"},
		{"internal_runtime_atomic.Or64", "internal_runtime_atomic"},
		{"github.com_maxence_charriere_go_app_v10_pkg_app.__htmlInput_.Aria", "github.com_maxence_charriere_go_app_v10_pkg_app"},
		{"golang.org_x_net_html.Parse", "golang.org_x_net_html"},
		{"leaving_amazon_app.guardAddress.func1.1", "leaving_amazon_app"},
		{"", "(unnamed)"},
	} {
		if got := symbolPackage(tc.sym); got != tc.want {
			t.Errorf("symbolPackage(%q) = %q, want %q", tc.sym, got, tc.want)
		}
	}
}

// TestMeasureWasm: the served wasm is measured, and its code attributed,
// here from the stripped build alone (no names: one "(unnamed)" package
// holding all the code).
func TestMeasureWasm(t *testing.T) {
	s, err := MeasureWasm("static/app.wasm", "static/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	if s.Raw == 0 || s.Brotli == 0 || s.Brotli >= s.Gzip || s.Gzip >= s.Raw || s.Data == 0 {
		t.Errorf("implausible sizes: %+v", s)
	}
	code := 0
	for _, p := range s.Packages {
		code += p.Bytes
	}
	if code == 0 || code+s.Data > s.Raw {
		t.Errorf("code %d B and data %d B of a %d B wasm", code, s.Data, s.Raw)
	}
	if _, err := MeasureWasm("wasmsize.go", "wasmsize.go"); err == nil {
		t.Error("a Go file measured as a wasm")
	}
}
