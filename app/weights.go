package app

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Where the reader's weights live: in the page's URL (?w=…, so that a link
// reproduces them anywhere), in localStorage (so that a return visit
// resumes them) and in the page's memory (so that nothing is lost when
// neither works). The URL wins when it has weights.

// weightsKey is the localStorage key of the reader's weights.
const weightsKey = "leaving-amazon:weights"

// urlDelay is how long the address bar waits after the last slider move:
// one replaceState per pause, not per step (Safari refuses more than 100
// in 30 seconds).
const urlDelay = 400 * time.Millisecond

// loadWeights returns the reader's weights: the author's, then storage's,
// then the link's, then any slider the reader moved before the app took
// over. It reports problems for a notice; none of them loses what was
// readable.
func loadWeights(m essay.Model, s *store) (essay.Weights, []string) {
	w := m.AuthorWeights()
	var problems []string
	saved, err := s.get(weightsKey)
	switch {
	case err != nil:
		problems = append(problems, "storage")
	case saved != "":
		var p []string
		if w, p = essay.ParseWeights(m, saved, w); len(p) > 0 {
			problems = append(problems, "saved weights: "+p[0])
		}
	}
	if q, ok := urlWeights(); ok {
		var p []string
		if w, p = essay.ParseWeights(m, q, w); len(p) > 0 {
			problems = append(problems, p...)
		}
	}
	return movedSliders(m, w), problems
}

// urlWeights returns the w parameter of the page's URL.
func urlWeights() (string, bool) { return urlParam("w") }

// movedSliders reads the prerendered sliders before the app replaces them:
// a reader may have moved one while the app was loading, and that move is
// the newest word on the weights.
func movedSliders(m essay.Model, w essay.Weights) essay.Weights {
	inputs := app.Window().Get("document").Call("querySelectorAll", "input[data-factor]")
	for i := 0; i < inputs.Length(); i++ {
		in := inputs.Index(i)
		if in.Get("value").String() == in.Get("defaultValue").String() {
			continue
		}
		f := m.Factor(in.Get("dataset").Get("factor").String())
		v, err := strconv.Atoi(in.Get("value").String())
		if f >= 0 && err == nil {
			w[f] = min(max(v, 0), essay.MaxWeight)
		}
	}
	return w
}

// noticeFor says, in one sentence, what was wrong with the weights read.
func noticeFor(problems []string) string {
	if len(problems) == 0 {
		return ""
	}
	if problems[0] == "storage" {
		return "This browser does not let the essay save your weights: they stay in this page and its link."
	}
	if strings.HasPrefix(problems[0], "saved weights") {
		return "Some saved weights could not be read and were left out."
	}
	return "Some of the weights in this link could not be read (" + problems[0] + "); the rest are used."
}

// replaceWeightsInURL puts the weights in the address bar without a new
// history entry. A browser may refuse (Safari, past 100 calls in 30 s):
// the weights are still in the page and in storage, so that is ignored.
func replaceWeightsInURL(query string) {
	replaceURLParam("w", strings.TrimPrefix(query, "?w="))
}

// saveWeights keeps w. When another tab saved other weights since this
// tab last read or wrote them, it writes nothing and returns those. It
// returns a notice for the reader when the browser refuses to keep them.
func saveWeights(s *store, m essay.Model, w essay.Weights) (newer essay.Weights, notice string) {
	if s == nil {
		return nil, "" // already said
	}
	raw, err := s.put(weightsKey, essay.FormatWeights(m, w))
	switch {
	case errors.Is(err, errStale):
		newer, _ = essay.ParseWeights(m, raw, m.AuthorWeights())
		return newer, ""
	case err != nil:
		return nil, "Your weights could not be saved in this browser; they stay in this page and its link."
	}
	return nil, ""
}
