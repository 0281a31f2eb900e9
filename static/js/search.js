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

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
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
    if (!suggestions.length) { close(); return; }
    suggestions.forEach(function (suggestion, i) {
      var item = document.createElement("li");
      item.id = "search-q-suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = suggestion.url;
      link.tabIndex = -1;
      link.textContent = suggestion.title;
      item.appendChild(link);
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
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("[role=option] a")[active].href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
})();
