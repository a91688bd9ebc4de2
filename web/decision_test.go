//go:build !wasm

package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leaving-amazon/essay"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The reader's own decision, at /your-decision, in headless Chromium.

const decisionKeyJS = `"leaving-amazon:decision"`

// openDecision loads /your-decision with query and waits for the app.
func openDecision(t *testing.T, b *browser, s *site, query string) {
	t.Helper()
	b.navigate(t, s.URL+essay.DecisionPath+query)
	b.waitApp(t, 60*time.Second)
}

// shownDecision reads the decision from the page's form.
func shownDecision(t *testing.T, b *browser) essay.Decision {
	t.Helper()
	var v struct {
		Options []string `json:"options"`
		Factors []struct {
			Name   string   `json:"name"`
			Note   string   `json:"note"`
			Weight string   `json:"weight"`
			Scores []string `json:"scores"`
		} `json:"factors"`
	}
	eval[jsValue](t, b, `(() => ({
		options: [...document.querySelectorAll('.option-list input[type="text"]')].map(i => i.value),
		factors: [...document.querySelectorAll("li.criterion")].map(li => ({
			name: li.querySelector('input[id$="-name"]').value,
			note: li.querySelector('input[id$="-note"]').value,
			weight: li.querySelector('input[id$="-weight"]').value,
			scores: [...li.querySelectorAll('input[id*="-score-"]')].map(i => i.value),
		})),
	}))()`).into(t, &v)
	d := essay.Decision{Options: v.Options}
	for _, f := range v.Factors {
		c := essay.Criterion{Name: f.Name, Note: f.Note, Weight: atoiOr(f.Weight)}
		for _, sc := range f.Scores {
			c.Scores = append(c.Scores, atoiOr(sc))
		}
		d.Factors = append(d.Factors, c)
	}
	return d
}

func atoiOr(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// makeLinkedMine opens a link to the decision enc, in a profile with none
// saved, and makes it the reader's with "Make it mine".
func makeLinkedMine(t *testing.T, b *browser, s *site, enc string) {
	t.Helper()
	openDecision(t, b, s, "?d="+enc)
	press(t, b, "keep-linked", kb.Enter)
	if err := b.waitJS(`localStorage.getItem(`+decisionKeyJS+`) === `+jsString(enc), 3*time.Second); err != nil {
		t.Fatalf("Make it mine did not save the link's decision: %v", err)
	}
}

// savedDecision reads the decision saved in the browser.
func savedDecision(t *testing.T, b *browser) (essay.Decision, string) {
	t.Helper()
	raw := eval[string](t, b, `localStorage.getItem(`+decisionKeyJS+`) || ""`)
	if raw == "" {
		return essay.Decision{}, ""
	}
	d, err := essay.DecodeDecision(raw)
	if err != nil {
		t.Fatalf("the saved decision does not decode: %v", err)
	}
	return d, raw
}

// waitSaved waits until the saved decision satisfies ok: a save follows
// each keystroke, so the first save of a typed name may hold only its first
// letter.
func waitSaved(t *testing.T, b *browser, what string, ok func(essay.Decision) bool) essay.Decision {
	t.Helper()
	var d essay.Decision
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if d, _ = savedDecision(t, b); ok(d) {
			return d
		}
	}
	t.Fatalf("%s: saved %+v", what, d)
	return d
}

// linkDecision reads the decision in the address bar.
func linkDecision(t *testing.T, b *browser) string {
	t.Helper()
	return eval[string](t, b, `new URLSearchParams(location.search).get("d") || ""`)
}

// typeInto replaces the text of an input as a reader would: select all,
// then type.
func typeInto(t *testing.T, b *browser, id, text string) {
	t.Helper()
	eval[bool](t, b, `(() => { const el = document.getElementById("`+id+`"); el.focus(); el.select(); return true; })()`)
	// Keys go to whatever has the focus, as a reader's do: a field
	// replaced while typed in loses the keys that follow.
	b.run(t, chromedp.KeyEvent(kb.Delete), chromedp.KeyEvent(text))
}

// fullDecision is a 20-factor decision with every name and note at its cap,
// in several scripts, and markup that must stay text.
func fullDecision() essay.Decision {
	pad := func(s string, n int) string {
		r := []rune(strings.Repeat(s, n))
		return string(r[:n])
	}
	d := essay.Decision{Options: []string{
		pad("<img src=x onerror=alert(1)>", essay.MaxNameLen),
		pad("Rejoindre une start-up 🚀 — série B; ", essay.MaxNameLen),
	}}
	for i := range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name:   pad(fmt.Sprintf("%02d 猫 <b>bold</b> & \"quoted\" ", i), essay.MaxNameLen),
			Note:   pad(fmt.Sprintf("note %d: <script>alert(%d)</script> | pipes | *stars* é ", i, i), essay.MaxNoteLen),
			Weight: i % 11, Scores: []int{(i * 3) % 11, (i * 7) % 11},
		})
	}
	return d
}

