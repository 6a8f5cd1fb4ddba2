// The claim form's related claims (issue #15): an ARIA 1.2 combobox over the claims of the
// dossier matching what is typed (a number, a key or words), asked of the server. Arrows
// move through the list, Enter picks, Escape closes; the number of matches is announced.
// Without this file the field takes the number or words, which the server resolves on save.
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  // --- related claims: an ARIA combobox over the claim suggestions ---------------------
  function setUpClaimSearch(form) {
    var url = form.dataset.lookupUrl;
    if (!url) { return; }
    form.querySelectorAll("input[data-claim-search]").forEach(function (input) {
      makeCombobox(input, url);
    });
  }

  function makeCombobox(input, url) {
    var listbox = document.createElement("ul");
    listbox.id = input.id + "-listbox";
    listbox.className = "combobox-list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", _("Matching claims"));
    listbox.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    input.after(listbox, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    var options = [];
    var active = -1;
    var ticket = 0;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else { input.removeAttribute("aria-activedescendant"); }
    }
    function choose(index) {
      input.value = options[index].dataset.value;
      close();
      status.textContent = _("Chosen: %(claim)s", { claim: input.value });
    }
    function show(claims) {
      options = claims.map(function (claim, i) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.value = claim.value;
        option.textContent = claim.value;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        return option;
      });
      listbox.replaceChildren.apply(listbox, options);
      status.textContent = claims.length === 1 ? _("1 claim found.") :
        (claims.length ? _("%(count)s claims found.", { count: formatNumber(claims.length) }) : _("No claim found."));
      if (!claims.length) { close(); return; }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }
    var lookUp = debounce(function () {
      var text = input.value.trim();
      if (!text || / — /.test(text)) { close(); return; }
      ticket += 1;
      var mine = ticket;
      fetch(url + "&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { if (body && mine === ticket) { show(body.claims); } })
        .catch(function () { /* the server resolves what was typed on save */ });
    }, 250);
    input.addEventListener("input", lookUp);
    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) { highlight((active + 1) % options.length); } else { lookUp(); }
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();  // picks the claim; Enter again submits the form
        choose(active);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-lookup-url]").forEach(setUpClaimSearch);
  });
})();
