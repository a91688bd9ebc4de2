package essay_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"leaving-amazon/essay"
)

func TestRank(t *testing.T) {
	for _, tc := range []struct {
		name    string
		options int
		weights []int
		scores  [][]int
		want    essay.Ranking
	}{
		{"three options, one ahead", 3, []int{10, 5}, [][]int{{2, 8, 5}, {8, 2, 5}},
			essay.Ranking{Scores: []float64{4, 6, 5}, Order: []int{1, 2, 0}, Winner: 1, Margin: 1}},
		{"a tie at the top of three", 3, []int{1}, [][]int{{7, 3, 7}},
			essay.Ranking{Scores: []float64{7, 3, 7}, Order: []int{0, 2, 1}, Winner: -1}},
		{"a close call", 2, []int{10}, [][]int{{5, 6}},
			essay.Ranking{Scores: []float64{5, 6}, Order: []int{1, 0}, Winner: 1, Margin: 1}},
		{"closer still", 2, []int{10, 10}, [][]int{{5, 6}, {5, 5}},
			essay.Ranking{Scores: []float64{5, 5.5}, Order: []int{1, 0}, Winner: 1, Margin: 0.5, CloseCall: true}},
		{"no weights", 4, []int{0, 0}, [][]int{{1, 2, 3, 4}, {4, 3, 2, 1}},
			essay.Ranking{Scores: []float64{0, 0, 0, 0}, Order: []int{0, 1, 2, 3}, Winner: -1, NoWeights: true}},
		{"five options, ranked", 5, []int{3}, [][]int{{1, 9, 4, 10, 0}},
			essay.Ranking{Scores: []float64{1, 9, 4, 10, 0}, Order: []int{3, 1, 2, 0, 4}, Winner: 3, Margin: 1}},
		{"out of range, clamped", 2, []int{99}, [][]int{{-4, 40}},
			essay.Ranking{Scores: []float64{0, 10}, Order: []int{1, 0}, Winner: 1, Margin: 10}},
		{"a missing score counts 0", 3, []int{2}, [][]int{{6}},
			essay.Ranking{Scores: []float64{6, 0, 0}, Order: []int{0, 1, 2}, Winner: 0, Margin: 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := essay.Rank(tc.options, tc.weights, tc.scores); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Rank = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestRankAgreesWithEvaluate: with two options, Rank says what Evaluate
// says, for random models.
func TestRankAgreesWithEvaluate(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 5))
	for range 5000 {
		m, w, scores := randomModel(rnd, 2)
		r := essay.Evaluate(m, w)
		got := essay.Rank(2, w, scores)
		if got.Winner != r.Winner || got.Margin != r.Margin || got.CloseCall != r.CloseCall ||
			got.NoWeights != r.NoWeights || got.Scores[0] != r.Scores[0] || got.Scores[1] != r.Scores[1] {
			t.Fatalf("weights %v, scores %v: Rank %+v, Evaluate %+v", w, scores, got, r)
		}
	}
}

// randomModel makes 1–20 factors of random scores and weights for the
// given number of options, and the same as a Model when there are two.
func randomModel(rnd *rand.Rand, options int) (essay.Model, essay.Weights, [][]int) {
	var m essay.Model
	n := 1 + rnd.IntN(essay.MaxFactors)
	w := make(essay.Weights, n)
	scores := make([][]int, n)
	for f := range n {
		w[f] = rnd.IntN(essay.MaxWeight + 1)
		scores[f] = make([]int, options)
		for o := range scores[f] {
			scores[f][o] = rnd.IntN(essay.MaxWeight + 1)
		}
		if options == 2 {
			m.Factors = append(m.Factors, essay.Factor{Scores: [2]int{scores[f][0], scores[f][1]}})
		}
	}
	return m, w, scores
}

func TestFragile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		options int
		weights []int
		scores  [][]int
		want    essay.Fragility
	}{
		{"robust, one factor", 2, []int{5}, [][]int{{3, 7}}, essay.Fragility{
			Ranges:   []essay.WeightRange{{Lo: 1, Hi: 10, Below: -1, Above: -2}},
			Smallest: essay.Move{Factor: 0, Option: 0, From: 3, To: 7, Winner: -1}, Found: true, Robust: true}},
		{"fragile: one point ties it", 2, []int{5}, [][]int{{5, 6}}, essay.Fragility{
			Ranges:   []essay.WeightRange{{Lo: 1, Hi: 10, Below: -1, Above: -2}},
			Smallest: essay.Move{Factor: 0, Option: 0, From: 5, To: 6, Winner: -1}, Found: true}},
		{"three options: a weight hands it to another", 3, []int{5, 5}, [][]int{{10, 0, 6}, {0, 10, 6}}, essay.Fragility{
			// 50/50/60 with both at 5: option 3 leads. Factor 1 at 3 makes
			// it 30/50/48 (option 2 leads), at 8 80/50/78 (option 1).
			Ranges: []essay.WeightRange{{Lo: 4, Hi: 7, Below: 1, Above: 0}, {Lo: 4, Hi: 7, Below: 0, Above: 1}},
			// No score moved by one point changes it; a weight moved by two
			// does, the first factor's first.
			Smallest: essay.Move{Factor: 0, Option: -1, From: 5, To: 3, Winner: 1}, Found: true, Robust: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := essay.Fragile(tc.options, tc.weights, tc.scores)
			if !reflect.DeepEqual(got.Ranges, tc.want.Ranges) {
				t.Errorf("Ranges = %+v, want %+v", got.Ranges, tc.want.Ranges)
			}
			if got.Robust != tc.want.Robust {
				t.Errorf("Robust = %v, want %v", got.Robust, tc.want.Robust)
			}
			if got.Found != tc.want.Found || got.Smallest != tc.want.Smallest {
				t.Errorf("Smallest = %+v (found %v), want %+v", got.Smallest, got.Found, tc.want.Smallest)
			}
		})
	}
}

