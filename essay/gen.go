//go:build ignore

// Gen parses the essay's Markdown files and writes content.json, the parsed
// form that the app embeds. It fails, naming file and line, on any problem
// in the Markdown. Run it with "go generate ./essay" (make does).
package main

import (
	"bytes"
	"fmt"
	"os"

	"leaving-amazon/essay"
)

func main() {
	e, err := essay.Parse(os.DirFS("."))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	b, err := essay.Encode(e)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if old, err := os.ReadFile("content.json"); err == nil && bytes.Equal(old, b) {
		return
	}
	if err := os.WriteFile("content.json", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
