// Claim and source forms, enhanced: how each date is read (asked of the server, which owns
// the parser), the likelihood words for a confidence, character counts, the people fields
// the attribution calls for, and a search over the names mentioned, with the names the
// claim's words propose. Without this file every field shows, and the form's Preview button
// shows the same readings. The related-claims picker is claim-picker.js.
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
          if (body.label) { show(output, _("Read as %(label)s (%(edtf)s)", { label: body.label, edtf: body.edtf }), false); }
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
        show(output, _("A whole number from 0 to 100, like 70."), true);
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
        var counted = { length: formatNumber(length), limit: formatNumber(limit), excess: formatNumber(length - limit) };
        count.textContent = over
          ? _("%(length)s of %(limit)s characters: %(excess)s too many", counted)
          : _("%(length)s of %(limit)s characters", counted);
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

  // --- who stands behind it: the people fields the attribution calls for -------------
  function setUpAttribution(form) {
    var people = form.querySelector("[data-attribution-people]");
    if (!people) { return; }
    var boxes = people.querySelectorAll("[data-shown-for]");
    // A kind of new person always has a value; it says nothing about the field being used.
    function filled(box) {
      var fields = box.querySelectorAll("input, textarea, select:not([name$=_kind])");
      return Array.prototype.some.call(fields, function (el) {
        return el.value.trim() !== "" || el.getAttribute("aria-invalid") === "true";
      });
    }
    function update() {
      var chosen = people.querySelector("input[name=attribution]:checked");
      boxes.forEach(function (box) {
        var wanted = !chosen || box.dataset.shownFor.split(" ").indexOf(chosen.value) >= 0;
        // A field holding a value or an error stays in view: nothing is sent unseen.
        box.hidden = !wanted && !filled(box);
      });
    }
    people.addEventListener("change", function (event) {
      if (event.target.name === "attribution") { update(); }
    });
    update();
  }

  // --- names mentioned: a searchable list, names in the claim proposed -----------------
  var LIST_LIMIT = 12;

  function setUpEntities(form) {
    var list = form.querySelector("[data-entity-list]");
    if (!list) { return; }
    var choices = Array.prototype.slice.call(list.querySelectorAll(".choice"));
    var status = document.createElement("p");
    status.className = "hint";
    status.id = list.id + "-status";
    status.setAttribute("aria-live", "polite");
    var label = document.createElement("label");
    label.htmlFor = list.id + "-search";
    label.textContent = _("Find a name");
    var search = document.createElement("input");
    search.type = "search";
    search.id = list.id + "-search";
    search.className = "entity-search";
    search.autocomplete = "off";
    search.setAttribute("aria-describedby", status.id);
    var ul = list.querySelector("ul");
    ul.before(label, search, status);

    function nameOf(choice) { return choice.querySelector("label").textContent.toLowerCase(); }
    function filter() {
      var query = search.value.trim().toLowerCase();
      var browsing = !query && choices.length <= LIST_LIMIT;
      var shown = 0;
      choices.forEach(function (choice) {
        var ticked = choice.querySelector("input").checked;
        var match = query ? nameOf(choice).indexOf(query) >= 0 : browsing;
        choice.hidden = !(ticked || match);
        if (match) { shown += 1; }
      });
      if (query) {
        status.textContent = shown === 1 ? _("1 name matches.") : _("%(count)s names match.", { count: formatNumber(shown) });
      } else if (!browsing) {
        status.textContent = _("Ticked names show here; type to find any of the %(count)s others.",
          { count: formatNumber(choices.length) });
      } else { status.textContent = ""; }
    }
    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // not a submit: just a filter
    });
    filter();

    var url = form.dataset.mentionsUrl;
    var proposedField = form.querySelector("input[name=proposed_mentions]");
    var statement = form.querySelector("[name=statement]");
    var quote = form.querySelector("[name=quote]");
    if (!url || !proposedField || !statement) { return; }
    var announce = document.createElement("p");
    announce.className = "visually-hidden";
    announce.setAttribute("aria-live", "polite");
    list.appendChild(announce);
    // Tick the names not proposed before (one the editor unticked stays unticked).
    function tickProposed(entities) {
      var before = proposedField.value.split(" ").filter(Boolean);
      var added = [];
      entities.forEach(function (entity) {
        if (before.indexOf(entity.slug) >= 0) { return; }
        before.push(entity.slug);
        var box = list.querySelector("input[value=\"" + CSS.escape(entity.slug) + "\"]");
        if (!box) { return; }
        box.checked = true;
        var choice = box.closest(".choice");
        if (!choice.classList.contains("choice-proposed")) {
          choice.classList.add("choice-proposed");
          var badge = document.createElement("span");
          badge.className = "badge";
          badge.textContent = _("named in this claim");
          choice.querySelector("label").append(" ", badge);
          ul.prepend(choice);
        }
        added.push(entity.name);
      });
      proposedField.value = before.join(" ");
      if (added.length) {
        announce.textContent = _("Ticked as mentioned: %(names)s.", { names: added.join(", ") });
        filter();
      }
    }
    function propose() {
      var params = new URLSearchParams({ statement: statement.value, quote: quote ? quote.value : "" });
      fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { if (body) { tickProposed(body.entities); } })
        .catch(function () { /* the server proposes the same names on preview */ });
    }
    var speaker = form.querySelector("select[name=speaker]");
    if (speaker) {
      speaker.addEventListener("change", function () {
        var option = speaker.selectedOptions[0];
        if (speaker.value && speaker.value !== "new") {
          tickProposed([{ slug: speaker.value, name: option.textContent }]);
        }
      });
    }
    var later = debounce(propose, 500);
    statement.addEventListener("input", later);
    if (quote) { quote.addEventListener("input", later); }
  }

  // --- related claims: one empty row at a time ----------------------------------------
  // The server sends spare rows for links to more claims; show one until it is used.
  function setUpRelationRows(form) {
    var rows = Array.prototype.slice.call(form.querySelectorAll(".relation-row"));
    function used(row) {
      return Array.prototype.some.call(row.querySelectorAll("input, select"), function (el) {
        return el.value.trim() !== "" || el.getAttribute("aria-invalid") === "true";
      });
    }
    var spare = rows.filter(function (row) { return !used(row); }).slice(1);
    if (!spare.length) { return; }
    spare.forEach(function (row) { row.hidden = true; });
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button button-secondary button-small";
    more.textContent = _("Link one more claim");
    rows[rows.length - 1].after(more);
    more.addEventListener("click", function () {
      var next = spare.shift();
      next.hidden = false;
      next.querySelector("select").focus();
      if (!spare.length) { more.remove(); }
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
      setUpAttribution(form);
      setUpEntities(form);
      setUpRelationRows(form);
    });
    focusErrorSummary();
  });
})();
