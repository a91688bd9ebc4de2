package essay_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

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
