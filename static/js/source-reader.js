// The source reader for editors (issue #15): select words in one paragraph and a
// "New claim from this" link appears beside it, opening the claim form with the selection
// as the quote. Without this file each paragraph's "Quote from this paragraph" link opens
// the form with the whole paragraph, to trim; the server checks the quote either way.
(function () {
  "use strict";

  var reader = document.querySelector(".reader");
  if (!reader || !window.getSelection) { return; }

  var action = document.createElement("a");
  action.className = "button button-small reader-selection-action";
  action.textContent = _("New claim from this");
  action.hidden = true;

  function paragraphOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest(".reader-paragraph") : null;
  }

  // The selected words without the claim numbers linked after each quote.
  function selectedWords(range) {
    var copy = document.createElement("div");
    copy.appendChild(range.cloneContents());
    copy.querySelectorAll(".reader-claim-link").forEach(function (link) { link.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function update() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { return; }  // keep the last link
    var paragraph = paragraphOf(selection.anchorNode);
    if (!paragraph || paragraph !== paragraphOf(selection.focusNode)) { return; }
    var button = paragraph.querySelector(".reader-quote-button");
    var words = selectedWords(selection.getRangeAt(0));
    if (!button || !words) { return; }
    var address = new URL(button.href, window.location.href);
    address.searchParams.set("quote", words);
    action.href = address.toString();
    paragraph.querySelector(".reader-margin").appendChild(action);
    action.hidden = false;
  }

  document.addEventListener("selectionchange", update);
})();
