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

  // What covers the bottom of the window (the notices, the Install button,
  // the decision's verdict bar) is kept out of the way of the keyboard:
  // html's scroll-padding-bottom (app.css) follows its height, so that a
  // control that gets the focus is scrolled clear of it, never under it.
  //
  // Measured only when something could cover, and set only when it
  // changes: at DOMContentLoaded, measuring the empty live region laid the
  // page out (about 50 ms on the slow phone) and setting the property on
  // the root restyled all of it, for a 0px that is the default.
  var coverBottom = function () {
    var h = 0;
    document.querySelectorAll(".notices > *, .notice-live > *, .decision-bar").forEach(function (el) {
      if (!el.textContent.trim()) {
        return; // an empty box covers nothing
      }
      var r = el.getBoundingClientRect();
      if (r.height > 0 && r.top < window.innerHeight) {
        h = Math.max(h, el.classList.contains("decision-bar") ? r.height : window.innerHeight - r.top);
      }
    });
    var root = document.documentElement.style;
    var value = Math.ceil(h) + "px";
    if ((root.getPropertyValue("--cover-bottom") || "0px") !== value) {
      root.setProperty("--cover-bottom", value);
    }
  };
  // keepClear scrolls the focused control clear of what covers the
  // bottom. The browser scrolls to a focused control only when none of it
  // shows, so one half under the verdict bar would stay there.
  var keepClear = function () {
    var a = document.activeElement;
    // Controls only: not the text or a panel focused by a script (the
    // app moves the focus to the new section's text, which starts at the top).
    if (!a || a === document.body || a.tabIndex < 0 || !a.matches(":focus-visible") || a.closest(".notices")) {
      return;
    }
    var r = a.getBoundingClientRect();
    var cover = parseFloat(document.documentElement.style.getPropertyValue("--cover-bottom")) || 0;
    if (r.top < window.innerHeight && r.bottom > window.innerHeight - cover) {
      a.scrollIntoView({ block: "nearest" }); // within scroll-padding
    }
  };
  // A notice that appears over the focused control (the offline notice
  // and the Install button come when they will) moves the control clear.
  var coverChanged = function () {
    coverBottom();
    keepClear();
  };
  // The notices' box is watched; the app replaces it when it takes over.
  var watched = null;
  var noticesWatch = new MutationObserver(coverChanged);
  var watchNotices = function () {
    var n = document.querySelector(".notices:not(.stopped-notices)");
    if (n && n !== watched) {
      watched = n;
      noticesWatch.disconnect();
      noticesWatch.observe(n, { childList: true, subtree: true, characterData: true });
    }
    coverChanged();
  };
  new MutationObserver(watchNotices).observe(document.documentElement, { attributes: true, attributeFilter: ["data-app"] });
  window.addEventListener("DOMContentLoaded", watchNotices);
  // Before the browser scrolls to a control the keyboard moves to, and
  // once it has the focus.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Tab") {
      coverBottom();
    }
  }, true);
  document.addEventListener("focusin", function () {
    window.requestAnimationFrame(keepClear);
  });
  window.addEventListener("resize", coverBottom);

  // If the Go program stops (a panic anywhere, at any time: go-app's
  // app.js, patched in web/goapp.go, marks <html data-app="stopped"> and
  // fires essay-app-stopped), say so at once, and disable the controls it
  // no longer answers, so that nothing more is typed into them and lost:
  // what the reader entered before is in storage and the address.
  var appStopped = function () {
    if (document.getElementById("app-stopped")) {
      return;
    }
    var loader = document.getElementById("app-wasm-loader");
    if (loader) {
      loader.remove(); // it would show the panic's text
    }
    document.querySelectorAll("#essay input, #essay select, #essay button:not(.copy-embed)")
      .forEach(function (el) { el.disabled = true; });
    var box = document.createElement("div");
    box.className = "notices stopped-notices";
    var note = document.createElement("p");
    note.id = "app-stopped";
    note.className = "notice stopped";
    note.setAttribute("role", "alert");
    var text = document.createElement("span");
    text.textContent = "The interactive part stopped; the text is all here.";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", function () { location.reload(); });
    note.append(text, reload);
    box.append(note);
    // The control the reader was using is disabled, which drops the
    // keyboard focus to <body>: it goes to Reload, the one thing to do.
    var active = document.activeElement;
    var lost = !active || active === document.body || active.disabled;
    document.body.append(box);
    coverBottom();
    if (lost) {
      reload.focus();
    }
  };
  window.addEventListener("essay-app-stopped", appStopped);
  if (document.documentElement.dataset.app === "stopped") {
    appStopped();
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

  // Embedding. A section shown in another site's page (framed, or asked
  // for with ?embed=1) drops the site's chrome: html.embed, set here as
  // soon as the page is parsed. web/static/embed.js keeps its frame hidden until
  // the first height message below, sent once the class is set, so the
  // chrome never shows in it.
  var framed = false;
  try {
    framed = window.self !== window.top;
  } catch (err) {
    framed = true; // a cross-origin top that will not even say
  }
  var params = new URLSearchParams(location.search);
  if (framed || params.get("embed") === "1") {
    document.documentElement.classList.add("embed");
  }

  // A framed page tells its parent its content height whenever it
  // changes, and the verdict whenever it changes, for web/static/embed.js. The
  // height is the document's own, never the viewport's: a page that
  // measured 100vh would grow with every resize it caused.
  if (framed) {
    var sentHeight = -1;
    var sentVerdict = "";
    var post = function (message) {
      // Nothing here is private: the same numbers are on the page.
      window.parent.postMessage(message, "*");
    };
    var sendHeight = function () {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== sentHeight) {
        sentHeight = height;
        post({ type: "leaving-amazon:resize", height: height });
      }
    };
    var sendVerdict = function () {
      var root = document.getElementById("essay");
      if (!root || !root.dataset.verdict) {
        return;
      }
      var key = root.dataset.verdict + "\n" + root.dataset.verdictText;
      if (key !== sentVerdict) {
        sentVerdict = key;
        post({
          type: "leaving-amazon:verdict",
          verdict: root.dataset.verdict,
          text: root.dataset.verdictText
        });
      }
    };
    var watch = function () {
      new ResizeObserver(sendHeight).observe(document.documentElement);
      // The app replaces the verdict attributes in place; a navigation
      // inside the frame replaces the page.
      new MutationObserver(sendVerdict).observe(document.body, {
        subtree: true, childList: true, attributes: true,
        attributeFilter: ["data-verdict", "data-verdict-text"]
      });
      sendHeight();
      sendVerdict();
    };
    if (document.body) {
      watch();
    } else {
      document.addEventListener("DOMContentLoaded", watch);
    }
    window.addEventListener("load", sendHeight);
  }

  // The verdict, announced once a reader's change has settled: a live
  // region on the verdict itself would speak at every step of a slider.
  // Whatever changes the verdict's text (the app, or a slider before it
  // arrives), the sentence in #verdict-said follows it 700 ms after the
  // last change, and only after the reader did something.
  var said = null;
  var acted = false;
  var settle = 0;
  var verdictNow = function () {
    var v = document.querySelector(".verdict-text");
    return v ? v.textContent.trim() : "";
  };
  var announce = function () {
    var now = verdictNow();
    var region = document.getElementById("verdict-said");
    if (!acted || !region || now === said) {
      return;
    }
    acted = false;
    said = now;
    region.textContent = now;
  };
  var watchVerdict = function () {
    said = verdictNow();
    new MutationObserver(function () {
      clearTimeout(settle);
      settle = setTimeout(announce, 700);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  };
  ["input", "change", "click", "keydown"].forEach(function (type) {
    document.addEventListener(type, function () { acted = true; }, true);
  });
  if (document.body) {
    watchVerdict();
  } else {
    document.addEventListener("DOMContentLoaded", watchVerdict);
  }

  // "Embed this section": the snippet with this site's own absolute
  // addresses, filled in when it is opened, and copied by its button.
  // Delegated, so that it works before the app has arrived and after.
  var escapeHTML = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" }[c];
    });
  };
  var snippetOf = function (box) {
    var page = new URL(box.dataset.embedPage, location.href).href;
    var script = new URL(box.dataset.embedScript, location.href).href;
    // The same shape as app.EmbedSnippet.
    return '<div data-essay-embed="' + escapeHTML(page) + '"><a href="' + escapeHTML(page) + '">' +
      escapeHTML(box.dataset.embedTitle) + "</a></div>\n" +
      '<script async src="' + escapeHTML(script) + '"></' + "script>";
  };
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches("details.embed-code") && box.open) {
      var area = box.querySelector("textarea");
      if (area) {
        area.value = snippetOf(box);
      }
    }
  }, true);
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("button.copy-embed");
    if (!button) {
      return;
    }
    var box = button.closest("details.embed-code");
    var area = box.querySelector("textarea");
    var status = box.querySelector(".copy-status");
    var text = snippetOf(box);
    area.value = text;
    var say = function (s) { status.textContent = s; };
    var selectIt = function () {
      area.focus();
      area.select();
      say("Selected: copy it with your keyboard or menu.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        say("Copied.");
      }, selectIt);
    } else {
      selectIt();
    }
  });
})();
