package app

import (
	"fmt"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

type store struct {
	ls app.Value
}

func openStore() *store {
	ls, ok := windowProperty("localStorage")
	if !ok || ls.Get("essayMemoryOnly").Truthy() {
		return nil // none, or web/page.js's in-memory stand-in
	}
	return &store{ls: ls}
}

func (s *store) load() (string, error) { return s.get(weightsKey) }

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

func (s *store) set(key, value string) error {
	if s == nil {
		return errNoStorage
	}
	return catch(func() { s.ls.Call("setItem", key, value) })
}

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

var errNoStorage = fmt.Errorf("no storage")
