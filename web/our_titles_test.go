//go:build !wasm

package web

import (
	"context"
	"math"
	"testing"
	"time"

	"leaving-amazon/essay"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// ourTitleWords is what the page says under a title of ours
// (app/title_note.go).
const ourTitleWords = "Our title, not the author’s"

// titleNote is a note under a title of ours, as the page lays it out.
type titleNote struct {
	ID       string  `json:"id"`
	Text     string  `json:"text"`
	Heading  string  `json:"heading"`  // the text of the heading it describes
	Tag      string  `json:"tag"`      // that heading's tag
	Shown    bool    `json:"shown"`    // drawn, not only for screen readers
	NoteTop  float64 `json:"noteTop"`  // where the note is
	NextTop  float64 `json:"nextTop"`  // and what follows it
	HeadTop  float64 `json:"headTop"`  // and the heading
	NextText string  `json:"nextText"` // what follows it, to compare
}

const titleNotesJS = `[...document.querySelectorAll(".title-ours")].map(n => {
	const h = document.querySelector('[aria-describedby="' + n.id + '"]'), next = n.nextElementSibling;
	const r = n.getBoundingClientRect();
	return {id: n.id, text: n.innerText, heading: h ? h.innerText : "", tag: h ? h.tagName.toLowerCase() : "",
		shown: r.width > 1 && r.height > 1 && getComputedStyle(n).visibility === "visible",
		noteTop: r.top + scrollY, headTop: h ? h.getBoundingClientRect().top + scrollY : NaN,
		nextTop: next ? next.getBoundingClientRect().top + scrollY : NaN, nextText: next ? next.innerText.slice(0, 80) : ""};
})`

// describedHeadings returns, from Chromium's accessibility tree, each
// heading's name and the description a screen reader is given with it.
func describedHeadings(t *testing.T, b *browser) map[string]string {
	t.Helper()
	var res struct {
		Nodes []struct {
			Ignored     bool      `json:"ignored"`
			Role        *rawValue `json:"role"`
			Name        *rawValue `json:"name"`
			Description *rawValue `json:"description"`
		} `json:"nodes"`
	}
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		if err := cdp.Execute(ctx, "Accessibility.enable", nil, nil); err != nil {
			return err
		}
		return cdp.Execute(ctx, "Accessibility.getFullAXTree", nil, &res)
	}))
	out := map[string]string{}
	for _, n := range res.Nodes {
		if !n.Ignored && n.Role.String() == "heading" {
			out[n.Name.String()] = n.Description.String()
		}
	}
	return out
}

// TestOurTitlesSaySo: on the home page and /all, a title of ours (the
// opening's, the essay's) has the note under it, drawn and given to screen
// readers as its heading's description, before the app and once it runs,
// in the same place: the takeover moves neither the note nor what follows.
func TestOurTitlesSaySo(t *testing.T) {
	e := essay.Content()
	opening := e.Sections[0].Title
	for _, tc := range []struct {
		path string
		want map[string]string // heading → its tag
	}{
		{"/", map[string]string{opening: "h1"}},
		{essay.AllPath, map[string]string{e.Title: "h1", opening: "h2"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			s := newSite(t, true)
			b := newBrowser(t)
			b.run(t, phone())
			b.navigate(t, s.URL+tc.path)
			b.settle(t, 100*time.Millisecond)
			if eval[bool](t, b, appRunningJS) {
				t.Fatal("the app runs although app.wasm was held back")
			}
			before := checkTitleNotes(t, b, "before the app", tc.want)
			s.release()
			b.waitApp(t, 60*time.Second)
			b.settle(t, 300*time.Millisecond)
			after := checkTitleNotes(t, b, "app running", tc.want)
			if len(after) != len(before) {
				return // reported
			}
			for i := range before {
				for _, d := range []struct {
					what string
					b, a float64
				}{{"heading", before[i].HeadTop, after[i].HeadTop}, {"note", before[i].NoteTop, after[i].NoteTop}, {"what follows", before[i].NextTop, after[i].NextTop}} {
					if math.Abs(d.b-d.a) > 1 {
						t.Errorf("%s: the takeover moved the %s of %q: top %.1f → %.1f", tc.path, d.what, before[i].Heading, d.b, d.a)
					}
				}
				if before[i].NextText != after[i].NextText {
					t.Errorf("%s: after the note of %q, %q became %q", tc.path, before[i].Heading, before[i].NextText, after[i].NextText)
				}
			}
		})
	}
}

// checkTitleNotes checks the page's notes against want (heading → tag) and
// returns them.
func checkTitleNotes(t *testing.T, b *browser, when string, want map[string]string) []titleNote {
	t.Helper()
	notes := eval[[]titleNote](t, b, titleNotesJS)
	if len(notes) != len(want) {
		t.Errorf("%s: %d notes of our titles, want %d: %+v", when, len(notes), len(want), notes)
	}
	described := describedHeadings(t, b)
	for _, n := range notes {
		switch tag, ok := want[n.Heading]; {
		case !ok:
			t.Errorf("%s: a note under %q, which is not a title of ours", when, n.Heading)
		case n.Tag != tag:
			t.Errorf("%s: the note describes a <%s> %q, want a <%s>", when, n.Tag, n.Heading, tag)
		}
		if n.Text != ourTitleWords || !n.Shown {
			t.Errorf("%s: the note under %q says %q (drawn: %v), want %q, drawn", when, n.Heading, n.Text, n.Shown, ourTitleWords)
		}
		if got := described[n.Heading]; got != ourTitleWords {
			t.Errorf("%s: a screen reader is given the heading %q with the description %q, want %q", when, n.Heading, got, ourTitleWords)
		}
	}
	return notes
}
