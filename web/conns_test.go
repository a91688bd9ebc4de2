//go:build !wasm

package web

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
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
