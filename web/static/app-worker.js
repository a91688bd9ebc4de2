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

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    try {
    // cache: "no-cache" revalidates every file with the server, so the HTTP
    // cache cannot hand an old version to the new cache, while a file the
    // page has just fetched (the wasm) costs a 304, not a second download.
    // addAll fails as a whole: a precache that cannot complete fails the
    // install, and the old worker stays in charge.
      await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "no-cache" })));
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
    event.respondWith(navigate(url));
    return;
  }
  event.respondWith(fromCache(request));
});

// navigate answers a page from the cache, ignoring its query; an unknown
// page from the network, or, offline, with the offline page.
async function navigate(url) {
  const cache = await caches.open(cacheName);
  if (pages.has(url.pathname)) {
    const cached = await cache.match(url.pathname, { ignoreSearch: true });
    if (cached) {
      return cached;
    }
  }
  try {
    return await fetch(url.href);
  } catch (err) {
    const offline = await cache.match(offlinePage);
    if (offline) {
      return offline;
    }
    throw err;
  }
}

async function fromCache(request) {
  const cached = await caches.match(request, { cacheName: cacheName });
  if (cached) {
    return cached;
  }
  return fetch(request);
}
