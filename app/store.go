package app

import (
	"fmt"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// store is localStorage, or nothing when the browser refuses it (private
// mode, a quota, a getter that throws: go-app's own wrapper does not
// recover from that).
type store struct {
	ls app.Value
}

// openStore returns the page's storage; a nil store when there is none.
func openStore() *store {
	ls, ok := windowProperty("localStorage")
	if !ok || ls.Get("essayMemoryOnly").Truthy() {
		return nil // none, or web/static/page.js's in-memory stand-in
	}
	return &store{ls: ls}
}

// load returns the saved weights text, "" if none.
func (s *store) load() (string, error) { return s.get(weightsKey) }

// get returns the item saved under key, "" if none.
func (s *store) get(key string) (string, error) {
	if s == nil {
		return "", errNoStorage
	}
	var v app.Value
	err := catch(func() { v = s.ls.Call("getItem", key) })
	if err != nil || !v.Truthy() {
		return "", err
	}
	return v.String(), nil
}

// set saves value under key.
func (s *store) set(key, value string) error {
	if s == nil {
		return errNoStorage
	}
	return catch(func() { s.ls.Call("setItem", key, value) })
}

// save keeps the weights; it returns a notice for the reader when it
// cannot, and "" when it did (or had already said it cannot).
func (s *store) save(m essay.Model, w essay.Weights) string {
	if s == nil {
		return ""
	}
	err := catch(func() { s.ls.Call("setItem", weightsKey, essay.FormatWeights(m, w)) })
	if err != nil {
		return "Your weights could not be saved in this browser; they stay in this page and its link."
	}
	return ""
}

// errNoStorage is what a nil store answers: the browser gave none.
var errNoStorage = fmt.Errorf("no storage")
