// essayWasmChoice is which file to fetch for the app's wasm at url on a
// static host, which may send files as they are (the raw wasm is 8.3 MB,
// its brotli twin, made at build time, 1.6 MB, its gzip twin 2.2 MB):
// [its address, the format to decompress it from, "" for none]. The
// brotli twin where this browser can decompress brotli; else the gzip
// twin, unless the host sends the wasm with brotli itself (a HEAD request
// says; a host's own gzip is no smaller than the gzip twin, and Apache's
// breaks revalidation: the worker's copy would cost a second download);
// the wasm where it can decompress neither.
//
// Not served as a file: web/pages.go writes it into the page's head
// (static/wasm-early.js), app.js, the compiler and the service worker, so
// that all make the same choice, and the one download is shared.
async function essayWasmChoice(url, init) {
  const can = (format) => {
    try {
      return Boolean(new DecompressionStream(format));
    } catch (err) {
      return false;
    }
  };
  if (can("brotli")) {
    return [url + ".br", "brotli"];
  }
  if (!can("gzip")) {
    return [url, ""];
  }
  const head = await fetch(new Request(url, Object.assign({}, init, { method: "HEAD" })));
  return head.ok && /^br$/i.test(head.headers.get("Content-Encoding") || "") ? [url, ""] : [url + ".gz", "gzip"];
}
