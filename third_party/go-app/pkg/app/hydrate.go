package app

import (
	"reflect"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/errors"
)

// DOM node types.
const (
	elementNode = 1
	textNode    = 3
	commentNode = 8
)

// Hydrate mounts v onto node, a DOM node the server prerendered from the
// same UI, adopting the nodes that match instead of creating new ones: the
// page the reader already sees stays, with its focus, selection and scroll,
// and the browser paints no new content. A node that does not match is
// replaced by a newly mounted one, as Mount would have made it.
func (m nodeManager) Hydrate(ctx Context, depth uint, v UI, node Value) (UI, error) {
	ctx = m.context(ctx, v)
	if v.Mounted() {
		return nil, errors.New("element is already mounted").WithTag("type", reflect.TypeOf(v))
	}

	switch v := v.(type) {
	case *text:
		if node.Get("nodeType").Int() != textNode {
			break
		}
		if node.Get("data").String() != v.value {
			node.Set("data", v.value)
		}
		v.jsvalue = node
		return v, nil

	case HTML:
		if !sameElement(node, v) {
			break
		}
		return m.hydrateHTML(ctx, depth, v, node)

	case Composer:
		return m.hydrateComponent(ctx, depth, v, node)

	case *raw:
		if node.Get("nodeType").Int() != elementNode || node.Get("outerHTML").String() != strings.TrimSpace(v.value) {
			break
		}
		v.jsElement = node
		return v, nil
	}

	mounted, err := m.Mount(ctx, depth, v)
	if err != nil {
		return nil, err
	}
	node.Get("parentNode").Call("replaceChild", mounted, node)
	return mounted, nil
}

// sameElement reports whether node is an element of v's tag and namespace.
func sameElement(node Value, v HTML) bool {
	if node.Get("nodeType").Int() != elementNode {
		return false
	}
	if ns := v.XMLNamespace(); ns != "" {
		return node.Get("namespaceURI").String() == ns && node.Get("localName").String() == v.Tag()
	}
	return strings.EqualFold(node.Get("localName").String(), v.Tag())
}

func (m nodeManager) hydrateHTML(ctx Context, depth uint, v HTML, node Value) (UI, error) {
	v = v.setJSElement(node)
	m.hydrateHTMLAttributes(ctx, v)
	m.mountHTMLEventHandlers(ctx, v)
	v = v.setDepth(depth).(HTML)

	// The prerendered children are matched in order. The encoder's
	// indentation (whitespace between elements) and comments match nothing
	// and stay; a child with no match is mounted and inserted before the
	// next prerendered node; prerendered nodes left unmatched go.
	children := v.body()
	cursor := node.Get("firstChild")
	for i, child := range children {
		cursor = skipUnrendered(cursor, child)
		var err error
		if cursor.IsNull() || !canHydrate(cursor, child) {
			if child, err = m.Mount(ctx, depth+1, child); err == nil {
				node.Call("insertBefore", child, cursor)
			}
		} else {
			next := cursor.Get("nextSibling")
			child, err = m.Hydrate(ctx, depth+1, child, cursor)
			cursor = next
		}
		if err != nil {
			return nil, errors.New("hydrating child failed").
				WithTag("type", reflect.TypeOf(v)).
				WithTag("tag", v.Tag()).
				WithTag("depth", depth).
				WithTag("index", i).
				Wrap(err)
		}
		children[i] = child.setParent(v)
		yieldIfLong()
	}
	for !cursor.IsNull() {
		next := cursor.Get("nextSibling")
		if !isUnrendered(cursor, false) {
			node.Call("removeChild", cursor)
		}
		cursor = next
	}
	return v, nil
}

// hydrateHTMLAttributes gives a prerendered element exactly v's attributes,
// writing only those that differ.
func (m nodeManager) hydrateHTMLAttributes(ctx Context, v HTML) {
	el := v.JSValue()
	attrs := v.attrs()
	if v.XMLNamespace() == "" {
		names := el.Call("getAttributeNames")
		for i, n := 0, names.Length(); i < n; i++ {
			if name := names.Index(i).String(); !hasAttr(attrs, name) {
				deleteJSAttribute(el, name)
			}
		}
	}
	for name, value := range attrs {
		value = resolveAttributeURLValue(name, value, ctx.ResolveStaticResource)
		if name != "value" && el.Call("getAttribute", name).String() == value {
			continue
		}
		setJSAttribute(el, name, value)
	}
}

