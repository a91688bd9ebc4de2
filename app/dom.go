package app

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Small helpers over the browser's document and window, each guarded:
// a JavaScript exception becomes an error, never a crash of the app.

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

// windowProperty reads a property of window that may throw (localStorage
// and sessionStorage do, in private modes and sandboxed frames). A plain
// Get cannot be recovered from: Go's syscall/js catches exceptions only in
// calls, so the property is read with Reflect.get.
func windowProperty(name string) (v app.Value, ok bool) {
	err := catch(func() { v = app.Window().Get("Reflect").Call("get", app.Window(), name) })
	return v, err == nil && v.Truthy()
}

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

// focusTarget moves focus to the element a same-page link points at, as the
// browser does for such links without the app: go-app handles the click
// itself, scrolling but leaving focus behind. A link to another page is
// left to go-app, which shows that page from its top.
func focusTarget(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		link, loc := e.Get("currentTarget"), app.Window().Get("location")
		if link.Truthy() && link.Get("pathname").Truthy() && link.Get("pathname").String() != loc.Get("pathname").String() {
			return
		}
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	}
}

// focusLater moves the keyboard focus to the element with id once the
// page has been rendered. ctx must be one whose element the render keeps,
// such as the page's own: go-app drops work deferred from an element that
// the render removes (the last item's Remove button, Keep mine).
func focusLater(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

// restoreScroll puts the reader back where they were before the reload that
// brought a new version (see notices.reload).
func restoreScroll() {
	s, ok := windowProperty("sessionStorage")
	if !ok {
		return
	}
	var y app.Value
	if catch(func() { y = s.Call("getItem", scrollKey); s.Call("removeItem", scrollKey) }) != nil || !y.Truthy() {
		return
	}
	if n, err := strconv.Atoi(y.String()); err == nil && n > 0 {
		app.Window().Call("scrollTo", map[string]any{"top": n, "behavior": "instant"})
	}
}

// guardAddress keeps the page's address one go-app can read (see
// address.go): now, before go-app reads it, and on every change of the
// address that does not load a page (a fragment, back and forward). Its
// listeners run before go-app's, which are set later, and go-app reads the
// address only after them.
func guardAddress(prefix string, isPage func(string) bool) {
	clean := func() {
		_ = catch(func() {
			href := app.Window().Get("location").Get("href").String()
			if c := cleanAddress(href, prefix, isPage); c != href {
				history := app.Window().Get("history")
				history.Call("replaceState", history.Get("state"), "", c)
			}
		})
	}
	clean()
	onChange := app.FuncOf(func(app.Value, []app.Value) any { clean(); return nil })
	app.Window().Call("addEventListener", "popstate", onChange)
	app.Window().Call("addEventListener", "hashchange", onChange)
}

// onStorage calls f with the key and new value of every item another tab
// of this site saves in localStorage ("" for one removed).
func onStorage(f func(key, value string)) {
	listener := app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		_ = catch(func() {
			e := args[0]
			if key := e.Get("key"); key.Truthy() {
				value := ""
				if v := e.Get("newValue"); v.Truthy() {
					value = v.String()
				}
				f(key.String(), value)
			}
		})
		return nil
	})
	app.Window().Call("addEventListener", "storage", listener)
}

// fieldMax is the maxlength of a text field for max characters. The
// decision counts characters (code points), maxlength UTF-16 units, two
// for an emoji: at max it let a reader type only 40 emoji of 80, and
// silently dropped keys in a name the decision could hold. The field gets
// room for max of any kind, and typed cuts it to max.
func fieldMax(max int) int { return 2 * max }

// typed reads the text field whose input fired, cut in place to max
// characters, as the decision keeps it.
func typed(ctx app.Context, max int) string {
	v := ctx.JSSrc().Get("value").String()
	if utf8.RuneCountInString(v) > max {
		v = string([]rune(v)[:max])
		ctx.JSSrc().Set("value", v)
	}
	return v
}

// Mark names a moment of the app's start on the page's performance
// timeline (performance.mark), where make bench and a profiler find it.
// On the server it does nothing.
func Mark(name string) {
	if app.IsServer {
		return
	}
	app.Window().Get("performance").Call("mark", name)
}

// Yield lets the browser run (paint, take the reader's input) before the
// app goes on, in a task of its own: the app's start is otherwise one long
// task. On the server it does nothing.
func Yield() {
	if app.IsServer {
		return
	}
	done := make(chan struct{})
	var resume app.Func
	resume = app.FuncOf(func(app.Value, []app.Value) any {
		resume.Release()
		close(done)
		return nil
	})
	app.Window().Call("setTimeout", resume, 0)
	<-done
}