// TestDecisionEdits builds a decision with the keyboard: renaming, weights
// and scores, adding, moving and removing factors. The verdict follows and
// is announced; the decision is saved, in the address, and there after a
// reload.
func TestDecisionEdits(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "")
	e := essay.Content()
	if got, want := shownDecision(t, b), essay.NewDecision(e.Model, e.Model.AuthorWeights()); !got.Equal(want) {
		t.Fatalf("the page starts from\n%+v\nwant the essay's model\n%+v", got, want)
	}
	if got := eval[string](t, b, `document.getElementById("verdict-said").getAttribute("role")`); got != "status" {
		t.Errorf("no live region announces the verdict (role %q)", got)
	}
	if n := eval[int](t, b, `[...document.querySelectorAll(".decision input, .decision button")].filter(el =>
		el.tagName === "INPUT" ? el.labels.length === 0 && !el.getAttribute("aria-label") : !(el.innerText.trim() || el.getAttribute("aria-label"))).length`); n != 0 {
		t.Errorf("%d controls without a label", n)
	}

	// Whose verdict: ours until the reader changes something.
	heading := `document.getElementById("result-title").innerText`
	if got, want := eval[string](t, b, heading), essay.DecisionOwner(essay.OwnerAuthor); got != want {
		t.Errorf("before any change the verdict's heading is %q, want %q", got, want)
	}
	typeInto(t, b, "option-1", "Stay at my company")
	if err := b.waitJS(heading+` === `+jsString(essay.DecisionOwner(essay.OwnerReader)), 3*time.Second); err != nil {
		t.Errorf("after an edit the verdict's heading is %q", eval[string](t, b, heading))
	}
	typeInto(t, b, "option-2", "Join a Series B start-up")
	verdict := func() string { return eval[string](t, b, `document.getElementById("decision-verdict").innerText`) }
	if err := b.waitJS(`document.getElementById("decision-verdict").innerText.includes("Join a Series B start-up") &&
		document.getElementById("option-1").value === "Stay at my company"`, 3*time.Second); err != nil {
		t.Errorf("after renaming, the verdict is %q", verdict())
	}
	// Make every factor favour staying: the verdict turns.
	for i := range e.Model.Factors {
		id := fmt.Sprintf("factor-%d", i+1)
		press(t, b, id+"-score-1", kb.End)
		press(t, b, id+"-score-2", kb.Home)
	}
	if err := b.waitJS(`document.getElementById("decision-verdict").innerText.startsWith("“Stay at my company” comes out ahead")`, 3*time.Second); err != nil {
		t.Errorf("with every score for staying, the verdict is %q", verdict())
	}
	if err := b.waitJS(`document.getElementById("verdict-said").textContent === document.getElementById("decision-verdict").textContent`, 3*time.Second); err != nil {
		t.Errorf("the turned verdict is not announced: %v", err)
	}

	// Add a factor, name it, move it up twice, then remove another.
	n := len(e.Model.Factors)
	press(t, b, "add-factor", kb.Enter)
	if err := b.waitJS(fmt.Sprintf(`document.querySelectorAll("li.criterion").length === %d && document.activeElement.id === "factor-%d-name"`, n+1, n+1), 3*time.Second); err != nil {
		t.Fatalf("adding a factor: %v (%d factors, focus on %q)", err, eval[int](t, b, `document.querySelectorAll("li.criterion").length`), eval[string](t, b, `document.activeElement.id`))
	}
	b.run(t, chromedp.SendKeys(fmt.Sprintf("#factor-%d-name", n+1), "Commute", chromedp.ByID))
	for i := range 2 {
		pos := n + 1 - i
		eval[bool](t, b, fmt.Sprintf(`(document.getElementById("factor-%d-up").focus(), true)`, pos))
		b.run(t, chromedp.KeyEvent(kb.Enter))
		if err := b.waitJS(fmt.Sprintf(`document.getElementById("factor-%d-name").value === "Commute" && document.activeElement.id === "factor-%d-up"`, pos-1, pos-1), 3*time.Second); err != nil {
			t.Fatalf("moving the factor up from %d: %v (focus on %s)", pos, err, eval[string](t, b, `document.activeElement.id`))
		}
	}
	first := eval[string](t, b, `document.getElementById("factor-1-name").value`)
	press(t, b, "factor-1-remove", kb.Enter)
	if err := b.waitJS(fmt.Sprintf(`document.querySelectorAll("li.criterion").length === %d`, n), 3*time.Second); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, b, `document.getElementById("factor-1-name").value`); got == first {
		t.Error("the removed factor is still first")
	}

	// Fast typing loses nothing: every keystroke's value is the newest.
	const note = "The commute is long, but the team is worth it: 45 minutes each way, twice a week."
	typeInto(t, b, "factor-2-note", note)
	b.settle(t, 500*time.Millisecond)
	if got := eval[string](t, b, `document.getElementById("factor-2-note").value`); got != note {
		t.Errorf("typed %q, the field holds %q", note, got)
	}

	shown := shownDecision(t, b)
	if got, want := shown.Factors[1].Note, note; got != want {
		t.Errorf("the note is %q, want %q", got, want)
	}
	if got, want := shown.Factors[n-3].Name, "Commute"; got != want {
		t.Errorf("factor %d is %q, want %q", n-2, got, want)
	}
	waitSaved(t, b, "the shown decision", shown.Equal)
	_, raw := savedDecision(t, b)
	if err := b.waitJS(`new URLSearchParams(location.search).get("d") === localStorage.getItem(`+decisionKeyJS+`)`, 3*time.Second); err != nil {
		t.Errorf("the address does not carry the decision: %v", err)
	}
	if n := eval[int](t, b, `history.length`); n > 2 {
		t.Errorf("history has %d entries: the edits pushed entries", n)
	}

	// A reload, without the link: storage brings it back.
	b.navigate(t, s.URL+essay.DecisionPath)
	b.waitApp(t, 60*time.Second)
	if got := shownDecision(t, b); !got.Equal(shown) {
		t.Errorf("after a reload:\n%+v\nwant\n%+v", got, shown)
	}
	if got := linkDecision(t, b); got != raw {
		t.Errorf("after a reload the address has %q, want the decision", got)
	}
}

