// Waypoint's service worker (issue 17). Served by offline.views.service_worker: the
// configuration line below changes whenever a precached static file does, so the browser
// installs the new worker, which fetches the new shell and deletes the old caches.
//
// - Pages: network first, with a short wait; then the copy kept on this device for the
//   person signed in (a cache per person, "waypoint-pages-<key>"); then the offline page.
//   Only pages the server marks (Waypoint-Offline header: course pages for a signed-in
//   learner) are kept, never admin, account, report, certificate or quiz pages, nor POSTs.
// - The app shell (CSS, JS, icons, offline page): from the cache, kept up to date by
//   installing a new worker.
// - Images of the courses kept offline: from the person's cache, else the network.
// - Documents and video files of the courses kept offline: from the person's cache (video
//   in byte ranges, as players ask for it), else the network; without a connection, a video
//   another copy of which is kept (240p, audio) plays that one.
// - A page kept before a deploy links the static files of that day (hashed names in
//   production), which the new worker no longer keeps: it gets the current ones instead.
// - A download of a course (offline.js asks with cache: "no-store") always goes to the network.
/* eslint-env serviceworker */
"use strict";
var CONFIG = {{ config|safe }};
var SHELL = "waypoint-shell-" + CONFIG.version;
var META = "waypoint-meta";
var PAGES = "waypoint-pages-";
// A page kept on the device is shown if the network has not answered by then (a weak link);
// the network's answer still replaces the kept copy for next time.
var NETWORK_WAIT_MS = 700;
var COURSE_FILES = /^\/(documents|learning\/videos)\//;
var VIDEO_COPY = /^\/learning\/videos\/(\d+)\/(240p|360p|audio|original)\/$/;
var NEVER_KEPT = /^\/(admin|django-admin|accounts|reports|certificates|sw\.js|manifest\.webmanifest)(\/|$)/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(CONFIG.precache.concat([CONFIG.offline]));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("waypoint-shell-") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// --- who is signed in on this device ------------------------------------------------------
function metaGet(name) {
  return caches.open(META).then(function (cache) { return cache.match("/__" + name); })
    .then(function (r) { return r ? r.text() : ""; });
}
function metaSet(name, value) {
  return caches.open(META).then(function (cache) { return cache.put("/__" + name, new Response(value)); });
}
function dropPagesExcept(key) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PAGES) === 0 && name !== PAGES + key;
    }).map(function (name) { return caches.delete(name); }));
  });
}
// Another person signed in: the last person's pages go, so that they are never shown.
function setUser(key) {
  return metaGet("user").then(function (previous) {
    return metaSet("user", key).then(function () { return previous !== key ? dropPagesExcept(key) : null; });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.type === "hello") {
    // A page for nobody signed in (a session that ran out) keeps the last person's copies
    // for reading offline; signing out clears them (Clear-Site-Data), and another person
    // signing in replaces them.
    done = (data.user ? setUser(data.user) : Promise.resolve()).then(function () {
      return metaGet("lang").then(function (lang) {
        if (!data.lang || lang === data.lang) return null;
        // The offline page in the language the person now reads.
        return fetch(CONFIG.offline, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
          if (!r.ok) return null;
          return caches.open(SHELL).then(function (cache) { return cache.put(CONFIG.offline, r); })
            .then(function () { return metaSet("lang", data.lang); });
        });
      });
    });
  } else if (data.type === "keep" && data.url) {
    // The first page of a visit, loaded before this worker was in charge.
    done = fetch(data.url, { credentials: "same-origin" }).then(function (response) {
      return keep(new Request(data.url), response);
    });
  } else if (data.type === "signout") {
    done = dropPagesExcept("\u0000").then(function () { return metaSet("user", ""); });
  }
  if (done) event.waitUntil(done.catch(function () {}));
});

// --- fetches ----------------------------------------------------------------------------
function offlineAnswer() {
  return caches.match(CONFIG.offline, { cacheName: SHELL }).then(function (r) {
    return r || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  });
}

function keptCopy(request) {
  return metaGet("user").then(function (key) {
    if (!key) return undefined;
    return caches.open(PAGES + key).then(function (cache) { return cache.match(request, { ignoreVary: true }); });
  });
}

function keep(request, response) {
  var key = response.headers.get("Waypoint-Offline");
  var path = new URL(request.url).pathname;
  if (!key || !response.ok || response.redirected || NEVER_KEPT.test(path)) return Promise.resolve();
  return setUser(key).then(function () {
    return caches.open(PAGES + key).then(function (cache) { return cache.put(request, response); });
  });
}

