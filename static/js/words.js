// The interface's words in the page's language, for the other scripts. Each script marks
// its words with _("..."); `make messages` extracts them into the catalogues like any other
// word, and base.html hands this page's translations over in #claimline-words (JSON).
"use strict";

const CLAIMLINE_WORDS = (() => {
  const holder = document.getElementById("claimline-words");
  try {
    return holder ? JSON.parse(holder.textContent) : {};
  } catch {
    return {};
  }
})();

// A number as the page's language writes it: 1,234 in English, 1 234 in French.
function formatNumber(value) {
  return value.toLocaleString(document.documentElement.lang || "en");
}

// `text` in the page's language, with %(name)s places filled from `values`.
function _(text, values) {
  const translated = CLAIMLINE_WORDS[text] || text;
  if (!values) return translated;
  return translated.replace(/%\((\w+)\)s/g, (place, name) => (name in values ? values[name] : place));
}
