package essay_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"leaving-amazon/essay"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/decision")

// decisionErrors are the errors DecodeDecision returns, under errors.Is.
var decisionErrors = []error{
	essay.ErrNoDecision, essay.ErrNewerDecision, essay.ErrCorruptDecision, essay.ErrTruncatedDecision,
}

// runes is n runes cycled from pattern.
func runes(pattern string, n int) string {
	p := []rune(pattern)
	out := make([]rune, n)
	for i := range out {
		out[i] = p[i%len(p)]
	}
	return string(out)
}

// smallDecision is a two-factor decision whose verdict is easy to work out:
// leave minus stay per point of weight is +6 for growth and -5 for network,
// so with 5 and 5 leave is ahead by 5/10 of a point, a close call.
func smallDecision() essay.Decision {
	return essay.Decision{
		Options: [2]string{"Stay", "Leave"},
		Factors: []essay.Criterion{
			{Name: "Growth", Note: "the main thing", Weight: 5, Scores: [2]int{2, 8}},
			{Name: "Network", Weight: 5, Scores: [2]int{9, 4}},
		},
	}
}

// capped is a decision with every cap reached, in text of one, two, three
// and four bytes a character and in markup.
func capped() essay.Decision {
	d := essay.Decision{Options: [2]string{
		runes("Stay é 猫 🙂 ", essay.MaxNameLen),
		runes(`<img src=x onerror=alert(1)> `, essay.MaxNameLen),
	}}
	names := []string{"é猫🙂 ", `<img src=x onerror=alert(1)>`, "**bold** | `code` ", "a\\b [x](y) #1 "}
	for i := range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name:   runes(names[i%len(names)], essay.MaxNameLen),
			Note:   runes(names[(i+1)%len(names)]+"Ünïcödé ", essay.MaxNoteLen),
			Weight: i % (essay.MaxWeight + 1),
			Scores: [2]int{(i * 3) % (essay.MaxWeight + 1), essay.MaxWeight - i%(essay.MaxWeight+1)},
		})
	}
	return d
}

// longest is the decision with the longest encoding: every cap reached in
// four-byte characters.
func longest() essay.Decision {
	d := essay.Decision{Options: [2]string{runes("🙂", essay.MaxNameLen), runes("😐", essay.MaxNameLen)}}
	for range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name: runes("🙂", essay.MaxNameLen), Note: runes("🙃", essay.MaxNoteLen),
			Weight: essay.MaxWeight, Scores: [2]int{essay.MaxWeight, essay.MaxWeight},
		})
	}
	return d
}

// twentyByTwenty is the budget case: 20 factors, 20-character names, no
// notes.
func twentyByTwenty() essay.Decision {
	d := essay.Decision{Options: [2]string{strings.Repeat("s", 20), strings.Repeat("l", 20)}}
	for i := range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name: runes(string(rune('a'+i)), 20), Weight: 10, Scores: [2]int{10, 10},
		})
	}
	return d
}

// encode encodes d, which must be valid.
func encode(t testing.TB, d essay.Decision) string {
	t.Helper()
	s, err := essay.EncodeDecision(d)
	if err != nil {
		t.Fatalf("EncodeDecision: %v", err)
	}
	return s
}

// raw is the link form of the binary form b, version 1.
func raw(b ...byte) string { return "1." + base64.RawURLEncoding.EncodeToString(b) }

func TestNewDecision(t *testing.T) {
	m := essay.Content().Model
	for _, tc := range []struct {
		name string
		w    essay.Weights
		want essay.Weights // as the decision holds them
	}{
		{name: "author's weights", w: m.AuthorWeights(), want: m.AuthorWeights()},
		{name: "no weights", w: nil, want: make(essay.Weights, len(m.Factors))},
		{name: "some weights", w: essay.Weights{4, 11, -3}, want: append(essay.Weights{4, 10, 0}, make(essay.Weights, len(m.Factors)-3)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := essay.NewDecision(m, tc.w)
			for i, o := range m.Options {
				if got, want := d.Options[i], o.Name; got != want {
					t.Errorf("Options[%d] = %q, want %q", i, got, want)
				}
			}
			if got, want := len(d.Factors), len(m.Factors); got != want {
				t.Fatalf("%d factors, want %d", got, want)
			}
			for i, f := range m.Factors {
				c := d.Factors[i]
				if got, want := c.Name, f.Name; got != want {
					t.Errorf("factor %d: Name = %q, want %q", i+1, got, want)
				}
				if got, want := c.Scores, f.Scores; got != want {
					t.Errorf("factor %d: Scores = %v, want %v", i+1, got, want)
				}
				if got, want := c.Weight, tc.want[i]; got != want {
					t.Errorf("factor %d: Weight = %d, want %d", i+1, got, want)
				}
				if got, want := c.Note, ""; got != want {
					t.Errorf("factor %d: Note = %q, want %q", i+1, got, want)
				}
			}
			if err := d.Validate(); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
			// The decision weighs as the essay does with the same weights.
			if got, want := essay.Evaluate(d.Model(), d.Weights()), essay.Evaluate(m, tc.w); !reflect.DeepEqual(got, want) {
				t.Errorf("Evaluate of the decision = %+v, want the essay's %+v", got, want)
			}
		})
	}
}

