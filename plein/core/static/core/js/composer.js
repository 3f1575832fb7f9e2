/*
 * The composer's enhancements. Without this file the composer still works: files are chosen
 * with the file input, "Preview" shows a preview page, mentions can be typed as @[Name](p:ID)
 * and the project status is always shown.
 *
 * 1. Drag and drop: files dropped on the composer are added to its file input (so the normal
 *    form POST uploads them) and listed by name.
 * 2. The project status shows only for "What I'm working on".
 * 3. @mention and #topic suggestions for every textarea that names the suggestion URLs
 *    (data-mentions-url, data-topics-url), in the ARIA combobox pattern for a textbox: a
 *    listbox (role=listbox) whose active option is announced through aria-activedescendant;
 *    Arrow keys move, Enter or Tab inserts, Escape closes.
 *
 * Loaded with `defer`: the document has been parsed.
 */
(function () {
  "use strict";

  // Texts arrive translated in data-text-* attributes (see forms_posts.py and _composer.html);
  // the English here is only a fallback.
  function text(element, name, fallback, values) {
    var value = (element && element.getAttribute("data-text-" + name)) || fallback;
    Object.keys(values || {}).forEach(function (key) {
      value = value.split("{" + key + "}").join(values[key]);
    });
    return value;
  }
  var uid = 0;

  /* 1. Drag and drop ------------------------------------------------------------------------ */

  function setUpDrop(composer) {
    var input = composer.querySelector("[data-composer-files]");
    var zone = composer.querySelector("[data-composer-drop]") || composer;
    var list = composer.querySelector("[data-composer-filelist]");
    if (!input || typeof DataTransfer === "undefined") return;
    var depth = 0;

    function renderList() {
      if (!list) return;
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file, index) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = file.name;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "composer__file-remove";
        remove.textContent = text(composer, "remove", "Remove");
        remove.setAttribute("aria-label", text(composer, "remove-file", "Remove {name}", { name: file.name }));
        remove.addEventListener("click", function () {
          var kept = new DataTransfer();
          Array.prototype.forEach.call(input.files, function (f, i) {
            if (i !== index) kept.items.add(f);
          });
          input.files = kept.files;
          renderList();
          input.focus();
        });
        item.appendChild(name);
        item.appendChild(remove);
        list.appendChild(item);
      });
    }

    function hasFiles(event) {
      var types = event.dataTransfer && event.dataTransfer.types;
      return types && Array.prototype.indexOf.call(types, "Files") !== -1;
    }

    composer.addEventListener("dragenter", function (event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      composer.classList.add("composer--dragover");
          });
    composer.addEventListener("dragover", function (event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    });
    composer.addEventListener("dragleave", function (event) {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) composer.classList.remove("composer--dragover");
    });
    composer.addEventListener("drop", function (event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      composer.classList.remove("composer--dragover");
      var merged = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (f) { merged.items.add(f); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (f) { merged.items.add(f); });
      input.files = merged.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.addEventListener("change", renderList);
  }

  /* 2. Project status only for "what I'm working on" ------------------------------------ */

  function setUpKind(composer) {
    var status = composer.querySelector("[data-composer-status]");
    var radios = composer.querySelectorAll("input[data-composer-kind]");
    if (!status || !radios.length) return;
    function update() {
      var checked = composer.querySelector("input[data-composer-kind]:checked");
      var show = checked && checked.value === "working_on";
      // Keep it visible when the server reported an error in it.
      status.hidden = !show && !status.querySelector(".field--error");
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  /* 3. @mention and #topic suggestions ------------------------------------------------------ */

  // The word being typed before the caret: "@Anna Ja" (names may have one space) or "#warm".
  var MENTION = /(?:^|[\s(])@([^\s@#\[\]()]{1,40}(?: [^\s@#\[\]()]{1,40})?)$/;
  var TOPIC = /(?:^|[\s(])#([^\s#@\[\]()]{1,60})$/;

  function setUpSuggestions(textarea) {
    var mentionsUrl = textarea.getAttribute("data-mentions-url");
    var topicsUrl = textarea.getAttribute("data-topics-url");
    if (!mentionsUrl && !topicsUrl) return;
    uid += 1;
    var listId = "suggestions-" + uid;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", text(textarea, "list", "Suggestions"));
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var wrapper = document.createElement("div");
    wrapper.className = "suggestions-anchor";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(textarea);
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", listId);
    textarea.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var query = null; // {start, end, sign}
    var timer = null;
    var controller = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function setActive(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      textarea.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      var item = items[index];
      if (!item || !query) return;
      var value = textarea.value;
      var insert = item.token + " ";
      textarea.value = value.slice(0, query.start) + insert + value.slice(query.end);
      var caret = query.start + insert.length;
      textarea.setSelectionRange(caret, caret);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      status.textContent = text(textarea, "inserted", "{name} inserted.", { name: item.label });
      close();
      textarea.focus();
    }

    function render(results) {
      items = results;
      list.textContent = "";
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
      if (!results.length) {
        close();
        status.textContent = text(textarea, "none", "No suggestions.");
        return;
      }
      results.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "suggestions__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.className = "suggestions__label";
        label.textContent = item.label;
        option.appendChild(label);
        if (item.hint) {
          var hint = document.createElement("span");
          hint.className = "suggestions__hint";
          hint.textContent = item.hint;
          option.appendChild(hint);
        }
        // mousedown, not click: the textarea keeps focus (and its caret).
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      setActive(0);
      status.textContent = results.length === 1
        ? text(textarea, "one", "1 suggestion. Arrow keys to choose, Enter to insert.")
        : text(textarea, "many", "{count} suggestions. Arrow keys to choose, Enter to insert.",
          { count: results.length });
    }

    function lookUp() {
      var caret = textarea.selectionStart;
      if (caret !== textarea.selectionEnd) { close(); return; }
      var before = textarea.value.slice(0, caret);
      var match = MENTION.exec(before);
      var sign = "@";
      var url = mentionsUrl;
      if (!match) {
        match = TOPIC.exec(before);
        sign = "#";
        url = topicsUrl;
      }
      if (!match || !url) { query = null; close(); return; }
      var typed = match[1];
      query = { start: caret - typed.length - 1, end: caret, sign: sign };
      if (controller) controller.abort();
      controller = typeof AbortController !== "undefined" ? new AbortController() : null;
      var address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(typed);
      fetch(address, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : [];
      }).then(function (results) {
        if (query && document.activeElement === textarea) render(results);
      }).catch(function () { /* aborted or offline: no suggestions */ });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 150);
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
      else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        // Only this list closes; menus around it keep their own Escape.
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
    textarea.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
  }

  function setUp(root) {
    (root || document).querySelectorAll("[data-composer]").forEach(function (composer) {
      if (composer.hasAttribute("data-composer-ready")) return;
      composer.setAttribute("data-composer-ready", "");
      setUpDrop(composer);
      setUpKind(composer);
    });
    (root || document).querySelectorAll("textarea[data-mentions-url], textarea[data-topics-url]")
      .forEach(function (textarea) {
        if (textarea.hasAttribute("data-suggest-ready")) return;
        textarea.setAttribute("data-suggest-ready", "");
        setUpSuggestions(textarea);
      });
  }

  setUp(document);
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
