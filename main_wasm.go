//go:build wasm

package main

import (
	"leaving-amazon/app"
	"leaving-amazon/essay"
)

// main runs the app in the browser; it never returns.
func main() { app.Run(essay.Content()) }
