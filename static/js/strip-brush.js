// The overview strip's brush (issue #16): drag across the strip, or move the two sliders
// with the keyboard, then Zoom to show those months. The page works without this file:
// the year links under the strip zoom too.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.brush[data-months]")) {
    const figure = form.closest(".overview-block");
    const svg = figure && figure.querySelector("svg.overview-strip");
    if (svg) {
      wire(form, svg);
    }
  }
});

function wire(form, svg) {
  const months = form.dataset.months.split("|").map((item) => {
    const [key, x, name] = item.split(",");
    return { key, x: parseFloat(x), name };
  });
  const from = form.querySelector(".brush-from");
  const to = form.querySelector(".brush-to");
  const band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  band.setAttribute("class", "brush-band");
  band.setAttribute("y", "0");
  band.setAttribute("height", String(svg.viewBox.baseVal.height));
  svg.insertBefore(band, svg.querySelector("line.axis")); // behind the marks
  const right = svg.viewBox.baseVal.width - months[0].x;

  let touched = false; // no band until the reader picks a range

  function show() {
    let first = Number(from.value);
    let last = Number(to.value);
    if (first > last) {
      [first, last] = [last, first];
    }
    const end = last + 1 < months.length ? months[last + 1].x : right;
    band.setAttribute("x", String(months[first].x));
    band.setAttribute("width", touched ? String(Math.max(2, end - months[first].x)) : "0");
    form.elements.from.value = months[first].key;
    form.elements.to.value = months[last].key;
    form.querySelector(".brush-from-label").value = months[first].name;
    form.querySelector(".brush-to-label").value = months[last].name;
  }

  function monthAt(event) {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * svg.viewBox.baseVal.width;
    let index = 0;
    while (index + 1 < months.length && months[index + 1].x <= x) {
      index += 1;
    }
    return index;
  }

  let anchor = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) {
      return; // a mark or a year is a link: let it be followed
    }
    anchor = monthAt(event);
    touched = true;
    from.value = to.value = String(anchor);
    svg.setPointerCapture(event.pointerId);
    show();
  });
  svg.addEventListener("pointermove", (event) => {
    if (anchor !== null) {
      const here = monthAt(event);
      from.value = String(Math.min(anchor, here));
      to.value = String(Math.max(anchor, here));
      show();
    }
  });
  svg.addEventListener("pointerup", () => {
    anchor = null;
  });
  for (const slider of [from, to]) {
    slider.addEventListener("input", () => {
      touched = true;
      show();
    });
  }
  form.hidden = false;
  show();
}
