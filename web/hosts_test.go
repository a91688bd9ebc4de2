//go:build !wasm

package web

import (
	"bufio"
	"fmt"
	"leaving-amazon/essay"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"
)

// Static hosts from Debian's packages, started on loopback by the tests
// with a configuration from ../testdata: the tuned nginx of docs/hosting.md, and
// servers as they come.

// hostKind says how to start one kind of host.
type hostKind struct {
	name    string
	missing string   // said, loudly, when it is not installed
	paths   []string // where its program may be
	conf    string   // its configuration's template, in ../testdata
	args    func(conf string) []string
}

const (
	noNginx  = "NO NGINX: the static export's tests skipped; apt-get install -y nginx-light libnginx-mod-http-brotli-static"
	noApache = "NO APACHE: the static export's tests on Apache skipped; apt-get install -y apache2"
	noCaddy  = "NO CADDY: the static export's tests on Caddy skipped; apt-get install -y caddy"
)

func nginxArgs(conf string) []string {
	temp := filepath.Dir(conf)
	return []string{"-p", temp, "-c", conf, "-e", filepath.Join(temp, "error.log")}
}

var (
	nginxTuned    = hostKind{"nginx, as docs/hosting.md sets it", noNginx, []string{"/usr/sbin/nginx", "nginx"}, "nginx.conf", nginxArgs}
	nginxEveryday = hostKind{"nginx, with the everyday try_files", noNginx, []string{"/usr/sbin/nginx", "nginx"}, "nginx-everyday.conf", nginxArgs}
	apache        = hostKind{"Apache httpd, as Debian ships it", noApache, []string{"/usr/sbin/apache2"}, "apache2.conf",
		func(conf string) []string { return []string{"-f", conf, "-DFOREGROUND"} }}
	caddy = hostKind{"Caddy's file_server", noCaddy, []string{"/usr/bin/caddy", "caddy"}, "Caddyfile",
		func(conf string) []string { return []string{"run", "--config", conf, "--adapter", "caddyfile"} }}
)

// host is a running host serving a folder on a loopback port.
type host struct {
	addr string
	temp string // its configuration and logs
	cmd  *exec.Cmd
	done chan error
}

func (h *host) url(path string) string { return "http://" + h.addr + path }

// stop ends the host, its workers with it, and waits for it.
func (h *host) stop() {
	if h.done == nil {
		return
	}
	h.cmd.Process.Signal(syscall.SIGTERM) // SIGKILL would leave workers serving
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		h.cmd.Process.Kill()
		<-h.done
	}
	h.done = nil
}

