package app

// Workarounds for go-app v10.1.11 in the components. Each has a check in
// goapp_test.go that fails when go-app changes, so that a workaround is
// dropped, or revisited, as soon as it is no longer needed. The server's
// are in web/goapp.go, which lists every workaround.

// disabledIf disables el when disabled is true, and otherwise leaves it
// alone: go-app writes Disabled(false) as disabled="false", which HTML
// reads as disabled.
func disabledIf[T interface{ Disabled(bool) T }](el T, disabled bool) T {
	if disabled {
		return el.Disabled(true)
	}
	return el
}
