/* Progressive enhancement only: every page works without this file. Plain ES5 for
   old in-app browsers (WeChat's X5). */
(function () {
  "use strict";
  function copy(button) {
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) { return; }
    var done = function () {
      var label = button.querySelector("span");
      if (label) { label.textContent = button.getAttribute("data-copied"); }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        field.select();
      });
    } else {
      field.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* selected: copy by hand */ }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].classList.remove("d-none");
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
    var codes = document.querySelectorAll("input[data-tracking-code]");
    for (var j = 0; j < codes.length; j++) {
      codes[j].addEventListener("focus", function (event) { event.target.select(); });
    }
  });
})();
