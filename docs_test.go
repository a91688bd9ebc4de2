//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestDocsLinksAndCommands keeps README.md and docs/ true: every relative
// link and image resolves, every #anchor names a heading of its page, and
// every command they show (in a code block, or as `make …` in the text)
// names a make target and variables the Makefile has, and flags the
// server has.
func TestDocsLinksAndCommands(t *testing.T) {
	docs, _ := filepath.Glob("docs/*.md")
	docs = append([]string{"README.md"}, docs...)
	targets, vars := makefileNames(t)
	flags := serverFlags(t)
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		prose, commands := splitMarkdown(string(b))
		for _, link := range links(prose) {
			if err := checkLink(doc, link); err != "" {
				t.Errorf("%s: link %q: %s", doc, link, err)
			}
		}
		for _, c := range commands {
			if err := checkCommand(c, targets, vars, flags); err != "" {
				t.Errorf("%s: command %q: %s", doc, c, err)
			}
		}
	}
}

var (
	fence       = regexp.MustCompile("^\\s*```(\\S*)")
	inlineCode  = regexp.MustCompile("`[^`\n]+`")
	mdLink      = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	htmlLink    = regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	heading     = regexp.MustCompile(`(?m)^#{1,6} +(.+)$`)
	shellBlocks = map[string]bool{"": true, "sh": true, "bash": true, "shell": true, "console": true}
)

// splitMarkdown returns a Markdown file's prose, without code, and the
// commands it shows: each line of a shell code block, and each `make …`
// in the text.
func splitMarkdown(md string) (prose string, commands []string) {
	var b strings.Builder
	inFence, shell := false, false
	for _, line := range strings.Split(md, "\n") {
		if m := fence.FindStringSubmatch(line); m != nil {
			inFence, shell = !inFence, shellBlocks[m[1]]
			continue
		}
		if inFence {
			if shell && strings.TrimSpace(line) != "" {
				commands = append(commands, line)
			}
			continue
		}
		for _, code := range inlineCode.FindAllString(line, -1) {
			if c := strings.Trim(code, "`"); strings.HasPrefix(c, "make ") || strings.Contains(c, " make ") {
				commands = append(commands, c)
			}
		}
		b.WriteString(inlineCode.ReplaceAllString(line, "") + "\n")
	}
	return b.String(), commands
}

// links are the targets of a text's Markdown links and images, and of
// its HTML src and href attributes.
func links(prose string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{mdLink, htmlLink} {
		for _, m := range re.FindAllStringSubmatch(prose, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// checkLink says what is wrong with a link from doc, or "".
func checkLink(doc, link string) string {
	if strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "mailto:") {
		return ""
	}
	target, anchor, _ := strings.Cut(link, "#")
	file := doc
	if target != "" {
		file = filepath.Join(filepath.Dir(doc), target)
		if _, err := os.Stat(file); err != nil {
			return "no such file"
		}
	}
	if anchor == "" {
		return ""
	}
	if !strings.HasSuffix(file, ".md") {
		return "an anchor into a file that is not Markdown"
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return err.Error()
	}
	prose, _ := splitMarkdownKeepingCode(string(b))
	for _, h := range heading.FindAllStringSubmatch(prose, -1) {
		if slug(h[1]) == anchor {
			return ""
		}
	}
	return "no heading " + file + "#" + anchor
}

// splitMarkdownKeepingCode is a file's text outside code blocks, inline
// code kept (a heading's `code` is part of its anchor).
func splitMarkdownKeepingCode(md string) (string, bool) {
	var b strings.Builder
	inFence := false
	for _, line := range strings.Split(md, "\n") {
		if fence.MatchString(line) {
			inFence = !inFence
			continue
		}
		if !inFence {
			b.WriteString(line + "\n")
		}
	}
	return b.String(), true
}

// slug is GitHub's anchor for a heading: lower case, spaces as hyphens,
// and nothing but letters, digits, hyphens and underscores.
func slug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkCommand says what is wrong with a shown command, or "": a make
// command's targets and variables must be the Makefile's, and the
// server's flags its own. Other programs are not this project's to check.
func checkCommand(line string, targets, vars, flags map[string]bool) string {
	line = strings.TrimPrefix(strings.TrimSpace(line), "$ ")
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	words := shellWords(line)
	for len(words) > 0 && isAssignment(words[0]) {
		if name, _, _ := strings.Cut(words[0], "="); !vars[name] {
			return "the Makefile has no variable " + name
		}
		words = words[1:]
	}
	if len(words) == 0 {
		return ""
	}
	switch words[0] {
	case "make":
		for _, w := range words[1:] {
			name, _, assign := strings.Cut(w, "=")
			switch {
			case assign && !vars[name]:
				return "the Makefile has no variable " + name
			case !assign && !strings.HasPrefix(w, "-") && !targets[w]:
				return "the Makefile has no target " + w
			}
		}
	case "./bin/leaving-amazon", "bin/leaving-amazon":
		for _, w := range words[1:] {
			if strings.HasPrefix(w, "-") && !flags[strings.TrimLeft(w, "-")] {
				return "the server has no flag " + w
			}
		}
	}
	return ""
}

func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	return ok && regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`).MatchString(name)
}

// shellWords splits a command line at spaces outside quotes, and drops the
// quotes.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// makefileNames are the Makefile's targets and variables.
func makefileNames(t *testing.T) (targets, vars map[string]bool) {
	t.Helper()
	b, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	targets, vars = map[string]bool{}, map[string]bool{}
	target := regexp.MustCompile(`^([a-z][\w.-]*)\s*:([^=]|$)`)
	variable := regexp.MustCompile(`^([A-Z_][A-Z0-9_]*)\s*[?:+]?=`)
	for _, line := range strings.Split(string(b), "\n") {
		if m := target.FindStringSubmatch(line); m != nil {
			targets[m[1]] = true
		}
		if m := variable.FindStringSubmatch(line); m != nil {
			vars[m[1]] = true
		}
	}
	return targets, vars
}

// serverFlags are the flags main.go defines.
func serverFlags(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	flags := map[string]bool{}
	re := regexp.MustCompile(`flag\.[A-Z]\w*\((?:&[\w.]+, )?"([\w-]+)"`)
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		flags[m[1]] = true
	}
	return flags
}