// TestDecisionLinkMangled opens a decision link as a mail client or forum
// leaves it when pasted as HTML: "&" written "&amp;". The decision shows,
// not the essay's model with no word said.
func TestDecisionLinkMangled(t *testing.T) {
	d := essay.Decision{Options: []string{"Home", "Away"}, Factors: []essay.Criterion{{Name: "Sea", Weight: 7, Scores: []int{2, 9}}}}
	enc := mustEncode(t, d)
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "?w=pace3&amp;d="+url.QueryEscape(enc))
	if got := shownDecision(t, b); !got.Equal(d) {
		t.Errorf("the mangled link's decision shows as\n%+v\nwant\n%+v", got, d)
	}
}

// TestDecisionLinkRoundTrip opens a link to a 20-factor decision with every
// name and note at its cap, in a fresh profile: the page shows it exactly,
// names stay text, and the address keeps the same link.
func TestDecisionLinkRoundTrip(t *testing.T) {
	d := fullDecision()
	enc := mustEncode(t, d)
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "?d="+url.QueryEscape(enc))
	if got := shownDecision(t, b); !got.Equal(d) {
		t.Fatalf("the link's decision shows as\n%+v\nwant\n%+v", got, d)
	}
	if n := eval[int](t, b, `document.querySelectorAll("main img, main script, main b").length`); n != 0 {
		t.Errorf("names became markup: %d elements", n)
	}
	if got := eval[string](t, b, `document.querySelector(".scores li").innerText`); !strings.Contains(got, d.Options[0]) {
		t.Errorf("the option's name is not shown as text: %q", got)
	}
	b.settle(t, 600*time.Millisecond)
	if got := linkDecision(t, b); got != enc {
		t.Errorf("the address changed the link (%d characters, want %d)", len(got), len(enc))
	}
	if _, raw := savedDecision(t, b); raw != "" {
		t.Error("the link's decision was saved before the reader did anything")
	}
	if !eval[bool](t, b, `document.getElementById("linked-title").innerText.includes("comes from the link")`) {
		t.Error("the page does not say the decision comes from the link")
	}
	press(t, b, "keep-linked", kb.Enter)
	if err := b.waitJS(`(localStorage.getItem(`+decisionKeyJS+`) || "") !== ""`, 3*time.Second); err != nil {
		t.Fatal("Make it mine saved nothing")
	}
	if err := b.waitJS(`document.activeElement.id === "option-1"`, 3*time.Second); err != nil {
		t.Errorf("after Make it mine, the focus is on %q", eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`))
	}
	if saved, _ := savedDecision(t, b); !saved.Equal(d) {
		t.Error("Make it mine did not save the link's decision")
	}
	t.Logf("a 20-factor decision at every cap: a %d-character d parameter", len(enc))
}

// TestDecisionLinkEditSaves: a link's decision, opened in a fresh profile,
// is the reader's once they change it.
func TestDecisionLinkEditSaves(t *testing.T) {
	d := essay.Decision{Options: []string{"Here", "There"}, Factors: []essay.Criterion{{Name: "Sea", Weight: 6, Scores: []int{2, 9}}}}
	s := newSite(t, false)
	b := newBrowser(t)
	enc, _ := essay.EncodeDecision(d)
	openDecision(t, b, s, "?d="+url.QueryEscape(enc))
	b.settle(t, 300*time.Millisecond)
	if _, raw := savedDecision(t, b); raw != "" {
		t.Fatal("saved before the reader acted")
	}
	typeInto(t, b, "option-1", "Home")
	// The first key makes the decision the reader's, and the notice above
	// the form goes: the field keeps the focus and every key.
	if got := eval[string](t, b, `document.activeElement.id + " " + document.getElementById("option-1").value`); got != "option-1 Home" {
		t.Errorf("after typing, the focus and the field are %q, want %q", got, "option-1 Home")
	}
	waitSaved(t, b, "an edit of the link's decision", func(d essay.Decision) bool {
		return len(d.Options) == 2 && d.Options[0] == "Home" && len(d.Factors) == 1 && d.Factors[0].Name == "Sea"
	})
	if eval[bool](t, b, `!!document.getElementById("linked-title")`) {
		t.Error("the page still says the decision is only the link's")
	}
}

// TestDecisionKeepOrUse: a link with another decision than the saved one
// asks; "Keep mine" keeps the saved one, "Use this one" takes the link's.
func TestDecisionKeepOrUse(t *testing.T) {
	mine := essay.Decision{Options: []string{"Mine A", "Mine B"}, Factors: []essay.Criterion{{Name: "Pay", Weight: 8, Scores: []int{7, 3}}}}
	theirs := fullDecision()
	encMine, _ := essay.EncodeDecision(mine)
	encTheirs, _ := essay.EncodeDecision(theirs)
	s := newSite(t, false)
	b := newBrowser(t)
	makeLinkedMine(t, b, s, encMine)

	for _, tc := range []struct {
		button string
		want   essay.Decision
	}{{"keep-mine", mine}, {"use-shared", theirs}} {
		t.Run(tc.button, func(t *testing.T) {
			openDecision(t, b, s, "?d="+encTheirs)
			if !eval[bool](t, b, `!!document.getElementById("keep-mine") && !!document.getElementById("use-shared")`) {
				t.Fatal("no choice offered for a link with another decision")
			}
			if got := shownDecision(t, b); !got.Equal(theirs) {
				t.Error("the shared decision is not the one shown")
			}
			if !eval[bool](t, b, `document.querySelector("fieldset.decision-form").disabled`) {
				t.Error("the form can be edited before the reader chooses")
			}
			if saved, _ := savedDecision(t, b); !saved.Equal(mine) {
				t.Fatal("the saved decision was overwritten before the reader chose")
			}
			b.run(t, chromedp.Click("#"+tc.button, chromedp.ByID))
			if err := b.waitJS(`!document.getElementById("keep-mine")`, 3*time.Second); err != nil {
				t.Fatal(err)
			}
			// The buttons are gone: the focus goes to the form.
			if err := b.waitJS(`document.activeElement.id === "option-1"`, 3*time.Second); err != nil {
				t.Errorf("after %s, the focus is on %q", tc.button, eval[string](t, b, `document.activeElement.id || document.activeElement.tagName`))
			}
			if got := shownDecision(t, b); !got.Equal(tc.want) {
				t.Errorf("after %s the page shows\n%+v", tc.button, got)
			}
			if saved, _ := savedDecision(t, b); !saved.Equal(tc.want) {
				t.Errorf("after %s the saved decision is\n%+v", tc.button, saved)
			}
			enc, _ := essay.EncodeDecision(tc.want)
			if err := b.waitJS(`new URLSearchParams(location.search).get("d") === `+jsString(enc), 3*time.Second); err != nil {
				t.Errorf("after %s the address does not carry the decision shown", tc.button)
			}
		})
	}
}

// TestDecisionBadLinks: corrupt, cut, future-version and oversized links
// say so and leave the saved decision as it was.
func TestDecisionBadLinks(t *testing.T) {
	mine := essay.Decision{Options: []string{"Mine A", "Mine B"}, Factors: []essay.Criterion{{Name: "Pay", Weight: 8, Scores: []int{7, 3}}}}
	encMine, _ := essay.EncodeDecision(mine)
	full, _ := essay.EncodeDecision(fullDecision())
	s := newSite(t, false)
	b := newBrowser(t)
	makeLinkedMine(t, b, s, encMine)
	for _, tc := range []struct{ name, d, want string }{
		{"garbage", "%3Cscript%3Ealert(1)%3C/script%3E", "damaged"},
		{"cut short", full[:len(full)/2], "cut short"},
		{"future version", "3." + full[2:], "newer version"},
		{"empty", "", "holds no decision"},
		{"too long", "1." + strings.Repeat("A", essay.MaxDecisionInput), "damaged"},
		{"markup", url.QueryEscape(`"><img src=x onerror=alert(1)>`), "damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			openDecision(t, b, s, "?d="+tc.d)
			if err := b.waitJS(`!!document.querySelector(".notice.message")`, 3*time.Second); err != nil {
				t.Fatal("no notice")
			}
			if got := eval[string](t, b, `document.querySelector(".notice.message").innerText`); !strings.Contains(got, tc.want) {
				t.Errorf("the notice says %q, want it to mention %q", got, tc.want)
			}
			if got := shownDecision(t, b); !got.Equal(mine) {
				t.Errorf("the page shows\n%+v\nwant the saved decision", got)
			}
			if saved, _ := savedDecision(t, b); !saved.Equal(mine) {
				t.Error("the saved decision changed")
			}
			if n := eval[int](t, b, `document.querySelectorAll("main img").length`); n != 0 {
				t.Error("markup from the link was rendered")
			}
		})
	}
}