func TestNewDecisionCleans(t *testing.T) {
	m := essay.Model{Options: [2]essay.Option{{Name: "A\nB"}, {Name: strings.Repeat("x", 100)}}}
	for range essay.MaxFactors + 2 {
		m.Factors = append(m.Factors, essay.Factor{Name: "f", Scores: [2]int{-1, 12}})
	}
	d := essay.NewDecision(m, nil)
	if err := d.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
	if got, want := len(d.Factors), essay.MaxFactors; got != want {
		t.Errorf("%d factors, want %d", got, want)
	}
	if got, want := d.Options[0], "A B"; got != want {
		t.Errorf("Options[0] = %q, want %q", got, want)
	}
	if got, want := d.Factors[0].Scores, [2]int{0, 10}; got != want {
		t.Errorf("Scores = %v, want %v", got, want)
	}
}

func TestDecisionModel(t *testing.T) {
	d := smallDecision()
	m := d.Model()
	if got, want := m.Options, [2]essay.Option{{ID: "o1", Name: "Stay"}, {ID: "o2", Name: "Leave"}}; got != want {
		t.Errorf("Options = %v, want %v", got, want)
	}
	for i, id := range []string{"f1", "f2"} {
		f := m.Factors[i]
		if got, want := f.ID, id; got != want {
			t.Errorf("factor %d: ID = %q, want %q", i+1, got, want)
		}
		if got, want := f.Name, d.Factors[i].Name; got != want {
			t.Errorf("factor %d: Name = %q, want %q", i+1, got, want)
		}
		if got, want := f.Scores, d.Factors[i].Scores; got != want {
			t.Errorf("factor %d: Scores = %v, want %v", i+1, got, want)
		}
		if got, want := m.Factor(id), i; got != want {
			t.Errorf("Factor(%q) = %d, want %d", id, got, want)
		}
	}
	if got, want := d.Weights(), (essay.Weights{5, 5}); !reflect.DeepEqual(got, want) {
		t.Errorf("Weights() = %v, want %v", got, want)
	}
	r := essay.Evaluate(m, d.Weights())
	if got, want := r.Winner, 1; got != want {
		t.Errorf("Winner = %d, want %d", got, want)
	}
	if got, want := r.Margin, 0.5; got != want {
		t.Errorf("Margin = %v, want %v", got, want)
	}
	if got, want := len((essay.Decision{}).Model().Factors), 0; got != want {
		t.Errorf("an empty decision's model has %d factors, want %d", got, want)
	}
}

func TestDecisionValidate(t *testing.T) {
	with := func(edit func(d *essay.Decision)) essay.Decision {
		d := smallDecision()
		d.Factors = append([]essay.Criterion(nil), d.Factors...)
		edit(&d)
		return d
	}
	for _, tc := range []struct {
		name string
		d    essay.Decision
		want string // "" for valid
	}{
		{name: "small", d: smallDecision()},
		{name: "empty", d: essay.Decision{}},
		{name: "empty names", d: with(func(d *essay.Decision) { d.Options[0], d.Factors[1].Name = "", "" })},
		{name: "every cap reached", d: capped()},
		{name: "four-byte characters at the caps", d: longest()},
		{
			name: "option name too long",
			d:    with(func(d *essay.Decision) { d.Options[1] = runes("é", essay.MaxNameLen+1) }),
			want: "option 2: the name is longer than 80 characters",
		},
		{
			name: "too many factors",
			d: with(func(d *essay.Decision) {
				d.Factors = make([]essay.Criterion, essay.MaxFactors+1)
			}),
			want: "there are 21 factors; a decision has at most 20",
		},
		{
			name: "factor name too long",
			d: with(func(d *essay.Decision) {
				d.Factors = append(d.Factors, essay.Criterion{Name: runes("猫", essay.MaxNameLen+1)})
			}),
			want: "factor 3: the name is longer than 80 characters",
		},
		{
			name: "note too long",
			d:    with(func(d *essay.Decision) { d.Factors[0].Note = runes("🙂", essay.MaxNoteLen+1) }),
			want: "factor 1: the note is longer than 200 characters",
		},
		{
			name: "weight over 10",
			d:    with(func(d *essay.Decision) { d.Factors[1].Weight = 11 }),
			want: "factor 2: the weight is 11; it must be 0 to 10",
		},
		{
			name: "negative weight",
			d:    with(func(d *essay.Decision) { d.Factors[0].Weight = -1 }),
			want: "factor 1: the weight is -1; it must be 0 to 10",
		},
		{
			name: "score over 10",
			d:    with(func(d *essay.Decision) { d.Factors[1].Scores[1] = 12 }),
			want: "factor 2: the score of option 2 is 12; it must be 0 to 10",
		},
		{
			name: "negative score",
			d:    with(func(d *essay.Decision) { d.Factors[0].Scores[0] = -2 }),
			want: "factor 1: the score of option 1 is -2; it must be 0 to 10",
		},
		{
			name: "invalid UTF-8",
			d:    with(func(d *essay.Decision) { d.Factors[0].Name = "caf\xe9" }),
			want: "factor 1: the name is not valid UTF-8 text",
		},
		{
			name: "line break in a note",
			d:    with(func(d *essay.Decision) { d.Factors[1].Note = "one\ntwo" }),
			want: "factor 2: the note has a line break or another control character",
		},
		{
			name: "NUL in an option",
			d:    with(func(d *essay.Decision) { d.Options[0] = "a\x00" }),
			want: "option 1: the name has a line break or another control character",
		},
		{
			name: "C1 control",
			d:    with(func(d *essay.Decision) { d.Factors[0].Note = "a\u0085b" }),
			want: "factor 1: the note has a line break or another control character",
		},
		{
			name: "first problem only",
			d:    with(func(d *essay.Decision) { d.Factors[0].Weight, d.Factors[1].Weight = 20, 30 }),
			want: "factor 1: the weight is 20; it must be 0 to 10",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.d.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if want := tc.want; got != want {
				t.Errorf("Validate() = %q, want %q", got, want)
			}
			// An invalid decision is refused with the same error, not cut.
			s, encErr := essay.EncodeDecision(tc.d)
			if got, want := encErr, err; !reflect.DeepEqual(got, want) {
				t.Errorf("EncodeDecision error = %v, want %v", got, want)
			}
			if err != nil && s != "" {
				t.Errorf("EncodeDecision of an invalid decision = %q, want \"\"", s)
			}
		})
	}
}

