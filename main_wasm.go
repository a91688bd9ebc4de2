//go:build wasm

package main

import (
	"leaving-amazon/app"
	"leaving-amazon/essay"
)

// main runs the app in the browser; it never returns. The Go runtime's
// start, the essay's decoding and the takeover each get a task of their
// own (app.Yield), so that none holds the page for long.
// The marks (essay:…) are the start's phases, for make bench.
func main() {
	app.Mark("essay:runtime-started")
	app.Yield()
	e := essay.Content()
	app.Mark("essay:decoded")
	app.Yield()
	app.Run(e)
}
