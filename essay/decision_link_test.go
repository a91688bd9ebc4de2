package essay_test

import (
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"leaving-amazon/essay"
)

// decisionErrors are the errors DecodeDecision returns, under errors.Is.
var decisionErrors = []error{
	essay.ErrNoDecision, essay.ErrNewerDecision, essay.ErrCorruptDecision, essay.ErrTruncatedDecision,
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

func TestDecisionRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    essay.Decision
	}{
		{name: "empty", d: essay.Decision{Options: []string{"", ""}}},
		{name: "three options", d: essay.Decision{Options: []string{"A", "B", "C"}, Factors: []essay.Criterion{{Name: "x", Weight: 3, Scores: []int{0, 10, 5}}}}},
		{name: "five by ten", d: fiveByTen()},
		{name: "names only", d: essay.Decision{Options: []string{"Stay", "Leave"}}},
		{name: "one factor", d: essay.Decision{Options: []string{"A", "B"}, Factors: []essay.Criterion{{Name: "x", Weight: 3, Scores: []int{0, 10}}}}},
		{name: "empty factor", d: essay.Decision{Options: []string{"", ""}, Factors: []essay.Criterion{{Scores: []int{0, 0}}}}},
		{name: "small", d: smallDecision()},
		{name: "the essay's", d: essay.NewDecision(essay.Content().Model, essay.Content().Model.AuthorWeights())},
		{name: "unicode", d: essay.Decision{Options: []string{"Rester à Paris", "猫と暮らす"}, Factors: []essay.Criterion{
			{Name: "Ça va 🙂", Note: "Zürich, Αθήνα, עברית, \u200d‍👩‍💻", Weight: 7, Scores: []int{4, 6}},
		}}},
		{name: "markup", d: essay.Decision{Options: []string{`<img src=x onerror=alert(1)>`, `"><script>alert(1)</script>`}, Factors: []essay.Criterion{
			{Name: "**x** | [y](javascript:z)", Note: "&amp; \\ ` # - . ! |", Weight: 10, Scores: []int{10, 0}},
		}}},
		{name: "long name (128+ bytes)", d: essay.Decision{Options: []string{runes("猫", 80), ""}}},
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
	if got, want := encode(t, essay.Decision{Options: []string{"", ""}}), "2.AgAAAA"; got != want {
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
	s = encode(t, fiveByTen())
	t.Logf("5 options, 10 factors, 20-character names, no notes: %d characters", len(s))
	if got, max := len(s), 2000; got > max {
		t.Errorf("5 options by 10 factors with 20-character names encode to %d characters, want at most %d", got, max)
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
		{name: "future version", s: "3.AAAA", want: essay.ErrNewerDecision, msg: "this link was made by a newer version of the page"},
		{name: "future version, any body", s: "17.%%%", want: essay.ErrNewerDecision},
		{name: "future version, long", s: "3." + strings.Repeat("A", essay.MaxDecisionInput), want: essay.ErrNewerDecision},
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
	for _, d := range []essay.Decision{{Options: two()}, smallDecision(), capped(), twentyByTwenty(), fiveByTen()} {
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

func FuzzDecodeDecision(f *testing.F) {
	m := essay.Content().Model
	for _, d := range []essay.Decision{
		{Options: two()}, smallDecision(), capped(), twentyByTwenty(), fiveByTen(),
		essay.NewDecision(m, m.AuthorWeights()),
		{Options: []string{"é", "🙂"}, Factors: []essay.Criterion{{Name: "<b>", Note: "x", Weight: 10, Scores: []int{0, 0}}}},
	} {
		f.Add(encode(f, d))
	}
	for _, s := range []string{
		"", "1", "1.", "2.", "2.AAAA", "0.AAAA", "1.AAAA", "1.AAAA=", "1.AAAB", "1.AAAAA", "1.+/",
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
			// page would write; a version-1 link, still read, is written
			// in today's version.
			if again != s && !strings.HasPrefix(s, "1.") {
				t.Errorf("DecodeDecision(%s) re-encodes as %s", abbrev(s), abbrev(again))
			}
			if d2, err := essay.DecodeDecision(again); err != nil || !d2.Equal(d) {
				t.Errorf("round trip of %s: %+v, %v; want %+v", abbrev(again), d2, err, d)
			}
		}

		// The input as text: Clean makes it a valid decision that
		// round-trips.
		c := essay.Decision{
			Options: []string{s, s + s},
			Factors: []essay.Criterion{{Name: s, Note: s, Weight: len(s) - 5, Scores: []int{-len(s), len(s)}}},
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
		if md := essay.DecisionMarkdown(c, essay.Content().Title, time.Time{}); !utf8.ValidString(md) {
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