// setAside are the decisions kept aside as unreadable, oldest first.
func setAside(t *testing.T, b *browser) []string {
	t.Helper()
	return eval[[]string](t, b, `Object.keys(localStorage).filter(k => k.startsWith("leaving-amazon:decision:unreadable:")).sort().map(k => localStorage.getItem(k))`)
}

// TestDecisionBadStorage: an unreadable saved decision is kept aside with
// a notice; storage that refuses to save says so; storage that cannot be
// read at all leaves a working page with a notice.
func TestDecisionBadStorage(t *testing.T) {
	s := newSite(t, false)
	t.Run("unreadable", func(t *testing.T) {
		b := newBrowser(t)
		b.navigate(t, s.URL+"/")
		eval[bool](t, b, `(localStorage.setItem(`+decisionKeyJS+`, "1.%%%not-a-decision"), true)`)
		openDecision(t, b, s, "")
		if err := b.waitJS(`document.querySelector(".notice.message") && document.querySelector(".notice.message").innerText.includes("could not be read")`, 3*time.Second); err != nil {
			t.Error("no notice about the unreadable decision")
		}
		if got := setAside(t, b); len(got) != 1 || got[0] != "1.%%%not-a-decision" {
			t.Errorf("the unreadable decision was not kept aside: %q", got)
		}
		if got := eval[int](t, b, `document.querySelectorAll("li.criterion").length`); got == 0 {
			t.Error("no working form")
		}
		// Every page finds it again until the reader saves: it is kept
		// once, not once per visit (five copies would push out older ones).
		openDecision(t, b, s, "")
		if got := setAside(t, b); len(got) != 1 {
			t.Errorf("a second visit kept it aside again: %q", got)
		}
		// The reader edits; later another unreadable decision turns up, and
		// the first one kept aside is still there beside it.
		typeInto(t, b, "option-1", "Edited")
		b.settle(t, 200*time.Millisecond)
		eval[bool](t, b, `(localStorage.setItem(`+decisionKeyJS+`, "1.!!second"), true)`)
		openDecision(t, b, s, "")
		b.settle(t, 200*time.Millisecond)
		if got := setAside(t, b); len(got) != 2 || got[0] != "1.%%%not-a-decision" || got[1] != "1.!!second" {
			t.Errorf("after a second unreadable decision, kept aside: %q", got)
		}
	})
	t.Run("full", func(t *testing.T) {
		b := newBrowser(t)
		b.run(t, onNewDocument(`{ const set = Storage.prototype.setItem;
				Storage.prototype.setItem = function (k, v) {
					if (k === `+decisionKeyJS+` && !window.__roomAgain) throw new DOMException("full", "QuotaExceededError");
					return set.call(this, k, v); }; }`))
		openDecision(t, b, s, "")
		typeInto(t, b, "option-1", "Stay")
		if err := b.waitJS(`document.querySelector(".notice.message") && document.querySelector(".notice.message").innerText.includes("could not be saved")`, 3*time.Second); err != nil {
			t.Error("no notice when storage refuses the decision")
		}
		if got := eval[string](t, b, `document.getElementById("option-1").value`); got != "Stay" {
			t.Errorf("the edit was lost: %q", got)
		}
		if err := b.waitJS(`new URLSearchParams(location.search).get("d") !== null`, 3*time.Second); err != nil {
			t.Error("the link does not keep the decision either")
		}
		// Room again: the next edit is saved, and the notice that it
		// could not be goes.
		eval[bool](t, b, `(window.__roomAgain = true, true)`)
		typeInto(t, b, "option-1", "Stay here")
		waitSaved(t, b, "the edit after room was made", func(d essay.Decision) bool { return len(d.Options) > 0 && d.Options[0] == "Stay here" })
		if err := b.waitJS(`!document.querySelector(".notice.message")`, 3*time.Second); err != nil {
			t.Errorf("the notice stays once the decision is saved: %q", eval[string](t, b, `document.querySelector(".notice.message").innerText`))
		}
	})
	t.Run("unreadable, and no room to keep it aside", func(t *testing.T) {
		b := newBrowser(t)
		b.run(t, onNewDocument(`{ const set = Storage.prototype.setItem;
				Storage.prototype.setItem = function (k, v) {
					if (k.startsWith(`+decisionKeyJS+` + ":unreadable") && !window.__roomAgain) throw new DOMException("full", "QuotaExceededError");
					return set.call(this, k, v); }; }`))
		b.navigate(t, s.URL+"/")
		eval[bool](t, b, `(localStorage.setItem(`+decisionKeyJS+`, "1.%%%unreadable"), true)`)
		openDecision(t, b, s, "")
		typeInto(t, b, "option-1", "Stay")
		if err := b.waitJS(`(document.querySelector(".notice.message") || {}).innerText.includes("not saved")`, 3*time.Second); err != nil {
			t.Error("no notice that the edit is not saved over the unreadable decision")
		}
		if raw := eval[string](t, b, `localStorage.getItem(`+decisionKeyJS+`) || ""`); raw != "1.%%%unreadable" {
			t.Fatalf("the unreadable decision was overwritten: %q", raw)
		}
		// Room again: the next edit keeps it aside, then saves.
		eval[bool](t, b, `(window.__roomAgain = true, true)`)
		typeInto(t, b, "option-1", "Stay here")
		waitSaved(t, b, "the edit once there was room", func(d essay.Decision) bool { return len(d.Options) > 0 && d.Options[0] == "Stay here" })
		if got := setAside(t, b); len(got) != 1 || got[0] != "1.%%%unreadable" {
			t.Errorf("kept aside: %q, want the unreadable decision", got)
		}
	})
	t.Run("throwing", func(t *testing.T) {
		b := newBrowser(t)
		b.run(t, onNewDocument(throwingStorageJS))
		openDecision(t, b, s, "")
		if err := b.waitJS(`document.querySelector(".notice.message") && document.querySelector(".notice.message").innerText.includes("does not let the page save your decision")`, 3*time.Second); err != nil {
			t.Error("no notice that nothing will be saved")
		}
		typeInto(t, b, "option-1", "Stay")
		if err := b.waitJS(`document.getElementById("decision-verdict").innerText.length > 0 && document.getElementById("option-1").value === "Stay"`, 3*time.Second); err != nil {
			t.Error("the page does not work without storage")
		}
	})
}

