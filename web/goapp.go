//go:build !wasm

package web

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"
)

// Every workaround for go-app v10.1.11, with its reason. Each has a check
// that fails loudly when go-app changes: patchAppJS refuses to start the
// server, the others fail a test in goapp_test.go. Those that must run in
// the browser live where they run, and are listed here:
//
//   - go-app reads localStorage unguarded when it starts, and crashes where
//     reading it throws (sandboxed frames, blocked storage): static/page.js
//     puts an in-memory stand-in in its place before the app starts, and
//     the app reads storage through app/dom.go's windowProperty.
//   - go-app writes Disabled(false) as disabled="false", which disables:
//     app/goapp.go's disabledIf.
//   - go-app's own elements must not lose the focus of a field being typed
//     in when an element before them comes or goes: app/goapp.go's slot.
//   - go-app drops an empty value attribute, so a text field emptied by a
//     change made elsewhere keeps its old text: app/goapp.go's syncValues.
//   - go-app writes attributes in a random order: app/app_test.go's hasTag
//     matches them in any order.
//   - go-app writes attribute values with Go's strconv.Quote, not HTML's
//     escaping, and a textarea's Text as a value attribute: a value with a
//     " or a \ breaks or changes the markup. The embed snippet is the
//     textarea's content (app/embed.go), the model's numbers for
//     static/weigh.js are query-escaped (app/page.go), and the Nu HTML
//     Checker reads every prerendered page (TestHTMLValid).
//
// The server's own are below.

// resolver puts go-app's URLs under the prefix. go-app's own
// PrefixedLocation would not do: the server resolves every href with it,
// the prefix going again onto links the app has already prefixed and onto
// "#main", while the browser resolves only /web/ ones, so the page would
// change under the reader when the app takes over.
func resolver(prefix string) goapp.ResourceResolver {
	if prefix == "" {
		return goapp.LocalDir("") // resolves URLs only: every response is built here
	}
	return prefixResolver{prefix}
}

// prefixResolver leaves alone what is already under the prefix, and what
// is not a path.
type prefixResolver struct{ prefix string }

// Resolve returns location under the prefix.
func (r prefixResolver) Resolve(location string) string {
	switch {
	case !strings.HasPrefix(location, "/") || strings.HasPrefix(location, "//"):
		return location // a fragment, a query, relative, or another site
	case location == "/":
		return r.prefix
	case location == r.prefix || strings.HasPrefix(location, r.prefix+"/"):
		return location
	}
	return r.prefix + location
}

// fixResource mends one of go-app's generated scripts.
func fixResource(path string, b []byte, p plan) ([]byte, error) {
	switch path {
	case "/app-worker.js":
		return slashHome(b, "", p.prefix), nil
	case "/app.js":
		if !p.static {
			return patchAppJS(b, p.prefix+wasmPath, nil)
		}
		twin, err := twinScripts(p.files)
		if err != nil {
			return nil, err
		}
		return patchAppJS(b, p.prefix+wasmPath, twin)
	}
	return b, nil
}

