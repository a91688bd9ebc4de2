// Starts a first visit's download of the wasm, in its worker
// (static/wasm-compiler.js), while the page's head is read: written into
// each page's head after app.js's tag (web/goapp.go, fixPage), allowed by
// its hash in the Content-Security-Policy. It is the same on every page
// and under every prefix, so that the hash is one: the worker's address
// is app.js's, whose tag is just before. app.js is deferred: it runs once the document
// is parsed and its first frame painted, on the slow phone about 1.2 s
// after navigation, and the wasm then took its 6 s on the line from there
// (make bench). app.js takes this worker over (web/goapp.go,
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
    const app = document.querySelector('script[src$="/app.js"]');
    const worker = new Worker(new URL("web/wasm-compiler.js", app.src));
    // What the worker says before app.js listens is kept for it.
    const early = { worker, events: [], listener: null };
    worker.onmessage = worker.onerror = worker.onmessageerror = (event) => {
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
