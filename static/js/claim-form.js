// Claim and source forms, enhanced: how each date is read (asked of the server, which
// owns the parser), the likelihood words for a confidence, character counts, claim
// suggestions for relations. Without this file the form's Preview button shows the same.
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

  function readingFor(input) {
    return document.getElementById(input.id + "-reading");
  }

  function show(output, text, isError) {
    if (!output) { return; }
    output.textContent = text;
    output.classList.toggle("reading-error", Boolean(isError));
  }

  // --- dates --------------------------------------------------------------------------
  function setUpDates(form) {
    var url = form.dataset.parseDateUrl;
    if (!url) { return; }
    var source = form.querySelector("select[name=source]");
    var published = form.querySelector("input[name=source_published]");
    var latest = {};

    function read(input) {
      var output = readingFor(input);
      var text = input.value.trim();
      if (!output) { return; }
      if (!text) { show(output, "", false); return; }
      var params = new URLSearchParams({ text: text });
      if (input !== published) {
        if (source && /^[0-9]+$/.test(source.value)) { params.set("source", source.value); }
        if (source && source.value === "new" && published) { params.set("published", published.value); }
      }
      var ticket = (latest[input.id] || 0) + 1;
      latest[input.id] = ticket;
      fetch(url + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body || latest[input.id] !== ticket) { return; }
          if (body.label) { show(output, "Read as " + body.label + " (" + body.edtf + ")", false); }
          else { show(output, body.error || "", true); }
        })
        .catch(function () { /* offline: the server reads the date on save */ });
    }

    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-parse-date]"));
    inputs.forEach(function (input) {
      input.addEventListener("input", debounce(function () { read(input); }, 350));
      // A field the server refused already shows why; read it again once it is edited.
      if (input.value.trim() && input.getAttribute("aria-invalid") !== "true") { read(input); }
    });
    function rereadAll() { inputs.forEach(read); }
    if (source) { source.addEventListener("change", rereadAll); }
    if (published) { published.addEventListener("input", debounce(rereadAll, 350)); }
  }

  // --- confidence ---------------------------------------------------------------------
  function setUpConfidence(form) {
    var input = form.querySelector("input[data-likelihood]");
    if (!input) { return; }
    var bands = JSON.parse(input.dataset.likelihood);
    var output = readingFor(input);
    function update() {
      var text = input.value.trim().replace(/%$/, "").trim();
      if (!text) { show(output, "", false); return; }
      if (!/^[0-9]{1,3}$/.test(text) || Number(text) > 100) {
        show(output, "A whole number from 0 to 100, like 70.", true);
        return;
      }
      var value = Number(text);
      var words = bands[0][1];
      bands.forEach(function (band) { if (value >= band[0]) { words = band[1]; } });
      show(output, value + "%: " + words, false);
    }
    input.addEventListener("input", update);
    update();
  }

  // --- character counts ---------------------------------------------------------------
  function setUpCounts(form) {
    form.querySelectorAll("[data-count-limit]").forEach(function (field) {
      var limit = Number(field.dataset.countLimit);
      var count = document.createElement("span");
      count.className = "char-count";
      count.id = field.id + "-count";
      field.insertAdjacentElement("afterend", count);
      function update() {
        var length = field.value.length;
        var over = length > limit;
        count.textContent = length.toLocaleString("en") + " of " + limit.toLocaleString("en") +
          " characters" + (over ? ": " + (length - limit).toLocaleString("en") + " too many" : "");
        count.classList.toggle("over", over);
        if (over) { count.setAttribute("role", "status"); } else { count.removeAttribute("role"); }
      }
      field.addEventListener("input", update);
      update();
    });
  }

  // --- new source / new speaker -------------------------------------------------------
  function setUpSubforms(form) {
    form.querySelectorAll("details[data-new-for]").forEach(function (details) {
      var select = form.querySelector("select[name=" + details.dataset.newFor + "]");
      if (!select) { return; }
      select.addEventListener("change", function () {
        if (select.value === "new") { details.open = true; }
      });
    });
  }

  // --- related claims -----------------------------------------------------------------
  function setUpClaimSearch(form) {
    var url = form.dataset.lookupUrl;
    if (!url) { return; }
    form.querySelectorAll("input[data-claim-search]").forEach(function (input) {
      var list = document.createElement("datalist");
      list.id = input.id + "-suggestions";
      input.insertAdjacentElement("afterend", list);
      input.setAttribute("list", list.id);
      input.addEventListener("input", debounce(function () {
        var text = input.value.trim();
        if (text.length < 2 || / — /.test(text)) { return; }
        fetch(url + "&q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (body) {
            if (!body) { return; }
            list.replaceChildren.apply(list, body.claims.map(function (claim) {
              var option = document.createElement("option");
              option.value = claim.value;
              return option;
            }));
          })
          .catch(function () { /* the server resolves what was typed on save */ });
      }, 300));
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-parse-date-url]").forEach(function (form) {
      setUpDates(form);
      setUpConfidence(form);
      setUpCounts(form);
      setUpSubforms(form);
      setUpClaimSearch(form);
    });
    focusErrorSummary();
  });
})();