func TestDecisionClean(t *testing.T) {
	many := make([]essay.Criterion, essay.MaxFactors+3)
	for _, tc := range []struct {
		name string
		d    essay.Decision
		want essay.Decision
	}{
		{name: "valid unchanged", d: capped(), want: capped()},
		{name: "empty", d: essay.Decision{}, want: essay.Decision{}},
		{
			name: "values clamped",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 11, Scores: [2]int{-1, 1 << 40}}}},
			want: essay.Decision{Factors: []essay.Criterion{{Weight: 10, Scores: [2]int{0, 10}}}},
		},
		{
			name: "line breaks and tabs become spaces, other controls go",
			d:    essay.Decision{Options: [2]string{"a\r\nb", "c\td\x00e\x7f\u0085f"}},
			want: essay.Decision{Options: [2]string{"a  b", "c de" + "f"}},
		},
		{
			name: "spaces kept as typed",
			d:    essay.Decision{Options: [2]string{" a ", "b  "}},
			want: essay.Decision{Options: [2]string{" a ", "b  "}},
		},
		{
			name: "invalid UTF-8 replaced",
			d:    essay.Decision{Factors: []essay.Criterion{{Name: "caf\xe9", Note: "\xff\xfe"}}},
			want: essay.Decision{Factors: []essay.Criterion{{Name: "caf\uFFFD", Note: "\uFFFD"}}},
		},
		{
			name: "cut to the caps in characters",
			d: essay.Decision{
				Options: [2]string{runes("猫", 90), "x"},
				Factors: []essay.Criterion{{Name: runes("é", 81), Note: runes("🙂", 201) + "\n"}},
			},
			want: essay.Decision{
				Options: [2]string{runes("猫", 80), "x"},
				Factors: []essay.Criterion{{Name: runes("é", 80), Note: runes("🙂", 200)}},
			},
		},
		{
			name: "factors past the cap dropped",
			d:    essay.Decision{Factors: many},
			want: essay.Decision{Factors: many[:essay.MaxFactors]},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.d.Clean()
			if !got.Equal(tc.want) {
				t.Errorf("Clean() = %+v, want %+v", got, tc.want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("Clean().Validate() = %v, want nil", err)
			}
			if again := got.Clean(); !again.Equal(got) {
				t.Errorf("Clean() is not idempotent: %+v, then %+v", got, again)
			}
		})
	}
	// Clean does not modify its receiver's factors.
	d := essay.Decision{Factors: []essay.Criterion{{Weight: 99}}}
	d.Clean()
	if got, want := d.Factors[0].Weight, 99; got != want {
		t.Errorf("after Clean, the original's weight = %d, want %d", got, want)
	}
}

func TestDecisionEqual(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b essay.Decision
		want bool
	}{
		{name: "same", a: smallDecision(), b: smallDecision(), want: true},
		{name: "nil and empty factors", a: essay.Decision{}, b: essay.Decision{Factors: []essay.Criterion{}}, want: true},
		{name: "option", a: smallDecision(), b: essay.Decision{Options: [2]string{"Stay", "Go"}, Factors: smallDecision().Factors}},
		{name: "one factor fewer", a: smallDecision(), b: essay.Decision{Options: smallDecision().Options, Factors: smallDecision().Factors[:1]}},
		{name: "note", a: smallDecision(), b: func() essay.Decision { d := smallDecision(); d.Factors[1].Note = "x"; return d }()},
		{name: "score", a: smallDecision(), b: func() essay.Decision { d := smallDecision(); d.Factors[1].Scores[0] = 8; return d }()},
		{name: "order", a: smallDecision(), b: func() essay.Decision {
			d := smallDecision()
			d.Factors[0], d.Factors[1] = d.Factors[1], d.Factors[0]
			return d
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := tc.a.Equal(tc.b), tc.want; got != want {
				t.Errorf("Equal = %v, want %v", got, want)
			}
			if got, want := tc.b.Equal(tc.a), tc.want; got != want {
				t.Errorf("Equal, swapped, = %v, want %v", got, want)
			}
		})
	}
}

func TestDecisionRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    essay.Decision
	}{
		{name: "empty", d: essay.Decision{}},
		{name: "names only", d: essay.Decision{Options: [2]string{"Stay", "Leave"}}},
		{name: "one factor", d: essay.Decision{Options: [2]string{"A", "B"}, Factors: []essay.Criterion{{Name: "x", Weight: 3, Scores: [2]int{0, 10}}}}},
		{name: "empty factor", d: essay.Decision{Factors: []essay.Criterion{{}}}},
		{name: "small", d: smallDecision()},
		{name: "the essay's", d: essay.NewDecision(essay.Content().Model, essay.Content().Model.AuthorWeights())},
		{name: "unicode", d: essay.Decision{Options: [2]string{"Rester à Paris", "猫と暮らす"}, Factors: []essay.Criterion{
			{Name: "Ça va 🙂", Note: "Zürich, Αθήνα, עברית, \u200d‍👩‍💻", Weight: 7, Scores: [2]int{4, 6}},
		}}},
		{name: "markup", d: essay.Decision{Options: [2]string{`<img src=x onerror=alert(1)>`, `"><script>alert(1)</script>`}, Factors: []essay.Criterion{
			{Name: "**x** | [y](javascript:z)", Note: "&amp; \\ ` # - . ! |", Weight: 10, Scores: [2]int{10, 0}},
		}}},
		{name: "long name (128+ bytes)", d: essay.Decision{Options: [2]string{runes("猫", 80), ""}}},
		{name: "every cap reached", d: capped()},
		{name: "longest", d: longest()},
		{name: "20 by 20", d: twentyByTwenty()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := encode(t, tc.d)
			got, err := essay.DecodeDecision(s)
			if err != nil {
				t.Fatalf("DecodeDecision(%s) = %v", abbrev(s), err)
			}
			if !got.Equal(tc.d) {
				t.Errorf("round trip: got %+v, want %+v", got, tc.d)
			}
			want := tc.d
			if len(want.Factors) == 0 {
				want.Factors = nil // a decoded decision has nil for none
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip: not DeepEqual: got %+v, want %+v", got, want)
			}
			if again := encode(t, got); again != s {
				t.Errorf("re-encoding differs:\n%s\n%s", abbrev(again), abbrev(s))
			}
			if len(s) > essay.MaxDecisionInput {
				t.Errorf("encoding is %d long, over MaxDecisionInput %d", len(s), essay.MaxDecisionInput)
			}
			for i := 0; i < len(s); i++ {
				if c := s[i]; !(c == '.' || c == '-' || c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
					t.Fatalf("encoding has %q at %d, which a URL query would escape", c, i)
				}
			}
		})
	}
	if got, want := encode(t, essay.Decision{}), "1.AAAA"; got != want {
		t.Errorf("EncodeDecision(empty) = %q, want %q", got, want)
	}
}

func TestDecisionLength(t *testing.T) {
	s := encode(t, twentyByTwenty())
	t.Logf("20 factors, 20-character names, no notes: %d characters", len(s))
	if got, max := len(s), 2000; got > max {
		t.Errorf("20 factors with 20-character names encode to %d characters, want at most %d", got, max)
	}
	if len(s) > essay.LongLink {
		t.Errorf("the 20-by-20 decision alone is a long link (%d > %d)", len(s), essay.LongLink)
	}
	s = encode(t, capped())
	t.Logf("every cap reached (mixed 1- to 4-byte characters): %d characters", len(s))
	// MaxDecisionInput is the true maximum: the longest decision reaches it.
	s = encode(t, longest())
	t.Logf("every cap reached in 4-byte characters: %d characters (MaxDecisionInput %d)", len(s), essay.MaxDecisionInput)
	if got, want := len(s), essay.MaxDecisionInput; got != want {
		t.Errorf("the longest decision encodes to %d characters, want MaxDecisionInput = %d", got, want)
	}
}

