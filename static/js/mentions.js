/* Member suggestions in a post's message box: typing "@Pe" lists the members whose name starts
   so (community.views.directory.mention_suggestions); the arrow keys move through the list, Enter or
   Tab puts "@username " in the text, Escape closes the list. The message box stays a textbox
   (WAI-ARIA: aria-controls a listbox, aria-activedescendant for the highlighted option) and a
   polite live region says how many members were found. Without this file members type the
   @name shown on profiles and posts; the preview names the ones that match nobody. */
(function () {
  "use strict";
  // "@" at the start or after a space or punctuation, then what is typed so far, up to the caret.
  var TYPED_MENTION = /(^|[^\w@\/])@([^\s@]{2,30})$/;

  document.querySelectorAll("textarea[data-mention-url]").forEach(enhance);

  function enhance(textarea) {
    var url = textarea.getAttribute("data-mention-url");
    var field = textarea.parentNode;
    field.classList.add("kp-mention");

    var list = document.createElement("ul");
    list.id = textarea.id + "-suggesties";
    list.className = "kp-autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", textarea.getAttribute("data-mention-label") || "");
    list.hidden = true;
    textarea.insertAdjacentElement("afterend", list);

    var status = document.createElement("p");
    status.className = "kp-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.insertAdjacentElement("afterend", status);

    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", list.id);

    var active = -1, timer = null, typed = null, found = {}, pending = "";

    function say(text) { status.textContent = text; }

    function text(name, values) {
      var template = textarea.getAttribute("data-mention-" + name) || "";
      Object.keys(values || {}).forEach(function (key) { template = template.replace("{" + key + "}", values[key]); });
      return template;
    }

    function options() { return list.querySelectorAll("[role=option]"); }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      textarea.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    // The "@..." just before the caret, or null when the caret is not in a mention.
    function mentionAtCaret() {
      if (textarea.selectionStart !== textarea.selectionEnd) return null;
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = TYPED_MENTION.exec(before);
      if (!match) return null;
      return { query: match[2], start: before.length - match[2].length - 1, end: before.length };
    }

    function choose(option) {
      var mention = mentionAtCaret();
      if (!mention) { close(); return; }
      var insert = "@" + option.getAttribute("data-username") + " ";
      var value = textarea.value;
      textarea.value = value.slice(0, mention.start) + insert + value.slice(mention.end);
      var caret = mention.start + insert.length;
      textarea.setSelectionRange(caret, caret);
      close();
      say(text("chosen", { name: insert.trim() }));
    }

    function show(members) {
      close();
      if (!members.length) { say(text("none")); return; }
      members.forEach(function (member, i) {
        // Plain text options: an option must not hold links or buttons.
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-username", member.username);
        option.textContent = member.name + " (@" + member.username + ")";
        if (member.detail) {
          var detail = document.createElement("span");
          detail.className = "kp-mention__detail";
          detail.textContent = member.detail;
          option.appendChild(detail);
        }
        option.addEventListener("click", function () { choose(option); textarea.focus(); });
        list.appendChild(option);
      });
      list.hidden = false;
      say(members.length === 1 ? text("one") : text("many", { count: members.length }));
    }

    function lookUp(query) {
      if (found[query]) { show(found[query]); return; }
      pending = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          found[query] = data.members || [];
          if (pending === query && typed === query) show(found[query]);
        })
        .catch(close);
    }

    textarea.addEventListener("input", function () {
      var mention = mentionAtCaret();
      clearTimeout(timer);
      if (!mention) { typed = null; close(); return; }
      if (mention.query === typed && !list.hidden) return;
      typed = mention.query;
      timer = setTimeout(function () { lookUp(mention.query); }, 150);
    });

    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
      else if ((event.key === "Enter" || event.key === "Tab") && active >= 0 && !event.shiftKey) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Tab") { close(); }  // nothing chosen: Tab moves on as usual
    });
    // A click on an option must not take the focus from the message box first.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    textarea.addEventListener("blur", function () { setTimeout(close, 200); });
    textarea.addEventListener("click", close);
  }
})();
