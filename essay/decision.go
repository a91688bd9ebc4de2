package essay

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
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
	w := make(Weights, len(d.Factors))
	for i, c := range d.Factors {
		w[i] = c.Weight
	}
	return w
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

// The link and storage form of a decision: a version, a dot, and the
// decision in a compact binary form written in unpadded base64url, which a
// URL carries as it is: "1.DFN0YXkgb3IgbGVhdmU…".
//
// The binary form of version 1 is, in order: the two option names; one byte
// with the number of factors; then for each factor its name, one byte each
// for its weight and its two scores, and its note. A name or note is its
// length in bytes as a uvarint (the encoding/binary form) followed by its
// UTF-8 bytes. Packing the three 0–10 values into fewer bytes would save a
// byte a factor, not worth the plainer form.
//
// Each decision has one encoding: DecodeDecision refuses any other, so a
// link that decodes is the link the page would write.

// decisionVersion is the version of the form EncodeDecision writes. A
// change to the form that an older page would misread takes a new version.
const decisionVersion = 1

// LongLink is the length of a whole URL, in bytes, past which some sites
// and programs may cut a link: the page warns when a decision's link is
// longer. A 20-factor decision with 20-character names and no notes is well
// under it.
const LongLink = 2000

// maxDecisionBytes is the longest binary form: every name and note at its
// cap in 4-byte runes, each length taking 2 uvarint bytes (the caps are
// under 16384 bytes; a test checks that this is the true maximum).
const maxDecisionBytes = 2*(2+4*MaxNameLen) + 1 + MaxFactors*((2+4*MaxNameLen)+3+(2+4*MaxNoteLen))

// MaxDecisionInput is the longest text DecodeDecision reads: the longest
// encoding of a valid decision, every name and note at its cap in 4-byte
// characters. Anything longer cannot be a decision of this version.
const MaxDecisionInput = len("1.") + (4*maxDecisionBytes+2)/3

// Errors from DecodeDecision. Each is a sentence the page can show the
// reader, and each error DecodeDecision returns is one of them under
// errors.Is; a damaged decision's error says what is damaged after the
// sentence.
var (
	// ErrNoDecision is the error for empty input.
	ErrNoDecision = errors.New("the link holds no decision")
	// ErrNewerDecision is the error for a version this page does not know:
	// a page of a later version wrote it.
	ErrNewerDecision = errors.New("this link was made by a newer version of the page")
	// ErrCorruptDecision is the error for input that is not a decision:
	// a bad character, version or value, or bytes past the end.
	ErrCorruptDecision = errors.New("the decision in this link is damaged")
	// ErrTruncatedDecision is the error for input that ends early, most
	// likely because it was cut when it was copied or shared.
	ErrTruncatedDecision = errors.New("the decision in this link is cut short; it may have been cut when the link was copied")
)

// damaged returns ErrCorruptDecision with what is damaged.
func damaged(what string) error {
	return fmt.Errorf("%w: %s", ErrCorruptDecision, what)
}

// EncodeDecision writes d in its link and storage form. It refuses, with
// Validate's error, a decision that is not valid, rather than cut it: Clean
// makes one valid.
func EncodeDecision(d Decision) (string, error) {
	if err := d.Validate(); err != nil {
		return "", err
	}
	n := 2*2 + len(d.Options[0]) + len(d.Options[1]) + 1
	for _, c := range d.Factors {
		n += 2 + len(c.Name) + 3 + 2 + len(c.Note)
	}
	b := make([]byte, 0, n)
	b = appendString(b, d.Options[0])
	b = appendString(b, d.Options[1])
	b = append(b, byte(len(d.Factors)))
	for _, c := range d.Factors {
		b = appendString(b, c.Name)
		b = append(b, byte(c.Weight), byte(c.Scores[0]), byte(c.Scores[1]))
		b = appendString(b, c.Note)
	}
	return strconv.Itoa(decisionVersion) + "." + base64.RawURLEncoding.EncodeToString(b), nil
}

// appendString appends s's length as a uvarint, then s.
func appendString(b []byte, s string) []byte {
	n := len(s)
	for n >= 0x80 {
		b = append(b, byte(n)|0x80)
		n >>= 7
	}
	return append(append(b, byte(n)), s...)
}

