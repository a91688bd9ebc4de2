//go:build !wasm

package web

import (
	"net"
	"net/http"
	"slices"
	"sync"
	"syscall"
	"time"
)

// Keeping the open connections within the process's file descriptors: a
// flood of idle connections (about 20,000 were enough) exhausted them, and
// new readers waited until the flood closed.

// connBudget raises the limit on open files to the hard limit and returns
// how many connections may be open, keeping a margin for everything else.
func connBudget() int {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return 1000
	}
	if rl.Cur < rl.Max {
		rl.Cur = rl.Max
		_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
		_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl)
	}
	limit := int(min(rl.Cur, 1<<20))
	return limit - max(256, limit/20)
}

// connLimit tracks the open connections, and closes the longest idle ones
// (keep-alive connections between requests, and new ones that have sent
// nothing) once more than max are open, down to nine tenths of max, so that
// a new reader always finds a descriptor.
type connLimit struct {
	max int

	mu      sync.Mutex
	open    map[net.Conn]bool
	idle    map[net.Conn]time.Time // since when
	closing map[net.Conn]bool      // closed here, not yet gone
}

func newConnLimit(max int) *connLimit {
	return &connLimit{max: max, open: map[net.Conn]bool{}, idle: map[net.Conn]time.Time{}, closing: map[net.Conn]bool{}}
}

// track is the server's ConnState hook.
func (c *connLimit) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch state {
	case http.StateNew:
		c.open[conn] = true
		c.idle[conn] = time.Now()
		if len(c.open)-len(c.closing) > c.max {
			c.shed()
		}
	case http.StateIdle:
		c.idle[conn] = time.Now()
	case http.StateActive:
		delete(c.idle, conn)
	case http.StateClosed, http.StateHijacked:
		delete(c.open, conn)
		delete(c.idle, conn)
		delete(c.closing, conn)
	}
}

// shed closes the longest idle connections until nine tenths of max are
// open, or none is idle. The closed ones are counted as gone at once, and
// leave the maps when their state becomes StateClosed.
func (c *connLimit) shed() {
	idle := make([]net.Conn, 0, len(c.idle))
	for conn := range c.idle {
		idle = append(idle, conn)
	}
	slices.SortFunc(idle, func(a, b net.Conn) int { return c.idle[a].Compare(c.idle[b]) })
	excess := len(c.open) - len(c.closing) - c.max*9/10
	for _, conn := range idle[:max(0, min(excess, len(idle)))] {
		conn.Close()
		delete(c.idle, conn)
		c.closing[conn] = true
	}
}
