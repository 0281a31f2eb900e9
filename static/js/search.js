/* Search page enhancements. The page works without this file: the "Apply filters" and "Sort"
   buttons submit the form and the new page opens at the result count (#resultaten).
   - A ticked filter applies at once, in place: the page fetches the new results and swaps
     the filters and results, keeps the URL (pushState; back and forward swap again), and
     gives the focus back to the box that was ticked. The count is a live region whose text
     changes, so screen readers announce the new number. Nothing reloads, so the visitor keeps
     their place, on a phone inside the open "Filteren" panel too. If the fetch fails, the
     browser simply loads the new URL.
   - The sort order applies when chosen with the mouse or touch, or when the select closes on
     a choice. Arrow keys on a closed select change the value at once (Windows, Linux): those
     changes wait for Enter or the "Sort" button, so moving through the options never applies.
   - The search box suggests titles while typing (WAI-ARIA combobox with a listbox). */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;

  // search-follow-*: the search that "Follow this search" follows (search/alert_views.py).
  var REGIONS = ["filters-active", "search-facets", "search-body", "search-show-results", "search-follow-search", "search-follow-feed"];
  var count = document.getElementById("resultaten");
  var panel = document.getElementById("filters");
  var sort = document.getElementById("search-sort");
  var sortButton = form.querySelector(".kp-sort__apply");
  var applyButton = form.querySelector(".kp-facets__apply");
  var showButton = document.getElementById("search-show-results");
  var shownUrl = window.location.href.split("#")[0];
  var inFlight = null;
  var appliedSort = sort ? sort.value : null;  // what the results are sorted by

  if (applyButton) applyButton.hidden = true;
  if (sortButton) sortButton.hidden = true;

  function searchUrl() {
    var action = form.getAttribute("action").split("#")[0];
    var query = new URLSearchParams(new FormData(form));
    // Empty date fields mean "no range": keep them out of the address.
    ["from", "to"].forEach(function (name) { if (!query.get(name)) query.delete(name); });
    return new URL(action + "?" + query.toString(), window.location.href).href;
  }

  // How to find the focused control again in the new markup.
  function selectorFor(element) {
    if (!element || !form.contains(element)) return null;
    if (element.type === "checkbox") {
      return 'input[name="' + CSS.escape(element.name) + '"][value="' + CSS.escape(element.value) + '"]';
    }
    return element.id ? "#" + CSS.escape(element.id) : null;
  }

  function setValue(id, doc) {
    var control = document.getElementById(id), next = doc.getElementById(id);
    if (!control || !next) return;
    if (control.tagName === "SELECT") {
      Array.prototype.forEach.call(control.options, function (option, i) {
        option.defaultSelected = next.options[i] ? next.options[i].defaultSelected : false;
      });
      control.value = next.value;
    } else {
      control.defaultValue = next.defaultValue;
      control.value = next.value;
    }
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    if (!doc.getElementById("search-facets") || !doc.getElementById("resultaten")) throw new Error("not a search page");
    var focused = selectorFor(document.activeElement);
    var openMore = Array.prototype.map.call(form.querySelectorAll(".kp-facet__more[open]"), function (more) {
      return more.closest("[data-facet]").getAttribute("data-facet");
    });
    REGIONS.forEach(function (id) {
      var now = document.getElementById(id), next = doc.getElementById(id);
      if (now && next) now.innerHTML = next.innerHTML;
    });
    openMore.forEach(function (name) {
      var more = form.querySelector('[data-facet="' + CSS.escape(name) + '"] .kp-facet__more');
      if (more) more.open = true;
    });
    setValue("search-sort", doc);
    setValue("search-q", doc);
    appliedSort = sort ? sort.value : null;
    // The live region's text changes last: that is what gets announced.
    count.textContent = doc.getElementById("resultaten").textContent;
    var target = focused && form.querySelector(focused);
    if (target && target !== document.activeElement) {
      var more = target.closest(".kp-facet__more");
      if (more) more.open = true;
      target.focus();
    }
  }

  function cancel() {
    if (inFlight) inFlight.abort();
    inFlight = null;
    form.removeAttribute("aria-busy");
  }

  function load(url, push) {
    cancel();
    var request = inFlight = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: request.signal, headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        swap(html);
        shownUrl = url;
        if (push) history.pushState({ search: true }, "", url);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.assign(url);
      })
      .finally(function () {
        if (inFlight === request) { inFlight = null; form.removeAttribute("aria-busy"); }
      });
  }

  function apply() {
    var url = searchUrl();
    if (url !== shownUrl) load(url, true);
    else cancel();  // ticked and unticked again: what is shown is right
  }

  // Event delegation: the boxes are replaced by every swap.
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox" && event.target.closest("#search-facets")) apply();
  });

  // A normal submit (Enter in the search box, "Zoeken", "Apply dates") leaves empty date
  // fields out of the address too: a disabled field is not sent. Enabled again on return.
  var DATE_FIELDS = ["from", "to"];
  form.addEventListener("submit", function () {
    DATE_FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.value) field.disabled = true;
    });
  });
  window.addEventListener("pageshow", function () {
    DATE_FIELDS.forEach(function (name) { if (form.elements[name]) form.elements[name].disabled = false; });
  });

  window.addEventListener("popstate", function () {
    var url = window.location.href.split("#")[0];
    if (url !== shownUrl) load(url, false);
  });

  // The filters live in the URL. When the back or forward button brings this page back, the
  // browser may restore the boxes as they were ticked when the visitor left (back/forward
  // cache, form restoration); put every control back to what this page's URL says.
  window.addEventListener("pageshow", function (event) {
    var navigation = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0] : null;
    if (event.persisted || (navigation && navigation.type !== "navigate")) form.reset();
  });

  // On a phone the panel covers the results: this button folds it and goes to the count.
  if (showButton && panel) {
    showButton.hidden = false;
    showButton.addEventListener("click", function () {
      panel.open = false;
      count.focus();
      count.scrollIntoView({ block: "start" });
    });
  }

  if (sort && sortButton) {
    var keyed = false;
    var applySort = function () {
      keyed = false;
      sortButton.hidden = true;
      appliedSort = sort.value;
      apply();
    };
    sort.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        if (sort.value !== appliedSort) { event.preventDefault(); applySort(); }
      } else if (!event.altKey && !event.ctrlKey && !event.metaKey &&
                 /^(Arrow(Up|Down|Left|Right)|Page(Up|Down)|Home|End|[^ ])$/.test(event.key)) {
        keyed = true;  // the value may change now, while the visitor is still looking
      }
    });
    sort.addEventListener("pointerdown", function () { keyed = false; });
    sort.addEventListener("change", function () {
      if (!keyed) { applySort(); return; }
      keyed = false;
      sortButton.hidden = sort.value === appliedSort;  // the way to apply it, next in the tab order
    });
    sortButton.addEventListener("click", function (event) { event.preventDefault(); applySort(); });
  }

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
