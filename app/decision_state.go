package app

import (
	"errors"
	"slices"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The reader's own decision (/your-decision) lives where the weights do:
// in the page's URL (?d=…, so that a link reproduces it), in localStorage
// (so that it survives a reload, offline and an update) and in the page's
// memory. Unlike the weights, a link never silently replaces a saved
// decision: the reader chooses.

// decisionKey is the localStorage key of the reader's decision, in its
// link form.
const decisionKey = "leaving-amazon:decision"

// unreadableKey is where a saved decision that could not be read is kept,
// under the date and time, rather than overwritten: nothing of the
// reader's is thrown away. The last keepUnreadable are kept.
const (
	unreadableKey  = "leaving-amazon:decision:unreadable"
	keepUnreadable = 5
)

// decisionState is the reader's decision, owned by the page.
type decisionState struct {
	d essay.Decision
	// saved reports that the decision is the reader's: edited, chosen or
	// loaded. Until then it follows the weights set in the essay.
	saved bool
	// shared is a link's decision that differs from the saved one, or one
	// another tab saved while this tab's differed, shown until the reader
	// keeps theirs or uses this one.
	shared *essay.Decision
	// fromTab reports that shared comes from another tab.
	fromTab bool
	// linked reports a decision shown from a link and not yet kept: it is
	// saved once the reader edits it or makes it theirs, never before, so
	// that a page that frames the essay, or a link the reader only opened,
	// cannot plant a decision in their browser.
	linked bool
	// confirmStart is the fresh start asked for once, and awaiting the
	// reader's confirmation: startEssay or startBlank, or 0.
	confirmStart int
	// ready reports that the app runs: the prerendered form is locked, so
	// that nothing typed before the app arrives is lost when it takes over.
	ready bool
	tick  int
	// joinBase, while a join with another tab's change waits (page.join),
	// is this tab's decision before its edits since.
	joinBase *essay.Decision
	// unkept is a saved decision that could not be read, nor kept aside
	// (no room): it is left where it is, and nothing is saved over it
	// until it can be kept aside.
	unkept string
	// last is what the decision shown last made: computed in the handler
	// of a change, so that the render that follows has only to show it.
	last decisionOutcome
}

// decisionOutcome is what a decision makes: its ranking, how firm it is
// and where each factor's numbers change it.
type decisionOutcome struct {
	d           essay.Decision
	ranking     essay.Ranking
	fragility   essay.Fragility
	sensitivity []essay.Sensitivity
	ok          bool
}

// results returns what the shown decision makes, computed once per
// decision. Called from a change's handler, it overlaps go-app's wait
// for its next frame (a frame follows an event by 1/120 s).
func (s *decisionState) results() decisionOutcome {
	d := s.shown()
	if !s.last.ok || !s.last.d.Equal(d) {
		s.last = decisionOutcome{d: d, ranking: d.Rank(), fragility: d.Fragility(), sensitivity: d.Sensitivity(), ok: true}
	}
	return s.last
}

// The fresh starts a reader may ask for.
const (
	startEssay = 1 + iota // the essay's model and the reader's weights
	startBlank            // two unnamed options and one factor
)

// decisionView is what the decision page's components read.
type decisionView struct {
	// EssayTitle names the essay the decision was made with, in its
	// Markdown export.
	EssayTitle string
	// Whose says whose decision it is (essay.OwnerAuthor…).
	Whose       int
	Decision    essay.Decision
	Result      essay.Ranking
	Fragility   essay.Fragility
	Sensitivity []essay.Sensitivity
	// Pending reports a shared decision awaiting the reader's choice: the
	// form shows it and cannot be edited.
	Pending bool
	// FromTab reports that the decision awaiting a choice was saved by
	// another tab.
	FromTab bool
	// Linked reports a decision shown from a link, not kept until the
	// reader edits it or makes it theirs.
	Linked       bool
	ConfirmStart int
	// Loading reports the prerendered page, before the app runs: the form
	// is locked.
	Loading bool
}

// shown is the decision the page shows: the shared one while the reader
// chooses, else theirs.
func (s *decisionState) shown() essay.Decision {
	if s.shared != nil {
		return *s.shared
	}
	return s.d
}

// view returns what the page shows: the shared decision while the reader
// chooses, else theirs.
func (s *decisionState) view() decisionView {
	r := s.results()
	return decisionView{
		Decision:     r.d,
		Result:       r.ranking,
		Fragility:    r.fragility,
		Sensitivity:  r.sensitivity,
		Pending:      s.shared != nil,
		FromTab:      s.fromTab,
		Linked:       s.linked,
		ConfirmStart: s.confirmStart,
		Loading:      !s.ready,
	}
}

// whose says whose decision the page shows, for its verdict's heading:
// until the reader changes something, our reading of the author's.
func (s *decisionState) whose(m essay.Model) int {
	switch {
	case s.shared != nil && s.fromTab:
		return essay.OwnerOtherTab
	case s.shared != nil || s.linked:
		return essay.OwnerLink
	case !s.saved && s.d.Equal(essay.NewDecision(m, m.AuthorWeights())):
		return essay.OwnerAuthor
	}
	return essay.OwnerReader
}

// decisionActions are the callbacks by which the decision page's
// components change the decision.
type decisionActions struct {
	edit   func(ctx app.Context, change func(d *essay.Decision))
	move   func(ctx app.Context, factor, by int)
	remove func(ctx app.Context, factor int)
	add    func(ctx app.Context)
	// The options: add one, remove or move option i.
	addOption    func(ctx app.Context)
	removeOption func(ctx app.Context, option int)
	moveOption   func(ctx app.Context, option, by int)
	choose       func(ctx app.Context, useShared bool)
	keep         func(ctx app.Context)
	// start asks for a fresh start (startEssay or startBlank), which
	// replaces the reader's decision once confirmed; 0 cancels.
	start func(ctx app.Context, kind int, confirmed bool)
	// shown is the decision shown now, for the tools that export it.
	shown func() essay.Decision
}

// loadDecision reads the saved decision and, on the decision's own page,
// the link's. It returns a notice for the reader when something could not
// be read or kept; what could not be read is never overwritten.
func loadDecision(s *store, m essay.Model, w essay.Weights, fromLink bool) (decisionState, string) {
	ds := decisionState{d: essay.NewDecision(m, w), ready: true}
	var notice string
	raw, err := s.get(decisionKey)
	switch {
	case err != nil:
		notice = "This browser does not let the page save your decision: it stays in this page and its link."
	case raw != "":
		d, err := essay.DecodeDecision(raw)
		if err != nil {
			var kept bool
			if notice, kept = setAsideUnreadable(s, raw); !kept {
				ds.unkept = raw
			}
		} else {
			ds.d, ds.saved = d, true
		}
	}
	if !fromLink {
		return ds, notice
	}
	q, ok := urlParam("d")
	if !ok {
		return ds, notice
	}
	shared, err := essay.DecodeDecision(q)
	switch {
	case err != nil:
		kept := "The essay’s model is shown instead."
		if ds.saved {
			kept = "Your saved decision is shown instead; nothing of it was changed."
		}
		notice = essay.Sentence(err.Error()) + ". " + kept
	case !ds.saved:
		// Shown, not saved: the reader has not acted yet.
		ds.d, ds.saved, ds.linked = shared, true, true
	case !shared.Equal(ds.d):
		ds.shared = &shared
	}
	return ds, notice
}

// saveDecision keeps d in storage. When another tab saved another
// decision since this tab last read or wrote it, it writes nothing and
// returns that one, for the reader to choose. It returns a notice when it
// cannot keep d.
func saveDecision(s *store, d essay.Decision) (other *essay.Decision, notice string) {
	enc, err := essay.EncodeDecision(d)
	if err != nil {
		return nil, "Your decision could not be saved: " + err.Error() + "."
	}
	if s == nil {
		return nil, "" // already said
	}
	newer, err := s.put(decisionKey, enc)
	if errors.Is(err, errStale) {
		theirs, derr := essay.DecodeDecision(newer)
		switch {
		case derr == nil && theirs.Equal(d):
			return nil, ""
		case derr == nil:
			return &theirs, ""
		case newer != "":
			var kept bool
			if notice, kept = setAsideUnreadable(s, newer); !kept {
				return nil, notice + " " + notSavedOverUnreadable
			}
		}
		err = s.set(decisionKey, enc) // nothing readable in the way
	}
	if err != nil {
		return nil, "Your decision could not be saved in this browser (its storage is full or unavailable). It stays in this page: copy the link to keep it."
	}
	return nil, notice
}

// setAsideUnreadable keeps a saved decision that could not be read where a
// later version, or the reader, can find it, and says so; kept is false
// when there was no room for it.
func setAsideUnreadable(s *store, raw string) (notice string, kept bool) {
	name, err := s.setAside(unreadableKey, raw, keepUnreadable)
	if err != nil {
		return "Your saved decision could not be read, nor kept aside (this browser’s storage is full or unavailable); it is left as it was, and this page starts again from the essay.", false
	}
	// The error speaks of a link: the reader needs only the gist.
	return "Your saved decision could not be read. It was kept aside in this browser’s storage (" + name +
		"; the last " + itoa(keepUnreadable) + " are kept), and this page starts again from the essay.", true
}

// notSavedOverUnreadable says why an edit was not saved.
const notSavedOverUnreadable = "Your decision is not saved in this browser, so as not to overwrite the saved one that could not be read: it stays in this page; copy the link to keep it."

// keepUnkept tries again to keep aside the unreadable decision that is in
// the way of saving; it reports whether saving may go ahead.
func (ds *decisionState) keepUnkept(s *store) bool {
	if ds.unkept == "" {
		return true
	}
	if _, kept := setAsideUnreadable(s, ds.unkept); !kept {
		return false
	}
	ds.unkept = ""
	return true
}

// decisionLink returns the decision's link form, "" if it has none.
func decisionLink(d essay.Decision) string {
	enc, err := essay.EncodeDecision(d)
	if err != nil {
		return ""
	}
	return enc
}

// cloneDecision copies d, so that an edit never changes a decision that a
// rendered component still holds.
func cloneDecision(d essay.Decision) essay.Decision {
	d.Options = slices.Clone(d.Options)
	d.Factors = slices.Clone(d.Factors)
	for i := range d.Factors {
		d.Factors[i].Scores = slices.Clone(d.Factors[i].Scores)
	}
	return d
}
