package essay_test

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

// threeFactors is a small model whose weighted means are easy to work out by
// hand: growth favours leaving by 6, network favours staying by 6, and pay is
// the same either way (it only dilutes the means).
func threeFactors() essay.Model {
	return essay.Model{
		Options: [2]essay.Option{{ID: "stay", Name: "Stay"}, {ID: "leave", Name: "Leave"}},
		Factors: []essay.Factor{
			{ID: "growth", Name: "Growth", Scores: [2]int{2, 8}, Weight: 8},
			{ID: "network", Name: "Network", Scores: [2]int{9, 3}, Weight: 2},
			{ID: "pay", Name: "Pay", Scores: [2]int{5, 5}, Weight: 5},
		},
		Conclusion: 1,
	}
}

// fourFactors is the model of the tipping tests. Leave minus stay per point
// of weight: growth +6, network -5, pay 0, commute -3.
func fourFactors() essay.Model {
	return essay.Model{
		Options: [2]essay.Option{{ID: "stay", Name: "Stay"}, {ID: "leave", Name: "Leave"}},
		Factors: []essay.Factor{
			{ID: "growth", Name: "Growth", Scores: [2]int{2, 8}, Weight: 7},
			{ID: "network", Name: "Network", Scores: [2]int{9, 4}, Weight: 2},
			{ID: "pay", Name: "Pay", Scores: [2]int{5, 5}, Weight: 5},
			{ID: "commute", Name: "Commute", Scores: [2]int{7, 4}, Weight: 3},
		},
		Conclusion: 1,
	}
}

// clamped is w as the model reads it: one weight per factor, each within
// 0–10, a missing one 0.
func clamped(m essay.Model, w essay.Weights) essay.Weights {
	out := make(essay.Weights, len(m.Factors))
	for i := range out {
		if i < len(w) {
			out[i] = min(max(w[i], 0), essay.MaxWeight)
		}
	}
	return out
}

// reference is an independent, integer-only verdict: the weighted sums of
// each option, the total weight and the winner (-1 for a tie or no weight).
func reference(m essay.Model, w essay.Weights) (sums [2]int, total, winner int) {
	w = clamped(m, w)
	for i, f := range m.Factors {
		total += w[i]
		for o := range sums {
			sums[o] += w[i] * min(max(f.Scores[o], 0), essay.MaxWeight)
		}
	}
	switch {
	case total == 0 || sums[0] == sums[1]:
		winner = -1
	case sums[1] > sums[0]:
		winner = 1
	default:
		winner = 0
	}
	return sums, total, winner
}

// near compares floats that went through different roundings.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// report fails the test with every problem found.
func report(t *testing.T, problems []string) {
	t.Helper()
	if len(problems) > 0 {
		t.Error(strings.Join(problems, "\n"))
	}
}

