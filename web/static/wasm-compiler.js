// The app's wasm, fetched and compiled off the page's main thread, on a
// first visit (web/goapp.go, essayCompileOffThread): receiving 6.6 MB and
// compiling it as it arrives cost the page tasks of 100-270 ms, during
// which a reader's input waited. The page receives the compiled module
// and instantiates it. The page's head starts it (static/wasm-early.js),
// or app.js does. The server fills in the placeholders.
"use strict";

// On a static host (an export), the wasm comes from its twin, compressed
// at build time (static/wasm-twin.js, written in below).
const wasmFromTwin = {{.WasmFromTwin}};

// Started by the page's head (static/wasm-early.js, which names it
// "given"), it is given the download the page started: the response's
// URL, status, encoding and body, once it says it is ready. Otherwise it
// fetches at once: waiting for the page's message cost the download the
// time the page's main thread was busy (its first frame, its scripts),
// 200 ms and more on the slow phone.
const given = self.name !== "given" ? Promise.resolve(null) : new Promise((resolve) => {
  self.onmessage = (event) => {
    const { url, status, body, encoding } = event.data || {};
    resolve(url ? { url, response: new Response(body || null, { status, headers: { "Content-Encoding": encoding } }) } : null);
  };
  self.postMessage({ ready: true });
});

async function compile(url) {
  try {
    const body = await fetchWasm(url);
    // The page turns the bytes received into go-app's percentage: the
    // early start (static/wasm-early.js) does not know the wasm's size.
    let loaded = 0;
    let said = 0;
    const counted = body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        if (loaded - said >= 65536) {
          said = loaded;
          self.postMessage({ loaded });
        }
        controller.enqueue(chunk);
      },
      flush() {
        self.postMessage({ loaded });
      },
    }));
    const response = new Response(counted, { headers: { "Content-Type": "application/wasm" } });
    self.postMessage({ module: await WebAssembly.compileStreaming(response) });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
}

// fetchWasm is the wasm's body, decompressed: from its twin on a static
// host where the browser can decompress it, or as the server sends it.
async function fetchWasm(url) {
  const download = await given;
  const twin = wasmFromTwin ? await essayWasmTwin(url, {}, download) : null;
  if (twin) {
    return twin;
  }
  const response = download && download.url === new URL(url, location.href).href ?
    download.response : await fetch(url);
  if (!response.ok) {
    throw new Error(url + ": " + response.status);
  }
  return response.body;
}

{{.WasmTwin}}

// Last: the twin's code above is read by then.
compile({{.Wasm}});
