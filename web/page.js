// The page's own small script, plain JavaScript so that it works from first
// paint, before the WebAssembly app has arrived, and after it.
(function () {
  "use strict";

  // Storage that throws. In a sandboxed frame, with cookies blocked, or in
  // some private modes, merely reading window.localStorage throws, and
  // go-app reads it when it starts (to clear expired states) without
  // guarding: the app would crash. Put an in-memory stand-in in its place,
  // marked so that the app knows nothing will be kept and says so.
  try {
    void window.localStorage.length;
  } catch (err) {
    var items = Object.create(null);
    var memory = {
      essayMemoryOnly: true,
      get length() { return Object.keys(items).length; },
      key: function (i) { return Object.keys(items)[i] || null; },
      getItem: function (k) { return k in items ? items[k] : null; },
      setItem: function (k, v) { items[k] = String(v); },
      removeItem: function (k) { delete items[k]; },
      clear: function () { items = Object.create(null); }
    };
    try {
      Object.defineProperty(window, "localStorage", { configurable: true, value: memory });
    } catch (ignored) {
      // Not replaceable here: the app still guards its own reads.
    }
  }

  // The ← and → keys move to the previous and next section by following
  // the page's rel=prev and rel=next links (go-app then handles the link
  // without a reload).
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
