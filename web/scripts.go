//go:build !wasm

package web

import (
	"bytes"
	"fmt"

	"github.com/tdewolff/minify/v2/js"
)

// minifyScript returns one of the site's own scripts without its comments
// and spaces: the sources explain themselves at length, and a reader on a
// slow line, or a host page with an embed, should not pay for that.
// web/static/weigh.js must stay under 3 KB with brotli
// (TestScriptBudgets).
func minifyScript(name string, src []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := js.Minify(nil, &out, bytes.NewReader(src), nil); err != nil {
		return nil, fmt.Errorf("web/static/%s: %w", name, err)
	}
	return out.Bytes(), nil
}
