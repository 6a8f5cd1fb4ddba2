// Claimline timeline enhancements. The page is complete without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // On a phone the open filter panel pushes the claims below the fold: fold it away.
  const panel = document.querySelector(".filters-toggle");
  if (panel && window.matchMedia("(max-width: 60rem)").matches) {
    panel.open = false;
  }

  // Changing a filter applies it. Choices (lists, boxes, buttons) submit at once; typed
  // fields wait for Enter or Apply, so a reader is not sent away halfway through a word.
  const filters = document.querySelector("form.filters");
  if (filters) {
    filters.addEventListener("change", (event) => {
      if (event.target.matches("select, input[type=checkbox], input[type=radio]")) {
        filters.requestSubmit();
      }
    });
    // Only the filters that are set go into the address: no "tag=&source=&status=".
    filters.addEventListener("submit", () => {
      for (const field of filters.elements) {
        const choice = field.type === "checkbox" || field.type === "radio";
        const unset = choice ? field.hasAttribute("data-default") : !field.value.trim();
        if (field.name && unset) {
          field.disabled = true;
        }
      }
    });
    // Back from the next page, the form is shown as it was left: usable again.
    window.addEventListener("pageshow", () => {
      for (const field of filters.elements) field.disabled = false;
    });
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = _("Lists, boxes and choices apply as soon as you change them.");
    (filters.querySelector(".filter-fields") || filters).prepend(hint);
  }

  // When the overview strip scrolls sideways, centre it on the middle claim of this page.
  const strip = document.querySelector(".overview-scroll");
  const onPage = strip ? strip.querySelectorAll(".mark.on-page") : [];
  const mark = onPage[Math.floor(onPage.length / 2)];
  if (strip && mark && strip.scrollWidth > strip.clientWidth) {
    const box = strip.getBoundingClientRect();
    const target = mark.getBoundingClientRect();
    strip.scrollBy({ left: target.left + target.width / 2 - (box.left + box.width / 2) });
  }
});
