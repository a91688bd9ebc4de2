//go:build !wasm

package web

// BenchmarkFirstVisit gives docs/performance.md's figures: the size of app.wasm as
// served, and what a first visit costs on a mid-range phone on a slow line.
// make bench runs it once: go test -run '^$' -bench . -benchtime 1x .

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The line and the CPU: Lighthouse's "Slow 4G" and 4× CPU slowdown, on the
// tests' phone (harness_test.go).
const (
	benchRuns      = 5
	benchLatencyMs = 150
	benchDownBps   = 200000 // 1.6 Mbit/s
	benchUpBps     = 93750  // 750 kbit/s
	benchPath      = "/"    // the essay's opening, where a shared link lands
)

// benchCPUSlowing is how many times the phone's CPU is slower than this
// machine's: 4, Lighthouse's default, or BENCH_CPU. Lighthouse calibrates
// its 4× for a machine whose benchmark index (BenchmarkLighthouse prints
// it) is 1500-2000; on a faster or slower one, BENCH_CPU=4×index/1750
// emulates the same phone.
var benchCPUSlowing = func() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("BENCH_CPU"), 64); err == nil && v >= 1 {
		return v
	}
	return 4
}()

// benchMetricsJS records, from the start of the document, first and largest
// contentful paint, the layout shifts (without recent input), and when the
// app marks <html data-app="running">, all in ms since navigation start.
const benchMetricsJS = `
window.__bench = {fcp: -1, lcp: -1, cls: 0, app: -1, longest: 0, blocking: 0, lcpNode: "", tasks: []};
new PerformanceObserver(l => { for (const e of l.getEntries())
	if (e.name === "first-contentful-paint") __bench.fcp = e.startTime; }).observe({type: "paint", buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries())
	{ __bench.lcp = e.startTime; __bench.lcpNode = e.element ? e.element.nodeName + (e.element.id ? "#" + e.element.id : "") : "?"; } }).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries()) {
	__bench.longest = Math.max(__bench.longest, e.duration); __bench.blocking += Math.max(0, e.duration - 50);
	__bench.tasks.push([Math.round(e.startTime), Math.round(e.duration)]); } }).observe({type: "longtask", buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries())
	if (!e.hadRecentInput) __bench.cls += e.value; }).observe({type: "layout-shift", buffered: true});
new MutationObserver((_, o) => {
	if (document.documentElement && document.documentElement.dataset.app === "running") {
		__bench.app = performance.now(); o.disconnect(); }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-app"]});
`

type visit struct {
	FCP float64 `json:"fcp"`
	LCP float64 `json:"lcp"`
	CLS float64 `json:"cls"`
	App float64 `json:"app"`
	// Longest is the longest main-thread task until the app ran (500 ms
	// after), and Blocking the sum of every task's time over 50 ms.
	Longest  float64 `json:"longest"`
	Blocking float64 `json:"blocking"`
	// Tasks are the long tasks (over 50 ms): start and duration, in ms.
	// Wasm is when app.wasm had arrived (or had been compiled, by the
	// worker, essay:compiled), and Takeover the longest task
	// from then on: the app's start, without the first paint's.
	Tasks    [][2]float64 `json:"tasks"`
	Wasm     float64      `json:"wasm"`
	Marks    string       `json:"marks"`
	Takeover float64      `json:"-"`
	// LCPNode is the largest contentful paint's element.
	LCPNode string `json:"lcpNode"`
	// Slider is when a slider first moved the verdict (sliderProbeJS), or
	// -1 on a page without sliders.
	Slider float64 `json:"slider"`
	// HTML and CSS are when the page and its stylesheet had arrived: what
	// the first paint waits for.
	HTML float64 `json:"html"`
	CSS  float64 `json:"css"`
	// WasmBodies and WasmNotModified count the server's answers to
	// requests for app.wasm during the visit (the page's and the service
	// worker's): full bodies and 304s.
	WasmBodies, WasmNotModified int `json:"-"`
}

