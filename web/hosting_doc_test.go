//go:build !wasm

package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHostingDocMatchesTests: every configuration docs/hosting.md shows is
// the text the tests run. A block whose fence names a file after its
// language (```nginx testdata/nginx.conf) must be a run of that file's
// lines (comments, blank lines and template-only lines aside; a template
// field such as {{.Root}} stands for any path); a block named _headers
// must be what an export writes for the block's own base and framing site.
func TestHostingDocMatchesTests(t *testing.T) {
	blocks := fencedBlocks(t, "../docs/hosting.md")
	named := 0
	for _, b := range blocks {
		switch {
		case b.source == "_headers":
			named++
			want := string(headersFile("/essays/leaving-amazon", securityHeaders("'self' https://your-site.example", mustEarly(t))))
			if b.text != want {
				t.Errorf("docs/hosting.md's _headers is not what the export writes:\n%s\nwant:\n%s", b.text, want)
			}
		case strings.HasPrefix(b.source, "testdata/"):
			named++
			src, err := os.ReadFile(filepath.Join("..", b.source))
			if err != nil {
				t.Fatal(err)
			}
			if !runOf(configLines(b.text, false), configLines(string(src), true)) {
				t.Errorf("docs/hosting.md's block from %s is not in that file:\n%s", b.source, b.text)
			}
		}
	}
	if named < 4 {
		t.Errorf("docs/hosting.md names %d tested blocks, want nginx, Apache, Caddy and _headers", named)
	}
}

// block is one fenced code block of a Markdown file.
type block struct {
	lang, source, text string
}

// fencedBlocks are the ``` blocks of a Markdown file, with the words after
// each opening fence.
func fencedBlocks(t *testing.T, name string) []block {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []block
	var cur *block
	for _, line := range strings.SplitAfter(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			f := strings.Fields(strings.TrimPrefix(trimmed, "```"))
			cur = &block{}
			if len(f) > 0 {
				cur.lang = f[0]
			}
			if len(f) > 1 {
				cur.source = f[1]
			}
		case cur != nil && trimmed == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.text += line
		}
	}
	return out
}

var templateOnly = regexp.MustCompile(`^\{\{-? *(if|end|else)\b.*\}\}$`)

// configLines are a configuration's lines as compared: trimmed, without
// blank lines, comments or template-only lines. A file's lines become
// patterns in which a template field matches any text without spaces.
func configLines(text string, file bool) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") || templateOnly.MatchString(l) {
			continue
		}
		if file {
			l = "^" + strings.ReplaceAll(regexp.QuoteMeta(l), `\{\{\.`, `{{.`) + "$"
			l = regexp.MustCompile(`\{\{\.[A-Za-z]+\\\}\\\}`).ReplaceAllString(l, `\S+`)
		}
		out = append(out, l)
	}
	return out
}

// runOf reports whether lines match a contiguous run of patterns.
func runOf(lines, patterns []string) bool {
	for i := 0; i+len(lines) <= len(patterns); i++ {
		ok := true
		for j, l := range lines {
			if !regexp.MustCompile(patterns[i+j]).MatchString(l) {
				ok = false
				break
			}
		}
		if ok && len(lines) > 0 {
			return true
		}
	}
	return false
}

// mustEarly is the early script (earlyScript), whose hash the
// Content-Security-Policy carries.
func mustEarly(t *testing.T) []byte {
	t.Helper()
	files, err := fs.Sub(static, "static")
	if err != nil {
		t.Fatal(err)
	}
	b, err := earlyScript(files)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
