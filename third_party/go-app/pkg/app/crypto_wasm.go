//go:build wasm

package app

import (
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/errors"
)

// randomBytes fills b from the browser's secure source, Web Crypto's
// getRandomValues. Go's crypto/rand would do the same, but it links
// math/big (for rand.Int and rand.Prime) into every browser build.
func randomBytes(b []byte) error {
	if len(b) > 65536 {
		return errors.New("getRandomValues takes at most 65536 bytes")
	}
	buf := js.Global().Get("Uint8Array").New(len(b))
	js.Global().Get("crypto").Call("getRandomValues", buf)
	if n := js.CopyBytesToGo(b, buf); n != len(b) {
		return errors.New("copying random bytes failed")
	}
	return nil
}