// requests returns the paths of every request the host has logged so far
// (nginx and Apache: `... "GET /path HTTP/1.1" 200 ...`).
func (h *host) requests(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(h.temp, "access.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var paths []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		_, request, ok := strings.Cut(sc.Text(), `"`)
		if !ok {
			continue
		}
		if fields := strings.Fields(request); len(fields) >= 2 {
			paths = append(paths, fields[1])
		}
	}
	return paths
}

// startHost serves root with a host of kind k on a free loopback port until
// the test ends.
func startHost(t *testing.T, k hostKind, root string) *host {
	t.Helper()
	bin := findTool(t, k.missing, k.paths...)
	h := &host{temp: t.TempDir(), done: make(chan error, 1)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	h.addr = fmt.Sprintf("127.0.0.1:%d", port)
	conf := writeHostConf(t, k.conf, h.temp, root, port)
	// Apache's workers run as www-data: the site must be readable by all.
	readableByAll(t, root)
	h.cmd = exec.Command(bin, k.args(conf)...)
	h.cmd.Dir = h.temp
	h.cmd.Env = append(os.Environ(), "HOME="+h.temp, "XDG_CONFIG_HOME="+h.temp, "XDG_DATA_HOME="+h.temp)
	h.cmd.Stdout, h.cmd.Stderr = os.Stderr, os.Stderr
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { h.done <- h.cmd.Wait() }()
	t.Cleanup(h.stop)
	deadline := time.Now().Add(15 * time.Second)
	for {
		if c, err := net.Dial("tcp", h.addr); err == nil {
			c.Close()
			return h
		}
		select {
		case err := <-h.done:
			h.done = nil
			log, _ := os.ReadFile(filepath.Join(h.temp, "error.log"))
			t.Fatalf("%s exited: %v\n%s", k.name, err, log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not start listening", k.name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// writeHostConf fills in a configuration template from ../testdata.
func writeHostConf(t *testing.T, name, temp, root string, port int) string {
	t.Helper()
	fields := struct {
		Brotli, User, Temp, Root string
		Port                     int
	}{Temp: temp, Root: root, Port: port}
	if _, err := os.Stat("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"); err == nil {
		fields.Brotli = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
	}
	if os.Geteuid() == 0 {
		// nginx's workers would run as nobody, who cannot read the test's
		// folders.
		fields.User = "root"
	}
	tmpl, err := template.ParseFiles(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(temp, name)
	f, err := os.Create(conf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := tmpl.Execute(f, fields); err != nil {
		t.Fatal(err)
	}
	return conf
}

// readableByAll opens dir and the folders above it, up to the temporary
// folder, to every user: tests' folders are private to their owner.
func readableByAll(t *testing.T, dir string) {
	t.Helper()
	for d := dir; strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostsInTheirDefaults serves the export under a sub-path from each
// host, in its defaults, through a proxy that counts the bytes a reader's
// browser receives, and reads it in Chromium: every page answers (directly
// or after one redirect), the first visit (the worker's precache included)
// costs at most 2.4 MB, the essay installs, and every page reads offline,
// with and without a query string, once the proxy is gone.
func TestHostsInTheirDefaults(t *testing.T) {
	rows := []string{"| host | pages answered | first visit | installability errors | offline pages |", "| --- | --- | --- | --- | --- |"}
	for _, k := range []hostKind{nginxTuned, nginxEveryday, apache, caddy} {
		t.Run(k.name, func(t *testing.T) {
			rows = append(rows, checkHost(t, k))
		})
	}
	t.Logf("the hosts (docs/hosting.md):\n%s", strings.Join(rows, "\n"))
}

// firstVisitBudget is the most a first visit may cost, on any host (issue
// 19: 2.0 MB; 1 985 546 bytes through Caddy on 2026-12-05).
const firstVisitBudget = 2_000_000

// checkHost runs TestHostsInTheirDefaults on one host and returns its row.
func checkHost(t *testing.T, k hostKind) string {
	root, s := exportUnder(t, staticBase)
	h := startHost(t, k, root)
	front := serveSite(t, "127.0.0.1:0", proxyTo(h), false)
	prefix := strings.TrimRight(staticBase, "/")
	direct, redirected := pagesAnswer(t, front, prefix)

	b := newBrowser(t)
	before := front.bytes()
	b.navigate(t, front.url(staticBase))
	b.waitApp(t, 60*time.Second)
	// The page's head fetched what static/wasm-choice.js chooses: a twin
	// this browser can decompress (Chromium 156: gzip's, not brotli's), or
	// the wasm itself where the host sends it with brotli; the worker
	// decompressed and compiled it.
	fetchedByHead(t, b, wasmPath+"(.br|.gz)?", false)
	if !eval[bool](t, b, `performance.getEntriesByName("essay:compiled").length === 1`) {
		t.Error("the worker did not compile the wasm")
	}
	waitOffline(t, b, s.version)
	b.settle(t, 500*time.Millisecond)
	bytes := front.bytes() - before
	if bytes > firstVisitBudget {
		t.Errorf("a first visit cost %d bytes, over %d: %s", bytes, firstVisitBudget, front.heaviest(4))
	}
	installable := installabilityErrors(t, b)
	if len(installable) != 0 {
		t.Errorf("installability errors: %v", installable)
	}
	showsPageUnderOtherForms(t, b, front.url(prefix))
	front.stop()
	read, pages := readEveryPageOffline(t, b, func(p string) string { return front.url(prefix + p) })
	for _, m := range b.consoleErrors() {
		if strings.Contains(m, "redirect") {
			t.Errorf("a redirected response: %s", m)
		}
	}
	return fmt.Sprintf("| %s | %d directly, %d after one redirect | %s bytes | %d | %d of %d |",
		k.name, direct, redirected, thousands(int(bytes)), len(installable), read, pages)
}

// showsPageUnderOtherForms opens a page under the other addresses hosts
// serve it under: the app shows that page, at its own address.
func showsPageUnderOtherForms(t *testing.T, b *browser, base string) {
	t.Helper()
	e := essay.Content()
	pace := e.Sections[e.Index("pace")]
	for _, form := range []string{"/pace/", "/pace/index.html", "//pace", "/pace/?w=pace3#%zz"} {
		b.navigate(t, base+form)
		b.waitApp(t, 30*time.Second)
		if got := eval[string](t, b, `document.querySelector("h1").innerText`); got != pace.Title {
			t.Errorf("%s: h1 %q, want %q", form, got, pace.Title)
		}
		if got, want := eval[string](t, b, `location.href`), base+"/pace"; !strings.HasPrefix(got, want) || strings.HasPrefix(got, want+"/") {
			t.Errorf("%s: the address is %s, want the page's own, %s", form, got, want)
		}
	}
}

// pagesAnswer asks for every page of the export: each must answer 200,
// directly or after one redirect.
func pagesAnswer(t *testing.T, front *site, prefix string) (direct, redirected int) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	e := essay.Content()
	for _, p := range pagePaths(e) {
		res, err := client.Get(front.url(prefix + p))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			direct++
			continue
		}
		loc := res.Header.Get("Location")
		if res.StatusCode/100 != 3 || loc == "" {
			t.Errorf("%s: status %d", prefix+p, res.StatusCode)
			continue
		}
		next, err := res.Request.URL.Parse(loc)
		if err != nil {
			t.Fatal(err)
		}
		if res, err = client.Get(next.String()); err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("%s: redirected to %s, which does not answer 200", prefix+p, loc)
			continue
		}
		res.Body.Close()
		redirected++
	}
	return direct, redirected
}

// proxyTo is a reverse proxy to h that passes everything on as it comes,
// the host's compression (or none) included, and points the host's
// redirects back at itself.
func proxyTo(h *host) http.Handler {
	target, _ := url.Parse(h.url("/"))
	p := httputil.NewSingleHostReverseProxy(target)
	p.Transport = &http.Transport{DisableCompression: true}
	p.ModifyResponse = func(r *http.Response) error {
		if loc := r.Header.Get("Location"); strings.HasPrefix(loc, h.url("")) {
			r.Header.Set("Location", strings.TrimPrefix(loc, h.url("")))
		}
		return nil
	}
	return p
}