func TestEvaluate(t *testing.T) {
	m := threeFactors()
	for _, tc := range []struct {
		name      string
		w         essay.Weights
		scores    [2]float64
		winner    int
		margin    float64
		closeCall bool
		noWeights bool
	}{
		{
			// stay 16+18+25=59, leave 64+6+25=95, over 15.
			name: "leave wins clearly", w: essay.Weights{8, 2, 5},
			scores: [2]float64{59.0 / 15, 95.0 / 15}, winner: 1, margin: 36.0 / 15,
		},
		{
			// stay 4+72+25=101, leave 16+24+25=65, over 15.
			name: "stay wins clearly", w: essay.Weights{2, 8, 5},
			scores: [2]float64{101.0 / 15, 65.0 / 15}, winner: 0, margin: 36.0 / 15,
		},
		{
			// 10+45 = 40+15 = 55, over 10.
			name: "exact tie", w: essay.Weights{5, 5, 0},
			scores: [2]float64{5.5, 5.5}, winner: -1,
		},
		{
			// 6+27+20 = 24+9+20 = 53, over 10.
			name: "exact tie with a neutral factor", w: essay.Weights{3, 3, 4},
			scores: [2]float64{5.3, 5.3}, winner: -1,
		},
		{
			// 20+90+50 = 80+30+50 = 160, over 30.
			name: "all weights ten is a tie", w: essay.Weights{10, 10, 10},
			scores: [2]float64{160.0 / 30, 160.0 / 30}, winner: -1,
		},
		{
			name: "all weights zero", w: essay.Weights{0, 0, 0},
			winner: -1, noWeights: true,
		},
		{
			// Only the neutral factor counts: the scores are equal, but
			// there are weights, so it is a tie, not "no weights".
			name: "only a neutral factor weighs", w: essay.Weights{0, 0, 7},
			scores: [2]float64{5, 5}, winner: -1,
		},
		{
			// stay 12+45+50=107, leave 48+15+50=113, over 21.
			name: "close call", w: essay.Weights{6, 5, 10},
			scores: [2]float64{107.0 / 21, 113.0 / 21}, winner: 1, margin: 6.0 / 21, closeCall: true,
		},
		{
			// stay 2+30=32, leave 8+30=38, over 7: 6/7.
			name: "just under the close-call margin", w: essay.Weights{1, 0, 6},
			scores: [2]float64{32.0 / 7, 38.0 / 7}, winner: 1, margin: 6.0 / 7, closeCall: true,
		},
		{
			// stay 2+25=27, leave 8+25=33, over 6: 4.5 and 5.5.
			name: "margin exactly 1.0 is not close", w: essay.Weights{1, 0, 5},
			scores: [2]float64{4.5, 5.5}, winner: 1, margin: 1,
		},
		{
			// stay 20+50=70, leave 80+50=130, over 20.
			name: "extreme weights for leave", w: essay.Weights{10, 0, 10},
			scores: [2]float64{3.5, 6.5}, winner: 1, margin: 3,
		},
		{
			name: "extreme weights for stay", w: essay.Weights{0, 10, 0},
			scores: [2]float64{9, 3}, winner: 0, margin: 6,
		},
		{
			// Read as {0, 10, 3}: stay 90+15=105, leave 30+15=45, over 13.
			name: "out-of-range weights are clamped", w: essay.Weights{-5, 99, 3},
			scores: [2]float64{105.0 / 13, 45.0 / 13}, winner: 0, margin: 60.0 / 13,
		},
		{
			name: "extreme ints are clamped", w: essay.Weights{math.MaxInt, math.MinInt, math.MaxInt},
			scores: [2]float64{3.5, 6.5}, winner: 1, margin: 3,
		},
		{
			name: "missing weights count as zero", w: essay.Weights{8},
			scores: [2]float64{2, 8}, winner: 1, margin: 6,
		},
		{
			name: "extra weights are ignored", w: essay.Weights{8, 2, 5, 10, -3},
			scores: [2]float64{59.0 / 15, 95.0 / 15}, winner: 1, margin: 36.0 / 15,
		},
		{
			name: "nil weights", w: nil,
			winner: -1, noWeights: true,
		},
		{
			name: "empty weights", w: essay.Weights{},
			winner: -1, noWeights: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := essay.Evaluate(m, tc.w)
			if got, want := r.Scores, tc.scores; got != want {
				t.Errorf("Scores = %v, want %v", got, want)
			}
			if got, want := r.Winner, tc.winner; got != want {
				t.Errorf("Winner = %d, want %d", got, want)
			}
			if got, want := r.Margin, tc.margin; !near(got, want) {
				t.Errorf("Margin = %v, want %v", got, want)
			}
			if got, want := r.CloseCall, tc.closeCall; got != want {
				t.Errorf("CloseCall = %v, want %v (margin %v)", got, want, r.Margin)
			}
			if got, want := r.NoWeights, tc.noWeights; got != want {
				t.Errorf("NoWeights = %v, want %v", got, want)
			}
			if got, want := len(r.Tipping), len(m.Factors); got != want {
				t.Errorf("len(Tipping) = %d, want %d", got, want)
			}
			// Clamping, missing and extra weights: the result is the
			// same as for the weights the model actually reads.
			if got, want := r, essay.Evaluate(m, clamped(m, tc.w)); !reflect.DeepEqual(got, want) {
				t.Errorf("Evaluate(%v) = %+v\ndiffers from Evaluate of the clamped weights %v: %+v", tc.w, got, clamped(m, tc.w), want)
			}
			// The input is not modified.
			if tc.w != nil {
				before := append(essay.Weights(nil), tc.w...)
				essay.Evaluate(m, tc.w)
				if !slices.Equal(tc.w, before) {
					t.Errorf("Evaluate changed its weights: %v, was %v", tc.w, before)
				}
			}
		})
	}
}

// TestCloseCallAtExactMargin checks that a margin of exactly 1.0 (the
// difference of the weighted sums equal to the total weight) is never a
// close call, whatever the float rounding of the two means.
func TestCloseCallAtExactMargin(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    essay.Model
		w    essay.Weights
	}{
		{
			// 27/6 and 33/6 are exact in binary.
			name: "sixths", m: threeFactors(), w: essay.Weights{1, 0, 5},
		},
		{
			// stay 1+4=5, leave 2+6=8, over 3: 8/3 - 5/3 rounds to
			// 0.9999999999999998.
			name: "thirds",
			m: essay.Model{Factors: []essay.Factor{
				{ID: "a", Scores: [2]int{1, 2}},
				{ID: "b", Scores: [2]int{2, 3}},
			}},
			w: essay.Weights{1, 2},
		},
		{
			// stay 0+4=4, leave 1+8=9, over 5: 1.8 - 0.8 happens to
			// round to exactly 1.
			name: "fifths",
			m: essay.Model{Factors: []essay.Factor{
				{ID: "a", Scores: [2]int{0, 1}},
				{ID: "b", Scores: [2]int{1, 2}},
			}},
			w: essay.Weights{1, 4},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sums, total, _ := reference(tc.m, tc.w)
			if d := sums[1] - sums[0]; d != total && -d != total {
				t.Fatalf("fixture: the sums %v differ by %d, not by the total %d", sums, d, total)
			}
			r := essay.Evaluate(tc.m, tc.w)
			var problems []string
			if r.CloseCall {
				problems = append(problems, fmt.Sprintf("CloseCall = true for an exact margin of 1 (Margin = %v)", r.Margin))
			}
			if r.Margin != 1 {
				problems = append(problems, fmt.Sprintf("Margin = %v, want exactly 1", r.Margin))
			}
			report(t, problems)
		})
	}
}

