// Starts a first visit's download of the wasm while the page's head is
// read, and the worker that compiles it (static/wasm-compiler.js), which
// is handed the body once it runs: a worker's thread starts only after the
// page's first frame, and a script after the stylesheet's link waits for
// the stylesheet, so the download began at about 1.2 s on the slow phone
// (make bench). Written into each page's head before the stylesheet's link
// (web/goapp.go, fixPage), with essayWasmChoice (static/wasm-choice.js)
// before it, and allowed by its hash in the Content-Security-Policy. It is
// the same on every page, under every prefix and in an export, so that
// the hash is one: the addresses are in its tag's data attributes
// (web/pages.go, earlyTag). app.js takes this worker over (web/goapp.go,
// essayCompileOffThread).
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
    const wasm = new URL(data.wasm, location.href).href;
    const given = ("twin" in data ? essayWasmChoice(wasm, {}) : Promise.resolve([wasm]))
      .then(([url]) => fetch(url, { priority: "low" }).then((response) => ({ url, response })))
      .catch(() => null);
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
})();
