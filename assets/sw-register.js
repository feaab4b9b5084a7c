/* Registers the service worker (offline page, installable app). A file of its own: the
 * Content-Security-Policy admits no inline script but the build's own, by hash. */
"use strict";

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch((error) => {
      console.warn("dasnez: service worker not registered", error);
    });
  });
}