func TestTipping(t *testing.T) {
	m := fourFactors()
	never := essay.Tipping{Flip: -1, Never: true}
	for _, tc := range []struct {
		name     string
		w        essay.Weights
		winner   int
		tipping  []essay.Tipping // At is compared only where Never is false
		cheapest int
	}{
		{
			// Leave by 42-10-9 = 23. Growth: the others sum to -19, so
			// the options cross at 19/6 and lowering growth to 3 flips.
			// Network: the others sum to 33, crossing at 33/5 = 6.6;
			// raising it to 7 flips. Commute would cross at 32/3,
			// past the scale.
			name: "leave ahead: lowering one flips, raising another flips",
			w:    essay.Weights{7, 2, 5, 3}, winner: 1,
			tipping: []essay.Tipping{
				{At: 19.0 / 6, Flip: 3},
				{At: 6.6, Flip: 7},
				never,
				never,
			},
			cheapest: 0,
		},
		{
			// Stay by 36-35-27 = 26. Growth would cross at 62/6, past
			// the scale. Network crosses at 9/5: flip at 1, 6 away.
			// Commute crosses at 1/3: flip at 0, 9 away.
			name: "stay ahead: network is cheapest",
			w:    essay.Weights{6, 7, 5, 9}, winner: 0,
			tipping: []essay.Tipping{
				never,
				{At: 1.8, Flip: 1},
				never,
				{At: 1.0 / 3, Flip: 0},
			},
			cheapest: 1,
		},
		{
			// Stay by 12-40 = 28. Raising growth flips at 7 (cross at
			// 40/6); lowering network flips at 2 (cross at 12/5);
			// commute only helps stay.
			name: "stay ahead: raising flips",
			w:    essay.Weights{2, 8, 0, 0}, winner: 0,
			tipping: []essay.Tipping{
				{At: 40.0 / 6, Flip: 7},
				{At: 2.4, Flip: 2},
				never,
				never,
			},
			cheapest: 0,
		},
		{
			// A tie (30 = 30): any move of growth or network changes
			// it; at equal distance the lower weight is the Flip.
			// Commute from 0 to 1 makes stay win. No cheapest: there is
			// no verdict to overturn.
			name: "tie",
			w:    essay.Weights{5, 6, 0, 0}, winner: -1,
			tipping: []essay.Tipping{
				{At: 5, Flip: 4},
				{At: 6, Flip: 5},
				never,
				{At: 0, Flip: 1},
			},
			cheapest: -1,
		},
		{
			// Stay by 6-15 = 9. Raising growth to 3 and lowering
			// network to 1 are both 2 away: the first factor is the
			// cheapest.
			name: "equal moves: the first factor is cheapest",
			w:    essay.Weights{1, 3, 0, 0}, winner: 0,
			tipping: []essay.Tipping{
				{At: 2.5, Flip: 3},
				{At: 1.2, Flip: 1},
				never,
				never,
			},
			cheapest: 0,
		},
		{
			// No weights: the first point on any factor that is not
			// neutral gives a verdict.
			name: "no weights",
			w:    essay.Weights{0, 0, 0, 0}, winner: -1,
			tipping: []essay.Tipping{
				{At: 0, Flip: 1},
				{At: 0, Flip: 1},
				never,
				{At: 0, Flip: 1},
			},
			cheapest: -1,
		},
		{
			// Growth alone: lowering it to 0 leaves no weights, which
			// is a change of verdict. Network crosses at 18/5, commute
			// at 6 (a tie there is a change too).
			name: "one factor alone",
			w:    essay.Weights{3, 0, 0, 0}, winner: 1,
			tipping: []essay.Tipping{
				{At: 0, Flip: 0},
				{At: 3.6, Flip: 4},
				never,
				{At: 6, Flip: 6},
			},
			cheapest: 0,
		},
		{
			// Read as {0, 10, 5, 0}: stay by 50. Growth flips at 9
			// (cross at 50/6). Network at 0 leaves only pay, a tie:
			// 10 away from the clamped 10, not 12 away.
			name: "clamped weights",
			w:    essay.Weights{-3, 12, 5, 0}, winner: 0,
			tipping: []essay.Tipping{
				{At: 50.0 / 6, Flip: 9},
				{At: 0, Flip: 0},
				never,
				never,
			},
			cheapest: 0,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := essay.Evaluate(m, tc.w)
			if got, want := r.Winner, tc.winner; got != want {
				t.Fatalf("Winner = %d, want %d", got, want)
			}
			if got, want := len(r.Tipping), len(m.Factors); got != want {
				t.Fatalf("len(Tipping) = %d, want %d", got, want)
			}
			for i, want := range tc.tipping {
				got := r.Tipping[i]
				id := m.Factors[i].ID
				if got.Flip != want.Flip || got.Never != want.Never {
					t.Errorf("%s: Flip, Never = %d, %v; want %d, %v", id, got.Flip, got.Never, want.Flip, want.Never)
				}
				if !want.Never && !near(got.At, want.At) {
					t.Errorf("%s: At = %v, want %v", id, got.At, want.At)
				}
			}
			if got, want := r.Cheapest, tc.cheapest; got != want {
				t.Errorf("Cheapest = %d, want %d", got, want)
			}
			checkTippingBruteForce(t, m, tc.w, r)
		})
	}
}

