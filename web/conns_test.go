//go:build !wasm

package web

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// smallBuffers is a listener whose connections have small send buffers, as
// a slow line's would be full: the server's writes wait on the reader.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

// slowServer serves the site with a one-second stall limit.
func slowServer(t *testing.T) (addr string, stall time.Duration) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stall = time.Second
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		serve(ctx, smallBuffers{ln}, newTestServer(t), limits{header: 2 * time.Second, stall: stall, idle: 2 * time.Second})
	}()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String(), stall
}

// getSlowly asks for the brotli wasm and reads it 4 KB at a time, waiting
// pause between reads, and stopping for stop after the first 64 KB; it
// returns how many body bytes arrived, of how many.
func getSlowly(t *testing.T, addr string, pause, stop time.Duration) (got, want int) {
	t.Helper()
	d := net.Dialer{Control: nil}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(16 << 10)
	fmt.Fprint(c, "GET /web/app.wasm HTTP/1.1\r\nHost: essay\r\nAccept-Encoding: br\r\n\r\n")
	r := bufio.NewReaderSize(c, 4096)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ = strconv.Atoi(res.Header.Get("Content-Length"))
	buf := make([]byte, 4096)
	stopped := false
	for {
		n, err := res.Body.Read(buf)
		got += n
		if err == io.EOF || err != nil {
			return got, want
		}
		if !stopped && stop > 0 && got >= 64<<10 {
			stopped = true
			time.Sleep(stop)
		}
		time.Sleep(pause)
	}
}

// TestSlowReader: a reader on a slow line, reading steadily for many times
// the stall limit, gets the whole wasm; one that stops reading is dropped.
func TestSlowReader(t *testing.T) {
	addr, stall := slowServer(t)
	start := time.Now()
	got, want := getSlowly(t, addr, 2*time.Millisecond, 0)
	took := time.Since(start)
	if want == 0 || got != want {
		t.Errorf("a steady slow reader got %d of %d bytes", got, want)
	}
	if took < 3*stall {
		t.Errorf("the download took %v, under three times the %v limit: the test proves nothing", took, stall)
	}
	t.Logf("%d bytes in %v, %.0f times the stall limit", got, took.Round(time.Millisecond), float64(took)/float64(stall))
	if got, want := getSlowly(t, addr, 0, 4*stall); got >= want {
		t.Errorf("a reader that stopped for %v got the whole body", 4*stall)
	}
}

// TestConnLimitSheds: past its budget, the longest idle connections are
// closed, and those at work never are.
func TestConnLimitSheds(t *testing.T) {
	c := newConnLimit(10)
	var conns []*fakeConn
	for i := range 12 {
		fc := &fakeConn{name: strconv.Itoa(i)}
		conns = append(conns, fc)
		c.track(fc, http.StateNew)
		if i%2 == 0 {
			c.track(fc, http.StateActive) // at work: never shed
		}
		time.Sleep(time.Millisecond)
	}
	var closed []string
	for _, fc := range conns {
		if fc.closed {
			closed = append(closed, fc.name)
		}
	}
	// 11 open > 10: shed down to 9 (the idle 1 and 3); 12th: 10 open, not
	// over.
	if fmt.Sprint(closed) != "[1 3]" {
		t.Errorf("closed %v, want the two longest idle, [1 3]", closed)
	}
}

type fakeConn struct {
	net.Conn
	name   string
	closed bool
}

func (f *fakeConn) Close() error { f.closed = true; return nil }

// The flood: idle keep-alive connections by the thousand, held by helper
// processes (each may open only so many files), while readers keep
// reading. Run by make bench.

