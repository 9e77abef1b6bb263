// A form's submit buttons are disabled while it is being sent, so a double click sends it once.
// Progressive enhancement: without JavaScript the form works as before, and the server's
// one-time submission token still turns a repeat away (kinship/core/submissions.py).
(function () {
  "use strict";

  var SENDING = "kinshipSending";
  // A form whose answer is a download leaves the page where it is: give the buttons back.
  var GIVE_BACK_AFTER_MS = 10000;

  function buttonsOf(form) {
    var inside = form.querySelectorAll(
      'button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]'
    );
    var outside = form.id ? document.querySelectorAll('[form="' + CSS.escape(form.id) + '"]') : [];
    return Array.prototype.slice.call(inside).concat(Array.prototype.slice.call(outside));
  }

  function hold(form) {
    form.dataset[SENDING] = "true";
    form.setAttribute("aria-busy", "true");
    buttonsOf(form).forEach(function (button) {
      if (!button.disabled) {
        button.disabled = true;
        button.dataset[SENDING] = "true";
      }
    });
    window.setTimeout(function () { release(form); }, GIVE_BACK_AFTER_MS);
  }

  function release(form) {
    delete form.dataset[SENDING];
    form.removeAttribute("aria-busy");
    buttonsOf(form).forEach(function (button) {
      if (button.dataset[SENDING]) {
        button.disabled = false;
        delete button.dataset[SENDING];
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if (form.method.toLowerCase() !== "post" || (form.target && form.target !== "_self")) return;
    if (form.dataset[SENDING]) {
      event.preventDefault(); // the second click (or Enter) while the first is on its way
      return;
    }
    form.dataset[SENDING] = "true";
    // After this event the browser has read the form, the clicked button's name included
    // (a button disabled now would be left out, and "save" would become "preview").
    window.setTimeout(function () { hold(form); }, 0);
  });

  // htmx sends its forms itself (and calls preventDefault above): hold them per request.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.method.toLowerCase() === "post") {
      if (form.dataset[SENDING]) {
        event.preventDefault();
      } else {
        window.setTimeout(function () { hold(form); }, 0);
      }
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.target instanceof HTMLFormElement) release(event.target);
  });

  // Back to a page kept by the browser (bfcache): its buttons must work again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form").forEach(release);
  });
})();