func TestDecodeDecisionErrors(t *testing.T) {
	valid := encode(t, smallDecision())
	// prefix is a valid start: two names "A" and "B", one factor.
	prefix := []byte{1, 'A', 1, 'B', 1}
	factor := func(b ...byte) string { return raw(append(append([]byte(nil), prefix...), b...)...) }
	// Four bytes take six characters, the last with four unused bits:
	// setting one is a second encoding of the same bytes.
	trailingBit := raw(0, 1, 'a', 0)
	if _, err := essay.DecodeDecision(trailingBit); err != nil {
		t.Fatalf("DecodeDecision(%q) = %v", trailingBit, err)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, trailingBit[len(trailingBit)-1])
	trailingBit = trailingBit[:len(trailingBit)-1] + alphabet[last+1:last+2]
	// A cut that leaves a lone character in the last group of four.
	lone := valid[:len(valid)-1]
	for (len(lone)-len("1."))%4 != 1 {
		lone = lone[:len(lone)-1]
	}
	for _, tc := range []struct {
		name string
		s    string
		want error
		msg  string // the error's text, when given
	}{
		{name: "empty", s: "", want: essay.ErrNoDecision, msg: "the link holds no decision"},
		{name: "future version", s: "2.AAAA", want: essay.ErrNewerDecision, msg: "this link was made by a newer version of the page"},
		{name: "future version, any body", s: "17.%%%", want: essay.ErrNewerDecision},
		{name: "future version, long", s: "2." + strings.Repeat("A", essay.MaxDecisionInput), want: essay.ErrNewerDecision},
		{name: "version 0", s: "0.AAAA", want: essay.ErrCorruptDecision},
		{name: "leading zero", s: "01.AAAA", want: essay.ErrCorruptDecision},
		{name: "no version", s: "AAAA", want: essay.ErrCorruptDecision, msg: "the decision in this link is damaged: it has no version"},
		{name: "version not a number", s: "v1.AAAA", want: essay.ErrCorruptDecision},
		{name: "version too long", s: "1111111111.AAAA", want: essay.ErrCorruptDecision},
		{name: "too long", s: "1." + strings.Repeat("A", essay.MaxDecisionInput), want: essay.ErrCorruptDecision},
		{name: "padding", s: valid + "=", want: essay.ErrCorruptDecision},
		{name: "standard base64", s: "1.+/+/", want: essay.ErrCorruptDecision},
		{name: "newline", s: "1.AA\nAA", want: essay.ErrCorruptDecision},
		{name: "percent-escaped", s: "1.AA%41A", want: essay.ErrCorruptDecision},
		{name: "nonzero trailing bits", s: trailingBit, want: essay.ErrCorruptDecision,
			msg: "the decision in this link is damaged: it is not in the form this page writes"},
		{name: "extra character", s: "1.AAAAA", want: essay.ErrCorruptDecision},
		{name: "trailing bytes", s: raw(0, 0, 0, 0), want: essay.ErrCorruptDecision, msg: "the decision in this link is damaged: it has more after the decision"},
		{name: "overlong length", s: raw(0x80, 0, 0, 0), want: essay.ErrCorruptDecision},
		{name: "length of four bytes", s: raw(0x80, 0x80, 0x80, 0x01), want: essay.ErrCorruptDecision},
		{name: "length past the cap", s: raw(0xc1, 0x02), want: essay.ErrCorruptDecision, msg: "the decision in this link is damaged: a text in it is too long"},
		{name: "huge length", s: raw(0xff, 0xff, 0x7f), want: essay.ErrCorruptDecision},
		{name: "too many factors", s: raw(0, 0, 21), want: essay.ErrCorruptDecision, msg: "the decision in this link is damaged: it has 21 factors; a decision has at most 20"},
		{name: "255 factors", s: raw(0, 0, 255), want: essay.ErrCorruptDecision},
		{name: "weight over 10", s: factor(0, 11, 0, 0, 0), want: essay.ErrCorruptDecision, msg: "the decision in this link is damaged: factor 1: the weight is 11; it must be 0 to 10"},
		{name: "score over 10", s: factor(0, 0, 0, 200, 0), want: essay.ErrCorruptDecision},
		{name: "invalid UTF-8", s: factor(1, 0xff, 5, 5, 5, 0), want: essay.ErrCorruptDecision},
		{name: "line break in a note", s: factor(0, 5, 5, 5, 3, 'a', '\n', 'b'), want: essay.ErrCorruptDecision},
		{name: "name past 80 characters", s: raw(append(append([]byte{81}, strings.Repeat("a", 81)...), 0, 0)...), want: essay.ErrCorruptDecision,
			msg: "the decision in this link is damaged: option 1: the name is longer than 80 characters"},
		{name: "only the version", s: "1.", want: essay.ErrTruncatedDecision},
		{name: "no factor count", s: raw(0, 0), want: essay.ErrTruncatedDecision},
		{name: "a factor missing", s: raw(0, 0, 2, 0, 1, 1, 1, 0), want: essay.ErrTruncatedDecision},
		{name: "length past the end", s: raw(10, 'a'), want: essay.ErrTruncatedDecision,
			msg: "the decision in this link is cut short; it may have been cut when the link was copied"},
		{name: "length cut", s: raw(0x81), want: essay.ErrTruncatedDecision},
		{name: "lone last character", s: lone, want: essay.ErrTruncatedDecision},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := essay.DecodeDecision(tc.s)
			if !errors.Is(err, tc.want) {
				t.Fatalf("DecodeDecision(%s) = %+v, %v; want %v", abbrev(tc.s), d, err, tc.want)
			}
			for _, other := range decisionErrors {
				if other != tc.want && errors.Is(err, other) {
					t.Errorf("the error %q is also %q", err, other)
				}
			}
			if !d.Equal(essay.Decision{}) {
				t.Errorf("with an error, the decision = %+v, want the zero one", d)
			}
			if tc.msg != "" {
				if got, want := err.Error(), tc.msg; got != want {
					t.Errorf("message = %q, want %q", got, want)
				}
			}
		})
	}
}

