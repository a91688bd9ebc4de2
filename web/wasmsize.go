//go:build !wasm

package web

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

// WasmSize is what a wasm costs a reader, and where its code goes.
type WasmSize struct {
	Raw, Gzip, Brotli int
	Data              int           // the data section: strings, tables, type data
	Packages          []PackageSize // code by package, largest first
}

// PackageSize is the code one Go package puts in a wasm.
type PackageSize struct {
	Package string
	Bytes   int
}

// MeasureWasm measures the wasm that readers get (stripped) and, from a
// build of the same code with its names kept (named, which may be the
// same file), attributes its code to Go packages.
func MeasureWasm(stripped, named string) (WasmSize, error) {
	b, err := os.ReadFile(stripped)
	if err != nil {
		return WasmSize{}, err
	}
	s := WasmSize{Raw: len(b)}
	var gz, br bytes.Buffer
	g, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w := brotli.NewWriterLevel(&br, brotli.BestCompression)
	for _, c := range []io.WriteCloser{g, w} {
		if _, err := c.Write(b); err != nil {
			return s, err
		}
		if err := c.Close(); err != nil {
			return s, err
		}
	}
	s.Gzip, s.Brotli = gz.Len(), br.Len()
	nb, err := os.ReadFile(named)
	if err != nil {
		return s, err
	}
	s.Data, s.Packages, err = wasmCode(nb)
	return s, err
}

// wasmCode reads a wasm's sections: the size of its data, and its
// function bodies' sizes summed by the package their name section gives.
func wasmCode(b []byte) (data int, pkgs []PackageSize, err error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return 0, nil, errors.New("not a wasm module")
	}
	r := bytes.NewReader(b[8:])
	var imports int
	var bodies []int
	names := map[int]string{}
	for r.Len() > 0 {
		id, _ := r.ReadByte()
		size, err := binary.ReadUvarint(r)
		if err != nil || size > uint64(r.Len()) {
			return 0, nil, errors.New("a wasm section is cut short")
		}
		sec := make([]byte, size)
		r.Read(sec)
		switch id {
		case 2:
			imports = countFuncImports(sec)
		case 10:
			bodies = codeSizes(sec)
		case 11:
			data = len(sec)
		case 0:
			readNames(sec, names)
		}
	}
	byPkg := map[string]int{}
	for i, n := range bodies {
		byPkg[symbolPackage(names[imports+i])] += n
	}
	for p, n := range byPkg {
		pkgs = append(pkgs, PackageSize{p, n})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].Bytes > pkgs[j].Bytes })
	return data, pkgs, nil
}

// symbolPackage is the Go package of a symbol as the wasm's name section
// writes it, with a path's slashes and dots made underscores except in a
// domain: "github.com_a_b.__T_.M" is of "github.com_a_b", "runtime.f" of
// "runtime".
func symbolPackage(sym string) string {
	if sym == "" {
		return "(unnamed)"
	}
	from := 0
	if d := domain.FindStringIndex(sym); d != nil {
		from = d[1] // a domain's dot is no package's end
	}
	if dot := strings.Index(sym[from:], "."); dot >= 0 {
		return sym[:from+dot]
	}
	return sym
}

var domain = regexp.MustCompile(`^[a-z0-9-]+\.[a-z]+_`)

func uvarint(r *bytes.Reader) int {
	v, _ := binary.ReadUvarint(r)
	return int(v)
}

func readString(r *bytes.Reader) string {
	b := make([]byte, uvarint(r))
	r.Read(b)
	return string(b)
}

// countFuncImports counts the imported functions, which come first in the
// function index space.
func countFuncImports(sec []byte) int {
	r := bytes.NewReader(sec)
	n, funcs := uvarint(r), 0
	for i := 0; i < n && r.Len() > 0; i++ {
		readString(r)
		readString(r)
		kind, _ := r.ReadByte()
		switch kind {
		case 0: // a function: its type index
			uvarint(r)
			funcs++
		case 1: // a table: element type and limits
			r.ReadByte()
			readLimits(r)
		case 2: // a memory
			readLimits(r)
		case 3: // a global: value type and mutability
			r.ReadByte()
			r.ReadByte()
		}
	}
	return funcs
}

func readLimits(r *bytes.Reader) {
	flag, _ := r.ReadByte()
	uvarint(r)
	if flag&1 != 0 {
		uvarint(r)
	}
}

// codeSizes is each function body's size, in the code section's order.
func codeSizes(sec []byte) []int {
	r := bytes.NewReader(sec)
	n := uvarint(r)
	sizes := make([]int, 0, n)
	for i := 0; i < n && r.Len() > 0; i++ {
		size := uvarint(r)
		r.Seek(int64(size), io.SeekCurrent)
		sizes = append(sizes, size)
	}
	return sizes
}

// readNames reads the "name" custom section's function names.
func readNames(sec []byte, names map[int]string) {
	r := bytes.NewReader(sec)
	if readString(r) != "name" {
		return
	}
	for r.Len() > 0 {
		id, _ := r.ReadByte()
		size := uvarint(r)
		if id != 1 {
			r.Seek(int64(size), io.SeekCurrent)
			continue
		}
		n := uvarint(r)
		for i := 0; i < n && r.Len() > 0; i++ {
			idx := uvarint(r)
			names[idx] = readString(r)
		}
	}
}

// String is the report make size prints.
func (s WasmSize) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "app.wasm: %d B raw, %d B gzip, %d B brotli\n", s.Raw, s.Gzip, s.Brotli)
	fmt.Fprintf(&b, "data section: %d B\ncode by package (largest 25):\n", s.Data)
	for i, p := range s.Packages {
		if i == 25 {
			break
		}
		fmt.Fprintf(&b, "%9d  %s\n", p.Bytes, p.Package)
	}
	return b.String()
}
