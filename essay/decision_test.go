package essay_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
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
		Options: []string{"Stay", "Leave"},
		Factors: []essay.Criterion{
			{Name: "Growth", Note: "the main thing", Weight: 5, Scores: []int{2, 8}},
			{Name: "Network", Weight: 5, Scores: []int{9, 4}},
		},
	}
}

// capped is a decision with every cap reached, in text of one, two, three
// and four bytes a character and in markup.
func capped() essay.Decision {
	d := essay.Decision{Options: []string{
		runes("Stay é 猫 🙂 ", essay.MaxNameLen),
		runes(`<img src=x onerror=alert(1)> `, essay.MaxNameLen),
	}}
	names := []string{"é猫🙂 ", `<img src=x onerror=alert(1)>`, "**bold** | `code` ", "a\\b [x](y) #1 "}
	for i := range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name:   runes(names[i%len(names)], essay.MaxNameLen),
			Note:   runes(names[(i+1)%len(names)]+"Ünïcödé ", essay.MaxNoteLen),
			Weight: i % (essay.MaxWeight + 1),
			Scores: []int{(i * 3) % (essay.MaxWeight + 1), essay.MaxWeight - i%(essay.MaxWeight+1)},
		})
	}
	return d
}

// longest is the decision with the longest encoding: every cap reached in
// four-byte characters.
func longest() essay.Decision {
	var d essay.Decision
	for range essay.MaxOptions {
		d.Options = append(d.Options, runes("🙂", essay.MaxNameLen))
	}
	for range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name: runes("🙂", essay.MaxNameLen), Note: runes("🙃", essay.MaxNoteLen),
			Weight: essay.MaxWeight, Scores: []int{essay.MaxWeight, essay.MaxWeight, essay.MaxWeight, essay.MaxWeight, essay.MaxWeight},
		})
	}
	return d
}

// fiveByTen is issue 14's budget case: five options and ten factors with
// 20-character names, no notes.
func fiveByTen() essay.Decision {
	var d essay.Decision
	for i := range essay.MaxOptions {
		d.Options = append(d.Options, runes(string(rune('A'+i)), 20))
	}
	for i := range 10 {
		d.Factors = append(d.Factors, essay.Criterion{Name: runes(string(rune('a'+i)), 20), Weight: 10, Scores: []int{10, 9, 8, 7, 6}})
	}
	return d
}

