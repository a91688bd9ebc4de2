package app

// Workarounds for go-app v10.1.11 in the components. Each has a check in
// goapp_test.go that fails when go-app changes, so that a workaround is
// dropped, or revisited, as soon as it is no longer needed. The server's
// are in web/goapp.go, which lists every workaround.

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// disabledIf disables el when disabled is true, and otherwise leaves it
// alone: go-app writes Disabled(false) as disabled="false", which HTML
// reads as disabled.
func disabledIf[T interface{ Disabled(bool) T }](el T, disabled bool) T {
	if disabled {
		return el.Disabled(true)
	}
	return el
}

// syncValues shows in each text field, by id, the value it must have:
// go-app drops an empty value attribute (its attributes.Set switches on the
// value, not on the attribute's name), so a field whose value becomes ""
// by a change made elsewhere (a fresh start, a removed or moved option or
// factor, another tab's decision) would keep its old text. Only fields
// that differ are set, so the caret of the one being typed in stays put.
// With butTyped, the field that has the focus is left alone: after a
// change joined from another tab, the keys typed there since are newer
// than the joined decision.
func syncValues(values map[string]string, butTyped bool) {
	_ = catch(func() {
		doc := app.Window().Get("document")
		active := doc.Get("activeElement")
		for id, v := range values {
			if el := doc.Call("getElementById", id); el.Truthy() && !(butTyped && el.Equal(active)) && el.Get("value").String() != v {
				el.Set("value", v)
			}
		}
	})
}

// slot holds the place of an element that comes and goes (nil for none)
// among its siblings: go-app pairs old and new children by position, so
// when an element appears or goes before others, each later sibling whose
// type differs from the one now at its place is replaced, not updated. A
// text field being typed in is then replaced: it loses the focus and the
// keys that follow. An empty div holds the place instead.
func slot(ui app.UI) app.UI { return app.Div().Class("slot").Body(ui) }
