// The app's wasm, fetched and compiled off the page's main thread, on a
// first visit (web/goapp.go, essayCompileOffThread): receiving 6.6 MB and
// compiling it as it arrives cost the page tasks of 100-270 ms, during
// which a reader's input waited. The page receives the compiled module
// and instantiates it. The server fills in the placeholders.
"use strict";

// On a static host (an export), the wasm comes from its twin, compressed
// at build time (static/wasm-twin.js, written in below).
const wasmFromTwin = {{.WasmFromTwin}};

self.onmessage = async (event) => {
  const { url, length } = event.data;
  try {
    const body = await fetchWasm(url);
    let loaded = 0;
    let said = -1;
    const counted = body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        const progress = length > 0 ? Math.min(100, Math.round(loaded * 100 / length)) : 0;
        if (progress !== said) {
          said = progress;
          self.postMessage({ progress });
        }
        controller.enqueue(chunk);
      },
    }));
    const response = new Response(counted, { headers: { "Content-Type": "application/wasm" } });
    self.postMessage({ module: await WebAssembly.compileStreaming(response) });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};

// fetchWasm is the wasm's body, decompressed: from its twin on a static
// host where the browser can decompress it, or as the server sends it.
async function fetchWasm(url) {
  const twin = wasmFromTwin ? await essayWasmTwin(url, {}) : null;
  if (twin) {
    return twin;
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(url + ": " + response.status);
  }
  return response.body;
}

{{.WasmTwin}}
