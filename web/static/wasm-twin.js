// essayWasmTwin fetches the app's wasm at url on a static host, which may
// send files as they are: the raw wasm is 8.3 MB, its brotli twin (made at
// build time) 1.6 MB, its gzip twin 2.2 MB. It returns the decompressed
// bytes as a stream, or null where url itself is the better fetch: when
// this browser cannot decompress the brotli twin but the host sends the
// wasm with brotli itself (a HEAD request says), or when it can decompress
// neither twin. (A host's own gzip is no smaller than the gzip twin, and
// Apache's breaks revalidation: the worker's copy would cost a second
// download.) A host that sent a twin with its own encoding named
// has decoded it already. given, if any, is a download the page's head
// started ({url, response}: static/wasm-early.js, which chooses as this
// does): a twin's is used as it is, and for the wasm's itself this
// returns null.
//
// Not served as a file: web/pages.go writes it into app.js, for a first
// visit, and into the service worker, for its precache, so that both make
// the same choice and the worker's copy costs a 304.
async function essayWasmTwin(url, init, given) {
  const under = (suffix) => given && given.url === new URL(url + suffix, location.href).href;
  if (under("")) {
    return null;
  }
  for (const [format, suffix, encoded] of [["brotli", ".br", /^br$/i], ["gzip", ".gz", /gzip/i]]) {
    let decompress;
    try {
      decompress = new DecompressionStream(format);
    } catch (err) {
      continue;
    }
    if (format !== "brotli" && !under(suffix)) {
      const head = await fetch(new Request(url, Object.assign({}, init, { method: "HEAD" })));
      if (head.ok && /^br$/i.test(head.headers.get("Content-Encoding") || "")) {
        return null;
      }
    }
    const response = under(suffix) ? given.response : await fetch(new Request(url + suffix, init));
    if (!response.ok) {
      throw new Error(url + suffix + ": " + response.status);
    }
    const decoded = encoded.test(response.headers.get("Content-Encoding") || "");
    return decoded ? response.body : response.body.pipeThrough(decompress);
  }
  return null;
}
