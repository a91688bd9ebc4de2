package essay

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A reader's own decision: the essay's model made theirs. They rename the
// options, score them, weigh, add, rename, reorder and remove factors, and
// note a line on each. The decision lives in the page's link and in
// localStorage, in the compact form EncodeDecision writes, and leaves as a
// Markdown document.

// Caps on a decision. They keep a link short enough to share and bound what
// a link can make the page hold.
const (
	// MaxFactors is the most factors a decision has.
	MaxFactors = 20
	// MaxNameLen is the longest option or factor name, in characters
	// (runes), not bytes: "猫" is one.
	MaxNameLen = 80
	// MaxNoteLen is the longest note, in characters (runes).
	MaxNoteLen = 200
)

// Decision is a reader's decision between two to five options.
type Decision struct {
	// Options are the names of the options, MinOptions to MaxOptions.
	Options []string
	// Factors are what the options are weighed by, in the reader's order.
	Factors []Criterion
}

// Criterion is one factor of a reader's decision. It is not a Factor: it
// has no id, quote or section, and it has the reader's own weight and note.
type Criterion struct {
	// Name says what the factor is. It may be empty while the reader edits;
	// the page then shows a placeholder.
	Name string
	// Note is the reader's one line on the factor.
	Note string
	// Weight is how much the factor matters, 0–10.
	Weight int
	// Scores says how well each option serves the factor, 0–10, one per
	// option in the order of Decision.Options.
	Scores []int
}

// NewDecision starts a decision from the essay's model: its option and
// factor names and scores, and the reader's weights w (clamped to 0–10; a
// missing weight is 0). Notes start empty: they are the reader's. The result
// is Clean, so a model past the caps is cut to them.
func NewDecision(m Model, w Weights) Decision {
	d := Decision{Options: []string{m.Options[0].Name, m.Options[1].Name}}
	if len(m.Factors) > 0 {
		d.Factors = make([]Criterion, len(m.Factors))
	}
	for i, f := range m.Factors {
		d.Factors[i] = Criterion{Name: f.Name, Weight: weightAt(w, i), Scores: []int{f.Scores[0], f.Scores[1]}}
	}
	return d.Clean()
}

// BlankDecision is a fresh start: two unnamed options and one unnamed
// factor, weighed and scored in the middle of the scale.
func BlankDecision() Decision {
	return Decision{Options: []string{"", ""}, Factors: []Criterion{{Weight: MaxWeight / 2, Scores: []int{MaxWeight / 2, MaxWeight / 2}}}}
}

// weights returns the factors' weights, and scores their scores, in order.
func (d Decision) weights() []int {
	w := make([]int, len(d.Factors))
	for i, c := range d.Factors {
		w[i] = c.Weight
	}
	return w
}

func (d Decision) scores() [][]int {
	s := make([][]int, len(d.Factors))
	for i, c := range d.Factors {
		s[i] = c.Scores
	}
	return s
}

// Rank ranks the decision's options by its weights and scores.
func (d Decision) Rank() Ranking { return Rank(len(d.Options), d.weights(), d.scores()) }

// Fragility says how far the decision's result is from changing.
func (d Decision) Fragility() Fragility { return Fragile(len(d.Options), d.weights(), d.scores()) }

// Equal reports whether d and o are the same decision. A nil and an empty
// factor list are the same.
func (d Decision) Equal(o Decision) bool {
	return slices.Equal(d.Options, o.Options) && slices.EqualFunc(d.Factors, o.Factors, func(a, b Criterion) bool {
		return a.Name == b.Name && a.Note == b.Note && a.Weight == b.Weight && slices.Equal(a.Scores, b.Scores)
	})
}

