// The sliders, before the app: weighs the essay's model exactly as
// essay.Evaluate does and writes the same words as essay/words.go, into
// the same elements the app renders, so that a reader's move is answered
// from the first paint and the app, when it takes over, finds the page as
// it would have drawn it. The model's numbers come with the page
// (#essay[data-model], written by the server). Once the app runs, it alone
// answers. TestWeighMatchesGo compares every word with Go's.
(function () {
  "use strict";

  var root = document.getElementById("essay");
  var M;
  try {
    // Query-escaped by the server (app/page.go).
    M = JSON.parse(decodeURIComponent(root.dataset.model.replace(/\+/g, " ")));
  } catch (err) {
    return; // no model on this page (or no page): nothing to weigh
  }
  var opts = M.o, facs = M.f, MAX = 10;
  var author = facs.map(function (f) { return f[4]; });

  // --- The model: essay/model.go ---------------------------------------

  var clamp = function (v, hi) {
    hi = hi || MAX;
    return v < 0 ? 0 : v > hi ? hi : v;
  };

  // The winner of clamped weights from the integer sums, as verdict().
  var winnerOf = function (w) {
    var d = 0, total = 0;
    for (var i = 0; i < facs.length; i++) {
      total += w[i];
      d += w[i] * (facs[i][3] - facs[i][2]);
    }
    return total === 0 ? -1 : d > 0 ? 1 : d < 0 ? 0 : -1;
  };

  var evaluate = function (w) {
    var total = 0, s0 = 0, s1 = 0, i, j;
    for (i = 0; i < facs.length; i++) {
      total += w[i];
      s0 += w[i] * facs[i][2];
      s1 += w[i] * facs[i][3];
    }
    var r = { scores: [0, 0], winner: -1, margin: 0, close: false, none: total === 0, tips: [], cheapest: -1 };
    if (total > 0) {
      r.scores = [s0 / total, s1 / total];
      r.winner = winnerOf(w);
      if (r.winner >= 0) {
        r.margin = Math.abs(s1 - s0) / total;
        r.close = r.margin < MAX / 10;
      }
    }
    var best = Infinity;
    for (i = 0; i < facs.length; i++) {
      var trial = w.slice(), others = 0, t = { at: 0, flip: -1, never: true };
      for (j = 0; j < facs.length; j++) {
        if (j !== i) {
          others += trial[j] * (facs[j][3] - facs[j][2]);
        }
      }
      var d = facs[i][3] - facs[i][2];
      if (d !== 0) {
        t.at = -others / d;
      }
      for (var step = 1; step <= MAX; step++) {
        [w[i] - step, w[i] + step].forEach(function (v) {
          if (v < 0 || v > MAX || t.flip >= 0) {
            return;
          }
          trial[i] = v;
          if (winnerOf(trial) !== r.winner) {
            t.flip = v;
            t.never = false;
          }
        });
      }
      r.tips.push(t);
      if (!t.never && r.winner >= 0 && Math.abs(t.flip - w[i]) < best) {
        best = Math.abs(t.flip - w[i]);
        r.cheapest = i;
      }
    }
    return r;
  };

  // --- The words: essay/words.go ---------------------------------------

  // FormatScore: one decimal, an exact half to even as Go's strconv does.
  var score = function (x) {
    var q = x * 4;
    if (q === Math.floor(q) && q % 2 === 1) {
      var n = Math.floor(x * 10);
      n += n % 2;
      return Math.floor(n / 10) + "." + (n % 10);
    }
    return x.toFixed(1);
  };
  var undecided = function (r, none, tie) {
    return r.none ? none : r.winner < 0 ? tie : null;
  };
  var q = function (s) { return "\u201c" + s + "\u201d"; };
  var words = function (w, yours) {
    var r = evaluate(w);
    var whose = yours ? ["Your weights", " tip", " leave"] : ["Our reading of the author\u2019s weights", " tips", " leaves"];
    var win = r.winner >= 0 ? opts[r.winner] : null;
    var balance = undecided(r, "With every weight at zero, nothing tips the balance.",
      whose[0] + whose[2] + " the two options level, at " + score(r.scores[0]) + " of 10 each.");
    if (balance === null) {
      balance = whose[0] + whose[1] + " the balance towards " + q(win[1]) + ", by " + score(r.margin) + " points of 10" +
        (!yours ? "." : r.winner === M.c ? ", as the author concluded." : ", unlike the author\u2019s conclusion.");
    }
    var short = undecided(r, "no weights set", "a tie");
    var c = r.cheapest;
    var cheapest = "No single weight, moved alone, changes the verdict.";
    if (c >= 0) {
      cheapest = "The smallest single move that changes the verdict: the weight of " + q(facs[c][1]) + " from " + w[c] + " to " + r.tips[c].flip + ".";
    }
    return {
      result: r,
      owner: yours ? "Your verdict" : "The author\u2019s verdict, as we read it",
      verdict: undecided(r, "No weights are set: move a slider to weigh the options.",
        "A tie: the leading options score " + score(r.scores[0]) + " of 10 each.") ||
        q(win[1]) + " comes out ahead, by " + score(r.margin) + " points of 10.",
      closeCall: r.close ? "A close call." : "",
      short: short || win[0] + ", by " + score(r.margin) + (r.close ? " (close call)" : ""),
      id: undecided(r, "none", "tie") || win[0],
      balance: balance,
      scores: opts[0][1] + " " + score(r.scores[0]) + " of 10, " + opts[1][1] + " " + score(r.scores[1]) + " of 10",
      labels: [0, 1].map(function (i) { return opts[i][1] + ": " + score(r.scores[i]); }),
      bars: [0, 1].map(function (i) { return Math.trunc(r.scores[i] / MAX * 320); }),
      cheapest: cheapest,
      tipping: r.tips.map(function (t) {
        return "Moved alone, this factor " + (t.never ? "never changes the verdict." : "changes the verdict if its weight goes to " + t.flip + ".");
      }),
      marks: r.tips.map(function (t) {
        return t.never ? "" : "mark tip pos-" + clamp(Math.trunc(t.at * 2 + 0.5), 2 * MAX);
      })
    };
  };
  var weightWords = function (v) {
    var m = v === 0 ? "does not matter" : v <= 2 ? "matters a little" : v <= 4 ? "matters somewhat" :
      v <= 6 ? "matters" : v <= 8 ? "matters a lot" : "matters most";
    return v + " of 10: " + m;
  };

  // For TestWeighMatchesGo.
  window.essayWeigh = function (w, yours) {
    var out = words(w, yours);
    delete out.result;
    return out;
  };
  window.essayWeightWords = weightWords;

  // --- The reader's weights: essay.ParseWeights, app/weights.go --------

  var KEY = "leaving-amazon:weights";
  var idx = {};
  facs.forEach(function (f, i) { idx[f[0]] = i; });

  // parse reads "pace8_ownership3" over base; false when the text is
  // anything ParseWeights would report a problem with: the app reads it
  // then, and says so.
  var parse = function (s, base) {
    var w = base.slice();
    if (s.length > 2048 || /[^a-z0-9_]/.test(s)) {
      return false;
    }
    var ok = true;
    s.split("_").forEach(function (item) {
      var m = /^([a-z]+)([0-9]{1,3})$/.exec(item);
      if (item === "") {
        return;
      }
      if (!m || !(m[1] in idx) || +m[2] > MAX) {
        ok = false;
        return;
      }
      w[idx[m[1]]] = +m[2];
    });
    return ok && w;
  };
  var format = function (w) {
    return facs.map(function (f, i) { return f[0] + w[i]; }).join("_");
  };
  var same = function (a, b) { return a.join() === b.join(); };

  var weights = author.slice();
  var saved = null;
  try {
    saved = window.localStorage.getItem(KEY);
  } catch (err) {
    // The app says so once it runs; here the author's weights stand.
  }
  var link = new URLSearchParams(location.search);
  weights = saved ? parse(saved, weights) : weights;
  if (weights && link.has("w")) {
    weights = parse(link.get("w"), weights);
  }
  if (!weights) {
    return; // the app reads what this cannot, and says what was wrong
  }
  // Said to app.js: in embed mode, the app need not start (web/goapp.go).
  document.documentElement.dataset.weighs = "on";

  // --- The page: the same elements and text as the app's ---------------

  var $ = function (sel, el) { return (el || document).querySelector(sel); };
  var text = function (el, s) {
    if (el && el.textContent !== s) {
      el.textContent = s;
    }
  };

  var live = function () { return document.documentElement.dataset.app !== "running"; };

  // draw writes the weights' words into the page, unless the app has
  // taken over: its elements are then its own.
  var draw = function () {
    var yours = !same(weights, author);
    if (!live()) {
      return yours;
    }
    var out = words(weights, yours), r = out.result;
    document.querySelectorAll("input[data-factor]").forEach(function (input) {
      var i = idx[input.dataset.factor], id = input.id;
      if (i === undefined) {
        return;
      }
      input.value = weights[i];
      input.setAttribute("aria-valuetext", weightWords(weights[i]));
      text($("#" + id + "-note .factor-value"), weightWords(weights[i]));
      text($("#" + id + "-note .ours"), "Our reading of the text: " + author[i] + " (\u25b2). " + out.tipping[i]);
      var range = input.parentNode, mark = $(".mark.tip", range);
      if (!out.marks[i]) {
        if (mark) {
          mark.remove();
        }
        return;
      }
      if (!mark) {
        mark = document.createElement("span");
        mark.setAttribute("aria-hidden", "true");
        range.appendChild(mark);
      }
      mark.className = out.marks[i];
    });
    var panel = $(".verdict");
    if (panel) {
      text($("#verdict-title"), out.owner);
      var bars = panel.querySelectorAll("rect.bar"), labels = panel.querySelectorAll("text.bar-label");
      for (var i = 0; i < 2; i++) {
        bars[i].setAttribute("width", out.bars[i]);
        bars[i].setAttribute("class", r.winner === i ? "bar ahead" : "bar");
        text(labels[i], out.labels[i]);
      }
      $("svg.bars", panel).setAttribute("aria-label", out.scores);
      var said = $(".verdict-text", panel);
      text(said, out.verdict + (out.closeCall ? " " + out.closeCall : ""));
      text($(".cheapest", panel), out.cheapest);
      var reset = $(".reset", panel); // unavailable, not disabled, as the app's (app/verdict.go)
      if (yours) reset.removeAttribute("aria-disabled"); else reset.setAttribute("aria-disabled", "true");
    }
    text($(".balance-text"), out.balance);
    document.querySelectorAll(".indicator").forEach(function (a) {
      text(a, out.owner + ": " + out.short);
    });
    root.dataset.verdict = out.id;
    root.dataset.verdictText = out.verdict;
    return yours;
  };

  // Keep the weights where the app looks for them: storage at once, the
  // address a moment after the last move (one history call per pause).
  var urlTimer = 0;
  var keep = function (yours, loaded) {
    try {
      if (!loaded) {
        window.localStorage.setItem(KEY, format(weights));
      }
    } catch (err) {
      // Not kept: the app, started if it was waiting, keeps them in the
      // page and its link, and says so.
      window.dispatchEvent(new Event("essay-need-app"));
    }
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      if (!live()) {
        return; // the app keeps the address and the links now
      }
      var query = yours ? "?w=" + format(weights) : "";
      // Every link to a page of the essay keeps the weights, as the app's.
      document.querySelectorAll("#essay a[href^='/']").forEach(function (a) {
        var href = a.getAttribute("href");
        if (href.indexOf("/web/") < 0) {
          var hash = href.indexOf("#") >= 0 ? href.slice(href.indexOf("#")) : "";
          a.setAttribute("href", href.replace(/[?#].*$/, "") + query + hash);
        }
      });
      var u = new URL(location.href);
      if (yours) {
        u.searchParams.set("w", format(weights));
      } else {
        u.searchParams.delete("w");
      }
      history.replaceState(history.state, "", u.toString());
    }, 400);
  };

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!live() || !input.dataset || !(input.dataset.factor in idx)) {
      return;
    }
    weights[idx[input.dataset.factor]] = clamp(parseInt(input.value, 10) || 0);
    keep(draw());
  });
  document.addEventListener("click", function (event) {
    if (live() && event.target.closest && event.target.closest(".verdict .reset")) {
      weights = author.slice();
      keep(draw());
    }
  });
  if (!same(weights, author)) {
    keep(draw(), true); // the links follow; storage is the app's to change
  } else if (window.requestIdleCallback) {
    // Once, idle, so that the reader's first move finds the code compiled
    // and the elements looked up: this draw changes nothing.
    requestIdleCallback(draw);
  }
})();
