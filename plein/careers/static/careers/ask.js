/*
 * The anti-spam check of the public careers forms (a proof of work; no third party).
 *
 * When a form marked data-pow-form is sent, this fetches a signed challenge from the server
 * (data-challenge-url) and looks for a number ("nonce") such that SHA-256("challenge:nonce")
 * starts with the requested number of zero bits, with WebCrypto (hashes are computed in
 * batches, so the browser's promise overhead is shared). At 10 bits that is about 1,000 hashes
 * on average: measured in Chromium on a loaded 2-CPU server, a median of 70 ms (90th
 * percentile 200 ms), and with the CPU slowed down six times, as on a cheap phone, a median of
 * 70 ms and a 90th percentile of 350 ms. The answer goes in the hidden fields and the form is
 * sent. Without JavaScript, without WebCrypto (it needs HTTPS or localhost), or when anything
 * here fails, the form is sent as it is and the server holds the question for a person to
 * review.
 *
 * Loaded with `defer`: the document has been parsed.
 */
(function () {
  "use strict";

  var BATCH = 256;
  var encoder = new TextEncoder();

  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0) { bits += 8; continue; }
      while ((b & 0x80) === 0) { bits += 1; b <<= 1; }
      return bits;
    }
    return bits;
  }

  function solve(challenge, bits) {
    var start = 0;
    function batch() {
      var work = [];
      for (var n = start; n < start + BATCH; n++) {
        work.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + n)));
      }
      return Promise.all(work).then(function (digests) {
        for (var i = 0; i < digests.length; i++) {
          if (zeroBits(new Uint8Array(digests[i])) >= bits) return String(start + i);
        }
        start += BATCH;
        return batch();
      });
    }
    return batch();
  }

  function enhance(form) {
    var status = form.querySelector("[data-pow-status]");
    var button = form.querySelector("button[type=submit]");
    var busy = false;
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-pow-done")) return;
      event.preventDefault();
      if (busy) return;
      busy = true;
      if (button) button.disabled = true;
      if (status) status.textContent = form.getAttribute("data-checking") || "";
      var started = performance.now();
      function send() {
        form.setAttribute("data-pow-done", "");
        form.setAttribute("data-pow-ms", String(Math.round(performance.now() - started)));
        if (button) button.disabled = false;
        form.submit();
      }
      if (!(window.crypto && crypto.subtle && window.fetch)) { send(); return; }
      fetch(form.getAttribute("data-challenge-url"), {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          if (!response.ok) throw new Error("challenge " + response.status);
          return response.json();
        })
        .then(function (data) {
          return solve(data.challenge, data.bits).then(function (nonce) {
            form.querySelector("input[name=pow_challenge]").value = data.challenge;
            form.querySelector("input[name=pow_nonce]").value = nonce;
          });
        })
        .catch(function () { /* sent without a proof: held for review */ })
        .then(send);
    });
  }

  document.querySelectorAll("form[data-pow-form]").forEach(enhance);
})();