// checkTippingBruteForce checks r's tipping points against every whole weight
// of every factor, the others held: Flip is a weight where the verdict
// differs and no such weight is nearer; Never means there is none; Cheapest
// is the first factor with the smallest move, and -1 when there is no
// verdict. At, where meaningful, lies between the last weight with the
// current verdict and Flip.
func checkTippingBruteForce(t *testing.T, m essay.Model, w essay.Weights, r essay.Result) {
	t.Helper()
	cw := clamped(m, w)
	_, _, winner := reference(m, cw)
	cheapest, best := -1, math.MaxInt
	for i := range m.Factors {
		nearest := -1 // distance to the nearest weight that changes the verdict
		for v := 0; v <= essay.MaxWeight; v++ {
			trial := append(essay.Weights(nil), cw...)
			trial[i] = v
			if _, _, got := reference(m, trial); got != winner {
				if d := abs(v - cw[i]); nearest < 0 || d < nearest {
					nearest = d
				}
			}
		}
		tp := r.Tipping[i]
		id := m.Factors[i].ID
		switch {
		case nearest < 0:
			if tp.Flip != -1 || !tp.Never {
				t.Errorf("brute force: %s: no weight changes the verdict, but Flip, Never = %d, %v", id, tp.Flip, tp.Never)
			}
			continue
		case tp.Never || tp.Flip < 0 || tp.Flip > essay.MaxWeight:
			t.Errorf("brute force: %s: a weight %d away changes the verdict, but Flip, Never = %d, %v", id, nearest, tp.Flip, tp.Never)
			continue
		case abs(tp.Flip-cw[i]) != nearest:
			t.Errorf("brute force: %s: Flip = %d is %d away from %d; the nearest change is %d away", id, tp.Flip, abs(tp.Flip-cw[i]), cw[i], nearest)
		}
		trial := append(essay.Weights(nil), cw...)
		trial[i] = tp.Flip
		if _, _, got := reference(m, trial); got == winner {
			t.Errorf("brute force: %s: at Flip = %d the verdict is still %d", id, tp.Flip, winner)
		}
		// The crossing is between the current weight and Flip (a flip
		// to or from "no weights" is at 0).
		lo, hi := float64(min(cw[i], tp.Flip)), float64(max(cw[i], tp.Flip))
		if tp.At < lo-1e-9 || tp.At > hi+1e-9 {
			t.Errorf("brute force: %s: At = %v is not between the weight %d and Flip %d", id, tp.At, cw[i], tp.Flip)
		}
		if winner >= 0 && nearest < best {
			cheapest, best = i, nearest
		}
	}
	if got, want := r.Cheapest, cheapest; got != want {
		t.Errorf("brute force: Cheapest = %d, want %d", got, want)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestEssayModel(t *testing.T) {
	c := essay.Content()
	m := c.Model
	if got, want := len(m.Factors), 6; got < want {
		t.Fatalf("the model has %d factors, want at least %d", got, want)
	}
	for i, o := range m.Options {
		if o.Name == "" || o.ID == "" {
			t.Errorf("option %d: ID %q, Name %q: both are required", i, o.ID, o.Name)
		}
	}
	if got, want := m.Options[1].ID, "leave"; got != want {
		t.Errorf("Options[1].ID = %q, want %q", got, want)
	}
	// The author left: our reading of the essay must say so.
	if got, want := m.Conclusion, 1; got != want {
		t.Errorf("Conclusion = %d, want %d (%s)", got, want, m.Options[want].ID)
	}
	seen := map[string]bool{}
	for i, f := range m.Factors {
		t.Run(f.ID, func(t *testing.T) {
			for _, field := range []struct{ name, value string }{
				{"ID", f.ID}, {"Name", f.Name}, {"Explanation", f.Explanation}, {"Quote", f.Quote}, {"Section", f.Section},
			} {
				if strings.TrimSpace(field.value) == "" {
					t.Errorf("%s is empty", field.name)
				}
			}
			if seen[f.ID] {
				t.Errorf("factor id %q appears twice", f.ID)
			}
			seen[f.ID] = true
			if got, want := m.Factor(f.ID), i; got != want {
				t.Errorf("Factor(%q) = %d, want %d", f.ID, got, want)
			}
			if c.Index(f.Section) < 0 {
				t.Errorf("section %q does not exist", f.Section)
			}
			for o, s := range f.Scores {
				if s < 0 || s > essay.MaxWeight {
					t.Errorf("score for %s = %d, want 0–10", m.Options[o].ID, s)
				}
			}
			if f.Weight < 0 || f.Weight > essay.MaxWeight {
				t.Errorf("Weight = %d, want 0–10", f.Weight)
			}
			if f.Scores[0] == f.Scores[1] {
				t.Errorf("scores %v are equal: the factor would weigh nothing", f.Scores)
			}
		})
	}
	if got, want := m.Factor("no-such-factor"), -1; got != want {
		t.Errorf("Factor of an unknown id = %d, want %d", got, want)
	}

	w := m.AuthorWeights()
	if got, want := len(w), len(m.Factors); got != want {
		t.Fatalf("len(AuthorWeights()) = %d, want %d", got, want)
	}
	for i, f := range m.Factors {
		if got, want := w[i], f.Weight; got != want {
			t.Errorf("AuthorWeights()[%d] = %d, want %d (%s's weight)", i, got, want, f.ID)
		}
	}
	r := essay.Evaluate(m, w)
	if got, want := r.Winner, m.Conclusion; got != want {
		t.Errorf("with the author's weights the winner is %d, want the author's conclusion %d (scores %v)", got, want, r.Scores)
	}
	if r.CloseCall || r.NoWeights {
		t.Errorf("with the author's weights: CloseCall %v, NoWeights %v (margin %v); want a clear verdict", r.CloseCall, r.NoWeights, r.Margin)
	}
	checkTippingBruteForce(t, m, w, r)
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		w    int
		want string
	}{
		{0, "0 of 10: does not matter"},
		{1, "1 of 10: matters a little"},
		{2, "2 of 10: matters a little"},
		{3, "3 of 10: matters somewhat"},
		{4, "4 of 10: matters somewhat"},
		{5, "5 of 10: matters"},
		{6, "6 of 10: matters"},
		{7, "7 of 10: matters a lot"},
		{8, "8 of 10: matters a lot"},
		{9, "9 of 10: matters most"},
		{10, "10 of 10: matters most"},
		{-1, "0 of 10: does not matter"},
		{11, "10 of 10: matters most"},
		{math.MinInt, "0 of 10: does not matter"},
		{math.MaxInt, "10 of 10: matters most"},
	} {
		t.Run(fmt.Sprint(tc.w), func(t *testing.T) {
			if got, want := essay.WeightWords(tc.w), tc.want; got != want {
				t.Errorf("Words(%d) = %q, want %q", tc.w, got, want)
			}
		})
	}
}

// fill returns n weights of value v.
func fill(n, v int) essay.Weights {
	w := make(essay.Weights, n)
	for i := range w {
		w[i] = v
	}
	return w
}

func TestFormatWeights(t *testing.T) {
	m := fourFactors()
	for _, tc := range []struct {
		name string
		w    essay.Weights
		want string
	}{
		{"author's", m.AuthorWeights(), "growth7_network2_pay5_commute3"},
		{"zeros and tens", essay.Weights{0, 10, 0, 10}, "growth0_network10_pay0_commute10"},
		{"clamped", essay.Weights{-5, 99, math.MinInt, math.MaxInt}, "growth0_network10_pay0_commute10"},
		{"missing count as zero, extra ignored", essay.Weights{4}, "growth4_network0_pay0_commute0"},
		{"extra ignored", essay.Weights{1, 2, 3, 4, 5, 6}, "growth1_network2_pay3_commute4"},
		{"nil", nil, "growth0_network0_pay0_commute0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := essay.FormatWeights(m, tc.w), tc.want; got != want {
				t.Errorf("FormatWeights(%v) = %q, want %q", tc.w, got, want)
			}
		})
	}
	if got, want := essay.FormatWeights(essay.Model{}, essay.Weights{1, 2}), ""; got != want {
		t.Errorf("FormatWeights of an empty model = %q, want %q", got, want)
	}
}

