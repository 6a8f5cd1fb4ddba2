// Suggestions while typing in a "search every dossier" box: the ARIA 1.2 combobox with a
// listbox popup. Without this file the box is a plain form leading to the results page.
"use strict";

const SUGGEST_AFTER_MS = 200;
const KIND_NAMES = {
  source: _("Source"),
  tag: _("Tag"),
  claim: _("Claim"),
};

function capitalised(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : "";
}

function enhanceSearchBox(form) {
  const input = form.querySelector('input[type="search"]');
  const endpoint = form.dataset.suggestions;
  if (!input || !endpoint) return;
  const listbox = document.createElement("ul");
  listbox.id = `${input.id}-suggestions`;
  listbox.className = "suggestions";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", _("Suggestions"));
  listbox.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.append(listbox, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  let timer = null;
  let asked = 0; // answers to older keystrokes arrive late: only the latest is shown
  let active = -1;

  const options = () => Array.from(listbox.querySelectorAll('[role="option"]'));

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(position) {
    const all = options();
    if (!all.length) return;
    active = (position + all.length) % all.length;
    all.forEach((option, at) => option.setAttribute("aria-selected", String(at === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function show(items) {
    listbox.replaceChildren();
    items.forEach((item, at) => {
      const option = document.createElement("li");
      option.id = `${listbox.id}-${at}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = item.url;
      const label = document.createElement("span");
      label.className = "suggestion-label";
      label.textContent = item.label;
      const detail = document.createElement("span");
      detail.className = "suggestion-detail";
      const kind = document.createElement("span");
      kind.className = "suggestion-kind";
      // An entity's detail is its kind ("organisation"): it stands in for the generic name.
      const ownKind = item.kind === "correction" || item.kind === "entity";
      kind.textContent = ownKind ? capitalised(item.detail) : KIND_NAMES[item.kind];
      detail.append(kind);
      if (item.detail && !ownKind) detail.append(` · ${item.detail}`);
      option.append(label, detail);
      listbox.append(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    listbox.hidden = !items.length;
    input.setAttribute("aria-expanded", String(Boolean(items.length)));
    status.textContent = items.length
      ? (items.length === 1
        ? _("1 suggestion; use the arrow keys to choose.")
        : _("%(count)s suggestions; use the arrow keys to choose.", { count: formatNumber(items.length) }))
      : "";
  }

  async function suggest() {
    const query = input.value.trim();
    const mine = ++asked;
    if (query.length < 2) {
      close();
      return;
    }
    try {
      const response = await fetch(`${endpoint}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      // A refusal (429 when typing fast) leaves the plain search: Enter still works.
      if (!response.ok || mine !== asked) return;
      const answer = await response.json();
      if (mine === asked) show(answer.suggestions);
    } catch {
      // Offline or interrupted: the form still submits to the results page.
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, SUGGEST_AFTER_MS);
  });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && options().length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      highlight(active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].dataset.url);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  // mousedown, not click: the box keeps focus, and blur does not close the list first.
  listbox.addEventListener("mousedown", (event) => {
    const option = event.target.closest('[role="option"]');
    if (!option) return;
    event.preventDefault();
    window.location.assign(option.dataset.url);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.site-search").forEach(enhanceSearchBox);
});
