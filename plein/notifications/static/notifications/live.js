/*
 * Live notifications, on top of htmx polling (see notifications/views.py). Without this file
 * htmx still polls; without htmx the bell is a plain link with the count of the page load.
 *
 * - While the tab is hidden, every polling request ("every Ns" triggers: the bell and the home
 *   feed's "new posts" notice) is skipped: a tab in the background costs the server nothing.
 * - When the tab becomes visible again, "plein:visible" is dispatched on the document and the
 *   bell asks at once (hx-trigger "plein:visible from:document").
 */
(function () {
  "use strict";

  function isPolling(element) {
    var trigger = (element && element.getAttribute && element.getAttribute("hx-trigger")) || "";
    return /(^|,)\s*every\s/.test(trigger);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (document.hidden && isPolling(event.detail && event.detail.elt)) {
      event.preventDefault();
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      document.dispatchEvent(new CustomEvent("plein:visible"));
    }
  });
})();
