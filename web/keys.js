// The ← and → keys move to the previous and next section by following the
// page's rel=prev and rel=next links. Plain JavaScript, so that it works
// from first paint, before the WebAssembly app has arrived, and after it
// (go-app then handles the link without a reload).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey ||
        event.metaKey || event.shiftKey) {
      return;
    }
    var rel = event.key === "ArrowLeft" ? "prev" :
              event.key === "ArrowRight" ? "next" : "";
    if (!rel) {
      return;
    }
    // Leave the keys alone where they edit or move something: form
    // controls (a slider steps with them), editable text, media.
    var t = event.target;
    if (t && t.closest && t.closest(
        "input, textarea, select, button, [contenteditable], [role=slider], audio, video")) {
      return;
    }
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) {
      event.preventDefault();
      link.click();
    }
  });
})();