// TestDecisionExport downloads the Markdown document and copies the link.
func TestDecisionExport(t *testing.T) {
	d := fullDecision()
	enc, _ := essay.EncodeDecision(d)
	s := newSite(t, false)
	b := newBrowser(t)
	downloads := t.TempDir()
	b.run(t, cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads),
		cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{
			cdpbrowser.PermissionTypeClipboardReadWrite, cdpbrowser.PermissionTypeClipboardSanitizedWrite,
		}).WithOrigin(s.URL))
	openDecision(t, b, s, "?d="+enc)

	b.run(t, chromedp.Click("#download-markdown", chromedp.ByID))
	var md []byte
	deadline := time.Now().Add(10 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(downloads, "*.md"))
		if len(files) == 1 {
			md, _ = os.ReadFile(files[0])
			if len(md) > 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no Markdown file was downloaded (%v)", files)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got, want := string(md), essay.DecisionMarkdown(d, essay.Content().Title, time.Now().UTC()); got != want {
		t.Errorf("the Markdown is\n%s\nwant\n%s", got, want)
	}
	for _, markup := range []string{"<img", "<script", "<b>"} {
		if strings.Contains(string(md), markup) {
			t.Errorf("the Markdown carries raw %s", markup)
		}
	}

	b.run(t, chromedp.Click("#copy-link", chromedp.ByID))
	if err := b.waitJS(`document.getElementById("copy-status").innerText.startsWith("Link copied.")`, 3*time.Second); err != nil {
		t.Fatalf("the link was not copied: %q", eval[string](t, b, `document.getElementById("copy-status").innerText`))
	}
	link := eval[string](t, b, `navigator.clipboard.readText()`)
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("d") != enc {
		t.Errorf("the copied link %q does not carry the decision", link)
	}
	if len(link) > essay.LongLink && !strings.Contains(eval[string](t, b, `document.getElementById("copy-status").innerText`), "characters long") {
		t.Error("a long link was copied without a word about its length")
	}
}