func BenchmarkFirstVisit(b *testing.B) {
	sizes := map[string]int{}
	for _, name := range []string{"static/app.wasm", "static/app.wasm.gz", "static/app.wasm.br"} {
		data, err := fs.ReadFile(static, name)
		if err != nil {
			b.Fatalf("%v (run `make wasm` first)", err)
		}
		sizes[name] = len(data)
	}
	execPath := chromiumPath(b)
	h := newTestServer(b)
	var visits []visit
	b.ResetTimer()
	for i := 0; i < benchRuns; i++ {
		v, err := firstVisit(b, execPath, h, benchPath, false)
		if err != nil {
			b.Fatalf("run %d: %v", i+1, err)
		}
		visits = append(visits, v)
	}
	b.StopTimer()

	med := func(f func(visit) float64) (median, lo, hi float64) { return spread(visits, f) }
	fcp, fcpLo, fcpHi := med(func(v visit) float64 { return v.FCP })
	lcp, lcpLo, lcpHi := med(func(v visit) float64 { return v.LCP })
	cls, clsLo, clsHi := med(func(v visit) float64 { return v.CLS })
	app, appLo, appHi := med(func(v visit) float64 { return v.App })
	htmlEnd, htmlLo, htmlHi := med(func(v visit) float64 { return v.HTML })
	cssEnd, cssLo, cssHi := med(func(v visit) float64 { return v.CSS })
	bodies, _, _ := med(func(v visit) float64 { return float64(v.WasmBodies) })
	notModified, _, _ := med(func(v visit) float64 { return float64(v.WasmNotModified) })
	// (Reported after the runs: ResetTimer drops earlier metrics.)
	b.ReportMetric(float64(sizes["static/app.wasm"]), "wasm-bytes")
	b.ReportMetric(float64(sizes["static/app.wasm.gz"]), "wasm-gz-bytes")
	b.ReportMetric(float64(sizes["static/app.wasm.br"]), "wasm-br-bytes")
	b.ReportMetric(fcp, "fcp-ms")
	b.ReportMetric(lcp, "lcp-ms")
	b.ReportMetric(cls, "cls")
	b.ReportMetric(app, "app-ms")
	b.ReportMetric(0, "ns/op") // one visit's wall time says nothing

	kib := func(n int) string { return fmt.Sprintf("%s bytes (%.0f KiB)", thousands(n), float64(n)/1024) }
	var t strings.Builder
	fmt.Fprintf(&t, "\nFirst visit to %s with a fresh browser profile: headless Chromium, %d×%d mobile viewport at DPR %g, "+
		"Slow 4G (%d ms latency, %.1f Mbit/s down, %.0f kbit/s up), CPU slowed %g×; median of %d runs (min–max in parentheses).\n\n",
		benchPath, phoneWidth, phoneHeight, phoneDPR, benchLatencyMs, float64(benchDownBps)*8/1e6, float64(benchUpBps)*8/1e3,
		benchCPUSlowing, benchRuns)
	fmt.Fprintf(&t, "| Measure | Value |\n|---|---|\n")
	fmt.Fprintf(&t, "| app.wasm | %s |\n", kib(sizes["static/app.wasm"]))
	fmt.Fprintf(&t, "| app.wasm, gzip | %s |\n", kib(sizes["static/app.wasm.gz"]))
	fmt.Fprintf(&t, "| app.wasm, brotli (as sent) | %s |\n", kib(sizes["static/app.wasm.br"]))
	fmt.Fprintf(&t, "| Page received (HTML responseEnd) | %.0f ms (%.0f–%.0f) |\n", htmlEnd, htmlLo, htmlHi)
	fmt.Fprintf(&t, "| Stylesheet received (app.css responseEnd) | %.0f ms (%.0f–%.0f) |\n", cssEnd, cssLo, cssHi)
	fmt.Fprintf(&t, "| First contentful paint | %.0f ms (%.0f–%.0f) |\n", fcp, fcpLo, fcpHi)
	fmt.Fprintf(&t, "| Largest contentful paint | %.0f ms (%.0f–%.0f) |\n", lcp, lcpLo, lcpHi)
	fmt.Fprintf(&t, "| Cumulative layout shift, through the takeover | %.3f (%.3f–%.3f) |\n", cls, clsLo, clsHi)
	fmt.Fprintf(&t, "| App running (wasm downloaded, started, page taken over) | %.0f ms (%.0f–%.0f) |\n", app, appLo, appHi)
	fmt.Fprintf(&t, "\nPer visit (median), the server sent app.wasm's body %.0f time(s) and answered %.0f request(s) for it with "+
		"304 Not Modified (the service worker caching it). The emulated line slows the page's own requests only, not the service worker's.\n",
		bodies, notModified)
	fmt.Print(t.String())
}

