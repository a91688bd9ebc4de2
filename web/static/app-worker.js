// The essay's service worker: every section readable offline after the
// first visit, and honest updates. Written for this app in place of
// go-app's stock worker (see the README); the server fills in the
// placeholders.
"use strict";

// Caches are named for the worker's scope too: two copies of the essay
// under different paths of one site must not delete each other's.
const cachePrefix = "leaving-amazon " + self.registration.scope + " ";
const cacheName = cachePrefix + "{{.Version}}";
// Everything a reader needs offline: every page, the app, its scripts,
// styles, icons and manifest. From the content, not a hand-kept list.
const resourcesToCache = {{.ResourcesToCache}};
// The pages, by path; a navigation to one is answered from the cache
// whatever its query string (a shared link carries the reader's weights).
const pages = new Set({{.Pages}});
const offlinePage = "{{.OfflinePage}}";
// On a static host (an export), the wasm is precached from its twin,
// compressed at build time, and kept decompressed: a host in its defaults
// may send files as they are (see patchAppJS in web/goapp.go).
const wasmFromTwin = {{.WasmFromTwin}};
const wasmPath = "{{.WasmPath}}";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    try {
      // All or nothing, as cache.addAll: a precache that cannot complete
      // fails the install, and the old worker stays in charge.
      const responses = await Promise.all(resourcesToCache.map(precache));
      await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
    } catch (err) {
      // Leave no half-filled cache behind, and say why.
      await caches.delete(cacheName);
      console.error("leaving-amazon: offline copy not saved, the install failed:", err);
      throw err;
    }
    // Take over at once: the page is told, and asks the reader to reload.
    await self.skipWaiting();
  })());
});

// precache fetches one file for the cache. cache: "no-cache" revalidates
// it with the server, so the HTTP cache cannot hand an old version to the
// new cache, while a file the page has just fetched (the wasm) costs a
// 304, not a second download. A host in its defaults may answer a page's
// address with a redirect (/x/pace to /x/pace/): the page is kept as a
// plain response under the address asked for, since a browser refuses a
// redirected response for a navigation.
async function precache(url) {
  if (wasmFromTwin && url === wasmPath) {
    return [url, await wasmFromItsTwin(url)];
  }
  const twin = wasmFromTwin && await fromTextTwin(url);
  if (twin) {
    return [url, twin];
  }
  const response = await fetch(new Request(url, { cache: "no-cache" }));
  if (!response.ok) {
    throw new Error(url + ": " + response.status);
  }
  if (!response.redirected) {
    return [url, response];
  }
  const body = await response.blob();
  return [url, new Response(body, { status: 200, statusText: "OK", headers: response.headers })];
}

// wasmFromItsTwin is the wasm, decompressed from its twin.
async function wasmFromItsTwin(url) {
  const body = await essayWasmTwin(url, { cache: "no-cache" });
  if (!body) {
    return fetch(new Request(url, { cache: "no-cache" }));
  }
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
}

// The types of the text files an export has gzip twins of, by extension:
// on a static host the worker precaches them from their twins too, as a
// host in its defaults may send them as they are.
const textTypes = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

// The essay's own response headers: a page kept from its twin carries them,
// as the essay's server would send them.
const pageHeaders = {{.Headers}};

// fromTextTwin is a page or a text file decompressed from its gzip twin
// (a page at /x/pace is x/pace/index.html in an export), or null when it
// has none, or the twin cannot be had.
async function fromTextTwin(url) {
  const ext = (url.match(/\.[a-z]+$/) || [""])[0];
  const page = pages.has(url) || url === offlinePage;
  const type = page ? "text/html; charset=utf-8" : textTypes[ext];
  let decompress;
  try {
    decompress = new DecompressionStream("gzip");
  } catch (err) {
    return null;
  }
  if (!type) {
    return null;
  }
  const path = page ? url.replace(/\/?$/, "/index.html") : url;
  const response = await fetch(new Request(path + ".gz", { cache: "no-cache" }));
  if (!response.ok) {
    return null; // no twin: the file itself will do
  }
  const decoded = /gzip/i.test(response.headers.get("Content-Encoding") || "");
  const body = decoded ? response.body : response.body.pipeThrough(decompress);
  const headers = Object.assign({}, page ? pageHeaders : {}, { "Content-Type": type, "Cache-Control": "no-cache" });
  return new Response(body, { headers: headers });
}

{{.WasmTwin}}
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys
      .filter((key) => key.startsWith(cachePrefix) && key !== cacheName)
      .map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
    return;
  }
  event.respondWith(fromCache(request));
});

// navigate answers a page from the cache, ignoring its query, under the
// other forms static hosts serve it under too (a trailing slash,
// index.html, doubled slashes); an unknown page from the network, with its
// redirects, or, offline, with the offline page.
async function navigate(request) {
  const cache = await caches.open(cacheName);
  const page = pageOf(new URL(request.url).pathname);
  if (page) {
    const cached = await cache.match(page, { ignoreSearch: true });
    if (cached) {
      return cached;
    }
  }
  try {
    return await fetch(request);
  } catch (err) {
    const offline = await cache.match(offlinePage);
    if (offline) {
      return offline;
    }
    throw err;
  }
}

// pageOf is the page a path names, or "".
function pageOf(path) {
  if (pages.has(path)) {
    return path;
  }
  const folder = path.replace(/\/{2,}/g, "/").replace(/index\.html$/, "").replace(/\/+$/, "");
  return pages.has(folder) ? folder : pages.has(folder + "/") ? folder + "/" : "";
}

async function fromCache(request) {
  const cached = await caches.match(request, { cacheName: cacheName });
  if (cached) {
    return cached;
  }
  return fetch(request);
}
