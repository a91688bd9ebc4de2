//go:build wasm

package main

import "leaving-amazon/essay"

// serve is server-only; in the browser RunWhenOnBrowser never returns.
func serve(*essay.Essay) {}