// patchAppJS adapts go-app's generated app.js to a reader on a slow line
// and to a reader coming back. Each change is an exact replacement that
// must match once: if go-app's script changes, the server refuses to start
// rather than serve a half-patched loader.
//
//   - The service worker is registered once the wasm has been fetched and
//     started, not before: its precache then revalidates the wasm the page
//     already has (a 304) instead of downloading it a second time beside the
//     page on a slow line.
//   - When a worker serves the page (a repeat visit: the wasm is in its
//     cache), the wasm response goes to the compiler as it is. go-app
//     always wraps it in a Response made in JavaScript, to count progress;
//     such a response has no URL, so the browser cannot reuse the code it
//     compiled on an earlier visit. Progress is worth showing only when the
//     wasm comes over the network. (Measured with make bench: the repeat
//     visit's app start went from about 1.5 s to about 1.15 s.)
//   - In embed mode (in a frame, or with ?embed=1) a section's sliders
//     answer through static/weigh.js: the wasm is not fetched until the
//     page needs the app (no weigh.js on the page, or it cannot read or
//     keep the reader's weights), so that an embed costs its host page
//     almost nothing; and a frame never registers a service worker, which
//     would precache the whole essay inside someone else's page.
//   - The Go program starts in a task of its own: the end of the wasm's
//     compilation and the Go runtime's start were one long task, which
//     held the reader's input and the page's paints (make bench's longest
//     task; the app then yields as it starts, app.Yield and go-app's
//     sliced hydration).
//   - On a first visit the wasm is fetched and compiled in a dedicated
//     worker (essayCompileOffThread, static/wasm-compiler.js): receiving
//     6.6 MB and compiling it as it arrived held the page's main thread
//     in tasks of 100-270 ms at full speed, which Lighthouse's simulated
//     throttling counts four times over (its total blocking time on
//     /impact went from 2.7 s to 0.7 s). The page falls back to compiling
//     it itself where there is no worker or it fails.
//   - The wasm is compiled and instantiated in tasks of their own
//     (essayInstantiate): the end of a streamed compilation and the
//     instantiation (which copies the wasm's 2.8 MB of data into its
//     memory) made one task of up to 250 ms at 4× CPU.
//   - When the Go program stops (a panic anywhere: go-app recovers only to
//     show the panic in its loader, then stops), the page is told, so that
//     it says so instead of leaving controls that do nothing
//     (static/page.js shows the notice).
//   - On a static host (wasmTwin, the twin's fetch, is given for an
//     export), a first visit
//     fetches the wasm's twin, compressed at build time, and decompresses
//     it in the browser: a host in its defaults may send files as they
//     are, 8.3 MB instead of 1.6. The worker keeps the decompressed wasm
//     (static/app-worker.js), so a repeat visit compiles from the cache as
//     before.
func patchAppJS(js []byte, wasmURL string, wasmTwin []byte) ([]byte, error) {
	progress := `fetchWithProgress("` + wasmURL + `", showProgress)`
	// first compiles on the page: given is the download the page's head
	// started (static/wasm-early.js), if the worker failed before it had it.
	first := `essayGiven(given, "` + wasmURL + `").then((response) => response || ` + progress + `)`
	helpers := goappStopped + essayStart + essayWhenStarted + essayInstantiate + essayCompileOffThread + essayGiven
	if wasmTwin != nil {
		first, helpers = `essayFetchWasm("`+wasmURL+`", showProgress, given)`, helpers+string(wasmTwin)+"\n"+essayFetchWasm
	}
	compiler := strings.TrimSuffix(wasmURL, wasmPath) + compilerPath
	for _, r := range []struct{ old, new string }{
		{"goappInitServiceWorker();\n", ""},
		{"goappInitWebAssembly();\n", "essayStart();\n"},
		{progress, `(navigator.serviceWorker && navigator.serviceWorker.controller ? fetch("` + wasmURL + `") : ` +
			`essayCompileOffThread("` + compiler + `", showProgress, (given) => ` + first + `))`},
		{"let instantiateStreaming = WebAssembly.instantiateStreaming;\n", "let instantiateStreaming = WebAssembly.compileStreaming && essayInstantiate;\n"},
		{"go.run(wasm.instance);\n", "await new Promise((resolve) => setTimeout(resolve, 0));\nessayGoStarted = true;\ngo.run(wasm.instance).finally(goappStopped);\n"},
		{"async function goappInitWebAssembly() {", helpers + "async function goappInitWebAssembly() {"},
	} {
		if bytes.Count(js, []byte(r.old)) != 1 {
			return nil, errors.New("go-app's app.js has changed: patchAppJS needs revisiting (" + r.old + ")")
		}
		js = bytes.Replace(js, []byte(r.old), []byte(r.new), 1)
	}
	return js, nil
}

// fixPage mends a page go-app prerendered. go-app writes absolute URLs as
// "https://" + domain + path, which without a domain is the broken
// "https://" or "https:///path": a relative URL is the honest fallback,
// and the canonical link and og:url, which must be absolute, are left out.
// go-app also writes an empty author as <meta name="author"> with no
// content, which is invalid: it is left out.
//
// Under a sub-path, go-app writes the essay's home as the prefix without
// its slash, an address that only redirects: the slash goes back on.
//
// It also marks go-app's loader icon lazy: the stylesheet hides it, and a
// hidden lazy image is never fetched, which keeps a request off the first
// paint's path.
//
// And it writes early, the tag of the script that starts the wasm's
// download (earlyTag), right before the stylesheet's link: go-app writes
// scripts only as files, and after the stylesheet, which a script waits
// for (on the slow phone, until about 0.6 s).
func fixPage(b []byte, domain, prefix, early string) []byte {
	if early != "" {
		if m := stylesheetLink.FindIndex(b); m != nil {
			b = append(b[:m[0]:m[0]], append([]byte(early+"\n    "), b[m[0]:]...)...)
		}
	}
	b = loaderIcon.ReplaceAll(b, []byte(`<img loading="lazy" $1>`))
	b = emptyAuthor.ReplaceAll(b, nil)
	if domain == "" {
		b = relativeOnly.ReplaceAll(b, nil)
		b = bytes.ReplaceAll(b, []byte(`"https://"`), []byte(`"/"`))
		b = bytes.ReplaceAll(b, []byte(`"https:///`), []byte(`"/`))
	}
	return explicitARIA(slashHome(b, domain, prefix))
}

