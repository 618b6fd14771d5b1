// Quiz attempt: save each answer as it changes, and count down to the deadline.
// Without JavaScript the form's own buttons save and submit; this only makes it smoother.
(function () {
  "use strict";
  var form = document.querySelector(".attempt-form[data-save-url]");
  if (!form) return;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function save(fieldset) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    data.append("question", fieldset.dataset.question);
    fieldset.querySelectorAll("input, select").forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.name) data.append(el.name, el.value);
    });
    var status = fieldset.querySelector(".question__status");
    fetch(form.dataset.saveUrl, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.json(); })
      .then(function (body) { status.textContent = body.saved ? form.dataset.textSaved : body.error; })
      .catch(function () { status.textContent = form.dataset.textOffline; });
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (fieldset) save(fieldset);
  });

  var timer = document.querySelector(".timer[data-deadline]");
  if (timer) {
    var deadline = Date.parse(timer.dataset.deadline), out = timer.querySelector(".timer__remaining");
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      out.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " " + form.dataset.textLeft;
      if (left === 0) { form.submit(); return; }
      setTimeout(tick, 1000);
    };
    tick();
  }
})();
