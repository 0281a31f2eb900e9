/* Search page enhancements. The page works without this file: the form submits normally.
   - Filters and sort apply as soon as they change.
   - The search box suggests titles while typing (WAI-ARIA combobox with a listbox). */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;

  form.querySelectorAll("[data-autosubmit]").forEach(function (control) {
    control.addEventListener("change", function () { form.submit(); });
  });
  var applyButton = form.querySelector(".kp-facets__apply");
  if (applyButton) applyButton.hidden = true;

  // The filters live in the URL. When the back or forward button brings this page back, the
  // browser may restore the boxes as they were ticked when the visitor left (back/forward
  // cache, form restoration); put every control back to what this page's URL says.
  window.addEventListener("pageshow", function (event) {
    var navigation = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0] : null;
    if (event.persisted || (navigation && navigation.type !== "navigate")) form.reset();
  });

  var input = document.getElementById("search-q");
  var url = input && input.getAttribute("data-autocomplete-url");
  if (!url) return;

  var list = document.createElement("ul");
  list.id = "search-q-suggestions";
  list.className = "kp-autocomplete__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var active = -1, timer = null, lastQuery = "";

  function unhighlight() {
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    unhighlight();
    input.setAttribute("aria-expanded", "false");
  }

  function go(option) {
    window.location.href = option.getAttribute("data-url");
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  function show(suggestions) {
    list.innerHTML = "";
    // A new list starts without a highlight: Enter then searches what was typed.
    unhighlight();
    if (!suggestions.length) { close(); return; }
    suggestions.forEach(function (suggestion, i) {
      // Plain text options (no links inside: an option must not contain interactive content).
      var item = document.createElement("li");
      item.id = "search-q-suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-url", suggestion.url);
      item.textContent = suggestion.title;
      item.addEventListener("click", function () { go(item); });
      list.appendChild(item);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    clearTimeout(timer);
    if (query.length < 2) { close(); return; }
    timer = setTimeout(function () {
      lastQuery = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (lastQuery === input.value.trim()) show(data.suggestions || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    // Escape closes the list only; a second Escape clears the box (the search field's own default).
    else if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "Enter" && active >= 0) {
      var options = list.querySelectorAll("[role=option]");
      if (options[active]) { event.preventDefault(); go(options[active]); }
    }
  });
  // Clicking an option must not take the focus from the search box first.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
  window.addEventListener("pageshow", close);
})();