func TestWeightsRoundTrip(t *testing.T) {
	m := essay.Content().Model
	n := len(m.Factors)
	mixed := make(essay.Weights, n)
	for i := range mixed {
		mixed[i] = (i*7 + 3) % (essay.MaxWeight + 1)
	}
	for _, tc := range []struct {
		name string
		w    essay.Weights
	}{
		{"author's", m.AuthorWeights()},
		{"all zeros", fill(n, 0)},
		{"all tens", fill(n, essay.MaxWeight)},
		{"mixed", mixed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := essay.FormatWeights(m, tc.w)
			// Over a base unlike the weights, so that every weight must
			// come from the text.
			for _, base := range []essay.Weights{nil, fill(n, 5), m.AuthorWeights()} {
				got, problems := essay.ParseWeights(m, s, base)
				if !reflect.DeepEqual(got, tc.w) {
					t.Errorf("ParseWeights(%q) over %v = %v, want %v", s, base, got, tc.w)
				}
				if len(problems) != 0 {
					t.Errorf("ParseWeights(%q): problems %q, want none", s, problems)
				}
			}
		})
	}
}

// TestParseWeightsTampered feeds ParseWeights the kind of text a reader, a
// bad link or an attacker may put in the URL, over the author's weights.
func TestParseWeightsTampered(t *testing.T) {
	m := essay.Content().Model
	author := m.AuthorWeights()
	pace, ownership := m.Factor("pace"), m.Factor("ownership")
	if pace < 0 || ownership < 0 {
		t.Fatalf("the model has no pace or ownership factor: the cases below need them")
	}
	if author[pace] == 3 || author[pace] == 4 || author[pace] == 1 || author[pace] == 10 {
		t.Fatalf("the author's pace weight is %d: pick other values below", author[pace])
	}
	// The kinds of problem, as ParseWeights words them for the reader.
	const (
		mal  = "malformed"
		unk  = "unknown factor"
		over = "over 10"
		long = "too long"
	)
	junk := strings.Repeat("x", 10*1024)
	for _, tc := range []struct {
		name string
		in   string
		set  map[string]int // the weights that change; the rest stay the author's
		// problems has a word each problem must contain, in order:
		// what kind of problem the reader is told of.
		problems []string
	}{
		{name: "empty", in: ""},
		{name: "one weight", in: "pace3", set: map[string]int{"pace": 3}},
		{name: "zero", in: "pace0", set: map[string]int{"pace": 0}},
		{name: "ten", in: "pace10", set: map[string]int{"pace": 10}},
		{name: "leading zeros", in: "pace010", set: map[string]int{"pace": 10}},
		{name: "over ten is clamped", in: "pace11", set: map[string]int{"pace": 10}, problems: []string{over}},
		{name: "999 is clamped", in: "pace999", set: map[string]int{"pace": 10}, problems: []string{over}},
		{name: "negative", in: "pace-1", problems: []string{mal}},
		{name: "NaN", in: "paceNaN", problems: []string{mal}},
		{name: "Inf", in: "paceInf", problems: []string{mal}},
		{name: "exponent", in: "pace1e400", problems: []string{mal}},
		{name: "hexadecimal", in: "pace0x1", problems: []string{mal}},
		{name: "plus sign", in: "pace+3", problems: []string{mal}},
		{name: "space", in: "pace 3", problems: []string{mal}},
		{name: "fraction", in: "pace3.5", problems: []string{mal}},
		{name: "no value", in: "pace", problems: []string{mal}},
		{name: "no id", in: "3", problems: []string{mal}},
		{name: "non-ASCII digit", in: "pace٣", problems: []string{mal}},
		{name: "trailing newline", in: "pace3\n", problems: []string{mal}},
		{name: "percent-encoded NUL", in: "%00", problems: []string{mal}},
		{name: "NUL", in: "\x00", problems: []string{mal}},
		{name: "invalid UTF-8", in: "pace\xff3", problems: []string{mal}},
		{name: "unknown factor", in: "risk5", problems: []string{unk}},
		{name: "upper case", in: "PACE3", problems: []string{mal}},
		{name: "more than three digits", in: "pace99999", problems: []string{mal}},
		{name: "four digits with zeros", in: "pace0003", problems: []string{mal}},
		{name: "digit separator splits the item", in: "pace1_000", set: map[string]int{"pace": 1}, problems: []string{mal}},
		{name: "query-string separator", in: "pace3&ownership4", problems: []string{mal}},
		{name: "last wins", in: "pace3_pace4", set: map[string]int{"pace": 4}},
		{name: "empty items skipped", in: "pace3__ownership4", set: map[string]int{"pace": 3, "ownership": 4}},
		{name: "only separators", in: "___"},
		{name: "bad item among good ones", in: "pace3_risk5_ownership4", set: map[string]int{"pace": 3, "ownership": 4}, problems: []string{unk}},
		{name: "HTML", in: `"><img src=x onerror=alert(1)>`, problems: []string{mal}},
		{name: "script", in: "<script>alert(1)</script>", problems: []string{mal}},
		{
			// Capped where an item ends: the weight before the cap is
			// applied, the 2042 "x" up to it are one malformed item,
			// and the reader is told that the rest was cut.
			name: "10 KB of junk after a weight", in: "pace3_" + junk[:essay.MaxWeightsInput-6] + "_" + junk,
			set: map[string]int{"pace": 3}, problems: []string{long, mal},
		},
		{
			name: "10 KB of separators after a weight", in: "pace3_" + strings.Repeat("_", 10*1024),
			set: map[string]int{"pace": 3}, problems: []string{long},
		},
		{
			name: "a weight past the cap is ignored", in: strings.Repeat("_", 10*1024) + "pace3",
			problems: []string{long},
		},
		{
			// 341 whole items up to the cap.
			name: "the same weight repeated past the cap", in: "__" + strings.Repeat("pace3_", 2000),
			set: map[string]int{"pace": 3}, problems: []string{long},
		},
		{
			// The cap falls inside "pace10": what is left, "pace1",
			// is not what the link said and must not be applied.
			name: "the cap cuts a weight short", in: strings.Repeat("_", essay.MaxWeightsInput-5) + "pace10",
			problems: []string{long},
		},
		{
			name: "a weight ending at the cap is applied", in: strings.Repeat("_", essay.MaxWeightsInput-5) + "pace3_",
			set: map[string]int{"pace": 3}, problems: []string{long},
		},
		{name: "input at the cap is read whole", in: strings.Repeat("_", essay.MaxWeightsInput-6) + "pace10", set: map[string]int{"pace": 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := append(essay.Weights(nil), author...)
			for id, v := range tc.set {
				i := m.Factor(id)
				if i < 0 {
					t.Fatalf("fixture: no factor %q", id)
				}
				want[i] = v
			}
			got, problems := essay.ParseWeights(m, tc.in, author)
			if got, want := len(got), len(m.Factors); got != want {
				t.Fatalf("len = %d, want %d", got, want)
			}
			for i, v := range got {
				if v < 0 || v > essay.MaxWeight {
					t.Errorf("weight %d (%s) = %d, out of 0–10", i, m.Factors[i].ID, v)
				}
			}
			var bad []string
			if !reflect.DeepEqual(got, want) {
				bad = append(bad, fmt.Sprintf("ParseWeights(%s) = %v, want %v", abbrev(tc.in), got, want))
			}
			if len(problems) != len(tc.problems) {
				bad = append(bad, fmt.Sprintf("ParseWeights(%s): %d problems %q, want %d", abbrev(tc.in), len(problems), problems, len(tc.problems)))
			}
			for i, kind := range tc.problems {
				if i < len(problems) && !strings.Contains(problems[i], kind) {
					bad = append(bad, fmt.Sprintf("problem %d = %q, want one saying %q", i, problems[i], kind))
				}
			}
			for _, p := range problems {
				if p == "" || strings.ContainsAny(p, "<>\x00") {
					bad = append(bad, fmt.Sprintf("problem %q: want a plain sentence", p))
				}
			}
			report(t, bad)
		})
	}
	t.Run("base is not modified", func(t *testing.T) {
		base := append(essay.Weights(nil), author...)
		essay.ParseWeights(m, "pace3_ownership4", base)
		if !reflect.DeepEqual(base, author) {
			t.Errorf("ParseWeights changed its base: %v, was %v", base, author)
		}
	})
	t.Run("base is clamped and padded", func(t *testing.T) {
		got, _ := essay.ParseWeights(m, "", essay.Weights{-4, 40})
		want := make(essay.Weights, len(m.Factors))
		want[1] = essay.MaxWeight
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ParseWeights over {-4, 40} = %v, want %v", got, want)
		}
	})
}

