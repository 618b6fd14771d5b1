// Drop a file on the verification form to check it at once. Without this script the
// form works the same with its file input and button.
(function () {
  var form = document.querySelector("[data-drop-zone]");
  if (!form || !window.DataTransfer) return;
  var input = form.querySelector("input[type=file]");
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (event) {
      event.preventDefault();
      form.classList.add("file-check--over");
    });
  });
  form.addEventListener("dragleave", function () { form.classList.remove("file-check--over"); });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("file-check--over");
    if (!event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    form.submit();
  });
})();
