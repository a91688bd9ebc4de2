//go:build ignore

// Gen parses an essay's Markdown files and writes content.json, the parsed
// form that the app embeds. It fails, naming file and line, on any problem
// in the Markdown. Run it with "go generate ./essay" (make does): the
// essay in this directory, into content.json here. Another essay's
// directory and output are given as -src and -out (make run ESSAY=dir),
// so that building it never touches this essay's content.json; its errors
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
	out := flag.String("out", "content.json", "the file to write")
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
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, b) {
		return
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
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
