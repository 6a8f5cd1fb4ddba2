// Claimline dossier form: suggests the address name from the title as it is typed. Without
// this file the server makes one from the title when the field is left empty.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const title = document.querySelector("[data-slug-source]");
  const slug = document.querySelector("[data-slug-target]");
  if (!title || !slug || slug.readOnly) {
    return;
  }
  const maxLength = Number(slug.maxLength) > 4 ? Number(slug.maxLength) - 4 : 76;
  // The same rule as the server's (services.editing.field_values.slug_from): accents
  // dropped, anything but letters and digits a dash.
  const suggest = (text) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, maxLength)
      .replace(/-+$/g, "");
  // Follow the title until the editor types an address of their own.
  let following = slug.value === "" || slug.value === suggest(title.value);
  title.addEventListener("input", () => {
    if (following) {
      slug.value = suggest(title.value);
    }
  });
  slug.addEventListener("input", () => {
    following = slug.value === "" || slug.value === suggest(title.value);
  });
});