// sliderProbeJS moves the page's first slider every 100 ms, from the start
// of the document, until a move changes the verdict within 50 ms, and
// records when that move was made: the first time a reader's move would
// have been answered.
const sliderProbeJS = `
window.__bench.slider = -1;
(function probe() {
	const s = document.querySelector("input[data-factor]"), v = document.querySelector(".verdict-text");
	if (!s || !v) { setTimeout(probe, 50); return; }
	const before = v.textContent, t0 = performance.now();
	s.value = s.value === "10" ? "0" : "10";
	s.dispatchEvent(new Event("input", {bubbles: true}));
	setTimeout(() => {
		const now = document.querySelector(".verdict-text");
		if (now && now.textContent !== before) { window.__bench.slider = t0; return; }
		setTimeout(probe, 50);
	}, 50);
})();
`

// BenchmarkFirstVisitSection: a first visit to the section with the
// verdict panel, on the phone profile: when a slider first moves the
// verdict (web/static/weigh.js, before the app), the first paint, and the
// app running.
func BenchmarkFirstVisitSection(b *testing.B) {
	execPath := chromiumPath(b)
	h := newTestServer(b)
	e := essay.Content()
	path := e.Path(e.SectionWith(essay.Verdict, "panel"))
	var visits []visit
	for i := 0; i < benchRuns; i++ {
		v, err := firstVisit(b, execPath, h, path, true)
		if err != nil {
			b.Fatalf("run %d: %v", i+1, err)
		}
		if v.Slider < 0 {
			b.Fatalf("run %d: no slider move changed the verdict", i+1)
		}
		visits = append(visits, v)
	}
	slider, sLo, sHi := spread(visits, func(v visit) float64 { return v.Slider })
	fcp, fLo, fHi := spread(visits, func(v visit) float64 { return v.FCP })
	app, aLo, aHi := spread(visits, func(v visit) float64 { return v.App })
	lcp, lLo, lHi := spread(visits, func(v visit) float64 { return v.LCP })
	longest, tLo, tHi := spread(visits, func(v visit) float64 { return v.Longest })
	blocking, bLo, bHi := spread(visits, func(v visit) float64 { return v.Blocking })
	takeover, kLo, kHi := spread(visits, func(v visit) float64 { return v.Takeover })
	lcpFirst := 0
	for _, v := range visits {
		if v.LCP < v.App {
			lcpFirst++
		}
	}
	b.ReportMetric(slider, "slider-ms")
	b.ReportMetric(longest, "longest-task-ms")
	b.ReportMetric(takeover, "takeover-task-ms")
	b.ReportMetric(fcp, "fcp-ms")
	b.ReportMetric(app, "app-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Printf("\nFirst visit to %s on the phone profile (as above), median of %d runs (min–max):\n\n"+
		"| Measure | Value |\n|---|---|\n"+
		"| A slider first moves the verdict | %.0f ms (%.0f–%.0f) |\n"+
		"| First contentful paint | %.0f ms (%.0f–%.0f) |\n"+
		"| Largest contentful paint | %.0f ms (%.0f–%.0f), %s; before the app ran in %d of %d runs |\n"+
		"| App running | %.0f ms (%.0f–%.0f) |\n"+
		"| Longest main-thread task, to the app running | %.0f ms (%.0f–%.0f) |\n"+
		"| Longest main-thread task of the takeover (from the wasm's arrival to the app running) | %.0f ms (%.0f–%.0f) |\n"+
		"| Blocking time (tasks' time over 50 ms), to the app running | %.0f ms (%.0f–%.0f) |\n",
		path, benchRuns, slider, sLo, sHi, fcp, fLo, fHi, lcp, lLo, lHi, visits[len(visits)-1].LCPNode, lcpFirst, len(visits),
		app, aLo, aHi, longest, tLo, tHi, takeover, kLo, kHi, blocking, bLo, bHi)
	for i, v := range visits {
		fmt.Printf("run %d: the wasm arrived at %.0f ms; long tasks [start, ms]: %v %s\n", i+1, v.Wasm, v.Tasks, v.Marks)
	}
}

