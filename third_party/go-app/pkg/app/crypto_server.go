//go:build !wasm

package app

import "crypto/rand"

// randomBytes fills b from the operating system's secure source.
func randomBytes(b []byte) error {
	_, err := rand.Read(b)
	return err
}