// explicitARIA writes each ARIA attribute go-app prerendered bare (it
// writes any attribute whose value is "true" as a bare name, as for a
// boolean attribute) with its value: a bare aria-hidden is aria-hidden="",
// which ARIA reads as not hidden, so until the app ran, screen readers
// read what the page hides from them, and a button marked unavailable was
// not. In the browser go-app sets "true" itself. The page is read with a
// real tokenizer; only the tags concerned are rewritten, byte for byte
// elsewhere.
func explicitARIA(page []byte) []byte {
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !bytes.Contains(raw, []byte(" aria-")) {
			out.Write(raw)
			continue
		}
		last := 0
		for _, m := range ariaOrQuoted.FindAllIndex(raw, -1) {
			if raw[m[0]] == '"' || m[1] < len(raw) && raw[m[1]] == '=' {
				continue // a quoted value, or an attribute with its value
			}
			out.Write(raw[last:m[1]])
			out.WriteString(`="true"`)
			last = m[1]
		}
		out.Write(raw[last:])
	}
	return out.Bytes()
}

// ariaOrQuoted matches, in a tag, a quoted value (go-app's
// strconv.Quote), so that what it holds is skipped, or an ARIA
// attribute's name.
var ariaOrQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\saria-[a-z]+`)

// goappStopped marks the document and tells static/page.js that the Go
// program has stopped: go.run's promise settles only then.
const goappStopped = `function goappStopped() {
  document.documentElement.dataset.app = "stopped";
  window.dispatchEvent(new Event("essay-app-stopped"));
}

`

// essayStart starts the app, at once or, in embed mode, when the page
// needs it (static/weigh.js marks <html data-weighs="on"> when it answers
// the sliders, and fires essay-need-app when it cannot keep the weights).
// The worker is registered after the wasm has started, never in a frame.
const essayStart = `function essayStart() {
  let framed = true;
  try {
    framed = window.self !== window.top;
  } catch (err) {}
  const embed = framed || new URLSearchParams(location.search).get("embed") === "1";
  let started = false;
  const start = () => {
    if (!started) {
      started = true;
      goappInitWebAssembly().finally(framed ? () => {} : () => essayWhenStarted(goappInitServiceWorker));
    }
  };
  if (!embed) {
    start();
    return;
  }
  window.addEventListener("essay-need-app", start);
  const decide = () => {
    if (document.documentElement.dataset.weighs !== "on") {
      start();
    }
  };
  if (document.readyState === "complete") {
    decide();
  } else {
    document.addEventListener("DOMContentLoaded", decide);
  }
}

`

// essayWhenStarted calls f once the app has taken over the page (or
// stopped), or at once if the Go program never started (?wasm=false, no
// WebAssembly). go.run returns at the app's first yield, while the
// takeover goes on: a worker registered then could activate before the
// app looks whether a worker served the page, and its first install
// would be taken for a new version.
const essayWhenStarted = `let essayGoStarted = false;

function essayWhenStarted(f) {
  const root = document.documentElement;
  const started = () => !essayGoStarted || root.dataset.app === "running" || root.dataset.app === "stopped";
  if (started()) {
    f();
    return;
  }
  new MutationObserver((_, observer) => {
    if (started()) {
      observer.disconnect();
      f();
    }
  }).observe(root, { attributes: true, attributeFilter: ["data-app"] });
}

`

// essayInstantiate is WebAssembly.instantiateStreaming in two tasks: the
// compilation, then, after a yield to the browser, the instantiation. Its
// source is a response, or a module compiled off the main thread
// (essayCompileOffThread).
const essayInstantiate = `async function essayInstantiate(source, importObject) {
  source = await source;
  const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compileStreaming(source);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { module, instance: await WebAssembly.instantiate(module, importObject) };
}