// DecodeDecision reads a decision in the form EncodeDecision writes. Its
// errors are ErrNoDecision, ErrNewerDecision, ErrCorruptDecision and
// ErrTruncatedDecision, under errors.Is. A decision it returns is valid.
func DecodeDecision(s string) (Decision, error) {
	if s == "" {
		return Decision{}, ErrNoDecision
	}
	// The version comes first, so that a later page's link, however long
	// or different, is recognised as one.
	dot := strings.IndexByte(s[:min(len(s), 10)], '.')
	if dot < 0 {
		return Decision{}, damaged("it has no version")
	}
	switch v, ok := parseVersion(s[:dot]); {
	case !ok:
		return Decision{}, damaged("its version is not a number")
	case v > decisionVersion:
		return Decision{}, ErrNewerDecision
	case v < decisionVersion:
		return Decision{}, damaged("its version is not one this page wrote")
	}
	if len(s) > MaxDecisionInput {
		return Decision{}, damaged("it is longer than any decision")
	}
	body := s[dot+1:]
	for i := 0; i < len(body); i++ {
		if !isBase64URL(body[i]) {
			return Decision{}, damaged("it has a character a decision does not use")
		}
	}
	// A lone last character of a group holds no whole byte: what it ended
	// was cut. Extra bits in the last group are ignored here and refused
	// below, as a second encoding of the same bytes.
	if len(body)%4 == 1 {
		body = body[:len(body)-1]
	}
	b, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Decision{}, damaged("it is not valid base64")
	}
	r := decisionReader{b: b}
	d := r.decision()
	if r.err != nil {
		return Decision{}, r.err
	}
	if len(r.b) > 0 {
		return Decision{}, damaged("it has more after the decision")
	}
	if err := d.Validate(); err != nil {
		return Decision{}, fmt.Errorf("%w: %w", ErrCorruptDecision, err)
	}
	if again, _ := EncodeDecision(d); again != s {
		return Decision{}, damaged("it is not in the form this page writes")
	}
	return d, nil
}

