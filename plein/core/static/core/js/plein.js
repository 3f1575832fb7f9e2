/*
 * Plein's progressive enhancements. Every page works without this file; it only makes a few
 * things nicer: the phone menu folds away behind a toggle, the person menu closes like a menu,
 * and the error summary takes focus so screen reader and keyboard users land on it.
 *
 * The CSRF header for htmx comes from hx-headers on <body> (see core/base.html); htmx's own
 * inline indicator styles and eval are switched off in the htmx-config <meta> (CSP).
 * Loaded with `defer`: the document has been parsed when this runs.
 */
(function () {
  "use strict";

  // Phone navigation: the toggle button appears only when this script runs; without it the
  // menu is simply shown, stacked.
  function setUpNavToggle() {
    var header = document.querySelector("[data-site-header]");
    if (!header) return;
    var button = header.querySelector(".nav-toggle");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    }

    header.setAttribute("data-collapsible", "");
    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      // An open person menu inside takes the first Escape (see setUpDetailsMenus).
      if (event.key === "Escape" && !event.defaultPrevented &&
          button.getAttribute("aria-expanded") === "true" &&
          menu.contains(document.activeElement)) {
        setOpen(false);
        button.focus();
      }
    });
  }

  // Menus built on <details data-menu>: close on Escape and when clicking elsewhere.
  function setUpDetailsMenus() {
    document.addEventListener("click", function (event) {
      document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
        if (!menu.contains(event.target)) menu.open = false;
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
        menu.open = false;
        event.preventDefault();
        var summary = menu.querySelector("summary");
        if (summary && menu.contains(document.activeElement)) summary.focus();
      });
    });
  }

  // Error summary: take focus on load (and after an htmx swap brings one in), and make its
  // links focus the field itself, with its label in view (GOV.UK behaviour).
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  function focusTarget(id) {
    var target = document.getElementById(id);
    if (!target) return false;
    if (!target.matches("input, select, textarea, button, a[href]")) {
      // A group of radios or checkboxes: focus the first choice.
      target = target.querySelector("input, select, textarea") || target;
    }
    var fieldset = target.closest("fieldset");
    var label = fieldset ? fieldset.querySelector("legend")
      : document.querySelector('label[for="' + CSS.escape(target.id) + '"]');
    (label || target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
    return true;
  }

  function setUpErrorSummaryLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
      if (link && focusTarget(decodeURIComponent(link.getAttribute("href").slice(1)))) {
        event.preventDefault();
      }
    });
  }

  setUpDetailsMenus(); // first, so its Escape handler runs before the navigation's
  setUpNavToggle();
  setUpErrorSummaryLinks();
  focusErrorSummary();

  document.body.addEventListener("htmx:afterSettle", function (event) {
    focusErrorSummary(event.target);
  });
})();