// FuzzRank checks what holds for any numbers: the order ranks the scores,
// the winner leads it, every range holds the current weight and keeps the
// result, the smallest move changes the result and no smaller one does,
// and robustness is what a brute search of ±1 finds.
func FuzzRank(f *testing.F) {
	f.Add(uint64(1), uint8(2))
	f.Add(uint64(99), uint8(5))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		options := essay.MinOptions + int(n)%(essay.MaxOptions-essay.MinOptions+1)
		rnd := rand.New(rand.NewPCG(seed, seed>>7))
		_, w, scores := randomModel(rnd, options)
		r := essay.Rank(options, w, scores)
		sorted := slices.Clone(r.Order)
		slices.Sort(sorted)
		for i := range sorted {
			if sorted[i] != i {
				t.Fatalf("order %v is not a permutation", r.Order)
			}
		}
		for i := 1; i < options; i++ {
			if r.Scores[r.Order[i]] > r.Scores[r.Order[i-1]] {
				t.Fatalf("order %v against scores %v", r.Order, r.Scores)
			}
		}
		if r.Winner >= 0 && (r.Winner != r.Order[0] || r.Margin <= 0) {
			t.Fatalf("winner %d, order %v, margin %v", r.Winner, r.Order, r.Margin)
		}
		fr := essay.Fragile(options, w, scores)
		for fi, rg := range fr.Ranges {
			if rg.Lo > w[fi] || rg.Hi < w[fi] {
				t.Fatalf("factor %d at %d outside its range %+v", fi, w[fi], rg)
			}
			for v := rg.Lo; v <= rg.Hi; v++ {
				if winnerWith(options, w, scores, fi, -1, v) != r.Winner {
					t.Fatalf("factor %d at %d changes the result inside %+v", fi, v, rg)
				}
			}
		}
		if fr.Found {
			m := fr.Smallest
			if got := winnerWith(options, w, scores, m.Factor, m.Option, m.To); got == r.Winner || got != m.Winner {
				t.Fatalf("the smallest move %+v leaves %d (was %d)", m, got, r.Winner)
			}
		}
		robust := true
		for fi := range scores {
			for o := range options {
				for _, d := range []int{-1, 1} {
					if v := scores[fi][o] + d; v >= 0 && v <= essay.MaxWeight && winnerWith(options, w, scores, fi, o, v) != r.Winner {
						robust = false
					}
				}
			}
		}
		if robust != fr.Robust {
			t.Fatalf("robust %v, a brute search says %v", fr.Robust, robust)
		}
	})
}

// winnerWith ranks with one number changed: factor f's weight (option
// -1) or its score for option o, set to v.
func winnerWith(options int, w []int, scores [][]int, f, o, v int) int {
	w2 := slices.Clone(w)
	s2 := make([][]int, len(scores))
	for i := range scores {
		s2[i] = slices.Clone(scores[i])
	}
	if o < 0 {
		w2[f] = v
	} else {
		s2[f][o] = v
	}
	return essay.Rank(options, w2, s2).Winner
}

// BenchmarkFragile5x20: the largest ranked decision, five options and
// twenty factors, ranked and its fragility computed, as after each edit.
func BenchmarkFragile5x20(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 1))
	w := make([]int, essay.MaxFactors)
	scores := make([][]int, essay.MaxFactors)
	for f := range w {
		w[f] = rnd.IntN(11)
		scores[f] = []int{rnd.IntN(11), rnd.IntN(11), rnd.IntN(11), rnd.IntN(11), rnd.IntN(11)}
	}
	for b.Loop() {
		essay.Rank(essay.MaxOptions, w, scores)
		essay.Fragile(essay.MaxOptions, w, scores)
	}
}

func TestFragilityWords(t *testing.T) {
	d := essay.Decision{Options: []string{"Stay", ""}, Factors: []essay.Criterion{
		{Name: "Pay", Weight: 6, Scores: []int{2, 8}},
		{Name: "", Weight: 5, Scores: []int{9, 4}},
	}}
	for _, tc := range []struct{ name, got, want string }{
		{"robust", essay.FragilityWords(essay.Ranking{Winner: 1}, essay.Fragility{Robust: true}), "Robust: no single score moved by one point changes the verdict."},
		{"fragile", essay.FragilityWords(essay.Ranking{Winner: 0}, essay.Fragility{}), "Fragile: a single score moved by one point can change the verdict."},
		{"no leader", essay.FragilityWords(essay.Ranking{Winner: -1}, essay.Fragility{Robust: true}), "No option leads, so there is nothing to hold."},
		{"both sides", essay.RangeWords(d, 0, essay.WeightRange{Lo: 3, Hi: 9, Below: 0, Above: -1}),
			"“Pay”: the verdict holds with its weight from 3 to 9 (now 6); below 3, “Stay” wins; above 9, no option leads."},
		{"one side, a placeholder", essay.RangeWords(d, 1, essay.WeightRange{Lo: 0, Hi: 7, Below: -2, Above: 1}),
			"“Factor 2”: the verdict holds with its weight from 0 to 7 (now 5); above 7, “Option 2” wins."},
		{"the whole scale", essay.RangeWords(d, 0, essay.WeightRange{Lo: 0, Hi: 10, Below: -2, Above: -2}),
			"“Pay”: the verdict holds with its weight from 0 to 10 (now 6), the whole scale."},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
