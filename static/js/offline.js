// Waypoint offline (issue 17): registers the service worker, keeps "Mark this lesson as
// done" pressed without a connection on the device until the server has it, and keeps a
// whole course on the device on request. The server stays the judge: a completion counts
// once however often it is sent, and nothing here grades or decides.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="waypoint-offline"]');
  if (!meta) return;
  var user = meta.content, lang = document.documentElement.lang;
  var status = document.getElementById("offline-status");
  var PENDING = "waypoint-pending-" + user, COURSES = "waypoint-courses-" + user;
  var PAGES = "waypoint-pages-" + user, STALE_MS = 24 * 3600 * 1000, WAIT_MS = 15000;
  var flushing = false, lastSent = 0, refusedText = "";

  function read(name, empty) {
    try { return JSON.parse(localStorage.getItem(name)) || empty; } catch (e) { return empty; }
  }
  function write(name, value) {
    if (!Object.keys(value).length) localStorage.removeItem(name);
    else localStorage.setItem(name, JSON.stringify(value));
  }
  function text(el, name, values) {
    var s = el.getAttribute("data-text-" + name) || "";
    Object.keys(values || {}).forEach(function (k) { s = s.replace("%(" + k + ")s", values[k]); });
    return s;
  }
  function size(bytes) {
    var mb = bytes >= 1e6, fmt = new Intl.NumberFormat(lang + "-u-nu-latn",
      { style: "unit", unit: mb ? "megabyte" : "kilobyte", maximumFractionDigits: 1 });
    return fmt.format(mb ? bytes / 1e6 : Math.max(1, Math.round(bytes / 1e3)));
  }
  function post(url, body) {
    var abort = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (abort) abort.abort(); }, WAIT_MS);
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", signal: abort && abort.signal,
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" } })
      .finally(function () { clearTimeout(timer); });
  }

  // --- the service worker -----------------------------------------------------------------
  if ("serviceWorker" in navigator) {
    var controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.register(meta.dataset.worker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      if (!reg.active) return;
      reg.active.postMessage({ type: "hello", user: user, lang: lang });
      // This page came before the worker: let it keep this one too.
      if (!controlled && user) reg.active.postMessage({ type: "keep", url: location.href });
    }).catch(function () {});
  }
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-signout") && navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "signout" });
    }
  });

  // --- what is waiting to be sent ---------------------------------------------------------
  function showStatus() {
    if (!status) return;
    var waiting = read(PENDING, []).length, parts = [];
    if (!navigator.onLine) parts.push(text(status, "offline"));
    if (waiting) parts.push(text(status, "pending", { count: waiting }));
    else if (lastSent) parts.push(text(status, "sent"));
    if (refusedText) parts.push(refusedText);
    status.textContent = parts.join(" ");
    status.hidden = !parts.length;
    document.querySelectorAll("form[data-offline-complete]").forEach(function (form) {
      var note = form.parentNode.querySelector(".lesson-pending");
      var isPending = read(PENDING, []).some(function (item) { return item.url === form.action; });
      if (note) note.hidden = !isPending;
    });
  }

  // Each completion is sent with a fresh form token (the page may be a copy from days ago);
  // the server records a lesson once, so sending it twice, or from two devices, is harmless.
  function flush() {
    var list = read(PENDING, []);
    if (flushing || !list.length || !user || !status) return showStatus();
    flushing = true;
    fetch(status.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        return list.reduce(function (chain, item) {
          return chain.then(function () {
            var data = new FormData();
            data.append("csrfmiddlewaretoken", body.token);
            return post(item.url, data).then(function (r) {
              if ((r.headers.get("Content-Type") || "").indexOf("application/json") === -1) return;
              return r.json().then(function (answer) {
                if (answer.error) refusedText = answer.error;
                else lastSent = Date.now();
                write(PENDING, read(PENDING, []).filter(function (i) { return i.url !== item.url; }));
              });
            });
          });
        }, Promise.resolve());
      })
      .catch(function () {})
      .then(function () { flushing = false; showStatus(); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-offline-complete") || !user) return;
    event.preventDefault();
    var next = form.elements.next ? form.elements.next.value : "";
    post(form.action, new FormData(form)).then(function (r) {
      if ((r.headers.get("Content-Type") || "").indexOf("application/json") === -1) throw { page: true };
      return r.json();
    }).then(function (answer) {
      if (answer.error) { refusedText = answer.error; return showStatus(); }
      window.location.assign(next || window.location.href);
    }, function (error) {
      if (error && error.page) { HTMLFormElement.prototype.submit.call(form); return; }
      var list = read(PENDING, []).filter(function (i) { return i.url !== form.action; });
      list.push({ url: form.action, title: document.title, at: Date.now() });
      write(PENDING, list);
      showStatus();
      if (next && window.caches) caches.open(PAGES).then(function (c) { return c.match(next, { ignoreVary: true }); })
        .then(function (found) { if (found) window.location.assign(next); });
    });
  });

  window.addEventListener("online", function () { flush(); refreshStale(); });
  window.addEventListener("offline", showStatus);

  // --- a whole course on the device -------------------------------------------------------
  var box = document.querySelector("[data-offline-course]");

  // What to keep of a video: "" (none), or the copy chosen ("240p", "audio"). A video's
  // poster and captions go with its copy.
  function chosen(bundle, videos) {
    return bundle.items.filter(function (i) { return i.kind !== "video" || (videos && (!i.quality || i.quality === videos)); });
  }
  function total(items) { return items.reduce(function (sum, i) { return sum + i.bytes; }, 0); }
  // Addresses another course kept on this device uses too (a shared picture or document).
  function usedElsewhere(courses, id) {
    var used = {};
    Object.keys(courses).forEach(function (other) {
      if (other !== String(id)) courses[other].urls.forEach(function (url) { used[url] = true; });
    });
    return used;
  }

  // Pages must all arrive (a failure stops the download, to be tried again); another file
  // that cannot be fetched (object storage without CORS, a document withdrawn) is left out.
  // Every file is fetched afresh and kept once, in the course's cache, not a second time in
  // the browser's own (cache: "no-store", which the service worker lets through).
  function store(bundle, bundleUrl, videos, onItem) {
    var bytes = 0, done = 0, items = chosen(bundle, videos), urls = [];
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
    return caches.open(PAGES).then(function (cache) {
      return items.reduce(function (chain, item) {
        return chain.then(function () {
          var away = new URL(item.url, location.href).origin !== location.origin;
          return fetch(item.url, { credentials: "same-origin", mode: away ? "no-cors" : "cors", cache: "no-store" }).then(function (r) {
            if (!away && (!r.ok || r.redirected)) throw r;
            return r.clone().blob().then(function (blob) {
              bytes += blob.size;
              urls.push(item.url);
              return cache.put(item.url, r);
            });
          }).catch(function (error) { if (item.kind === "page") throw error; })
            .then(function () { done += 1; if (onItem) onItem(done, items.length); });
        });
      }, Promise.resolve()).then(function () {
        // What the last copy kept and this one does not (an older version, videos left out).
        var courses = read(COURSES, {}), before = courses[bundle.course], used = usedElsewhere(courses, bundle.course);
        var gone = before ? before.urls.filter(function (url) { return urls.indexOf(url) === -1 && !used[url]; }) : [];
        return Promise.all(gone.map(function (url) { return cache.delete(url, { ignoreVary: true }); }));
      });
    }).then(function () {
      var courses = read(COURSES, {});
      courses[bundle.course] = { title: bundle.title, urls: urls, bytes: bytes, at: Date.now(),
        bundle: bundleUrl, videos: videos };
      write(COURSES, courses);
    });
  }

  function getBundle(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw r; return r.json(); });
  }

  function refreshStale() {
    if (!user || !window.caches || !navigator.onLine) return;
    var courses = read(COURSES, {});
    Object.keys(courses).forEach(function (id) {
      var record = courses[id];
      if (Date.now() - record.at > STALE_MS && record.bundle) {
        var videos = record.videos === undefined ? "" : record.videos;
        getBundle(record.bundle).then(function (b) { return store(b, record.bundle, videos); }).catch(function () {});
      }
    });
  }

  function showBox() {
    var record = read(COURSES, {})[box.dataset.offlineCourse];
    var says = box.querySelector(".offline-box__status");
    var offer = box.querySelector("[data-action=download]");
    box.querySelector("[data-action=remove]").hidden = !record;
    offer.textContent = text(box, record ? "update" : "download");
    offer.hidden = false;
    says.textContent = record ? text(box, "stored", { size: size(record.bytes) }) : "";
  }

  if (box && user && window.caches && window.fetch) {
    box.hidden = false;
    var bar = box.querySelector("progress"), confirmButton = box.querySelector("[data-action=confirm]");
    var says = box.querySelector(".offline-box__status"), pendingBundle = null;
    var options = box.querySelector(".offline-box__videos"), withVideos = box.querySelector("[data-option=videos]");
    var qualities = box.querySelectorAll("[data-option=quality]");
    var quality = function () {
      var picked = [].filter.call(qualities, function (q) { return q.checked; })[0];
      return picked ? picked.value : pendingBundle.video_quality;
    };
    var videoChoice = function () { return withVideos.checked ? quality() : ""; };
    var describe = function () {
      var items = chosen(pendingBundle, videoChoice()), stated = size(total(items));
      says.textContent = text(box, "size", { size: stated, count: items.length });
      confirmButton.textContent = text(box, "confirm", { size: stated });
      var videoBytes = total(chosen(pendingBundle, quality())) - total(chosen(pendingBundle, ""));
      options.querySelector("[data-videos-size]").textContent = text(box, "videos", { size: size(videoBytes) });
      [].forEach.call(qualities, function (q) { q.disabled = !withVideos.checked; });
    };
    var downloadButton = box.querySelector("[data-action=download]");
    showBox();
    downloadButton.addEventListener("click", function () {
      says.textContent = text(box, "measuring");
      getBundle(box.dataset.bundleUrl).then(function (bundle) {
        var record = read(COURSES, {})[box.dataset.offlineCourse];
        pendingBundle = bundle;
        options.hidden = !bundle.items.some(function (i) { return i.kind === "video"; });
        if (record && record.videos !== undefined) {
          withVideos.checked = !!record.videos;
          [].forEach.call(qualities, function (q) { q.checked = q.value === (record.videos || bundle.video_quality); });
        }
        describe();
        // Once the size is known, one button: "Download (82 kB)" in place of the offer.
        downloadButton.hidden = true;
        confirmButton.hidden = false;
        confirmButton.focus();
      }).catch(function () { says.textContent = text(box, "failed"); });
    });
    options.addEventListener("change", describe);
    confirmButton.addEventListener("click", function () {
      confirmButton.hidden = true;
      options.hidden = true;
      bar.hidden = false; bar.value = 0;
      store(pendingBundle, box.dataset.bundleUrl, videoChoice(), function (done, total) {
        bar.max = total; bar.value = done;
        says.textContent = text(box, "progress", { done: done, total: total });
      }).then(function () { bar.hidden = true; showBox(); }, function () {
        bar.hidden = true; showBox(); says.textContent = text(box, "failed");
      });
    });
    box.querySelector("[data-action=remove]").addEventListener("click", function () {
      var courses = read(COURSES, {}), record = courses[box.dataset.offlineCourse];
      var used = usedElsewhere(courses, box.dataset.offlineCourse);
      caches.open(PAGES).then(function (cache) {
        return Promise.all(record.urls.filter(function (url) { return !used[url]; })
          .map(function (url) { return cache.delete(url, { ignoreVary: true }); }));
      }).then(function () {
        delete courses[box.dataset.offlineCourse];
        write(COURSES, courses);
        showBox();
        says.textContent = text(box, "removed");
      });
    });
  }

  showStatus();
  if (navigator.onLine) { flush(); refreshStale(); }
})();
