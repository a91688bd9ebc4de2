package app

import (
	"runtime"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// exposeHeap lets make bench read the Go heap from the page:
// window.goHeapAlloc() collects garbage and returns the bytes still
// allocated. It costs nothing until called.
func exposeHeap() {
	if app.Window().Get("goHeapAlloc").Truthy() {
		return
	}
	app.Window().Set("goHeapAlloc", app.FuncOf(func(app.Value, []app.Value) any {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}))
}
