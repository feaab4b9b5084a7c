// Submit buttons show that the server is working: a submitted form's `.dz-submit` button
// gets aria-busy (a spinner in phone.css) until the page changes in answer, or at most
// BUSY_MAX_MS (an answer that changes nothing on the page).
(function () {
  "use strict";
  var BUSY_MAX_MS = 15000;

  function clear(buttons) {
    buttons.forEach(function (button) {
      button.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var buttons = Array.prototype.slice.call(form.querySelectorAll(".dz-submit"));
    if (buttons.length === 0) return;
    buttons.forEach(function (button) {
      button.setAttribute("aria-busy", "true");
    });
    var timer = window.setTimeout(done, BUSY_MAX_MS);
    var observer = new MutationObserver(done);
    function done() {
      observer.disconnect();
      window.clearTimeout(timer);
      clear(buttons);
    }
    // The server's answer re-renders something (a message line, a list, a new page).
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
})();