// spread is the median, least and greatest of f over the visits.
func spread(visits []visit, f func(visit) float64) (median, lo, hi float64) {
	xs := make([]float64, len(visits))
	for i, v := range visits {
		xs[i] = f(v)
	}
	sort.Float64s(xs)
	return xs[len(xs)/2], xs[0], xs[len(xs)-1]
}

// firstVisit loads path once in a fresh browser on the emulated phone and
// line, and measures it until the app runs, plus 500 ms. A visit whose
// wasm escaped the line is made again, up to twice (none should since
// lineForWasm).
func firstVisit(tb testing.TB, execPath string, h *Site, path string, probe bool) (visit, error) {
	for tries := 1; ; tries++ {
		v, err := visitOnce(tb, execPath, h, path, probe)
		if !errors.Is(err, errUnthrottled) || tries == 3 {
			return v, err
		}
		fmt.Printf("(a visit made again: %v)\n", err)
	}
}

// errUnthrottled: the wasm arrived faster than the emulated line carries it.
var errUnthrottled = errors.New("a request escaped the emulated line")

func visitOnce(tb testing.TB, execPath string, h *Site, path string, probe bool) (visit, error) {
	s := serveSite(tb, "127.0.0.1:0", lineForWasm(h), false)
	defer s.stop()
	br, err := openBrowser(execPath)
	if err != nil {
		return visit{}, err
	}
	defer br.close()

	var v visit
	probeJS := `window.__bench.slider = -1;`
	if probe {
		probeJS = sliderProbeJS
	}
	err = chromedp.Run(br.ctx,
		network.SetCacheDisabled(true),
		emulatePhone(benchCPUSlowing),
		onNewDocument(probeJS),
		chromedp.Navigate(s.URL+path),
	)
	if err != nil {
		return v, err
	}
	if err := br.waitJS(`window.__bench.app > 0`, 120*time.Second); err != nil {
		return v, fmt.Errorf("the app did not run: %w", err)
	}
	time.Sleep(500 * time.Millisecond)
	if err := chromedp.Run(br.ctx, evaluate(`Object.assign(window.__bench, {
		html: performance.getEntriesByType("navigation")[0].responseEnd,
		css: (performance.getEntriesByType("resource").find(e => e.name.endsWith("/app.css")) || {}).responseEnd || -1,
		marks: performance.getEntriesByType("mark").map(m => m.name + "@" + Math.round(m.startTime)).join(" "),
		wasm: (() => {
			// When the page had the module from the worker, or, when it
			// compiled the wasm itself, the end of its own fetch.
			const r = performance.getEntriesByType("resource").find(e => /\/app\.wasm(\.br|\.gz)?$/.test(e.name));
			const m = performance.getEntriesByName("essay:compiled")[0];
			return m ? m.startTime : r ? r.responseEnd : -1; })()})`, &v)); err != nil {
		return v, err
	}
	if v.Wasm <= 0 {
		return v, fmt.Errorf("no download of app.wasm recorded")
	}
	if br, err := fs.ReadFile(static, "static/app.wasm.br"); err == nil && v.Wasm < float64(len(br))*1000/benchDownBps {
		return v, fmt.Errorf("app.wasm arrived at %.0f ms: %w", v.Wasm, errUnthrottled)
	}
	for _, task := range v.Tasks {
		if task[0]+task[1] > v.Wasm {
			v.Takeover = max(v.Takeover, task[1])
		}
	}
	for _, r := range s.requests("/web/app.wasm") {
		switch r.Status {
		case 200:
			v.WasmBodies++
		case 304:
			v.WasmNotModified++
		}
	}
	if v.FCP <= 0 || v.LCP <= 0 {
		return v, fmt.Errorf("no paint recorded: %+v", v)
	}
	return v, nil
}

