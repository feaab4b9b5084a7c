/* dasnez service worker: the German offline page and the build's static files.
 *
 * What it never touches: pages are always fetched from the network (they are the same
 * for everyone, but a cached one could show yesterday's listing); the event channel
 * (/_event), the session cookie endpoints (/_session/...), uploads (/_upload/...), health
 * checks and anything else under /_ go to the server without the worker, as do requests
 * to other hosts and every method but GET. Only the build's hashed files (/assets/...),
 * the icons and the few shared files below are cached; none of them holds personal data.
 */
"use strict";

const CACHE = "dasnez-static-v1";
const OFFLINE_PAGE = "/offline.html";
const PRECACHE = [
  OFFLINE_PAGE,
  "/favicon.svg",
  "/favicon.ico",
  "/manifest.webmanifest",
  "/icons/icon-192.png",
];
// Files a build names by content hash: a cached copy is never out of date.
const IMMUTABLE_PREFIX = "/assets/";
// Shared files without a hash: served from the cache, refreshed in the background.
const SHARED_FILES = new Set([...PRECACHE, "/dasnez.css", "/apple-touch-icon.png"]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/_")) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
  } else if (url.pathname.startsWith(IMMUTABLE_PREFIX)) {
    event.respondWith(cacheFirst(request));
  } else if (SHARED_FILES.has(url.pathname) || url.pathname.startsWith("/icons/")) {
    event.respondWith(staleWhileRevalidate(request, event));
  }
});

async function offlinePage() {
  const cached = await caches.match(OFFLINE_PAGE);
  return cached || Response.error();
}

function cacheable(response) {
  return response.ok && response.type === "basic";
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function staleWhileRevalidate(request, event) {
  const cached = await caches.match(request);
  const refreshed = fetch(request).then(async (response) => {
    if (cacheable(response)) {
      const cache = await caches.open(CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refreshed.catch(() => undefined));
    return cached;
  }
  return refreshed;
}