// parseVersion reads a version number: decimal digits without a leading zero.
func parseVersion(s string) (int, bool) {
	if s == "" || s[0] == '0' || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// isBase64URL reports the characters of unpadded base64url.
func isBase64URL(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// decisionReader reads the binary form, keeping the first error.
type decisionReader struct {
	b   []byte
	err error
}

// decision reads a whole decision. Values are range-checked afterwards, by
// Validate; here only what sizes an allocation is checked first.
func (r *decisionReader) decision() Decision {
	var d Decision
	d.Options[0] = r.text(MaxNameLen)
	d.Options[1] = r.text(MaxNameLen)
	n := int(r.next())
	if r.err == nil && n > MaxFactors {
		r.err = damaged(fmt.Sprintf("it has %d factors; a decision has at most %d", n, MaxFactors))
	}
	if r.err != nil {
		return Decision{}
	}
	if n > 0 {
		d.Factors = make([]Criterion, n)
	}
	for i := range d.Factors {
		c := &d.Factors[i]
		c.Name = r.text(MaxNameLen)
		c.Weight = int(r.next())
		c.Scores[0] = int(r.next())
		c.Scores[1] = int(r.next())
		c.Note = r.text(MaxNoteLen)
	}
	return d
}

// next reads one byte.
func (r *decisionReader) next() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = ErrTruncatedDecision
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// text reads a length-prefixed text of at most max runes. The length is
// checked against the most bytes max runes take, and against what is left,
// before anything is allocated.
func (r *decisionReader) text(max int) string {
	n := 0
	for shift := 0; ; shift += 7 {
		c := r.next()
		if r.err != nil {
			return ""
		}
		n |= int(c&0x7f) << shift
		if c < 0x80 {
			break
		}
		if shift == 14 {
			r.err = damaged("a length in it is too large")
			return ""
		}
	}
	switch {
	case n > utf8.UTFMax*max:
		r.err = damaged("a text in it is too long")
		return ""
	case n > len(r.b):
		r.err = ErrTruncatedDecision
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
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

// DecisionMarkdown writes d as a Markdown decision document dated date
// (its calendar day, in date's location): the options, the factors in a
// table, and the verdict. The reader's text shows as typed in any Markdown
// renderer: it is escaped, never read as Markdown or HTML. d is cleaned as
// Clean does first.
func DecisionMarkdown(d Decision, date time.Time) string {
	d = d.Clean()
	r := Evaluate(d.Model(), d.Weights())
	opt := [2]string{optionName(d, 0), optionName(d, 1)}

	var b strings.Builder
	b.WriteString("# My decision: " + opt[0] + " or " + opt[1] + "\n\n")
	b.WriteString("Date: " + date.Format("2006-01-02") + "\n\n")

	b.WriteString("## Options\n\n")
	b.WriteString("1. " + opt[0] + "\n")
	b.WriteString("2. " + opt[1] + "\n\n")

	b.WriteString("## Factors\n\n")
	if len(d.Factors) == 0 {
		b.WriteString("No factors.\n\n")
	} else {
		b.WriteString("Weights and scores are 0 to 10.\n\n")
		b.WriteString("| Factor | Weight | " + opt[0] + " | " + opt[1] + " | Note |\n")
		b.WriteString("| --- | ---: | ---: | ---: | --- |\n")
		for i, c := range d.Factors {
			b.WriteString("| " + factorName(d, i) +
				" | " + strconv.Itoa(c.Weight) +
				" | " + strconv.Itoa(c.Scores[0]) +
				" | " + strconv.Itoa(c.Scores[1]) +
				" | " + markdownText(c.Note) + " |\n")
		}
		b.WriteString("\n")
	}

	b.WriteString("## Verdict\n\n")
	switch {
	case len(d.Factors) == 0:
		b.WriteString("No verdict: there are no factors to weigh.\n\n")
	case r.NoWeights:
		b.WriteString("No verdict: every weight is 0, so nothing is weighed.\n\n")
	case r.Winner < 0:
		b.WriteString("A tie: the two options score " + oneDecimal(r.Scores[0]) + " of 10 each.\n\n")
	default:
		b.WriteString(opt[r.Winner] + " comes out ahead, by " + oneDecimal(r.Margin) + " points of 10.\n\n")
		b.WriteString("- " + opt[0] + ": " + oneDecimal(r.Scores[0]) + " of 10\n")
		b.WriteString("- " + opt[1] + ": " + oneDecimal(r.Scores[1]) + " of 10\n\n")
		if r.CloseCall {
			b.WriteString("A close call: a small change to a weight or a score could change the verdict.\n\n")
		}
		if i := r.Cheapest; i >= 0 {
			verb := "raising"
			if r.Tipping[i].Flip < d.Factors[i].Weight {
				verb = "lowering"
			}
			b.WriteString("The smallest move of one weight that changes the verdict: " + verb + " “" + factorName(d, i) +
				"” from " + strconv.Itoa(d.Factors[i].Weight) + " to " + strconv.Itoa(r.Tipping[i].Flip) + ".\n\n")
		} else {
			b.WriteString("No single weight, moved alone, would change the verdict.\n\n")
		}
	}

	b.WriteString("---\n\n")
	b.WriteString("Made with the interactive essay “" + markdownText(Content().Title) +
		"”, starting from its reading of the author’s decision.\n")
	return b.String()
}

// optionName is option i's name, escaped, or a placeholder for an empty one.
func optionName(d Decision, i int) string {
	if s := markdownText(d.Options[i]); s != "" {
		return s
	}
	return "Option " + strconv.Itoa(i+1)
}

// factorName is factor i's name, escaped, or a placeholder for an empty one.
func factorName(d Decision, i int) string {
	if s := markdownText(d.Factors[i].Name); s != "" {
		return s
	}
	return "Factor " + strconv.Itoa(i+1)
}

// oneDecimal writes a score or margin with one decimal, as the page does.
func oneDecimal(f float64) string {
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// markdownText escapes the reader's text so that any Markdown renderer
// shows it as typed, in a paragraph, a heading, a list item or a table cell.
// The characters HTML reads become entities; every ASCII punctuation
// character that CommonMark, GitHub Flavored Markdown (tables, strikethrough)
// or common extensions ($ for maths) read as markup gets a backslash, which
// CommonMark defines for any ASCII punctuation. Runs of spaces become one
// and the ends are trimmed: a renderer would collapse them, and four
// leading spaces can start a code block.
func markdownText(s string) string {
	var b strings.Builder
	for i, word := range strings.Fields(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, r := range word {
			switch r {
			case '&':
				b.WriteString("&amp;")
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', '$':
				b.WriteByte('\\')
				b.WriteRune(r)
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