// thousands writes n with thin spaces between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var out []string
	for len(s) > 3 {
		out = append([]string{s[len(s)-3:]}, out...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, out...), " ")
}

// BenchmarkRepeatVisit measures a return visit, once the service worker has
// cached the essay: Slow 4G, every file from the cache, with the CPU slowed
// 4× as for the first visit and, for comparison, at full speed. Chromium's
// network emulation does not slow the worker's own fetches, but on a repeat
// visit the worker answers from its cache and fetches nothing.
func BenchmarkRepeatVisit(b *testing.B) {
	execPath := chromiumPath(b)
	h := newTestServer(b)
	var t strings.Builder
	fmt.Fprintf(&t, "\nRepeat visit to %s, served by the service worker, Slow 4G; median of %d runs (min–max).\n\n", benchPath, benchRuns)
	fmt.Fprintf(&t, "| Measure | CPU slowed %g× | CPU at full speed |\n|---|---|---|\n", benchCPUSlowing)
	var precache float64
	rows := map[string][]string{}
	b.ResetTimer()
	for _, cpu := range []float64{benchCPUSlowing, 1} {
		var visits []visit
		for i := 0; i < benchRuns; i++ {
			v, size, err := repeatVisit(b, execPath, h, cpu)
			if err != nil {
				b.Fatalf("run %d: %v", i+1, err)
			}
			visits = append(visits, v)
			precache = size
		}
		med := func(f func(visit) float64) (median, lo, hi float64) { return spread(visits, f) }
		suffix := ""
		if cpu == 1 {
			suffix = "-fullcpu"
		}
		fcp, fcpLo, fcpHi := med(func(v visit) float64 { return v.FCP })
		app, appLo, appHi := med(func(v visit) float64 { return v.App })
		cls, clsLo, clsHi := med(func(v visit) float64 { return v.CLS })
		b.ReportMetric(fcp, "fcp-ms"+suffix)
		b.ReportMetric(app, "app-ms"+suffix)
		rows["First contentful paint"] = append(rows["First contentful paint"], fmt.Sprintf("%.0f ms (%.0f–%.0f)", fcp, fcpLo, fcpHi))
		rows["Cumulative layout shift"] = append(rows["Cumulative layout shift"], fmt.Sprintf("%.3f (%.3f–%.3f)", cls, clsLo, clsHi))
		rows["App running"] = append(rows["App running"], fmt.Sprintf("%.0f ms (%.0f–%.0f)", app, appLo, appHi))
	}
	b.StopTimer()
	b.ReportMetric(precache, "precache-bytes")
	b.ReportMetric(0, "ns/op")
	for _, name := range []string{"First contentful paint", "Cumulative layout shift", "App running"} {
		fmt.Fprintf(&t, "| %s | %s |\n", name, strings.Join(rows[name], " | "))
	}
	fmt.Fprintf(&t, "\nPrecache (every page, the app, scripts, styles, icons; as stored): %s bytes.\n", thousands(int(precache)))
	fmt.Print(t.String())
}

// repeatVisit visits once to install the worker, then again under the
// phone emulation, and returns the second visit's figures and the size of
// the cache.
func repeatVisit(tb testing.TB, execPath string, h *Site, cpu float64) (visit, float64, error) {
	s := serveSite(tb, "127.0.0.1:0", h, false)
	defer s.stop()
	br, err := openBrowser(execPath)
	if err != nil {
		return visit{}, 0, err
	}
	defer br.close()

	var v visit
	if err := chromedp.Run(br.ctx, chromedp.Navigate(s.URL+benchPath)); err != nil {
		return v, 0, err
	}
	installed := fmt.Sprintf(`(async () => navigator.serviceWorker.controller !== null &&
		(await caches.keys()).some(k => k.startsWith("leaving-amazon ") && k.endsWith(" %s")))()`, h.version)
	if err := br.waitJS(installed, 60*time.Second); err != nil {
		return v, 0, fmt.Errorf("the worker did not install: %w", err)
	}
	var size float64
	err = chromedp.Run(br.ctx,
		evaluate(`(async () => { let n = 0; for (const k of await caches.keys()) { const c = await caches.open(k);
			for (const r of await c.keys()) n += (await (await c.match(r)).blob()).size; } return n; })()`, &size),
		emulatePhone(cpu),
		chromedp.Navigate(s.URL+benchPath),
	)
	if err != nil {
		return v, 0, err
	}
	if err := br.waitJS(`window.__bench.app > 0`, 60*time.Second); err != nil {
		return v, 0, fmt.Errorf("the app did not run: %w", err)
	}
	time.Sleep(500 * time.Millisecond)
	if err := chromedp.Run(br.ctx, evaluate(`window.__bench`, &v)); err != nil {
		return v, 0, err
	}
	if v.FCP <= 0 {
		return v, 0, fmt.Errorf("no paint recorded: %+v", v)
	}
	return v, size, nil
}