// TestDecisionSurvives: a decision saved once is there offline and after
// an update to a new version.
func TestDecisionSurvives(t *testing.T) {
	v1, v2 := twoVersions(t)
	l, b := readyOffline(t, v1, essay.DecisionPath)
	const name = "Kept through everything"
	typeInto(t, b, "option-1", name)
	waitSaved(t, b, "the decision was not saved", func(d essay.Decision) bool {
		return len(d.Options) > 0 && d.Options[0] == name
	})
	shows := func(when string) {
		t.Helper()
		if err := b.waitJS(`document.getElementById("option-1").value === `+jsString(name), 5*time.Second); err != nil {
			t.Errorf("%s, option 1 is %q", when, eval[string](t, b, `document.getElementById("option-1").value`))
		}
	}

	l.stop()
	b.navigate(t, l.url(essay.DecisionPath))
	b.waitApp(t, 30*time.Second)
	shows("offline")

	serveSite(t, l.addr, v2, false)
	awaitUpdate(t, b)
	reloadTo(t, b, "test-v2")
	shows("after the update")
}

// TestDecisionPrintAndCap: the print view is the decision as a table; at 20
// factors no more can be added.
func TestDecisionPrintAndCap(t *testing.T) {
	d := fullDecision()
	enc, _ := essay.EncodeDecision(d)
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "?d="+enc)
	if !eval[bool](t, b, `document.getElementById("add-factor").disabled`) {
		t.Error("a 21st factor can be added")
	}
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		return emulation.SetEmulatedMedia().WithMedia("print").Do(ctx)
	}))
	var got struct {
		Form  bool     `json:"form"`
		Doc   bool     `json:"doc"`
		Rows  int      `json:"rows"`
		First []string `json:"first"`
	}
	eval[jsValue](t, b, `(() => {
		const shown = el => !!el && getComputedStyle(el).display !== "none";
		const rows = document.querySelectorAll(".decision-document tbody tr");
		return {form: shown(document.querySelector(".decision-fields")), doc: shown(document.querySelector(".decision-document")),
			rows: rows.length, first: rows.length ? [...rows[0].children].map(c => c.innerText) : []};
	})()`).into(t, &got)
	if got.Form || !got.Doc {
		t.Errorf("printing shows the form %v and the document %v; want the document alone", got.Form, got.Doc)
	}
	if got.Rows != len(d.Factors) {
		t.Errorf("the printed table has %d rows, want %d", got.Rows, len(d.Factors))
	}
	f := d.Factors[0]
	want := []string{f.Name, fmt.Sprint(f.Weight), fmt.Sprint(f.Scores[0]), fmt.Sprint(f.Scores[1]), f.Note}
	if len(got.First) != len(want) {
		t.Fatalf("the first row is %q", got.First)
	}
	for i := range want {
		if strings.TrimSpace(got.First[i]) != strings.TrimSpace(want[i]) {
			t.Errorf("the first row's cell %d is %q, want %q", i, got.First[i], want[i])
		}
	}
}