func TestDecodeDecisionCut(t *testing.T) {
	for _, d := range []essay.Decision{{}, smallDecision(), capped(), twentyByTwenty()} {
		s := encode(t, d)
		for n := range len(s) {
			got, err := essay.DecodeDecision(s[:n])
			var want error
			switch {
			case n == 0:
				want = essay.ErrNoDecision
			case n < len("1."):
				want = essay.ErrCorruptDecision
			default:
				want = essay.ErrTruncatedDecision
			}
			if !errors.Is(err, want) {
				t.Fatalf("DecodeDecision of %s cut to %d = %+v, %v; want %v", abbrev(s), n, got, err, want)
			}
		}
	}
}

// bruteFlip is the value of 0–10 nearest current, the lower of two as near,
// at which the winner differs from winner, or -1.
func bruteFlip(current int, winnerAt func(v int) int, winner int) int {
	flip := -1
	for v := 0; v <= essay.MaxWeight; v++ {
		if winnerAt(v) != winner && (flip < 0 || abs(v-current) < abs(flip-current)) {
			flip = v
		}
	}
	return flip
}

// bruteSensitivity works out Sensitivity by trying every value, with the
// independent verdict of the model tests.
func bruteSensitivity(d essay.Decision) []essay.Sensitivity {
	m := d.Model()
	_, _, winner := reference(m, d.Weights())
	out := make([]essay.Sensitivity, len(d.Factors))
	for i, c := range d.Factors {
		out[i].Weight = bruteFlip(c.Weight, func(v int) int {
			w := d.Weights()
			w[i] = v
			_, _, got := reference(m, w)
			return got
		}, winner)
		for o := range c.Scores {
			out[i].Scores[o] = bruteFlip(c.Scores[o], func(v int) int {
				m := d.Model()
				m.Factors[i].Scores[o] = v
				_, _, got := reference(m, d.Weights())
				return got
			}, winner)
		}
	}
	return out
}

func TestDecisionSensitivity(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    essay.Decision
		want []essay.Sensitivity
	}{
		{name: "no factors", d: essay.Decision{}, want: []essay.Sensitivity{}},
		{
			// Leave is ahead by 60 to 55. Growth at weight 4 gives 24 - 25
			// < 0: stay wins; network at 6 gives 30 - 30: a tie. Growth's
			// stay score at 3 or leave score at 7 tie; network's stay at 10
			// or leave at 3 tie. Pay weighs nothing either way.
			name: "two factors and a neutral one",
			d: essay.Decision{Factors: []essay.Criterion{
				{Name: "growth", Weight: 5, Scores: [2]int{2, 8}},
				{Name: "network", Weight: 5, Scores: [2]int{9, 4}},
				{Name: "pay", Weight: 0, Scores: [2]int{5, 5}},
			}},
			want: []essay.Sensitivity{
				{Weight: 4, Scores: [2]int{3, 7}},
				{Weight: 6, Scores: [2]int{10, 3}},
				{Weight: -1, Scores: [2]int{-1, -1}},
			},
		},
		{
			// A tie: no weight breaks it; either score one down breaks it
			// (one up would too: the lower is given).
			name: "a tie",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 5, Scores: [2]int{5, 5}}}},
			want: []essay.Sensitivity{{Weight: -1, Scores: [2]int{4, 4}}},
		},
		{
			// No weights: any weight makes a verdict; scores of a factor
			// of weight 0 move nothing.
			name: "no weights",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 0, Scores: [2]int{3, 7}}}},
			want: []essay.Sensitivity{{Weight: 1, Scores: [2]int{-1, -1}}},
		},
		{
			// Each factor alone wins it for leave by at least 100 - 0.
			name: "nothing moves it",
			d: essay.Decision{Factors: []essay.Criterion{
				{Weight: 10, Scores: [2]int{0, 10}},
				{Weight: 10, Scores: [2]int{0, 10}},
			}},
			want: []essay.Sensitivity{
				{Weight: -1, Scores: [2]int{-1, -1}},
				{Weight: -1, Scores: [2]int{-1, -1}},
			},
		},
		{
			// Stay ahead by 10 × 1: its score 1 down ties, leave's 1 up
			// ties; weight 0 leaves no weights, no verdict.
			name: "one factor",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 10, Scores: [2]int{6, 5}}}},
			want: []essay.Sensitivity{{Weight: 0, Scores: [2]int{5, 6}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.d.Sensitivity()
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Sensitivity() = %+v, want %+v", got, tc.want)
			}
			if want := bruteSensitivity(tc.d); !reflect.DeepEqual(got, want) {
				t.Errorf("Sensitivity() = %+v, brute force %+v", got, want)
			}
		})
	}
}