`

// essayCompileOffThread fetches and compiles the wasm in a worker
// (static/wasm-compiler.js) and gives the compiled module, or, where
// there is no worker or it fails, fallback(given): the response, compiled
// on the main thread as before, from the download the page's head started
// (given) if the worker did not have it yet. Receiving the wasm and compiling it as it
// arrived held the main thread in tasks of 100-270 ms at the end of the
// download; the page now only instantiates it. (A repeat visit compiles
// on the main thread from the worker's cache, where the browser reuses
// the code it compiled before.)
const essayCompileOffThread = `function essayCompileOffThread(compiler, progress, fallback) {
  // The worker the page's head started (static/wasm-early.js), if it did.
  const early = window.essayWasmWorker;
  window.essayWasmWorker = null;
  if (!early && (!window.Worker || !WebAssembly.compileStreaming)) {
    return fallback();
  }
  return new Promise((resolve) => {
    let worker = early ? early.worker : null;
    const fail = (err) => {
      console.warn("leaving-amazon: compiling the app on the page instead:", err);
      if (worker) {
        worker.terminate();
      }
      resolve(fallback(early && early.given));
    };
    const listen = (event) => {
      if (event.type === "error") {
        event.preventDefault();
        fail(event.message || "the worker did not load");
        return;
      }
      if (event.type === "messageerror") {
        fail("the module could not be received");
        return;
      }
      const data = event.data || {};
      if (typeof data.loaded === "number") {
        progress(Math.min(100, Math.round(data.loaded * 100 / goappWasmContentLength)));
      } else if (data.module instanceof WebAssembly.Module) {
        // For make bench: the worker's fetch is not on the page's timeline.
        performance.mark("essay:compiled");
        worker.terminate();
        resolve(data.module);
      } else {
        fail(data.error);
      }
    };
    if (early) {
      // For the tests: the page's head started the download.
      performance.mark("essay:early");
      early.listener = listen;
      early.events.splice(0).forEach(listen);
      return;
    }
    try {
      worker = new Worker(compiler);
    } catch (err) {
      fail(err);
      return;
    }
    worker.onmessage = worker.onerror = worker.onmessageerror = listen;
  });
}

`

// essayGiven is the response of given, the download the page's head
// started (static/wasm-early.js: a promise of {url, response} or null), if
// it is url's.
const essayGiven = `async function essayGiven(given, url) {
  const download = await given;
  return download && download.url === new URL(url, location.href).href ? download.response : null;
}

`

// essayFetchWasm is the first visit's fetch of the wasm on a static host:
// from its twin (static/wasm-choice.js and wasm-twin.js, written in
// before it), counting the progress go-app's loader shows.
const essayFetchWasm = `async function essayFetchWasm(url, progress, given) {
  let body = await essayWasmTwin(url, {}, await given);
  if (!body) {
    return await essayGiven(given, url) || fetchWithProgress(url, progress);
  }
  let loaded = 0;
  body = body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      progress(Math.min(100, Math.round(loaded * 100 / goappWasmContentLength)));
      controller.enqueue(chunk);
    },
  }));
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
}

`

var (
	// stylesheetLink is the stylesheet's link in go-app's head, its
	// attributes in any order: go-app writes them from a map.
	stylesheetLink = regexp.MustCompile(`<link\s[^>]*\brel="stylesheet"[^>]*>`)
	loaderIcon     = regexp.MustCompile(`<img ([^>]*id="app-wasm-loader-icon"[^>]*)>`)
	emptyAuthor    = regexp.MustCompile(`\s*<meta name="author">`)
	relativeOnly   = regexp.MustCompile(`\s*<(?:link [^>]*rel="canonical"|meta [^>]*property="og:url")[^>]*>`)
)

// slashHome puts the slash back on the essay's home address, wherever
// go-app wrote it as a whole quoted value: under a sub-path, and the
// site's own with a domain.
func slashHome(b []byte, domain, prefix string) []byte {
	if prefix != "" {
		b = bytes.ReplaceAll(b, []byte(`"`+prefix+`"`), []byte(`"`+prefix+`/"`))
	}
	if domain != "" {
		home := "https://" + domain + prefix
		b = bytes.ReplaceAll(b, []byte(`"`+home+`"`), []byte(`"`+home+`/"`))
	}
	return b
}
