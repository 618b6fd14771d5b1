// Quiz attempt and its summary: save each answer as it changes, count down to the
// deadline, and send the forms with fetch, so that a lost connection keeps the learner on
// the quiz with their answers and sends them when it returns (issue 16).
// Without JavaScript the forms' own buttons save, review and submit; this only makes it
// smoother. The server decides: its deadline, and whether a submit is confirmed.
(function () {
  "use strict";
  var form = document.querySelector("form.attempt-form[action]");
  if (!form || !window.fetch || !window.FormData) return;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var notice = form.querySelector(".offline-notice");
  var RETRY_MS = 15000;
  var queued = null, inFlight = false, retryTimer = null, unsaved = {};
  // Answers the server has not confirmed yet, kept on the device so that they survive a
  // reload or a closed tab (issue 17); removed as soon as the server says it has them.
  var KEPT = "waypoint-answers-" + (form.dataset.saveUrl || form.getAttribute("action"));

  function kept() {
    try { return JSON.parse(localStorage.getItem(KEPT)) || {}; } catch (e) { return {}; }
  }
  function keep(question, pairs) {
    var all = kept();
    if (pairs) all[question] = pairs; else delete all[question];
    try {
      if (Object.keys(all).length) localStorage.setItem(KEPT, JSON.stringify(all));
      else localStorage.removeItem(KEPT);
    } catch (e) { /* storage full or refused: the page still holds the answer */ }
  }
  function pairsOf(fieldset) {
    var pairs = [];
    fieldset.querySelectorAll("input, select").forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.name) pairs.push([el.name, el.value]);
    });
    return pairs;
  }
  function restore(fieldset, pairs) {
    fieldset.querySelectorAll("input, select").forEach(function (el) {
      if (!el.name || el.type === "hidden") return;
      var values = pairs.filter(function (p) { return p[0] === el.name; }).map(function (p) { return p[1]; });
      if (el.type === "radio" || el.type === "checkbox") el.checked = values.indexOf(el.value) !== -1;
      else el.value = values.length ? values[0] : "";
    });
  }

  function say(text, kind) {
    if (!notice) return;
    notice.textContent = text;
    notice.className = "offline-notice" + (kind ? " offline-notice--" + kind : "");
  }

  // --- each answer as it changes (the attempt page) ---------------------------------------
  function save(fieldset) {
    var data = new FormData(), question = fieldset.dataset.question;
    data.append("csrfmiddlewaretoken", token);
    data.append("question", question);
    pairsOf(fieldset).forEach(function (pair) { data.append(pair[0], pair[1]); });
    keep(question, pairsOf(fieldset));
    var status = fieldset.querySelector(".question__status");
    fetch(form.dataset.saveUrl, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        // Saved, or refused for good (time is up): the server decided, nothing to resend.
        delete unsaved[question];
        keep(question, null);
        status.textContent = body.saved ? form.dataset.textSaved : body.error;
      })
      .catch(function () {
        unsaved[question] = fieldset;
        status.textContent = form.dataset.textOffline;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(retry, RETRY_MS);
      });
  }

  if (form.dataset.saveUrl) {
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("fieldset[data-question]");
      if (fieldset) save(fieldset);
    });
    // Typing is kept on the device at once; it is sent when the field is left.
    form.addEventListener("input", function (event) {
      var fieldset = event.target.closest("fieldset[data-question]");
      if (fieldset) keep(fieldset.dataset.question, pairsOf(fieldset));
    });
    // Answers kept from an earlier visit that the server never confirmed: back on the
    // page, and sent again.
    var earlier = kept();
    Object.keys(earlier).forEach(function (question) {
      var fieldset = form.querySelector('fieldset[data-question="' + question + '"]');
      if (!fieldset) return;
      restore(fieldset, earlier[question]);
      save(fieldset);
    });
    // Answers given before this script ran (on a slow link the page shows before its
    // scripts arrive), or put back by the browser: they differ from what the server wrote
    // in the page, and are sent now, as if given now.
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      if (earlier[fieldset.dataset.question]) return;
      var given = Array.prototype.some.call(fieldset.querySelectorAll("input, select"), function (el) {
        if (el.type === "hidden") return false;
        if (el.type === "radio" || el.type === "checkbox") return el.checked !== el.defaultChecked;
        if (el.tagName === "SELECT") {
          return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
        }
        return el.value !== el.defaultValue;
      });
      if (given) save(fieldset);
    });
  }

  // --- the form's buttons and the timer: sent with fetch, kept while offline ---------------
  // A request is rebuilt from the form each time it is sent, so an answer changed while
  // offline goes with it.
  function request(extra) {
    var data = new FormData(form);
    Object.keys(extra).forEach(function (name) { data.set(name, extra[name]); });
    return data;
  }

  function nativeSubmit(job) {
    // The server answered with a page, not an address (an error, a sign-in): show it.
    Object.keys(job.extra).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = name; input.value = job.extra[name];
      form.appendChild(input);
    });
    form.action = job.url;
    HTMLFormElement.prototype.submit.call(form);
  }

  function send(job) {
    queued = job;
    if (inFlight) return;
    inFlight = true;
    clearTimeout(retryTimer);
    fetch(job.url, {
      method: "POST", body: request(job.extra),
      headers: { "X-Requested-With": "fetch" }, credentials: "same-origin"
    })
      .then(function (r) {
        var type = r.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) throw { page: true };
        return r.json();
      })
      .then(function (body) {
        inFlight = false; queued = null;
        if (body.url) { localStorage.removeItem(KEPT); window.location.assign(body.url); return; }
        say(body.saved ? form.dataset.textSavedAll : body.error, body.saved ? "ok" : "error");
      }, function (error) {
        inFlight = false;
        if (error && error.page) { queued = null; nativeSubmit(job); return; }
        if (notice) say(notice.dataset.textOffline, "offline");
        retryTimer = setTimeout(retry, RETRY_MS);
      });
  }

  function retry() {
    Object.keys(unsaved).forEach(function (key) { save(unsaved[key]); });
    if (queued && !inFlight) {
      if (notice) say(notice.dataset.textSending, "offline");
      send(queued);
    }
  }
  window.addEventListener("online", retry);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.submitter, extra = {};
    if (button && button.name) extra[button.name] = button.value;
    var url = (button && button.getAttribute("formaction")) || form.getAttribute("action");
    send({ url: url, extra: extra });
  });

  var timer = document.querySelector(".timer[data-deadline]");
  if (timer) {
    var deadline = Date.parse(timer.dataset.deadline), out = timer.querySelector(".timer__remaining");
    var left = timer.dataset.textLeft;
    var tick = function () {
      var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      out.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0") + " " + left;
      // Time is up: graded without the summary (the server's own deadline decides).
      if (seconds === 0) { send({ url: form.getAttribute("action"), extra: { finish: "time_up" } }); return; }
      setTimeout(tick, 1000);
    };
    tick();
  }
})();
