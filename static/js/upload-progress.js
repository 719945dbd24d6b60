/* Shows upload progress on forms marked data-progress. Without JavaScript the form posts as usual. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-progress") || !window.FormData || !window.XMLHttpRequest) return;
    var hasFile = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length > 0;
    });
    if (!hasFile) return;
    event.preventDefault();
    var data;
    try { data = new FormData(form, event.submitter); } catch (e) {
      data = new FormData(form);
      if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value || "");
    }
    var bar = form.querySelector(".upload-progress");
    var status = form.querySelector(".upload-status");
    var buttons = form.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    if (bar) bar.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      if (bar) bar.value = percent;
      if (status) status.textContent = (form.getAttribute("data-progress-label") || "Đang tải lên") + ": " + percent + "%";
    });
    xhr.addEventListener("load", function () {
      // The XHR followed the redirect already (and used up its one-time messages): show that
      // page as it came, at its own address.
      var url = xhr.responseURL || window.location.href;
      document.open();
      document.write(xhr.responseText);
      document.close();
      if (url !== window.location.href) window.history.replaceState(null, "", url);
    });
    xhr.addEventListener("error", function () {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      if (status) status.textContent = form.getAttribute("data-error-label") || "Mất kết nối khi tải lên. Vui lòng thử lại.";
    });
    xhr.send(data);
  });
})();