// TestMain runs this test binary as a flood helper when the benchmark
// starts it so; otherwise, the tests.
func TestMain(m *testing.M) {
	if addr := os.Getenv("ESSAY_FLOOD_ADDR"); addr != "" {
		n, _ := strconv.Atoi(os.Getenv("ESSAY_FLOOD_CONNS"))
		d, _ := time.ParseDuration(os.Getenv("ESSAY_FLOOD_FOR"))
		flood(addr, n, d)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// flood holds n idle keep-alive connections to addr for d: each asks for
// a page once, then sits idle; a connection the server closes is opened
// again. It prints how many it holds, every half second.
func flood(addr string, n int, d time.Duration) {
	var held, reopened atomic.Int64
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				c, err := net.DialTimeout("tcp", addr, 5*time.Second)
				if err != nil {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				c.SetDeadline(stop)
				fmt.Fprint(c, "GET /pace HTTP/1.1\r\nHost: essay\r\nAccept-Encoding: br\r\n\r\n")
				if res, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
					io.Copy(io.Discard, res.Body)
					held.Add(1)
					io.Copy(io.Discard, c) // idle until the server closes it
					held.Add(-1)
					reopened.Add(1)
				}
				c.Close()
			}
		}()
	}
	for time.Now().Before(stop) {
		fmt.Printf("held %d reopened %d\n", held.Load(), reopened.Load())
		time.Sleep(500 * time.Millisecond)
	}
	wg.Wait()
}

// BenchmarkFlood: 20,000 idle connections, from two helper processes,
// while 50 readers keep reading a page for 20 seconds from the real server
// (Serve's settings, on loopback). It reports the readers' errors and
// latency, the connections the flood held, and the peak memory of this
// process, which runs the server and the readers.
func BenchmarkFlood(b *testing.B) {
	const (
		helpers  = 2
		each     = 10_000
		readers  = 50
		duration = 20 * time.Second
	)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); Serve(ctx, ln, newTestServer(b)) }()
	defer func() { cancel(); <-done }()
	addr := ln.Addr().String()

	held := make([]atomic.Int64, helpers)
	var floods []*exec.Cmd
	for i := range helpers {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		cmd.Env = append(os.Environ(), "ESSAY_FLOOD_ADDR="+addr, "ESSAY_FLOOD_CONNS="+strconv.Itoa(each), "ESSAY_FLOOD_FOR=60s")
		out, err := cmd.StdoutPipe()
		if err != nil {
			b.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		floods = append(floods, cmd)
		go watchFlood(out, &held[i])
	}
	defer func() {
		for _, f := range floods {
			f.Process.Kill()
			f.Wait()
		}
	}()
	total := func() int64 {
		var n int64
		for i := range held {
			n += held[i].Load()
		}
		return n
	}
	for deadline := time.Now().Add(40 * time.Second); total() < helpers*each*9/10 && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
	}
	atStart := total()
	b.ResetTimer()
	latencies, failures := readLoad("http://"+addr+"/pace", readers, duration)
	b.StopTimer()
	atEnd := total()
	peak := peakMemory()
	b.ReportMetric(float64(failures), "errors")
	b.ReportMetric(percentile(latencies, 99), "p99-ms")
	b.ReportMetric(float64(atStart), "idle-conns")
	b.ReportMetric(float64(peak)/1e6, "peak-MB")
	b.ReportMetric(0, "ns/op")
	fmt.Printf("\nFlood: %d idle keep-alive connections asked for, %d held when the readers started, %d at the end; %d readers for %v, GET /pace (brotli):\n\n",
		helpers*each, atStart, atEnd, readers, duration)
	fmt.Printf("| Measure | Value |\n|---|---|\n| Requests | %d (%.0f/s) |\n| Errors | %d |\n| p50 latency | %.1f ms |\n| p99 latency | %.1f ms |\n| Peak memory (server and readers) | %.0f MB |\n",
		len(latencies), float64(len(latencies))/duration.Seconds(), failures, percentile(latencies, 50), percentile(latencies, 99), float64(peak)/1e6)
}

// watchFlood keeps the count a helper last printed.
func watchFlood(out io.Reader, held *atomic.Int64) {
	re := regexp.MustCompile(`^held (\d+)`)
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			held.Store(n)
		}
	}
}

// peakMemory is this process's peak resident memory, in bytes.
func peakMemory() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
