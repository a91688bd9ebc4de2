// essayWasmTwin fetches the app's wasm at url on a static host, as
// essayWasmChoice (static/wasm-choice.js, written in before it) chooses,
// and returns the decompressed bytes as a stream, or null where the wasm
// itself is the fetch. given, if any, is the download the page's head
// started ({url, response}: static/wasm-early.js, which chose the same
// way); it is used instead of a fetch of its own. A host that sent a twin
// with its own encoding named has decoded it already.
//
// Not served as a file: web/pages.go writes it into app.js, for a first
// visit, and into the service worker, for its precache, so that both make
// the same choice and the worker's copy costs a 304.
async function essayWasmTwin(url, init, given) {
  const formats = { br: "brotli", gz: "gzip" };
  const [address, format] = given ? [given.url, formats[given.url.split(".").pop()] || ""] :
    await essayWasmChoice(url, init);
  if (!format) {
    return null;
  }
  const response = given ? given.response : await fetch(new Request(address, init));
  if (!response.ok) {
    throw new Error(address + ": " + response.status);
  }
  const encoded = format === "brotli" ? /^br$/i : /gzip/i;
  return encoded.test(response.headers.get("Content-Encoding") || "") ?
    response.body : response.body.pipeThrough(new DecompressionStream(format));
}
