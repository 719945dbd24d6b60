/* "Sao chép": copies a dossier code. The button stays hidden where JavaScript does not run. */
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "-copied");
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(target.textContent.trim()).then(function () {
        if (status) status.textContent = button.getAttribute("data-done") || "Đã sao chép";
      });
    });
  });
})();
