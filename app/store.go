package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// store is localStorage, or nothing when the browser refuses it (private
// mode, a quota, a getter that throws: go-app's own wrapper does not
// recover from that). It remembers what this tab last read or wrote under
// each key, so that a write never silently replaces what another tab
// saved since (put).
type store struct {
	ls   app.Value
	seen map[string]string
}

// openStore returns the page's storage; a nil store when there is none.
func openStore() *store {
	ls, ok := windowProperty("localStorage")
	if !ok || ls.Get("essayMemoryOnly").Truthy() {
		return nil // none, or web/static/page.js's in-memory stand-in
	}
	return &store{ls: ls, seen: map[string]string{}}
}

// errStale says that another tab saved under a key since this tab last
// read or wrote it.
var errStale = errors.New("changed in another tab")

// get returns the item saved under key, "" if none, and remembers it as
// seen.
func (s *store) get(key string) (string, error) {
	v, err := s.read(key)
	if err == nil {
		s.seen[key] = v
	}
	return v, err
}

// read returns the item saved under key, "" if none.
func (s *store) read(key string) (string, error) {
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

// set saves value under key, whatever is there: the reader chose it.
func (s *store) set(key, value string) error {
	if s == nil {
		return errNoStorage
	}
	err := catch(func() { s.ls.Call("setItem", key, value) })
	if err == nil {
		s.seen[key] = value
	}
	return err
}

// put saves value under key unless another tab saved there since this
// tab last read or wrote it: then it writes nothing, returns the newer
// value and errStale, and remembers the newer value as seen.
func (s *store) put(key, value string) (newer string, err error) {
	current, err := s.read(key)
	if err != nil {
		return "", err
	}
	if current != s.seen[key] {
		s.seen[key] = current
		return current, errStale
	}
	return "", s.set(key, value)
}

// saw remembers value as what this tab shows of key (from another tab).
func (s *store) saw(key, value string) {
	if s != nil {
		s.seen[key] = value
	}
}

// setAside keeps value under key plus the date and time, never in place of
// another; past keep of them, the oldest goes. A value already kept is
// not kept again: each page read finds it until the reader saves, and
// copies of it would push older ones out.
func (s *store) setAside(key, value string, keep int) (string, error) {
	if s == nil {
		return "", errNoStorage
	}
	var kept []string
	already := ""
	_ = catch(func() {
		for i := 0; i < s.ls.Get("length").Int(); i++ {
			if k := s.ls.Call("key", i).String(); strings.HasPrefix(k, key+":") {
				kept = append(kept, k)
				if already == "" && s.ls.Call("getItem", k).String() == value {
					already = k
				}
			}
		}
	})
	if already != "" {
		return already, nil
	}
	slices.Sort(kept)
	for _, old := range kept[:max(0, len(kept)-keep+1)] {
		_ = catch(func() { s.ls.Call("removeItem", old) })
	}
	name := key + ":" + time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	return name, s.set(name, value)
}

// errNoStorage is what a nil store answers: the browser gave none.
var errNoStorage = fmt.Errorf("no storage")
