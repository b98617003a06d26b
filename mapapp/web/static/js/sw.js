/*
 * The service worker of an offline trip pack. It exists only once someone saved a trip
 * for offline use (static/js/offline.js registers it then).
 *
 * Pages, files, scripts and styles of this site: the network first, and the saved copy
 * when there is no network (or it has not answered within WAIT_MS while a copy exists);
 * a page that was not saved gets the "not saved" page. Nothing is saved here on the way:
 * only offline.js fills the pack, so a saved copy is always the one the user asked for.
 *
 * Map tiles from the tile server: kept as they are viewed (at most MAX_TILES, the oldest
 * dropped first) and served from there, so the trip's map shows what was looked at.
 */
"use strict";

var TILES = "mapapp-tiles";
var MAX_TILES = 1500;  // tiles from another host are opaque, and weigh more in the quota
var WAIT_MS = 6000;
var TILE_PATH = /\/\d+\/\d+\/\d+(@2x)?\.(png|jpe?g|webp)$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function notSaved(request) {
  if (request.mode !== "navigate") return Response.error();
  return caches.match("/offline").then(function (page) {
    return page || new Response("Offline: this page was not saved.", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  });
}

function networkThenSaved(request) {
  return caches.match(request, { ignoreVary: true }).then(function (copy) {
    var network = fetch(request);
    if (!copy) return network.catch(function () { return notSaved(request); });
    return new Promise(function (resolve) {
      var timer = setTimeout(function () { resolve(copy); }, WAIT_MS);
      network.then(
        function (response) { clearTimeout(timer); resolve(response); },
        function () { clearTimeout(timer); resolve(copy); }
      );
    });
  });
}

function trim(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_TILES)).map(function (key) {
      return cache.delete(key);
    }));
  });
}

function tile(request) {
  return caches.match(request).then(function (copy) {
    if (copy) return copy;
    return fetch(request).then(function (response) {
      if (response.ok || response.type === "opaque") {
        var kept = response.clone();
        caches.open(TILES).then(function (cache) {
          return cache.put(request, kept).then(function () { return trim(cache); });
        }).catch(function () { /* storage full: the tile is shown, not kept */ });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin === self.location.origin) {
    if (url.pathname !== "/sw.js") event.respondWith(networkThenSaved(request));
  } else if (request.destination === "image" && TILE_PATH.test(url.pathname)) {
    event.respondWith(tile(request));
  }
});