// sliderRunJS moves the pace slider n times, as a reader's key presses
// would (an input event per step), and returns, for each step, the time
// from the event to the page showing the new value in words; and the Go
// heap before and after.
const sliderRunJS = `(async (n) => {
	const input = document.getElementById("w-pace");
	const label = document.querySelector("#factor-pace .factor-value");
	await new Promise((r) => setTimeout(r, 1000));
	const heapBefore = goHeapAlloc();
	const times = [];
	for (let i = 0; i < n; i++) {
		const v = (Number(input.value) + 1) % 11;
		const want = v + " of 10";
		const t0 = performance.now();
		await new Promise((resolve) => {
			const mo = new MutationObserver(() => {
				if (label.textContent.startsWith(want)) { mo.disconnect(); resolve(); }
			});
			mo.observe(label, {childList: true, characterData: true, subtree: true});
			input.value = v;
			input.dispatchEvent(new Event("input", {bubbles: true}));
		});
		times.push(performance.now() - t0);
	}
	// Let the last debounced address-bar update run before weighing.
	await new Promise((r) => setTimeout(r, 1000));
	return {times, heapBefore, heapAfter: goHeapAlloc()};
})`

// BenchmarkSlider measures a slider step on the whole essay (/all, the
// largest page): the time from the input event to the updated label, live
// sentence and verdict (one render), over 1,000 steps, and how much the Go
// heap grew.
func BenchmarkSlider(b *testing.B) {
	execPath := chromiumPath(b)
	s := newSite(b, false)
	br, err := openBrowser(execPath)
	if err != nil {
		b.Fatal(err)
	}
	defer br.close()
	if err := chromedp.Run(br.ctx, chromedp.Navigate(s.URL+"/all")); err != nil {
		b.Fatal(err)
	}
	if err := br.waitJS(appRunningJS, 60*time.Second); err != nil {
		b.Fatal(err)
	}
	var run struct {
		Times      []float64 `json:"times"`
		HeapBefore float64   `json:"heapBefore"`
		HeapAfter  float64   `json:"heapAfter"`
	}
	const steps = 1000
	b.ResetTimer()
	if err := chromedp.Run(br.ctx, evaluate(fmt.Sprintf("%s(%d)", sliderRunJS, steps), &run)); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	// The first steps warm the code paths up; all are reported.
	sorted := append([]float64(nil), run.Times...)
	sort.Float64s(sorted)
	median, p95 := sorted[len(sorted)/2], sorted[len(sorted)*95/100]
	growth := (run.HeapAfter - run.HeapBefore) / run.HeapBefore * 100
	b.ReportMetric(median, "step-median-ms")
	b.ReportMetric(p95, "step-p95-ms")
	b.ReportMetric(growth, "heap-growth-%")
	b.ReportMetric(0, "ns/op")
	fmt.Printf("\nSlider steps on /all (headless Chromium, CPU at full speed), %d steps, input event to updated DOM:\n\n", steps)
	fmt.Printf("| Measure | Value |\n|---|---|\n")
	fmt.Printf("| Median step | %.1f ms |\n| 95th percentile | %.1f ms |\n| Slowest | %.1f ms |\n", median, p95, sorted[len(sorted)-1])
	fmt.Printf("| Go heap before → after %d steps | %s → %s bytes (%+.1f%%) |\n", steps,
		thousands(int(run.HeapBefore)), thousands(int(run.HeapAfter)), growth)
}