// Validate reports the first thing in d that a decision may not hold, in
// words a reader can be shown: "factor 3: the name is longer than 80
// characters". Empty names are valid, as a reader mid-edit has them; text
// must be valid UTF-8 on one line, with no control characters, so that it
// stays one line in a link, a table cell or a heading.
func (d Decision) Validate() error {
	if n := len(d.Options); n < MinOptions || n > MaxOptions {
		return fmt.Errorf("a decision has %d to %d options, not %d", MinOptions, MaxOptions, n)
	}
	for i, name := range d.Options {
		if p := textProblem(name, MaxNameLen); p != "" {
			return fmt.Errorf("option %d: the name %s", i+1, p)
		}
	}
	if n := len(d.Factors); n > MaxFactors {
		return fmt.Errorf("there are %d factors; a decision has at most %d", n, MaxFactors)
	}
	for i, c := range d.Factors {
		if p := textProblem(c.Name, MaxNameLen); p != "" {
			return fmt.Errorf("factor %d: the name %s", i+1, p)
		}
		if c.Weight < 0 || c.Weight > MaxWeight {
			return fmt.Errorf("factor %d: the weight is %d; it must be 0 to %d", i+1, c.Weight, MaxWeight)
		}
		if len(c.Scores) != len(d.Options) {
			return fmt.Errorf("factor %d: it has %d scores, not one for each of the %d options", i+1, len(c.Scores), len(d.Options))
		}
		for o, s := range c.Scores {
			if s < 0 || s > MaxWeight {
				return fmt.Errorf("factor %d: the score of option %d is %d; it must be 0 to %d", i+1, o+1, s, MaxWeight)
			}
		}
		if p := textProblem(c.Note, MaxNoteLen); p != "" {
			return fmt.Errorf("factor %d: the note %s", i+1, p)
		}
	}
	return nil
}

// textProblem says what is wrong with a name or note, as the end of a
// sentence, or returns "".
func textProblem(s string, max int) string {
	switch {
	case !utf8.ValidString(s):
		return "is not valid UTF-8 text"
	case strings.IndexFunc(s, isControl) >= 0:
		return "has a line break or another control character"
	case utf8.RuneCountInString(s) > max:
		return "is longer than " + strconv.Itoa(max) + " characters"
	}
	return ""
}

// isControl reports the C0 and C1 control characters and DEL: none of them
// belongs in one line of text, and a line break would end a table row. And
// the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069): one left open in a name runs on past it, and drew "comes
// out ahead, by 8.0 points" backwards after "Stay\u202E". Right-to-left
// text needs none of them.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Clean returns d made valid the way an editor would: weights and scores
// clamped to 0–10, factors past MaxFactors dropped, invalid UTF-8 replaced
// by U+FFFD, tabs and line breaks turned into spaces and other control
// characters dropped, and names and notes cut to their caps. The page cleans
// each edit, so that EncodeDecision, which refuses an invalid decision,
// never has to. Spaces are kept as typed: a trailing space is the start of
// the next word. d is not modified.
func (d Decision) Clean() Decision {
	var c Decision
	n := min(max(len(d.Options), MinOptions), MaxOptions)
	c.Options = make([]string, n)
	for i := range c.Options {
		if i < len(d.Options) {
			c.Options[i] = cleanText(d.Options[i], MaxNameLen)
		}
	}
	nf := min(len(d.Factors), MaxFactors)
	if nf > 0 {
		c.Factors = make([]Criterion, nf)
	}
	for i, f := range d.Factors[:nf] {
		c.Factors[i] = Criterion{
			Name:   cleanText(f.Name, MaxNameLen),
			Note:   cleanText(f.Note, MaxNoteLen),
			Weight: clamp(f.Weight),
			Scores: make([]int, n),
		}
		for o := range c.Factors[i].Scores {
			if o < len(f.Scores) {
				c.Factors[i].Scores[o] = clamp(f.Scores[o])
			}
		}
	}
	return c
}

// cleanText makes s valid one-line text of at most max runes.
func cleanText(s string, max int) string {
	if textProblem(s, max) == "" {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			break
		}
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			r = ' '
		case isControl(r):
			continue
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Sensitivity is how far one factor of a decision must move to change the
// verdict, everything else held. The verdict changes when the winner does,
// to another option or to a tie.
type Sensitivity struct {
	// Weight is the whole weight, 0–10, nearest the factor's own at which
	// the verdict differs, or -1 when none does.
	Weight int
	// Scores are, for each option, the whole score, 0–10, nearest the
	// option's score on this factor at which the verdict differs, or -1.
	// A factor of weight 0 moves nothing by its scores.
	Scores []int
}

// Sensitivity returns, for each factor of d, how far its weight or any of
// its scores must move to change the verdict. Of two values as near, the
// lower is given, as Evaluate does. Values out of range count as clamped.
func (d Decision) Sensitivity() []Sensitivity {
	t := newTrials(len(d.Options), d.weights(), d.scores())
	now := t.winner(-1, -1, 0)
	out := make([]Sensitivity, len(d.Factors))
	for f := range out {
		out[f].Weight = t.nearestFlip(f, -1, t.w[f], now)
		out[f].Scores = make([]int, len(d.Options))
		for o := range out[f].Scores {
			out[f].Scores[o] = t.nearestFlip(f, o, t.sc[f][o], now)
		}
	}
	return out
}