// abbrev quotes s, shortened to its ends when it is long.
func abbrev(s string) string {
	if len(s) <= 60 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q…%q (%d bytes)", s[:20], s[len(s)-20:], len(s))
}

// weightsFrom turns bytes into weights of any sign and size: a byte is read
// as a signed number, and one past ±100 is scaled far past the scale.
func weightsFrom(b []byte) essay.Weights {
	w := make(essay.Weights, len(b))
	for i, c := range b {
		w[i] = int(int8(c))
		if w[i] > 100 || w[i] < -100 {
			w[i] *= 1 << 40
		}
	}
	return w
}

// modelFrom builds a model from bytes, two scores a factor, read as signed
// numbers so that scores past the scale are exercised too; with fewer than
// two bytes it is the essay's own model.
func modelFrom(b []byte) essay.Model {
	if len(b) < 2 {
		return essay.Content().Model
	}
	var m essay.Model
	for i := 0; i+1 < len(b) && len(m.Factors) < 16; i += 2 {
		m.Factors = append(m.Factors, essay.Factor{
			ID:     strings.Repeat("f", len(m.Factors)+1),
			Scores: [2]int{int(int8(b[i])) % 16, int(int8(b[i+1])) % 16},
		})
	}
	return m
}

func FuzzEvaluate(f *testing.F) {
	// The weights are w0, w1, then the bytes; no bytes, no weights.
	f.Add([]byte{}, []byte{8, 7, 6, 3, 3, 3, 2}, 9, 7) // the author's
	f.Add([]byte{}, []byte{}, 0, 0)
	f.Add([]byte{}, []byte{0, 0, 0, 0, 0, 0, 0}, 0, 0)
	f.Add([]byte{}, []byte{10, 10, 10, 10, 10, 10, 10}, math.MaxInt, math.MinInt)
	f.Add([]byte{2, 8, 9, 3, 5, 5}, []byte{0}, 5, 5)             // a tie
	f.Add([]byte{2, 8, 9, 3, 5, 5}, []byte{10}, 6, 5)            // a close call
	f.Add([]byte{2, 8, 9, 3, 5, 5}, []byte{5}, 1, 0)             // a margin of 1
	f.Add([]byte{1, 2, 2, 3}, []byte{0}, 1, 2)                   // a margin of 1 in thirds
	f.Add([]byte{0xff, 20, 5, 5}, []byte{0x80, 0x7f, 3}, -1, 11) // scores and weights out of range
	f.Add([]byte{5, 5}, []byte{0}, 7, 0)                         // one neutral factor
	f.Add([]byte{2, 8, 9, 4, 5, 5, 7, 4}, []byte{0, 0}, 5, 6)    // a tie, for tipping
	f.Fuzz(func(t *testing.T, scores, weights []byte, w0, w1 int) {
		m := modelFrom(scores)
		w := append(essay.Weights{w0, w1}, weightsFrom(weights)...)
		if len(weights) == 0 {
			w = w[:0]
		}
		r := essay.Evaluate(m, w)
		sums, total, winner := reference(m, w)
		for o, s := range r.Scores {
			if s < 0 || s > essay.MaxWeight || math.IsNaN(s) {
				t.Errorf("Scores[%d] = %v, out of 0–10", o, s)
			}
		}
		if r.Margin < 0 || r.Margin > essay.MaxWeight || math.IsNaN(r.Margin) {
			t.Errorf("Margin = %v, out of 0–10", r.Margin)
		}
		if r.Winner < -1 || r.Winner > 1 {
			t.Errorf("Winner = %d, want -1, 0 or 1", r.Winner)
		}
		if got, want := r.Winner, winner; got != want {
			t.Errorf("Winner = %d, want %d (sums %v over %d)", got, want, sums, total)
		}
		if got, want := r.NoWeights, total == 0; got != want {
			t.Errorf("NoWeights = %v, want %v (clamped weights %v)", got, want, clamped(m, w))
		}
		if total > 0 {
			for o := range sums {
				if got, want := r.Scores[o], float64(sums[o])/float64(total); got != want {
					t.Errorf("Scores[%d] = %v, want %v", o, got, want)
				}
			}
		}
		if winner >= 0 {
			if got, want := r.Margin, float64(abs(sums[1]-sums[0]))/float64(total); !near(got, want) {
				t.Errorf("Margin = %v, want %v", got, want)
			}
		} else if r.Margin != 0 || r.CloseCall {
			t.Errorf("no winner, but Margin %v, CloseCall %v", r.Margin, r.CloseCall)
		}
		if r.CloseCall != (winner >= 0 && r.Margin < essay.CloseCallMargin) {
			t.Errorf("CloseCall = %v with Margin %v", r.CloseCall, r.Margin)
		}
		if got, want := len(r.Tipping), len(m.Factors); got != want {
			t.Fatalf("len(Tipping) = %d, want %d", got, want)
		}
		for i, tp := range r.Tipping {
			if tp.Flip < -1 || tp.Flip > essay.MaxWeight {
				t.Errorf("Tipping[%d].Flip = %d, out of -1..10", i, tp.Flip)
			}
			if tp.Never != (tp.Flip == -1) {
				t.Errorf("Tipping[%d]: Never %v with Flip %d", i, tp.Never, tp.Flip)
			}
		}
		if r.Cheapest < -1 || r.Cheapest >= len(m.Factors) {
			t.Errorf("Cheapest = %d, out of -1..%d", r.Cheapest, len(m.Factors)-1)
		}
		checkTippingBruteForce(t, m, w, r)
	})
}