// TestDecisionNameCap: a name holds 80 characters of any kind, emoji as
// well as letters (maxlength counts two for an emoji), and the field shows
// no more than the decision keeps.
func TestDecisionNameCap(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "")
	for _, tc := range []struct{ name, typed, want string }{
		{"emoji", strings.Repeat("😀", 60), strings.Repeat("😀", 60)},
		{"past the cap", strings.Repeat("ab", 50), strings.Repeat("ab", 40)},
		{"emoji past the cap", strings.Repeat("😀", 90), strings.Repeat("😀", 80)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			typeInto(t, b, "option-1", tc.typed)
			d := waitSaved(t, b, "the name", func(d essay.Decision) bool { return len(d.Options) > 0 && d.Options[0] == tc.want })
			if got := eval[string](t, b, `document.getElementById("option-1").value`); got != tc.want {
				t.Errorf("the field shows %d characters, the decision keeps %d", len([]rune(got)), len([]rune(d.Options[0])))
			}
		})
	}
}

// TestDecisionBeforeTheApp: before the app runs, the decision form is
// locked and says why, so that nothing typed into it is lost when the app
// takes over with the reader's saved decision; then it opens.
func TestDecisionBeforeTheApp(t *testing.T) {
	s := newSite(t, true)
	b := newBrowser(t)
	b.navigate(t, s.URL+essay.DecisionPath)
	b.settle(t, 100*time.Millisecond)
	if eval[bool](t, b, appRunningJS) {
		t.Fatal("the app runs already: the check would prove nothing")
	}
	if !eval[bool](t, b, `document.querySelector("fieldset.decision-form").disabled && !!document.querySelector(".loading-note")`) {
		t.Error("the prerendered form can be typed into before the app runs")
	}
	// The tools too: before the app they would do nothing when pressed.
	tools := `[...document.querySelectorAll(".decision-tools button")]`
	if n := eval[int](t, b, tools+`.filter(el => !el.matches(":disabled")).length`); n != 0 {
		t.Errorf("%d of the tools can be pressed before the app runs, and do nothing", n)
	}
	s.release()
	b.waitApp(t, 60*time.Second)
	if err := b.waitJS(`!document.querySelector("fieldset.decision-form").disabled && !document.querySelector(".loading-note")`, 3*time.Second); err != nil {
		t.Error("the form stays locked once the app runs")
	}
	if err := b.waitJS(tools+`.length >= 5 && `+tools+`.every(el => !el.matches(":disabled"))`, 3*time.Second); err != nil {
		t.Error("the tools stay locked once the app runs")
	}
}