function page(event) {
  var request = event.request;
  var stored = null;
  var network = fetch(request).then(function (response) {
    stored = keep(request, response.clone());
    return response;
  });
  event.waitUntil(network.then(function () { return stored; }).catch(function () {}));
  var copy = keptCopy(request);
  var waited = new Promise(function (resolve) { setTimeout(resolve, NETWORK_WAIT_MS); })
    .then(function () { return copy; })
    .then(function (found) { return found || network; });
  return Promise.race([network, waited]).catch(function () {
    return copy.then(function (found) { return found || offlineAnswer(); });
  });
}

// An image of a lesson kept offline was stored at the small rendition; a wider screen asks
// for another one, so the small one stands in for it when there is no connection.
function smallRendition(url) {
  return url.replace(/\.(width|fill|max)-[\dx-]+(\.[a-z]+)$/i, ".width-480$2");
}

function image(request) {
  return keptCopy(request).then(function (found) {
    return found || fetch(request).catch(function () {
      return keptCopy(new Request(smallRendition(request.url))).then(function (small) {
        return small || Response.error();
      });
    });
  });
}

// --- static files: a page kept before a deploy ----------------------------------------------
// Production names static files after their contents ("waypoint.3f9a1c2b7d4e.css"). A page
// kept before a deploy still links the old names, which the old worker's cache held and the
// server may no longer have: the current file of the same name stands in for it.
function unhashed(path) {
  return path.replace(/\.[0-9a-f]{12}(\.[A-Za-z0-9]+)$/, "$1");
}
var CURRENT = {};
CONFIG.precache.forEach(function (url) { CURRENT[unhashed(new URL(url, self.location.href).pathname)] = url; });

function currentVersion(request) {
  var current = CURRENT[unhashed(new URL(request.url).pathname)];
  return current ? caches.match(current, { cacheName: SHELL }) : Promise.resolve(undefined);
}

function staticFile(request) {
  return caches.match(request, { cacheName: SHELL }).then(function (found) {
    if (found) return found;
    return fetch(request).then(function (response) {
      if (response.ok) return response;
      return currentVersion(request).then(function (current) { return current || response; });
    }, function () {
      return currentVersion(request).then(function (current) { return current || Response.error(); });
    });
  });
}

// --- documents and videos of a course kept offline ------------------------------------------
// A media element asks for byte ranges; the kept copy is the whole file (a cache holds no
// partial answers), so the range is cut from it here. Chromium plays nothing otherwise.
function inRange(request, response) {
  var range = /^bytes=(\d*)-(\d*)$/.exec((request.headers.get("Range") || "").trim());
  if (!range || (!range[1] && !range[2]) || response.status !== 200) return response;
  return response.blob().then(function (blob) {
    var size = blob.size, start, end;
    if (range[1]) { start = +range[1]; end = range[2] ? Math.min(+range[2], size - 1) : size - 1; }
    else { start = Math.max(0, size - range[2]); end = size - 1; }
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    var headers = new Headers(response.headers);
    headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(blob.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers: headers });
  });
}

// The copy of the same video kept on the device, when the player asks for another one.
function keptVideoCopy(request) {
  var wanted = VIDEO_COPY.exec(new URL(request.url).pathname);
  if (!wanted) return Promise.resolve(undefined);
  return metaGet("user").then(function (key) {
    if (!key) return undefined;
    return caches.open(PAGES + key).then(function (cache) {
      return cache.keys().then(function (requests) {
        var kept = requests.filter(function (r) {
          var copy = VIDEO_COPY.exec(new URL(r.url).pathname);
          return copy && copy[1] === wanted[1];
        });
        return kept.length ? cache.match(kept[0], { ignoreVary: true }) : undefined;
      });
    });
  });
}

function courseFile(request) {
  return keptCopy(request).then(function (found) {
    if (found) return inRange(request, found);
    return fetch(request).catch(function () {
      return keptVideoCopy(request).then(function (other) {
        return other ? inRange(request, other) : Response.error();
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  // A download of a course fetches afresh what it keeps.
  if (request.mode !== "navigate" && (request.cache === "reload" || request.cache === "no-store")) return;
  var url = new URL(request.url);
  var ours = url.origin === self.location.origin;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (ours && url.pathname.indexOf(CONFIG.static) === 0) {
    event.respondWith(staticFile(request));
  } else if (ours && COURSE_FILES.test(url.pathname)) {
    event.respondWith(courseFile(request));
  } else if (request.destination === "image"
      && (url.origin === self.location.origin || CONFIG.mediaOrigins.indexOf(url.origin) !== -1)) {
    // Only our own images (this site's, or the object store's): another origin's (a video
    // thumbnail) goes to the network untouched, as the worker may not fetch it.
    event.respondWith(image(request));
  }
});
