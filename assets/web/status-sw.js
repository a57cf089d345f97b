"use strict";
// The status page's service worker (registered with scope /t/; the server allows it with
// Service-Worker-Allowed). It keeps the page shell — the page, its script and style — so that a
// reload while offline still opens the page, which then shows the status it kept in
// localStorage under the offline banner. Network first: online, the page is always the
// server's current one. The public API and the WebSocket are never cached or touched.
var CACHE = "sanad-status-v1";
var SHELL = "/t/__shell__"; // every /t/{token} page is the same HTML: one copy, under no token
var ASSETS = ["/web/common.js", "/web/status.js", "/web/style.css"];
var NETWORK_WAIT_MS = 3000; // a phone on a dead network may hang instead of failing

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(ASSETS).then(function () {
          // The page that registered us is not controlled yet: keep its shell now.
          return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (list) {
            var page = list.filter(function (c) {
              return new URL(c.url).pathname.indexOf("/t/") === 0;
            })[0];
            if (!page) return undefined;
            return fetch(page.url, { credentials: "omit" }).then(function (answer) {
              return answer.ok ? cache.put(SHELL, answer) : undefined;
            });
          });
        });
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name !== CACHE;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

// The network within NETWORK_WAIT_MS, else a failure (so the cache answers).
function network(request) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () {
      reject(new Error("timeout"));
    }, NETWORK_WAIT_MS);
    fetch(request).then(
      function (answer) {
        clearTimeout(timer);
        resolve(answer);
      },
      function (error) {
        clearTimeout(timer);
        reject(error);
      }
    );
  });
}

function networkFirst(request, key) {
  return network(request)
    .then(function (answer) {
      if (answer.ok) {
        var copy = answer.clone();
        caches.open(CACHE).then(function (cache) {
          cache.put(key, copy);
        });
      }
      return answer;
    })
    .catch(function (error) {
      return caches.match(key).then(function (kept) {
        if (kept) return kept;
        throw error;
      });
    });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.indexOf("/t/") === 0) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(networkFirst(request, url.pathname));
  }
  // everything else (the public API above all) goes to the network untouched
});
