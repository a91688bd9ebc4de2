// Starts a first visit's download of the wasm while the page's head is
// read, and the worker that compiles it (static/wasm-compiler.js): written
// into each page's head before the stylesheet's link (web/goapp.go,
// fixPage), allowed by its hash in the Content-Security-Policy. It is the
// same on every page, under every prefix and in an export, so that the
// hash is one: the addresses are in its tag's data attributes (web/pages.go,
// earlyTag). Before it, app.js (deferred: it runs once the document is
// parsed and its first frame painted, on the slow phone about 1.2 s after
// navigation) started the worker; then this script did, from after app.js's
// tag, which runs once the stylesheet has arrived (about 0.6 s); and a
// worker's thread starts only after that first frame anyway, so its
// download began at about 1.2 s, and the wasm took its 6 s on the line from
// there (make bench). So the page fetches, before the stylesheet is in,
// and hands the body to the worker once it runs. app.js takes this worker
// over (web/goapp.go, essayCompileOffThread).
(() => {
  // Only where app.js starts the app at once and compiles it in a worker:
  // a first visit (a page the service worker serves compiles from its
  // cache), not in embed mode (the app starts there only if the page
  // needs it), not for robots or with ?wasm=false (go-app's own rules).
  let framed = true;
  try {
    framed = window.self !== window.top;
  } catch (err) {}
  const query = new URLSearchParams(location.search);
  if (framed || query.get("embed") === "1" || query.get("wasm") === "false" ||
    /bot|googlebot|crawler|spider|robot|crawling/i.test(navigator.userAgent) ||
    !window.Worker || !window.WebAssembly || !WebAssembly.compileStreaming ||
    (navigator.serviceWorker && navigator.serviceWorker.controller)) {
    return;
  }
  try {
    const data = document.currentScript.dataset;
    const worker = new Worker(data.compiler, { name: "given" });
    // given: the download ({url, response} once its headers are in, or
    // null for none or a failure), until the worker has it; app.js
    // compiles it on the page if the worker fails first. At low priority,
    // so that on a shared line the stylesheet and the scripts the sliders
    // answer with come first (make bench, high: first paint about 50 ms
    // later).
    const given = essayWasmURL(data).then((url) => url ?
      fetch(url, { priority: "low" }).then((response) => ({ url, response })) : null).catch(() => null);
    // What the worker says before app.js listens is kept for it.
    const early = { worker, events: [], listener: null, given };
    worker.onmessage = worker.onerror = worker.onmessageerror = (event) => {
      if (event.type === "message" && event.data && event.data.ready) {
        early.given = null;
        given.then((download) => {
          if (!download) {
            worker.postMessage({ url: "" }); // the worker fetches
            return;
          }
          const { url, response } = download;
          const body = response.ok ? response.body : null;
          worker.postMessage({
            url, status: response.status, body,
            encoding: response.headers.get("Content-Encoding") || "",
          }, body ? [body] : []);
        });
        return;
      }
      if (event.type === "error") {
        event.preventDefault();
      }
      early.listener ? early.listener(event) : early.events.push(event);
    };
    window.essayWasmWorker = early;
  } catch (err) {
    // app.js starts its own, or compiles on the page.
  }

  // essayWasmURL is what to fetch: the wasm (data-wasm), which the server
  // sends compressed, or on a static host (data-twin) the twin this
  // browser can decompress, as static/wasm-twin.js chooses: brotli's, or
  // gzip's unless the host sends the wasm itself with brotli (a HEAD
  // request says); "" where it can decompress neither.
  async function essayWasmURL(data) {
    const wasm = new URL(data.wasm, location.href).href;
    const can = (format) => {
      try {
        return new DecompressionStream(format) && true;
      } catch (err) {
        return false;
      }
    };
    if (!("twin" in data) || can("brotli")) {
      return "twin" in data ? wasm + ".br" : wasm;
    }
    if (!can("gzip")) {
      return "";
    }
    const head = await fetch(wasm, { method: "HEAD" });
    return head.ok && /^br$/i.test(head.headers.get("Content-Encoding") || "") ? wasm : wasm + ".gz";
  }
})();
