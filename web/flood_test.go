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