// TestTwoTabsMerge: another tab saves a change the moment before this tab
// saves its own, so that this one has not heard of it (the other tab's
// write is made here behind the app's back: a page is not told of its own
// writes, as it would not be of a write a few milliseconds before its
// own). A change to another field is joined to this tab's, which keeps the
// focus; a different change to the same field asks.
func TestTwoTabsMerge(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	openDecision(t, b, s, "")
	typeInto(t, b, "option-2", "First")
	mine := waitSaved(t, b, "the first save", func(d essay.Decision) bool { return len(d.Options) > 1 && d.Options[1] == "First" })
	elsewhere := func(change func(d *essay.Decision)) {
		theirs, _ := essay.DecodeDecision(mustEncode(t, mine))
		change(&theirs)
		eval[bool](t, b, `(localStorage.setItem(`+decisionKeyJS+`, `+jsString(mustEncode(t, theirs))+`), true)`)
	}

	elsewhere(func(d *essay.Decision) { d.Options[0] = "Renamed elsewhere" })
	typeInto(t, b, "factor-1-note", "Typed here")
	mine = waitSaved(t, b, "both changes", func(d essay.Decision) bool {
		return len(d.Factors) > 0 && d.Factors[0].Note == "Typed here" && d.Options[0] == "Renamed elsewhere"
	})
	if err := b.waitJS(`document.getElementById("option-1").value === "Renamed elsewhere" && document.activeElement.id === "factor-1-note" && !document.getElementById("use-shared")`, 3*time.Second); err != nil {
		t.Errorf("option 1 shows %q, the focus is on %q, asks %v; want the other tab's name, the focus kept, no question",
			eval[string](t, b, `document.getElementById("option-1").value`), eval[string](t, b, `document.activeElement.id`),
			eval[bool](t, b, `!!document.getElementById("use-shared")`))
	}
	if !strings.Contains(eval[string](t, b, `(document.querySelector(".notice.message") || {}).innerText || ""`), "both changes") {
		t.Error("the page does not say that it joined the other tab's change")
	}

	// The same field, changed differently in each: the reader chooses.
	elsewhere(func(d *essay.Decision) { d.Factors[0].Note = "Their note" })
	typeInto(t, b, "factor-1-note", "My note")
	if err := b.waitJS(`!!document.getElementById("use-shared")`, 3*time.Second); err != nil {
		t.Error("one field changed in both tabs: the page does not ask")
	}
	if saved, _ := savedDecision(t, b); saved.Factors[0].Note != "Their note" {
		t.Errorf("this tab overwrote the other's note: %q", saved.Factors[0].Note)
	}
}

// mustEncode is d's link form.
func mustEncode(t *testing.T, d essay.Decision) string {
	t.Helper()
	enc, err := essay.EncodeDecision(d)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

// TestTwoTabsDecision: tab B, opened before tab A renames an option, moves
// a slider: A's newer decision is never overwritten, and a third tab shows
// A's name.
func TestTwoTabsDecision(t *testing.T) {
	s := newSite(t, false)
	a := newBrowser(t)
	openDecision(t, a, s, "")
	typeInto(t, a, "option-2", "First")
	waitSaved(t, a, "the decision was not saved", func(d essay.Decision) bool {
		return len(d.Options) > 1 && d.Options[1] == "First"
	})
	b := secondTab(t, a, s.URL+essay.DecisionPath)
	typeInto(t, a, "option-1", "Renamed in A")
	if err := a.waitJS(`document.getElementById("option-1").value === "Renamed in A"`, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	// A has saved its last keystroke before the stale tab moves.
	waitSaved(t, a, "A's rename was not saved", func(d essay.Decision) bool {
		return len(d.Options) > 0 && d.Options[0] == "Renamed in A"
	})
	press(t, b, "factor-1-weight", kb.Home)
	b.settle(t, 300*time.Millisecond)
	saved, _ := savedDecision(t, a)
	if saved.Options[0] != "Renamed in A" {
		t.Errorf("the stale tab overwrote the newer decision: option 1 is %q", saved.Options[0])
	}
	// B follows A's decision, or asks.
	shows := eval[string](t, b, `document.getElementById("option-1").value`)
	asks := eval[bool](t, b, `!!document.getElementById("use-shared")`)
	if shows != "Renamed in A" && !asks {
		t.Errorf("the stale tab shows %q and asks nothing", shows)
	}
	c := secondTab(t, a, s.URL+essay.DecisionPath)
	if got := eval[string](t, c, `document.getElementById("option-1").value`); got != "Renamed in A" {
		t.Errorf("a new tab shows option 1 as %q", got)
	}
}