func TestDecisionSensitivityBruteForce(t *testing.T) {
	m := essay.Content().Model
	ds := []essay.Decision{essay.NewDecision(m, m.AuthorWeights()), essay.NewDecision(m, nil)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		var d essay.Decision
		for range r.IntN(6) {
			d.Factors = append(d.Factors, essay.Criterion{
				Weight: r.IntN(essay.MaxWeight + 1),
				Scores: [2]int{r.IntN(essay.MaxWeight + 1), r.IntN(essay.MaxWeight + 1)},
			})
		}
		ds = append(ds, d)
	}
	for _, d := range ds {
		got := d.Sensitivity()
		if want := bruteSensitivity(d); !reflect.DeepEqual(got, want) {
			t.Errorf("decision %+v: Sensitivity() = %+v, brute force %+v", d, got, want)
		}
		// The weight part is Evaluate's tipping point.
		res := essay.Evaluate(d.Model(), d.Weights())
		for i, s := range got {
			if got, want := s.Weight, res.Tipping[i].Flip; got != want {
				t.Errorf("decision %+v: factor %d: Weight = %d, Tipping.Flip = %d", d, i+1, got, want)
			}
		}
	}
}

// golden compares got with testdata/decision/name, or rewrites the file
// under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "decision", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./essay -run TestDecisionMarkdown -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./essay -run TestDecisionMarkdown -update if the change is right)\nfirst difference: %s\ngot:\n%s",
			path, firstLineDiff(got, string(want)), got)
	}
}

// firstLineDiff describes the first line where got and want differ.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("line %d:\ngot:  %q\nwant: %q", i+1, gl, wl)
		}
	}
	return "none"
}

// decisionDate is the date of the golden documents: late in the day, so
// that a conversion to UTC would show as the next day.
var decisionDate = time.Date(2025, 6, 1, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*60*60))

func TestDecisionMarkdown(t *testing.T) {
	// A decision like the essay's, written out rather than made from the
	// model, so that an edit to model.md does not change the documents.
	job := essay.Decision{
		Options: [2]string{"Stay and aim for Principal", "Leave for a smaller company"},
		Factors: []essay.Criterion{
			{Name: "Growth in technical rather than political skills", Note: "What I want most from the next five years.", Weight: 9, Scores: [2]int{3, 8}},
			{Name: "A larger piece of ownership, closer to customers", Weight: 7, Scores: [2]int{3, 8}},
			{Name: "Fast feedback from a fast pace", Note: "Months for a feature is too slow for me.", Weight: 8, Scores: [2]int{2, 8}},
			{Name: "Growing leadership and organisational skills", Weight: 3, Scores: [2]int{8, 4}},
			{Name: "The Amazon network", Note: "Hard to rebuild elsewhere.", Weight: 9, Scores: [2]int{9, 3}},
		},
	}
	for _, tc := range []struct {
		file string
		d    essay.Decision
	}{
		{file: "job.md", d: job},
		{file: "close-call.md", d: smallDecision()},
		{file: "tie.md", d: essay.Decision{
			Options: [2]string{"Rent", "Buy"},
			Factors: []essay.Criterion{{Name: "Cost", Weight: 5, Scores: [2]int{4, 6}}, {Name: "Freedom", Weight: 5, Scores: [2]int{6, 4}}},
		}},
		{file: "no-weights.md", d: essay.Decision{
			Options: [2]string{"Rent", "Buy"},
			Factors: []essay.Criterion{{Name: "Cost", Scores: [2]int{4, 6}}},
		}},
		{file: "empty.md", d: essay.Decision{}},
		{file: "placeholders.md", d: essay.Decision{
			Options: [2]string{"", "   "},
			Factors: []essay.Criterion{{Weight: 10, Scores: [2]int{9, 1}}, {Name: "Named", Weight: 1, Scores: [2]int{0, 10}}},
		}},
		{file: "markup.md", d: essay.Decision{
			Options: [2]string{`<img src=x onerror=alert(1)>`, "*Leave* & [go](javascript:alert(1))"},
			Factors: []essay.Criterion{
				{Name: "a | b | c", Note: "`code` \\ # heading - list + . ! {x} ~~no~~ $x$", Weight: 8, Scores: [2]int{3, 9}},
				{Name: "# not a heading", Note: "&amp; &lt;b&gt; <b>bold</b> _u_ __s__", Weight: 2, Scores: [2]int{7, 2}},
			},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			golden(t, tc.file, essay.DecisionMarkdown(tc.d, decisionDate))
		})
	}
}

