// Package thirdparty holds the dependencies the project carries patched:
// go-app, as go-app v10.1.11 plus the patches in go-app-patches/, made by
// go-app.sh.
package thirdparty

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGoappTree: the committed tree is exactly go-app.sh's output, byte
// for byte, from the module cache as it is and from an empty one (the
// module downloaded anew, its hash checked by the script).
func TestGoappTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("go-app.sh applies the patches with git apply: git is needed")
	}
	for _, tc := range []struct {
		name  string
		cache bool
	}{{"module cache as it is", false}, {"empty module cache", true}} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "go-app")
			cmd := exec.Command("bash", "go-app.sh", out)
			cmd.Env = os.Environ()
			if tc.cache {
				// -modcacherw: the test's temporary directory can be removed.
				cmd.Env = append(cmd.Env, "GOMODCACHE="+filepath.Join(t.TempDir(), "mod"), "GOFLAGS=-modcacherw")
			}
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go-app.sh: %v\n%s", err, b)
			}
			compareTrees(t, "go-app", out)
		})
	}
}

// compareTrees fails for every file that is in one tree and not the other
// or differs between them.
func compareTrees(t *testing.T, committed, made string) {
	t.Helper()
	want, got := readTree(t, made), readTree(t, committed)
	for name, b := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("third_party/go-app/%s is missing: run third_party/go-app.sh", name)
		} else if !bytes.Equal(g, b) {
			t.Errorf("third_party/go-app/%s differs from go-app v10.1.11 plus the patches: make the change a patch in go-app-patches/, then run third_party/go-app.sh", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("third_party/go-app/%s is neither go-app's nor a patch's", name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGoappPatchHeaders: each patch says what it does, why, what it
// measured, and the pull request it would be upstream.
func TestGoappPatchHeaders(t *testing.T) {
	patches, _ := filepath.Glob("go-app-patches/*.patch")
	if len(patches) == 0 {
		t.Fatal("no patches in go-app-patches/")
	}
	for i, p := range patches {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		header, _, ok := strings.Cut(string(b), "\ndiff --git ")
		if !ok {
			t.Errorf("%s: no diff", p)
			continue
		}
		if name := filepath.Base(p); !patchName.MatchString(name) || !strings.HasPrefix(name, fmt.Sprintf("%04d-", i+1)) {
			t.Errorf("%s: patches are named NNNN-what.patch and numbered in order", p)
		}
		for _, field := range []string{"Subject: ", "\nWhat: ", "\nWhy: ", "\nMeasured", "\nUpstream, as a pull request:\n"} {
			if !strings.Contains(header, field) {
				t.Errorf("%s: its header lacks %q", p, strings.TrimSpace(field))
			}
		}
	}
}

var patchName = regexp.MustCompile(`^\d{4}-[a-z0-9-]+\.patch$`)
