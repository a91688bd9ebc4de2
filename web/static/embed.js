// Embeds sections of the essay "Leaving Amazon" in another site's page.
//
//   <div data-essay-embed="https://example.com/essays/leaving-amazon/pace"></div>
//   <script async src="https://example.com/essays/leaving-amazon/web/embed.js"></script>
//
// Each such div becomes an iframe of that section in embed mode, as tall
// as its content: the section tells this script its height whenever it
// changes. Messages are accepted only from the essay's own origin, and only
// from the iframe this script made. The div also receives an
// "essay-verdict" event (detail: {verdict, text}) when the reader's
// verdict changes. No dependencies, no cookies, nothing sent anywhere.
(function () {
  "use strict";

  var frames = [];

  function embed(div) {
    if (div.dataset.essayEmbedded) {
      return;
    }
    var src;
    try {
      src = new URL(div.dataset.essayEmbed, document.baseURI);
    } catch (err) {
      console.error("essay embed: not a URL:", div.dataset.essayEmbed);
      return;
    }
    if (src.protocol !== "https:" && src.protocol !== "http:") {
      console.error("essay embed: not a web address:", div.dataset.essayEmbed);
      return;
    }
    src.searchParams.set("embed", "1");
    div.dataset.essayEmbedded = "true";

    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = div.dataset.essayTitle || div.textContent.trim() || "Leaving Amazon, an interactive essay";
    frame.loading = "lazy";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    // Until the section says how tall it is. Hidden until then too: the
    // section says so once it is in embed mode, so the site's own header
    // and contents never flash by (or after a few seconds, whatever it
    // says, so that a page that cannot say still shows).
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.height = "32rem";
    frame.style.border = "0";
    frame.style.overflow = "hidden";
    frame.style.visibility = "hidden";
    var reveal = setTimeout(function () { frame.style.visibility = ""; }, 4000);
    frames.push({ frame: frame, div: div, origin: src.origin, reveal: reveal });
    div.textContent = "";
    div.appendChild(frame);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || typeof data.type !== "string") {
      return;
    }
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      // From the essay's origin and from this very frame, or ignored.
      if (event.origin !== f.origin || event.source !== f.frame.contentWindow) {
        continue;
      }
      if (data.type === "leaving-amazon:resize") {
        var height = Number(data.height);
        if (isFinite(height) && height > 0 && height < 100000) {
          f.frame.style.height = Math.ceil(height) + "px";
          clearTimeout(f.reveal);
          f.frame.style.visibility = "";
        }
      } else if (data.type === "leaving-amazon:verdict") {
        f.div.dispatchEvent(new CustomEvent("essay-verdict", {
          detail: { verdict: String(data.verdict), text: String(data.text) }
        }));
      }
      return;
    }
  });

  function embedAll() {
    var divs = document.querySelectorAll("div[data-essay-embed]");
    for (var i = 0; i < divs.length; i++) {
      embed(divs[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", embedAll);
  } else {
    embedAll();
  }
})();
