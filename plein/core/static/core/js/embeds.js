/*
 * Post cards' enhancements. Every card works without this file.
 *
 * 1. Click-to-load videos. A video link in a post is shown as a placeholder that is an
 *    ordinary link to the video (no JavaScript: it opens YouTube or Vimeo). Nothing is requested
 *    from the video site until the person clicks: then, and only then, the placeholder becomes
 *    an iframe to youtube-nocookie.com or player.vimeo.com (the only two origins CSP frame-src
 *    allows). Ctrl/Cmd/Shift-click keeps the normal link behaviour (open in a new tab).
 * 2. "Older posts" with htmx: after the next cards are appended, focus moves to the first new
 *    card, so keyboard and screen reader users continue where they were.
 *
 * Loaded with `defer`: the document has been parsed.
 */
(function () {
  "use strict";

  var ALLOWED = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-embed-src]");
    if (!link || event.defaultPrevented) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var src = link.getAttribute("data-embed-src");
    if (!ALLOWED.test(src)) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.className = "video-embed__frame";
    frame.src = src;
    frame.title = link.getAttribute("data-embed-title") || "Video";
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    // YouTube refuses to play without a referrer; our pages send none across origins
    // (Referrer-Policy: same-origin), so this frame sends only our origin.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    var box = link.parentNode;
    box.classList.add("video-embed--playing");
    box.replaceChild(frame, link);
    frame.focus();
  });

  document.addEventListener("htmx:afterSettle", function () {
    // New cards are the ones not marked yet: focus the first of them.
    var fresh = document.querySelectorAll(".feed > .feed__item:not([data-seen])");
    if (!fresh.length) return;
    fresh.forEach(function (card) { card.setAttribute("data-seen", ""); });
    var article = fresh[0].querySelector(".post-card");
    if (article) article.focus();
  });

  // Mark the cards that were there before any "load more", so the first new one can be found.
  document.querySelectorAll(".feed > .feed__item").forEach(function (card) {
    card.setAttribute("data-seen", "");
  });
})();
