package app

import (
	"slices"
	"time"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page's handlers for the reader's decision: each change makes a new
// decision, cleaned to its caps, saves it and, a moment after the last
// change, puts it in the address.

// editDecision applies change to the reader's decision.
func (p *page) editDecision(ctx app.Context, change func(d *essay.Decision)) {
	if p.dec.shared != nil {
		return // the reader has not chosen yet; the form is disabled
	}
	base := p.dec.d
	d := cloneDecision(base)
	change(&d)
	if p.dec.joinBase != nil {
		// A join is under way: the edit waits for it, in the page.
		p.dec.d = d.Clean()
		p.dec.results()
		return
	}
	p.setDecision(d.Clean())
	if p.dec.shared == nil || !p.dec.fromTab {
		return
	}
	// Another tab saved a change first. A browser passes storage between
	// tabs a moment late, so the other tab's latest may not be here yet,
	// and a join now could write over it: the join waits a moment, and
	// edits made meanwhile wait with it.
	p.dec.joinBase = &base
	p.dec.shared, p.dec.fromTab = nil, false
	p.ctx.After(joinDelay, p.join)
}

// joinDelay is how long a join waits for the other tab's latest.
const joinDelay = 150 * time.Millisecond

// join joins this tab's edits since joinBase to what another tab saved, as
// the weights' moves are: changes to other fields are both kept, and the
// field being typed in stays the reader's. The same field changed in both,
// a move, an added or removed item: the reader chooses.
func (p *page) join(ctx app.Context) {
	base, mine := *p.dec.joinBase, p.dec.d
	p.dec.joinBase = nil
	raw, err := p.store.get(decisionKey)
	theirs, derr := essay.DecodeDecision(raw)
	switch {
	case err != nil || raw == "":
		p.setDecision(mine)
	case derr != nil:
		if notice, kept := setAsideUnreadable(p.store, raw); !kept {
			p.sayUntilSaved(notice + " " + notSavedOverUnreadable)
			return
		}
		p.setDecision(mine)
	default:
		merged, ok := essay.Merge(base, mine, theirs)
		if !ok {
			p.dec.shared, p.dec.fromTab = &theirs, true
			p.dec.results()
			return
		}
		p.setDecision(merged.Clean())
		if p.dec.shared == nil && !merged.Equal(mine) {
			p.say("Your decision was also changed in another tab: this tab now has both changes.")
			p.syncFields(merged, true)
		}
	}
}

// setDecision makes d the reader's decision, saved.
func (p *page) setDecision(d essay.Decision) {
	p.dec.d, p.dec.saved, p.dec.linked, p.dec.confirmStart = d, true, false, 0
	var other *essay.Decision
	if p.dec.keepUnkept(p.store) {
		var msg string
		other, msg = saveDecision(p.store, d)
		p.sayUntilSaved(msg)
	} else {
		p.sayUntilSaved(notSavedOverUnreadable)
	}
	if other != nil {
		// Another tab saved another decision: the reader chooses.
		p.dec.shared, p.dec.fromTab = other, true
	}
	p.dec.results() // now, while go-app waits for its next frame
	p.dec.tick++
	tick := p.dec.tick
	// In the page's own context: go-app drops what an element the render
	// removes (a Remove, a confirmation) scheduled, and the address would
	// keep the decision this one replaced.
	p.ctx.After(urlDelay, func(ctx app.Context) {
		// The address is not rendered: without this, go-app renders the
		// whole page again for nothing.
		ctx.PreventUpdate()
		if tick == p.dec.tick {
			p.decisionToURL()
		}
	})
}

// showFields makes the form's text fields show d once the page has been
// rendered, after a change made elsewhere than in those fields: a fresh
// start, a move or removal, a choice, another tab (app/goapp.go's
// syncValues: go-app cannot empty a field). Deferred in the page's own
// context: go-app drops work deferred from an element that the render
// removes, such as a Remove or Keep mine button.
func (p *page) showFields(d essay.Decision) { p.syncFields(d, false) }

// syncFields is showFields; with butTyped, the field being typed in is
// left as the reader's keys made it.
func (p *page) syncFields(d essay.Decision, butTyped bool) {
	values := map[string]string{}
	for i, name := range d.Options {
		values[optionID(i)] = name
	}
	for i, c := range d.Factors {
		values[factorID(i)+"-name"], values[factorID(i)+"-note"] = c.Name, c.Note
	}
	p.ctx.Defer(func(app.Context) { syncValues(values, butTyped) })
}

// decisionToURL puts the shown decision in the address.
func (p *page) decisionToURL() {
	if p.Isection != Decision {
		return
	}
	replaceURLParam("d", decisionLink(p.dec.shown()))
}

// focusMoved focuses the button pressed to move an item (id's "-up" or
// "-down") beside the item, now at j of n; at an end, where that button is
// disabled, its twin.
func focusMoved(ctx app.Context, id string, j, n, by int) {
	dir := "down"
	if by < 0 {
		dir = "up"
	}
	switch {
	case j == 0:
		dir = "down"
	case j == n-1:
		dir = "up"
	}
	focusLater(ctx, id+"-"+dir)
}

// moveFactor moves factor i by one place up (by < 0) or down, and keeps
// the keyboard focus on the button pressed, now beside the moved factor.
func (p *page) moveFactor(ctx app.Context, i, by int) {
	j := i + by
	if i < 0 || j < 0 || i >= len(p.dec.d.Factors) || j >= len(p.dec.d.Factors) {
		return
	}
	p.editDecision(ctx, func(d *essay.Decision) {
		d.Factors[i], d.Factors[j] = d.Factors[j], d.Factors[i]
	})
	p.showFields(p.dec.d)
	focusMoved(p.ctx, factorID(j), j, len(p.dec.d.Factors), by)
}

// removeFactor removes factor i.
func (p *page) removeFactor(ctx app.Context, i int) {
	if i < 0 || i >= len(p.dec.d.Factors) {
		return
	}
	removed := p.dec.d
	p.editDecision(ctx, func(d *essay.Decision) {
		d.Factors = append(d.Factors[:i], d.Factors[i+1:]...)
	})
	p.showFields(p.dec.d)
	p.say("Removed “" + essay.FactorLabel(removed, i) + "”.")
	// Focus where the removed factor was, or the add button.
	switch {
	case i < len(p.dec.d.Factors):
		focusLater(p.ctx, factorID(i)+"-name")
	case i > 0:
		focusLater(p.ctx, factorID(i-1)+"-name")
	default:
		focusLater(p.ctx, "add-factor")
	}
}

// addFactor adds an empty factor at the end, and focuses its name.
func (p *page) addFactor(ctx app.Context) {
	if len(p.dec.d.Factors) >= essay.MaxFactors {
		return
	}
	p.editDecision(ctx, func(d *essay.Decision) {
		c := essay.Criterion{Weight: essay.MaxWeight / 2, Scores: make([]int, len(d.Options))}
		for o := range c.Scores {
			c.Scores[o] = essay.MaxWeight / 2
		}
		d.Factors = append(d.Factors, c)
	})
	focusLater(p.ctx, factorID(len(p.dec.d.Factors)-1)+"-name")
}

// addOption adds an unnamed option at the end, scored 5 on every factor,
// and focuses its name.
func (p *page) addOption(ctx app.Context) {
	if len(p.dec.d.Options) >= essay.MaxOptions {
		return
	}
	p.editDecision(ctx, func(d *essay.Decision) {
		d.Options = append(d.Options, "")
		for i := range d.Factors {
			d.Factors[i].Scores = append(d.Factors[i].Scores, essay.MaxWeight/2)
		}
	})
	focusLater(p.ctx, optionID(len(p.dec.d.Options)-1))
}

// removeOption removes option o and its scores, never below two options.
func (p *page) removeOption(ctx app.Context, o int) {
	if o < 0 || o >= len(p.dec.d.Options) || len(p.dec.d.Options) <= essay.MinOptions {
		return
	}
	removed := p.dec.d
	p.editDecision(ctx, func(d *essay.Decision) {
		d.Options = slices.Delete(d.Options, o, o+1)
		for i := range d.Factors {
			d.Factors[i].Scores = slices.Delete(d.Factors[i].Scores, o, o+1)
		}
	})
	p.showFields(p.dec.d)
	p.say("Removed the option “" + essay.OptionLabel(removed, o) + "”.")
	focusLater(p.ctx, optionID(min(o, len(p.dec.d.Options)-1)))
}

// moveOption moves option o by one place, with its scores, and keeps the
// focus on the button pressed.
func (p *page) moveOption(ctx app.Context, o, by int) {
	j := o + by
	if o < 0 || j < 0 || o >= len(p.dec.d.Options) || j >= len(p.dec.d.Options) {
		return
	}
	p.editDecision(ctx, func(d *essay.Decision) {
		d.Options[o], d.Options[j] = d.Options[j], d.Options[o]
		for i := range d.Factors {
			s := d.Factors[i].Scores
			s[o], s[j] = s[j], s[o]
		}
	})
	p.showFields(p.dec.d)
	focusMoved(p.ctx, optionID(j), j, len(p.dec.d.Options), by)
}

// chooseDecision settles a shared link: keep the saved decision, or use the
// link's (which is then saved).
func (p *page) chooseDecision(ctx app.Context, useShared bool) {
	shared := p.dec.shared
	if shared == nil {
		return
	}
	fromTab := p.dec.fromTab
	p.dec.shared, p.dec.fromTab = nil, false
	switch {
	case useShared:
		p.setDecision(*shared)
		p.say("The shared decision is now yours, saved in this browser.")
	case fromTab:
		// The reader chose this tab's over the other tab's: saved as is.
		if enc, err := essay.EncodeDecision(p.dec.d); err == nil && p.store.set(decisionKey, enc) == nil {
			p.say("Your decision is kept, in place of the other tab’s.")
		} else {
			p.sayUntilSaved("Your decision could not be saved in this browser. It stays in this page: copy the link to keep it.")
		}
	default:
		p.say("Your saved decision is kept.")
	}
	p.showFields(p.dec.shown())
	p.decisionToURL()
	// The question and its buttons are gone: the focus goes to the form,
	// now the reader's to edit.
	focusLater(p.ctx, optionID(0))
}

// keepLinked makes the decision shown from a link the reader's: saved.
func (p *page) keepLinked(ctx app.Context) {
	if !p.dec.linked {
		return
	}
	p.setDecision(p.dec.d)
	p.say("The decision from the link is now yours, saved in this browser.")
	focusLater(p.ctx, optionID(0)) // as after Keep mine
}

// startDecision starts afresh, from the essay's model and the current
// weights or from a blank decision, once confirmed: it replaces the
// reader's decision. Unconfirmed, it asks (kind 0 cancels).
func (p *page) startDecision(ctx app.Context, kind int, confirmed bool) {
	if !confirmed {
		// The button pressed gives way to the question, or the question
		// to the buttons: the focus goes to what takes its place.
		asked := p.dec.confirmStart
		p.dec.confirmStart = kind
		if kind != 0 {
			focusLater(p.ctx, confirmStartID)
		} else {
			focusLater(p.ctx, startButtonID(asked))
		}
		return
	}
	switch kind {
	case startEssay:
		p.setDecision(essay.NewDecision(p.Iessay.Model, p.view.Weights))
		p.say("Started again from the essay’s model and your weights.")
		focusLater(p.ctx, startButtonID(startEssay))
	case startBlank:
		p.setDecision(essay.BlankDecision())
		p.say("Started from a blank decision: two options and one factor, to name.")
		focusLater(p.ctx, optionID(0))
	}
	p.showFields(p.dec.d)
}

// say shows a short message in the page's notice area.
func (p *page) say(message string) { p.notice, p.noticeUntilSaved = message, false }
