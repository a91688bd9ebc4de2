//go:build !wasm

package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdown runs the real server binary, starts a slow download
// of the wasm, sends SIGTERM, and checks that the download completes, that
// no new connection is accepted, and that the server exits cleanly.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the server binary")
	}
	bin := filepath.Join(t.TempDir(), "leaving-amazon")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("building the server: %v", err)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	logs, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`at (http://\S+)`)
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	var base string
	select {
	case base = <-addr:
		base = strings.TrimRight(base, "/")
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not say where it listens")
	}

	raw, err := os.ReadFile("web/static/app.wasm")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "identity")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	// Read a little, as a slow line would, then ask the server to stop.
	first := make([]byte, 64<<10)
	if _, err := io.ReadFull(res.Body, first); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := http.Get(base + "/"); err == nil {
		t.Error("the server accepted a new request after SIGTERM")
	}
	rest, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("the download in flight was cut: %v", err)
	}
	if got, want := len(first)+len(rest), len(raw); got != want {
		t.Errorf("the download in flight got %d bytes, want %d", got, want)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the server exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the server did not exit after its requests were done")
	}
}

// TestWasmLinksNoServerCode: the browser's build links no server or
// certificate code (go-app's patch 0001 and 0002 took them out; a new
// import that brings one back fails here, with who imports it).
func TestWasmLinksNoServerCode(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	banned := []string{"net/http", "crypto/tls", "crypto/x509", "math/big"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		for _, b := range banned {
			if pkg == b {
				t.Errorf("the wasm links %s", b)
			}
			for _, imp := range strings.Fields(imports) {
				if imp == b {
					t.Errorf("the wasm links %s, imported by %s", b, pkg)
				}
			}
		}
	}
}
