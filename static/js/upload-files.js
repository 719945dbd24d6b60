/* Files chosen for a document, before sending: photos shrunk to 2000 px JPEG, the size limit
   checked, the same file twice refused, each chosen file listed with a "Bỏ" (remove) button.
   Messages come from the form's data-msg-* attributes. Without JavaScript, or without
   DataTransfer, the input posts as usual and the server checks the same things. */
(function () {
  "use strict";
  if (!window.DataTransfer || !window.HTMLCanvasElement) return;
  var MAX_SIDE = 2000;
  var SHRINKABLE = /^image\/(jpeg|png|webp)$/;

  function text(form, name, values) {
    var message = form.getAttribute("data-msg-" + name) || name;
    Object.keys(values || {}).forEach(function (key) { message = message.replace("%(" + key + ")s", values[key]); });
    return message;
  }
  function mb(bytes) {
    if (bytes < 1048576) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
  }

  function shrink(file) {
    if (!SHRINKABLE.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (image) {
      var scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
      if (scale === 1 && file.type === "image/jpeg") return file;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(image.width * scale);
      canvas.height = Math.round(image.height * scale);
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  function setup(input) {
    var form = input.form;
    var kept = [];
    var signatures = [];
    var list = document.getElementById(input.id + "-chosen");
    var errors = document.getElementById(input.id + "-errors");
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10) || Infinity;

    function sync() {
      var transfer = new DataTransfer();
      kept.forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files;
      list.innerHTML = "";
      list.hidden = kept.length === 0;
      kept.forEach(function (file, index) {
        var item = document.createElement("li");
        var label = document.createElement("span");
        label.textContent = file.name + " (" + mb(file.size) + ")";
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link-button";
        remove.textContent = text(form, "remove");
        remove.addEventListener("click", function () {
          kept.splice(index, 1);
          signatures.splice(index, 1);
          sync();
        });
        item.appendChild(label);
        item.appendChild(remove);
        list.appendChild(item);
      });
    }

    function say(messages) {
      errors.innerHTML = "";
      messages.forEach(function (message) {
        var line = document.createElement("p");
        line.className = "error";
        line.textContent = message;
        errors.appendChild(line);
      });
    }

    input.addEventListener("change", function () {
      var chosen = Array.prototype.slice.call(input.files);
      if (!chosen.length) return sync();
      var buttons = form.querySelectorAll("button[type=submit]");
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      Promise.all(chosen.map(function (file) {
        var signature = file.name + "|" + file.size;  // the same file, picked again
        return shrink(file).then(function (small) { return { file: small, signature: signature, name: file.name }; });
      })).then(function (results) {
        var messages = [];
        results.forEach(function (result) {
          if (signatures.indexOf(result.signature) !== -1) {
            messages.push(text(form, "duplicate", { name: result.name }));
          } else if (result.file.size > limit) {
            messages.push(text(form, "too-big", { name: result.name, size: mb(result.file.size), limit: mb(limit) }));
          } else {
            kept.push(result.file);
            signatures.push(result.signature);
          }
        });
        say(messages);
        sync();
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-max-bytes]"), setup);
})();
