//go:build !wasm

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exampleEssay is the second essay, written by following docs/authoring.md
// alone; web's TestExampleEssay reads it in Chromium.
const exampleEssay = "testdata/example-essay"

// TestBrokenExampleEssay breaks the example essay as an author might (a
// slider directive naming an unknown factor, a weight out of range) and
// builds it by the documented route, make run ESSAY=dir: the build fails,
// each message naming the file and line, and docs/authoring.md shows
// those messages as they are.
func TestBrokenExampleEssay(t *testing.T) {
	makePath, err := exec.LookPath("make")
	if err != nil {
		t.Skip("NO MAKE: ", err)
	}
	dir := filepath.Join(t.TempDir(), "example-essay")
	copyEdited(t, exampleEssay, dir, map[string][2]string{
		"02-the-choice.md": {"{{factor reliability}}", "{{factor brakes}}"},
		"model.md":         {"weight: 6", "weight: 12"},
	})
	cmd := exec.Command(makePath, "essay-build", "ESSAY="+dir, "ESSAY_OUT="+filepath.Join(t.TempDir(), "out"))
	b, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the broken essay built:\n%s", b)
	}
	// As the docs show it, built from the example's own directory.
	out := strings.ReplaceAll(string(b), dir, exampleEssay)
	for _, want := range []string{
		`essay: testdata/example-essay/02-the-choice.md:12: unknown factor "brakes"`,
		`essay: testdata/example-essay/model.md:23: factor "reliability": weight must be a whole number from 0 to 10, got "12"`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("the build does not say\n\t%s\nit says:\n%s", want, out)
		}
	}
	docs, err := os.ReadFile("docs/authoring.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "essay: ") && !strings.Contains(string(docs), line+"\n") {
			t.Errorf("docs/authoring.md does not show the build's message\n\t%s", line)
		}
	}
}

// copyEdited copies the files of src into dst, replacing in each file
// named in edits its one old text with the new; an edit that finds no
// text fails, so the break cannot silently stop breaking anything.
func copyEdited(t *testing.T, src, dst string, edits map[string][2]string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range entries {
		b, err := os.ReadFile(filepath.Join(src, d.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if e, ok := edits[d.Name()]; ok {
			if strings.Count(s, e[0]) != 1 {
				t.Fatalf("%s: %q is not there once", d.Name(), e[0])
			}
			s = strings.Replace(s, e[0], e[1], 1)
		}
		if err := os.WriteFile(filepath.Join(dst, d.Name()), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