func hasAttr(attrs attributes, name string) bool {
	if _, ok := attrs[name]; ok {
		return true
	}
	for n := range attrs {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

func (m nodeManager) hydrateComponent(ctx Context, depth uint, v Composer, node Value) (UI, error) {
	v = v.setRef(v)
	v = v.setDepth(depth)
	if initializer, ok := v.(Initializer); ok {
		initializer.OnInit()
	}
	if mounter, ok := v.(Mounter); ok && IsClient {
		ctx.Dispatch(mounter.OnMount)
	}

	root, err := m.renderComponent(v)
	if err != nil {
		return nil, errors.New("rendering component failed").
			WithTag("type", reflect.TypeOf(v)).
			WithTag("depth", depth).
			Wrap(err)
	}
	if root, err = m.Hydrate(ctx, depth+1, root, node); err != nil {
		return nil, errors.New("hydrating component root failed").
			WithTag("type", reflect.TypeOf(v)).
			WithTag("depth", depth).
			Wrap(err)
	}
	return v.setRoot(root.setParent(v)), nil
}

// canHydrate reports whether node may become child: a text node a text, an
// element an element of its tag, a component's root, or raw HTML.
func canHydrate(node Value, child UI) bool {
	switch child := child.(type) {
	case *text:
		return node.Get("nodeType").Int() == textNode
	case HTML:
		return sameElement(node, child)
	case *raw:
		return node.Get("nodeType").Int() == elementNode
	}
	return true // a component: its root decides, in Hydrate
}

// skipUnrendered moves past the nodes before the one that may become
// child: comments, and the encoder's whitespace unless child is a text.
func skipUnrendered(cursor Value, child UI) Value {
	_, isText := child.(*text)
	for !cursor.IsNull() && isUnrendered(cursor, isText) {
		cursor = cursor.Get("nextSibling")
	}
	return cursor
}

func isUnrendered(node Value, textWanted bool) bool {
	switch node.Get("nodeType").Int() {
	case commentNode:
		return true
	case textNode:
		return !textWanted && strings.TrimSpace(node.Get("data").String()) == ""
	}
	return false
}

// hydrationSlice is how long hydration runs before it lets the browser
// run: one long task would hold the reader's input and the page's paints
// until the whole page is adopted. A slice stays well under the 50 ms of a
// long task even on a phone 4× slower than the machine that measured it
// (Lighthouse's simulated throttling multiplies each task by four).
const hydrationSlice = 8 * time.Millisecond

// sliceStart is when the current slice of hydration began (engine.Load
// starts the first). Hydration runs on the UI goroutine alone, during the
// first load.
var sliceStart time.Time

// yieldIfLong lets the browser run once hydration has run for a slice.
// What a reader does meanwhile reaches the adopted elements' handlers,
// whose dispatches wait in the queue for the engine's loop.
func yieldIfLong() {
	if time.Since(sliceStart) < hydrationSlice {
		return
	}
	yieldToBrowser()
	sliceStart = time.Now()
}

// yieldToBrowser returns to the browser's event loop and resumes in a
// task of its own: the goroutine waits for the browser, and Go returns to
// JavaScript while every goroutine waits. scheduler.yield() resumes ahead
// of other waiting tasks once input and rendering have had their turn; a
// timeout, where there is no scheduler, is held at least 4 ms once
// timeouts nest, which the many short slices would add up.
func yieldToBrowser() {
	done := make(chan struct{})
	var resume Func
	resume = FuncOf(func(Value, []Value) any {
		resume.Release()
		close(done)
		return nil
	})
	if scheduler := Window().Get("scheduler"); scheduler.Truthy() && scheduler.Get("yield").Truthy() {
		scheduler.Call("yield").Call("then", resume)
	} else {
		Window().Call("setTimeout", resume, 0)
	}
	<-done
}