func FuzzParseWeights(f *testing.F) {
	m := essay.Content().Model
	for _, s := range []string{
		"", "pace3", "pace11", "pace-1", "paceNaN", "pace1e400", "pace0x1",
		"pace3_pace4", "pace3__ownership4", "risk5", "PACE3", "pace99999",
		"%00", "\x00", `"><img src=x onerror=alert(1)>`,
		essay.FormatWeights(m, m.AuthorWeights()),
		strings.Repeat("pace3_", 400),
	} {
		f.Add(s, []byte{3, 0x80, 0x7f})
	}
	f.Fuzz(func(t *testing.T, s string, b []byte) {
		base := weightsFrom(b)
		got, problems := essay.ParseWeights(m, s, base)
		if len(got) != len(m.Factors) {
			t.Fatalf("ParseWeights(%q): %d weights, want %d", s, len(got), len(m.Factors))
		}
		for i, v := range got {
			if v < 0 || v > essay.MaxWeight {
				t.Errorf("ParseWeights(%q): weight %d = %d, out of 0–10", s, i, v)
			}
		}
		// Each item makes at most one problem, and the cap one more.
		if items := strings.Count(s, "_") + 1; len(problems) > items+1 {
			t.Errorf("ParseWeights(%q): %d problems for %d items", s, len(problems), items)
		}
		// A text in the FormatWeights form has no problems.
		if s == essay.FormatWeights(m, got) && len(problems) != 0 {
			t.Errorf("ParseWeights(%q), a FormatWeights form: problems %q", s, problems)
		}
		// Whatever was read writes back and reads again the same.
		formatted := essay.FormatWeights(m, got)
		if again, p := essay.ParseWeights(m, formatted, nil); !reflect.DeepEqual(again, got) || len(p) != 0 {
			t.Errorf("round trip of %v through %q: got %v, problems %q", got, formatted, again, p)
		}
		// Weights made of the input round-trip exactly, over any base.
		w := make(essay.Weights, len(m.Factors))
		for i := range w {
			if i < len(s) {
				w[i] = int(s[i]) % (essay.MaxWeight + 1)
			}
		}
		formatted = essay.FormatWeights(m, w)
		if again, p := essay.ParseWeights(m, formatted, base); !reflect.DeepEqual(again, w) || len(p) != 0 {
			t.Errorf("ParseWeights(%q) = %v, problems %q; want %v", formatted, again, p, w)
		}
	})
}
