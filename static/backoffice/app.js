// Staff pages: keyboard shortcut, the registration form's toggles, the complainant look-up.
(function () {
  "use strict";

  // Ctrl+Enter (⌘+Enter) submits the form the cursor is in.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    var form = event.target.closest && event.target.closest("form[data-submit-shortcut]");
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  });

  // "Use this name" in the look-up fills the name field and moves on to the channel.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-fill-name]");
    if (!button) return;
    var form = button.closest("form");
    var name = form && form.elements.namedItem("name");
    if (!name) return;
    name.value = button.getAttribute("data-fill-name");
    var next = form.elements.namedItem("channel") || name;
    next.focus();
  });

  // Compensation rows of a solution: show one more row.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-add-compensation]");
    if (!button) return;
    var hidden = button.parentElement.querySelector("[data-compensation-row].d-none");
    if (hidden) {
      hidden.classList.remove("d-none");
      var first = hidden.querySelector("select, input");
      if (first) first.focus();
    }
    if (!button.parentElement.querySelector("[data-compensation-row].d-none")) button.disabled = true;
  });

  function setUpRegisterForm(form) {
    var referrals = (form.getAttribute("data-referral-channels") || "").split(",");
    var channel = form.elements.namedItem("channel");
    var reference = form.querySelector("[data-referral-only]");
    var spot = form.elements.namedItem("on_the_spot");
    var spotFields = form.querySelector("[data-on-the-spot]");

    function syncReferral() {
      var isReferral = referrals.indexOf(channel.value) !== -1;
      reference.classList.toggle("d-none", !isReferral);
      form.elements.namedItem("external_reference").required = isReferral;
    }
    function syncSpot() {
      spotFields.classList.toggle("d-none", !spot.checked);
      form.elements.namedItem("result").required = spot.checked;
    }
    if (channel && reference) { channel.addEventListener("change", syncReferral); syncReferral(); }
    if (spot && spotFields) { spot.addEventListener("change", syncSpot); syncSpot(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-register-form]").forEach(setUpRegisterForm);
  });
})();