// markdownHTML renders Markdown as CommonMark with GitHub's tables and
// strikethrough.
func markdownHTML(t *testing.T, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// htmlText is s as an HTML renderer writes text: spaces collapsed, &, <, >
// and " escaped.
func htmlText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var htmlTag = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`)

func TestDecisionMarkdownEscapes(t *testing.T) {
	// The tags a decision document renders to; anything else came from the
	// reader's text.
	allowed := map[string]bool{"h1": true, "h2": true, "p": true, "ol": true, "ul": true, "li": true, "hr": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true}
	for _, s := range []string{
		`<img src=x onerror=alert(1)>`,
		`<script>alert(1)</script>`,
		`"><svg onload=alert(1)>`,
		`<!-- comment -->`,
		`<https://example.com>`,
		`*emphasis* _under_ **strong** __strong__`,
		`[link](javascript:alert(1)) [ref][x] [x]: /url`,
		`![image](x.png)`,
		"`code` ``more``",
		`# heading`, `## heading`, `heading ##`,
		`- item`, `+ item`, `* item`, `1. item`, `1) item`,
		`> quote`,
		`---`, `===`, `***`,
		`a | b | c`, `|`, `| --- |`,
		`\*not\* \\ a\`,
		`&amp; &lt; &#60; &#x3C; &copy`,
		`~~strike~~ ~one~`,
		`$x^2$ $$y$$`,
		`{.class} {#id}`,
		`"quotes" 'single' (paren)`,
		`    four spaces`,
		"tab\tand  spaces  ",
		`é 猫 🙂 Ünïcödé`,
		`a_b_c 2*3*4 snake_case_name`,
		`[x]`, `]`, `!`, `.`, `\`, `&`,
	} {
		t.Run(s, func(t *testing.T) {
			d := essay.Decision{
				Options: [2]string{s, "B " + s},
				Factors: []essay.Criterion{{Name: s, Note: s, Weight: 5, Scores: [2]int{3, 7}}},
			}.Clean()
			md := essay.DecisionMarkdown(d, decisionDate)
			html := markdownHTML(t, md)
			for _, tag := range htmlTag.FindAllStringSubmatch(html, -1) {
				if !allowed[tag[2]] {
					t.Errorf("the text %q renders a <%s> tag:\n%s\n%s", s, tag[2], md, html)
				}
			}
			// The text shows in the title, the options, the table header,
			// the factor's name and note, the verdict and its scores, and
			// the smallest move.
			if got, want := strings.Count(html, htmlText(s)), 10; got < want {
				t.Errorf("the text %q shows %d times as %q, want at least %d:\n%s\n%s", s, got, htmlText(s), want, md, html)
			}
		})
	}
}

func FuzzDecodeDecision(f *testing.F) {
	m := essay.Content().Model
	for _, d := range []essay.Decision{
		{}, smallDecision(), capped(), twentyByTwenty(),
		essay.NewDecision(m, m.AuthorWeights()),
		{Options: [2]string{"é", "🙂"}, Factors: []essay.Criterion{{Name: "<b>", Note: "x", Weight: 10}}},
	} {
		f.Add(encode(f, d))
	}
	for _, s := range []string{
		"", "1", "1.", "2.", "2.AAAA", "0.AAAA", "1.AAAA=", "1.AAAB", "1.AAAAA", "1.+/",
		raw(0x80, 0, 0, 0), raw(0xff, 0xff, 0xff, 0xff), raw(0, 0, 21), raw(0, 0, 1, 0, 11, 0, 0, 0),
		raw(1, 0xff, 0, 1, 0, 5, 5, 5, 0), raw(10, 'a'),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := essay.DecodeDecision(s)
		if err != nil {
			known := false
			for _, e := range decisionErrors {
				known = known || errors.Is(err, e)
			}
			if !known {
				t.Errorf("DecodeDecision(%s) = %v, not one of the decision errors", abbrev(s), err)
			}
		} else {
			if err := d.Validate(); err != nil {
				t.Errorf("DecodeDecision(%s) gave an invalid decision: %v", abbrev(s), err)
			}
			again, err := essay.EncodeDecision(d)
			if err != nil {
				t.Fatalf("EncodeDecision(DecodeDecision(%s)) = %v", abbrev(s), err)
			}
			// A decision has one encoding, so what decodes is what the
			// page would write.
			if again != s {
				t.Errorf("DecodeDecision(%s) re-encodes as %s", abbrev(s), abbrev(again))
			}
			if d2, err := essay.DecodeDecision(again); err != nil || !d2.Equal(d) {
				t.Errorf("round trip of %s: %+v, %v; want %+v", abbrev(again), d2, err, d)
			}
		}

		// The input as text: Clean makes it a valid decision that
		// round-trips.
		c := essay.Decision{
			Options: [2]string{s, s + s},
			Factors: []essay.Criterion{{Name: s, Note: s, Weight: len(s) - 5, Scores: [2]int{-len(s), len(s)}}},
		}.Clean()
		if err := c.Validate(); err != nil {
			t.Fatalf("Clean of %s is invalid: %v", abbrev(s), err)
		}
		enc, err := essay.EncodeDecision(c)
		if err != nil {
			t.Fatalf("EncodeDecision(Clean of %s) = %v", abbrev(s), err)
		}
		if got, err := essay.DecodeDecision(enc); err != nil || !got.Equal(c) {
			t.Errorf("round trip of Clean of %s: %+v, %v", abbrev(s), got, err)
		}
		if md := essay.DecisionMarkdown(c, time.Time{}); !utf8.ValidString(md) {
			t.Errorf("DecisionMarkdown of Clean of %s is not valid UTF-8", abbrev(s))
		}
	})
}

func BenchmarkEncodeDecision(b *testing.B) {
	d := longest()
	for b.Loop() {
		if _, err := essay.EncodeDecision(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeDecision(b *testing.B) {
	s := encode(b, longest())
	for b.Loop() {
		if _, err := essay.DecodeDecision(s); err != nil {
			b.Fatal(err)
		}
	}
}