// twentyByTwenty is the budget case: 20 factors, 20-character names, no
// notes.
func twentyByTwenty() essay.Decision {
	d := essay.Decision{Options: []string{strings.Repeat("s", 20), strings.Repeat("l", 20)}}
	for i := range essay.MaxFactors {
		d.Factors = append(d.Factors, essay.Criterion{
			Name: runes(string(rune('a'+i)), 20), Weight: 10, Scores: []int{10, 10},
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
				if got, want := c.Scores, f.Scores[:]; !slices.Equal(got, want) {
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
			got, want := d.Rank(), essay.Evaluate(m, tc.w)
			if got.Winner != want.Winner || got.Margin != want.Margin || got.Scores[0] != want.Scores[0] || got.Scores[1] != want.Scores[1] {
				t.Errorf("the decision's ranking %+v, want the essay's %+v", got, want)
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
	if got, want := d.Factors[0].Scores, []int{0, 10}; !slices.Equal(got, want) {
		t.Errorf("Scores = %v, want %v", got, want)
	}
}

func TestDecisionRank(t *testing.T) {
	r := smallDecision().Rank()
	if got, want := r.Winner, 1; got != want {
		t.Errorf("Winner = %d, want %d", got, want)
	}
	if got, want := r.Margin, 0.5; got != want {
		t.Errorf("Margin = %v, want %v", got, want)
	}
	if got := (essay.Decision{Options: []string{"", ""}}).Rank(); !got.NoWeights || got.Winner != -1 {
		t.Errorf("an empty decision ranks %+v", got)
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
		{name: "empty", d: essay.Decision{Options: two()}},
		{name: "five options", d: fiveByTen()},
		{name: "no options", d: essay.Decision{}, want: "a decision has 2 to 5 options, not 0"},
		{
			name: "six options",
			d:    essay.Decision{Options: []string{"1", "2", "3", "4", "5", "6"}},
			want: "a decision has 2 to 5 options, not 6",
		},
		{
			name: "a score missing",
			d:    with(func(d *essay.Decision) { d.Options = append(d.Options, "third") }),
			want: "factor 1: it has 2 scores, not one for each of the 3 options",
		},
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
			name: "a bidirectional override",
			d:    with(func(d *essay.Decision) { d.Options[0] = "Stay\u202E" }),
			want: "option 1: the name has a line break or another control character",
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

// two is a decision's two options, unnamed.
func two() []string { return []string{"", ""} }

func TestDecisionClean(t *testing.T) {
	many := make([]essay.Criterion, essay.MaxFactors+3)
	manyCut := make([]essay.Criterion, essay.MaxFactors)
	for i := range manyCut {
		manyCut[i].Scores = []int{0, 0}
	}
	for _, tc := range []struct {
		name string
		d    essay.Decision
		want essay.Decision
	}{
		{name: "valid unchanged", d: capped(), want: capped()},
		{name: "empty", d: essay.Decision{}, want: essay.Decision{Options: two()}},
		{
			name: "values clamped",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 11, Scores: []int{-1, 1 << 40}}}},
			want: essay.Decision{Options: two(), Factors: []essay.Criterion{{Weight: 10, Scores: []int{0, 10}}}},
		},
		{
			name: "line breaks and tabs become spaces, other controls go",
			d:    essay.Decision{Options: []string{"a\r\nb", "c\td\x00e\x7f\u0085f"}},
			want: essay.Decision{Options: []string{"a  b", "c de" + "f"}},
		},
		{
			name: "bidirectional overrides and isolates go, right-to-left text stays",
			d:    essay.Decision{Options: []string{"Stay\u202E", "\u2067שלום\u2069"}},
			want: essay.Decision{Options: []string{"Stay", "שלום"}},
		},
		{
			name: "spaces kept as typed",
			d:    essay.Decision{Options: []string{" a ", "b  "}},
			want: essay.Decision{Options: []string{" a ", "b  "}},
		},
		{
			name: "invalid UTF-8 replaced",
			d:    essay.Decision{Factors: []essay.Criterion{{Name: "caf\xe9", Note: "\xff\xfe"}}},
			want: essay.Decision{Options: two(), Factors: []essay.Criterion{{Name: "caf\uFFFD", Note: "\uFFFD", Scores: []int{0, 0}}}},
		},
		{
			name: "cut to the caps in characters",
			d: essay.Decision{
				Options: []string{runes("猫", 90), "x"},
				Factors: []essay.Criterion{{Name: runes("é", 81), Note: runes("🙂", 201) + "\n"}},
			},
			want: essay.Decision{
				Options: []string{runes("猫", 80), "x"},
				Factors: []essay.Criterion{{Name: runes("é", 80), Note: runes("🙂", 200), Scores: []int{0, 0}}},
			},
		},
		{
			name: "factors past the cap dropped",
			d:    essay.Decision{Options: two(), Factors: many},
			want: essay.Decision{Options: two(), Factors: manyCut},
		},
		{
			name: "options past the cap dropped, scores with them",
			d:    essay.Decision{Options: []string{"1", "2", "3", "4", "5", "6"}, Factors: []essay.Criterion{{Weight: 1, Scores: []int{1, 2, 3, 4, 5, 6}}}},
			want: essay.Decision{Options: []string{"1", "2", "3", "4", "5"}, Factors: []essay.Criterion{{Weight: 1, Scores: []int{1, 2, 3, 4, 5}}}},
		},
		{
			name: "one option made two, scores filled with 0",
			d:    essay.Decision{Options: []string{"only"}, Factors: []essay.Criterion{{Weight: 1, Scores: []int{7}}}},
			want: essay.Decision{Options: []string{"only", ""}, Factors: []essay.Criterion{{Weight: 1, Scores: []int{7, 0}}}},
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
		{name: "option", a: smallDecision(), b: essay.Decision{Options: []string{"Stay", "Go"}, Factors: smallDecision().Factors}},
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

// winnerOf is the option with the greatest weighted sum, or -1 for a
// shared one or no weights: worked out here on its own, for the brute
// force.
func winnerOf(d essay.Decision) int {
	total, sums := 0, make([]int, len(d.Options))
	for _, c := range d.Factors {
		total += c.Weight
		for o := range sums {
			sums[o] += c.Weight * c.Scores[o]
		}
	}
	best := -1
	for o := range sums {
		if best < 0 || sums[o] > sums[best] {
			best = o
		}
	}
	for o := range sums {
		if total == 0 || (o != best && sums[o] == sums[best]) {
			return -1
		}
	}
	return best
}

// bruteSensitivity works out Sensitivity by trying every value.
func bruteSensitivity(d essay.Decision) []essay.Sensitivity {
	winner := winnerOf(d)
	out := make([]essay.Sensitivity, len(d.Factors))
	with := func(i, o, v int) int {
		e := d.Clean()
		if o < 0 {
			e.Factors[i].Weight = v
		} else {
			e.Factors[i].Scores[o] = v
		}
		return winnerOf(e)
	}
	for i, c := range d.Factors {
		out[i].Weight = bruteFlip(c.Weight, func(v int) int { return with(i, -1, v) }, winner)
		out[i].Scores = make([]int, len(d.Options))
		for o := range c.Scores {
			out[i].Scores[o] = bruteFlip(c.Scores[o], func(v int) int { return with(i, o, v) }, winner)
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
				{Name: "growth", Weight: 5, Scores: []int{2, 8}},
				{Name: "network", Weight: 5, Scores: []int{9, 4}},
				{Name: "pay", Weight: 0, Scores: []int{5, 5}},
			}},
			want: []essay.Sensitivity{
				{Weight: 4, Scores: []int{3, 7}},
				{Weight: 6, Scores: []int{10, 3}},
				{Weight: -1, Scores: []int{-1, -1}},
			},
		},
		{
			// A tie: no weight breaks it; either score one down breaks it
			// (one up would too: the lower is given).
			name: "a tie",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 5, Scores: []int{5, 5}}}},
			want: []essay.Sensitivity{{Weight: -1, Scores: []int{4, 4}}},
		},
		{
			// No weights: any weight makes a verdict; scores of a factor
			// of weight 0 move nothing.
			name: "no weights",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 0, Scores: []int{3, 7}}}},
			want: []essay.Sensitivity{{Weight: 1, Scores: []int{-1, -1}}},
		},
		{
			// Each factor alone wins it for leave by at least 100 - 0.
			name: "nothing moves it",
			d: essay.Decision{Factors: []essay.Criterion{
				{Weight: 10, Scores: []int{0, 10}},
				{Weight: 10, Scores: []int{0, 10}},
			}},
			want: []essay.Sensitivity{
				{Weight: -1, Scores: []int{-1, -1}},
				{Weight: -1, Scores: []int{-1, -1}},
			},
		},
		{
			// Stay ahead by 10 × 1: its score 1 down ties, leave's 1 up
			// ties; weight 0 leaves no weights, no verdict.
			name: "one factor",
			d:    essay.Decision{Factors: []essay.Criterion{{Weight: 10, Scores: []int{6, 5}}}},
			want: []essay.Sensitivity{{Weight: 0, Scores: []int{5, 6}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.d.Options = []string{"", ""}
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
		d := essay.Decision{Options: make([]string, 2+r.IntN(4))}
		for range r.IntN(6) {
			d.Factors = append(d.Factors, essay.Criterion{
				Weight: r.IntN(essay.MaxWeight + 1),
				Scores: randomScores(r, len(d.Options)),
			})
		}
		ds = append(ds, d)
	}
	for _, d := range ds {
		got := d.Sensitivity()
		if want := bruteSensitivity(d); !reflect.DeepEqual(got, want) {
			t.Errorf("decision %+v: Sensitivity() = %+v, brute force %+v", d, got, want)
		}
		if len(d.Options) != 2 {
			continue
		}
		// With two options, the weight part is Evaluate's tipping point.
		var m essay.Model
		for _, c := range d.Factors {
			m.Factors = append(m.Factors, essay.Factor{Scores: [2]int{c.Scores[0], c.Scores[1]}, Weight: c.Weight})
		}
		res := essay.Evaluate(m, m.AuthorWeights())
		for i, s := range got {
			if got, want := s.Weight, res.Tipping[i].Flip; got != want {
				t.Errorf("decision %+v: factor %d: Weight = %d, Tipping.Flip = %d", d, i+1, got, want)
			}
		}
	}
}

func randomScores(r *rand.Rand, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = r.IntN(essay.MaxWeight + 1)
	}
	return s
}
