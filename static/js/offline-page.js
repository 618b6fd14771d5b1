// The "No connection" page the service worker shows for a page it could not load. It tries
// the page again by itself once the connection is back, as a browser's own error page does:
// at once when the device says it is online again, and, while the device says it is online
// but the server did not answer (a link that came back a moment later than the device
// noticed, a server restarting), every few seconds, waiting longer each time.
(function () {
  "use strict";
  // Opened at its own address (not in place of another page): nothing to try again.
  if (window.location.pathname === document.body.dataset.address) return;
  var FIRST_WAIT_MS = 2000, LONGEST_WAIT_MS = 60000;
  var wait = FIRST_WAIT_MS, timer = null;

  function tryAgain() {
    clearTimeout(timer);
    if (navigator.onLine === false) return; // the "online" event comes when it returns
    // Asked past the service worker (not a GET, not from its caches): any answer from the
    // server, even an error page, means the page can load now.
    fetch(window.location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" })
      .then(function () { window.location.reload(); }, function () {
        timer = setTimeout(tryAgain, wait);
        wait = Math.min(wait * 2, LONGEST_WAIT_MS);
      });
  }

  window.addEventListener("online", function () { wait = FIRST_WAIT_MS; tryAgain(); });
  timer = setTimeout(tryAgain, wait);
})();