// emulatePhone makes the tab the tests' phone on Slow 4G, its CPU slowed
// by cpu, and installs the metrics script for the next page.
func emulatePhone(cpu float64) chromedp.Action {
	return chromedp.Tasks{
		// DevTools' network agent otherwise keeps a copy of each response
		// body for its panel, which no reader's browser does: copying the
		// 7 MB wasm into it took 250–300 ms of the main thread at the end
		// of the download (a bare fetch().arrayBuffer() of app.wasm at 4×
		// CPU: tasks of 384–409 ms with the copy, 147–202 ms without).
		network.Enable().WithMaxTotalBufferSize(1).WithMaxResourceBufferSize(1),
		phone(),
		network.EmulateNetworkConditions(false, benchLatencyMs, benchDownBps, benchUpBps).
			WithConnectionType(network.ConnectionTypeCellular4g),
		emulation.SetCPUThrottlingRate(cpu),
		onNewDocument(benchMetricsJS),
	}
}

// lineForWasm sends the wasm to a worker as the emulated line would: its
// first byte after benchLatencyMs, then benchDownBps. DevTools emulates a
// line per target, and the page's does not slow a dedicated worker's
// requests, which start sooner than DevTools can reach the worker to slow
// it. The page's head fetches the wasm itself on a first visit
// (static/wasm-early.js), on the page's line; the worker fetches it where
// the head did not (its requests name the worker as their referrer).
// firstVisit checks that the wasm could not have arrived faster than the
// line allows. What this leaves out: on a real line the worker's wasm
// shares the bandwidth with the page's other requests (about 25 KB).
func lineForWasm(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, wasmPath) || !strings.HasSuffix(r.Referer(), compilerPath) {
			h.ServeHTTP(w, r)
			return
		}
		time.Sleep(benchLatencyMs * time.Millisecond)
		h.ServeHTTP(&slowWriter{ResponseWriter: w, start: time.Now()}, r)
	})
}

// slowWriter writes no faster than benchDownBps, in 8 KB pieces.
type slowWriter struct {
	http.ResponseWriter
	start time.Time
	sent  int
}

func (w *slowWriter) Write(b []byte) (int, error) {
	written := 0
	for len(b) > 0 {
		n := min(len(b), 8192)
		if ahead := time.Duration(float64(w.sent+n)/benchDownBps*float64(time.Second)) - time.Since(w.start); ahead > 0 {
			time.Sleep(ahead)
		}
		m, err := w.ResponseWriter.Write(b[:n])
		written += m
		w.sent += m
		if err != nil {
			return written, err
		}
		if f, ok := w.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		b = b[n:]
	}
	return written, nil
}

