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

// Decision is a reader's decision between two options.
type Decision struct {
	// Options are the names of the two options.
	Options [2]string
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
	// Scores says how well each option serves the factor, 0–10, in the
	// order of Decision.Options.
	Scores [2]int
}

// NewDecision starts a decision from the essay's model: its option and
// factor names and scores, and the reader's weights w (clamped to 0–10; a
// missing weight is 0). Notes start empty: they are the reader's. The result
// is Clean, so a model past the caps is cut to them.
func NewDecision(m Model, w Weights) Decision {
	var d Decision
	for i, o := range m.Options {
		d.Options[i] = o.Name
	}
	if len(m.Factors) > 0 {
		d.Factors = make([]Criterion, len(m.Factors))
	}
	for i, f := range m.Factors {
		d.Factors[i] = Criterion{Name: f.Name, Weight: weightAt(w, i), Scores: f.Scores}
	}
	return d.Clean()
}

// Model returns the decision as a Model, so that Evaluate(d.Model(),
// d.Weights()) weighs it as it weighs the essay. Factors get the ids "f1",
// "f2", … by position and options "o1" and "o2": a decision names its
// factors only by their position. Each factor's Weight is the reader's and
// Conclusion is 0, as a reader's decision has no author's conclusion.
func (d Decision) Model() Model {
	m := Model{Options: [2]Option{{ID: "o1", Name: d.Options[0]}, {ID: "o2", Name: d.Options[1]}}}
	if len(d.Factors) > 0 {
		m.Factors = make([]Factor, len(d.Factors))
	}
	for i, c := range d.Factors {
		m.Factors[i] = Factor{ID: "f" + strconv.Itoa(i+1), Name: c.Name, Scores: c.Scores, Weight: c.Weight}
	}
	return m
}

// Weights returns the factors' weights in order.
func (d Decision) Weights() Weights {
	// The decision's model carries the reader's weights as its factors' own.
	return d.Model().AuthorWeights()
}

// Equal reports whether d and o are the same decision. A nil and an empty
// factor list are the same.
func (d Decision) Equal(o Decision) bool {
	return d.Options == o.Options && slices.Equal(d.Factors, o.Factors)
}

// Validate reports the first thing in d that a decision may not hold, in
// words a reader can be shown: "factor 3: the name is longer than 80
// characters". Empty names are valid, as a reader mid-edit has them; text
// must be valid UTF-8 on one line, with no control characters, so that it
// stays one line in a link, a table cell or a heading.
func (d Decision) Validate() error {
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
// belongs in one line of text, and a line break would end a table row.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0)
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
	for i, name := range d.Options {
		c.Options[i] = cleanText(name, MaxNameLen)
	}
	n := min(len(d.Factors), MaxFactors)
	if n > 0 {
		c.Factors = make([]Criterion, n)
	}
	for i, f := range d.Factors[:n] {
		c.Factors[i] = Criterion{
			Name:   cleanText(f.Name, MaxNameLen),
			Note:   cleanText(f.Note, MaxNoteLen),
			Weight: clamp(f.Weight),
			Scores: [2]int{clamp(f.Scores[0]), clamp(f.Scores[1])},
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
// to the other option or to a tie, as in Evaluate's Tipping.
type Sensitivity struct {
	// Weight is the whole weight, 0–10, nearest the factor's own at which
	// the verdict differs, or -1 when none does: Evaluate's Tipping.Flip.
	Weight int
	// Scores are, for each option, the whole score, 0–10, nearest the
	// option's score on this factor at which the verdict differs, or -1.
	// A factor of weight 0 moves nothing by its scores.
	Scores [2]int
}

// Sensitivity returns, for each factor of d, how far its weight or either
// score must move to change the verdict. Of two values as near, the lower is
// given, as Evaluate does. Values out of range count as clamped.
func (d Decision) Sensitivity() []Sensitivity {
	m, w := d.Model(), d.Weights()
	r := Evaluate(m, w)
	out := make([]Sensitivity, len(m.Factors))
	for i := range m.Factors {
		out[i].Weight = r.Tipping[i].Flip
		for o := range out[i].Scores {
			out[i].Scores[o] = scoreFlip(m, w, i, o, r.Winner)
		}
	}
	return out
}

// scoreFlip returns the whole score of option o on factor i nearest its
// own at which the winner is not winner, or -1; m is restored.
func scoreFlip(m Model, w Weights, i, o, winner int) int {
	f := &m.Factors[i]
	current := clamp(f.Scores[o])
	defer func(s int) { f.Scores[o] = s }(f.Scores[o])
	for step := 1; step <= MaxWeight; step++ {
		for _, v := range []int{current - step, current + step} {
			if v < 0 || v > MaxWeight {
				continue
			}
			f.Scores[o] = v
			if _, got, _ := verdict(m, w); got != winner {
				return v
			}
		}
	}
	return -1
}
