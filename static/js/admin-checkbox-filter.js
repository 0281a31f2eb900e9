// Narrows a long list of checkboxes in the admin to those whose label contains what the editor
// types (cms/widgets.py FilterableCheckboxes). Ticked ones always stay visible.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function narrow(input) {
    var query = fold(input.value);
    var widget = input.closest("[data-checkbox-filter]");
    widget.querySelectorAll(".kp-checkbox-filter__list label").forEach(function (label) {
      var box = label.querySelector("input[type=checkbox]");
      var match = !query || fold(label.textContent).indexOf(query) !== -1 || (box && box.checked);
      (label.parentElement.tagName === "DIV" ? label.parentElement : label).hidden = !match;
    });
  }

  function reveal() {
    document.querySelectorAll("[data-checkbox-filter] .kp-checkbox-filter__search[hidden]").forEach(function (search) {
      search.hidden = false;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-checkbox-filter-input]")) narrow(event.target);
  });
  // Enter in the box would submit the whole page form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-checkbox-filter-input]")) event.preventDefault();
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})();