// BenchmarkLoad sends 200 concurrent readers' requests for a section page
// to the real server on loopback for 20 seconds and reports errors,
// throughput and latency percentiles. The load generator shares the
// machine's two cores with the server.
func BenchmarkLoad(b *testing.B) {
	const (
		readers  = 200
		duration = 20 * time.Second
	)
	srv := httptest.NewServer(newTestServer(b))
	defer srv.Close()
	b.ResetTimer()
	latencies, failures := readLoad(srv.URL+"/pace", readers, duration)
	b.StopTimer()
	b.ReportMetric(float64(failures), "errors")
	b.ReportMetric(float64(len(latencies))/duration.Seconds(), "req/s")
	b.ReportMetric(percentile(latencies, 50), "p50-ms")
	b.ReportMetric(percentile(latencies, 99), "p99-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Printf("\nLoad: %d concurrent connections for %v on loopback, GET /pace (brotli):\n\n", readers, duration)
	fmt.Printf("| Measure | Value |\n|---|---|\n| Requests | %d (%.0f/s) |\n| Errors | %d |\n| p50 latency | %.1f ms |\n| p99 latency | %.1f ms |\n",
		len(latencies), float64(len(latencies))/duration.Seconds(), failures, percentile(latencies, 50), percentile(latencies, 99))
}

// readLoad runs n readers, each asking for url again and again, for
// duration, and returns the latencies, sorted, and how many requests
// failed.
func readLoad(url string, n int, duration time.Duration) ([]time.Duration, int) {
	tr := &http.Transport{MaxIdleConns: n, MaxIdleConnsPerHost: n, MaxConnsPerHost: n}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  int
		wg        sync.WaitGroup
	)
	stop := time.Now().Add(duration)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(stop) {
				t0 := time.Now()
				if err := readOnce(client, url); err != nil {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			failures += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(latencies)
	return latencies, failures
}

// readOnce asks for url, as a browser would, and reads the whole answer.
func readOnce(client *http.Client, url string) error {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}

// percentile is the p-th percentile of sorted latencies, in milliseconds.
func percentile(latencies []time.Duration, p int) float64 {
	if len(latencies) == 0 {
		return 0
	}
	return float64(latencies[len(latencies)*p/100].Microseconds()) / 1000
}

// cellRunJS edits the first score of the decision's table n times and
// times each edit, from the input event to the rendered page (the result,
// the chart and the stacked form come in the same render; the form's
// value in words is the one watched).
const cellRunJS = `(async (n) => {
	// The first edit makes the link's decision the reader's, and the page
	// drops the notice above the form: not timed.
	const edit = (v) => {
		const input = document.getElementById("m-1-1");
		input.value = v;
		input.dispatchEvent(new Event("input", {bubbles: true}));
	};
	edit(Number(document.getElementById("m-1-1").value) === 10 ? 9 : 10);
	await new Promise((r) => setTimeout(r, 1000));
	const times = [];
	for (let i = 0; i < n; i++) {
		const label = document.querySelector("#factor-1-score-1 ~ output");
		const v = (Number(document.getElementById("m-1-1").value) + 1) % 11;
		const want = v + " of 10";
		const t0 = performance.now();
		await new Promise((resolve) => {
			const mo = new MutationObserver(() => {
				if (label.textContent.startsWith(want)) { mo.disconnect(); resolve(); }
			});
			mo.observe(label, {childList: true, characterData: true, subtree: true});
			edit(v);
		});
		times.push(performance.now() - t0);
	}
	return times;
})`

// BenchmarkDecisionCell measures an edit of one cell of the decision's
// table with five options and twenty factors, at desktop width: the time
// from the input event to the page rendered with the new ranking and
// fragility chart, over 200 edits.
func BenchmarkDecisionCell(b *testing.B) {
	d := essay.Decision{Options: []string{"One", "Two", "Three", "Four", "Five"}}
	for i := range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{Name: fmt.Sprintf("Factor number %d", i+1), Weight: i%10 + 1,
			Scores: []int{i % 11, (i * 3) % 11, (i * 7) % 11, (i * 5) % 11, 10 - i%11}})
	}
	link, err := essay.EncodeDecision(d)
	if err != nil {
		b.Fatal(err)
	}
	s := newSite(b, false)
	br, err := openBrowser(chromiumPath(b))
	if err != nil {
		b.Fatal(err)
	}
	defer br.close()
	if err := chromedp.Run(br.ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.URL+essay.DecisionPath+"?d="+link)); err != nil {
		b.Fatal(err)
	}
	if err := br.waitJS(appRunningJS+` && !!document.getElementById("m-20-5")`, 60*time.Second); err != nil {
		b.Fatal(err)
	}
	var times []float64
	if err := chromedp.Run(br.ctx, evaluate(cellRunJS+"(200)", &times)); err != nil {
		b.Fatal(err)
	}
	sort.Float64s(times)
	median, p95 := times[len(times)/2], times[len(times)*95/100]
	b.ReportMetric(median, "edit-median-ms")
	b.ReportMetric(p95, "edit-p95-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Printf("\nA cell edit on /your-decision, 5 options × 20 factors, desktop width, CPU at full speed, 200 edits:\n\n"+
		"| Measure | Value |\n|---|---|\n| Median edit | %.1f ms |\n| 95th percentile | %.1f ms |\n| Slowest | %.1f ms |\n",
		median, p95, times[len(times)-1])
}
