// Claimline timeline enhancements. The page is complete without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // On a phone the open filter panel pushes the claims below the fold: fold it away.
  const panel = document.querySelector(".filters-toggle");
  if (panel && window.matchMedia("(max-width: 60rem)").matches) {
    panel.open = false;
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
