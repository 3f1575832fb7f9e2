// The copy button of the share box (careers/_share_box.html). Without JavaScript the button
// stays hidden and the link can be selected by hand.
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-copy-target"));
      var status = button.closest(".field") && button.closest(".field").querySelector("[data-copy-status]");
      if (!input) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var done = function () {
          if (status) status.textContent = button.getAttribute("data-copied");
          button.textContent = button.getAttribute("data-copied");
        };
        input.select();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, function () {
            document.execCommand("copy");
            done();
          });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
