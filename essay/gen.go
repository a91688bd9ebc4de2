//go:build ignore

// Gen parses an essay's Markdown files and writes its parsed form twice:
// content_gen.go, which the app is built with, and content.json, which the
// server reads for another essay (-content) and which shows a change to the
// Markdown as a readable diff. It is run with -tags essaygen, which
// leaves content_gen.go out of the package it imports. It fails, naming file and line, on any problem
// in the Markdown. Run it with "go generate ./essay" (make does): the
// essay in this directory, into content.json and content_gen.go here.
// Another essay's directory and outputs are given as -src, -out and -go
// (make run ESSAY=dir), so that building it never touches this essay's; its errors
// then name each file by its path (testdata/example-essay/02-x.md:9).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"leaving-amazon/essay"
)

func main() {
	src := flag.String("src", ".", "the essay's directory: essay.md, model.md and the NN-name.md sections")
	out := flag.String("out", "content.json", "the JSON file to write (what the server reads with -content)")
	goOut := flag.String("go", "content_gen.go", "the Go file to write (what the app is built with)")
	flag.Parse()
	e, err := essay.Parse(os.DirFS(*src))
	if err != nil {
		if *src != "." {
			nameFiles(err, *src)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	b, err := essay.Encode(e)
	if err == nil {
		err = write(*out, b)
	}
	if err == nil {
		b, err = essay.GoSource(e)
	}
	if err == nil {
		err = write(*goOut, b)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// write writes b to name, unless name holds b already: make rebuilds the
// wasm only when the content changed.
func write(name string, b []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, b) {
		return nil
	}
	return os.WriteFile(name, b, 0o644)
}

// nameFiles puts dir before the file each of Parse's errors names.
func nameFiles(err error, dir string) {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return
	}
	for _, e := range joined.Unwrap() {
		if pe, ok := e.(*essay.Error); ok {
			pe.File = filepath.Join(dir, pe.File)
		}
	}
}
