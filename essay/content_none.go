//go:build essaygen

package essay

// generated is nil while gen.go runs (go run -tags essaygen gen.go), so
// that gen.go builds without content_gen.go, which it writes: an essay
// whose generated file is missing or broken can still be regenerated.
var generated *Essay
