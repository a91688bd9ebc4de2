package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Where the reader's weights live: in the page's URL (?w=…, so that a link
// reproduces them anywhere), in localStorage (so that a return visit
// resumes them) and in the page's memory (so that nothing is lost when
// neither works). The URL wins when it has weights.

// weightsKey is the localStorage key of the reader's weights.
const weightsKey = "leaving-amazon:weights"

// urlDelay is how long the address bar waits after the last slider move:
// one replaceState per pause, not per step (Safari refuses more than 100
// in 30 seconds).
const urlDelay = 400 * time.Millisecond

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
		return nil // none, or web/page.js's in-memory stand-in
	}
	return &store{ls: ls}
}

// windowProperty reads a property of window that may throw (localStorage
// and sessionStorage do, in private modes and sandboxed frames). A plain
// Get cannot be recovered from: Go's syscall/js catches exceptions only in
// calls, so the property is read with Reflect.get.
func windowProperty(name string) (v app.Value, ok bool) {
	err := catch(func() { v = app.Window().Get("Reflect").Call("get", app.Window(), name) })
	return v, err == nil && v.Truthy()
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

var errNoStorage = fmt.Errorf("no storage")

// catch runs f and turns a JavaScript exception (a Go panic in syscall/js)
// into an error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}

// loadWeights returns the reader's weights: the author's, then storage's,
// then the link's, then any slider the reader moved before the app took
// over. It reports problems for a notice; none of them loses what was
// readable.
func loadWeights(m essay.Model, s *store) (essay.Weights, []string) {
	w := m.AuthorWeights()
	var problems []string
	saved, err := s.load()
	switch {
	case err != nil:
		problems = append(problems, "storage")
	case saved != "":
		var p []string
		if w, p = essay.ParseWeights(m, saved, w); len(p) > 0 {
			problems = append(problems, "saved weights: "+p[0])
		}
	}
	if q, ok := urlWeights(); ok {
		var p []string
		if w, p = essay.ParseWeights(m, q, w); len(p) > 0 {
			problems = append(problems, p...)
		}
	}
	return movedSliders(m, w), problems
}

// urlWeights returns the w parameter of the page's URL.
func urlWeights() (string, bool) { return urlParam("w") }

// urlParam returns a parameter of the page's URL.
func urlParam(name string) (string, bool) {
	var search string
	if err := catch(func() { search = app.Window().Get("location").Get("search").String() }); err != nil {
		return "", false
	}
	params := app.Window().Get("URLSearchParams").New(search)
	if !params.Call("has", name).Bool() {
		return "", false
	}
	return params.Call("get", name).String(), true
}

// movedSliders reads the prerendered sliders before the app replaces them:
// a reader may have moved one while the app was loading, and that move is
// the newest word on the weights.
func movedSliders(m essay.Model, w essay.Weights) essay.Weights {
	inputs := app.Window().Get("document").Call("querySelectorAll", "input[data-factor]")
	for i := 0; i < inputs.Length(); i++ {
		in := inputs.Index(i)
		if in.Get("value").String() == in.Get("defaultValue").String() {
			continue
		}
		f := m.Factor(in.Get("dataset").Get("factor").String())
		v, err := strconv.Atoi(in.Get("value").String())
		if f >= 0 && err == nil {
			w[f] = min(max(v, 0), essay.MaxWeight)
		}
	}
	return w
}

// noticeFor says, in one sentence, what was wrong with the weights read.
func noticeFor(problems []string) string {
	if len(problems) == 0 {
		return ""
	}
	if problems[0] == "storage" {
		return "This browser does not let the essay save your weights: they stay in this page and its link."
	}
	if strings.HasPrefix(problems[0], "saved weights") {
		return "Some saved weights could not be read and were left out."
	}
	return "Some of the weights in this link could not be read (" + problems[0] + "); the rest are used."
}

// replaceWeightsInURL puts the weights in the address bar without a new
// history entry. A browser may refuse (Safari, past 100 calls in 30 s):
// the weights are still in the page and in storage, so that is ignored.
func replaceWeightsInURL(query string) {
	replaceURLParam("w", strings.TrimPrefix(query, "?w="))
}

// replaceURLParam sets a parameter of the address (deletes it when value
// is ""), without a new history entry.
func replaceURLParam(name, value string) {
	_ = catch(func() {
		loc := app.Window().Get("location")
		u := app.Window().Get("URL").New(loc.Get("href").String())
		params := u.Get("searchParams")
		if value == "" {
			params.Call("delete", name)
		} else {
			params.Call("set", name, value)
		}
		app.Window().Get("history").Call("replaceState", app.Window().Get("history").Get("state"), "", u.Call("toString").String())
	})
}
