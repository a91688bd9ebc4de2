package essay

// A decision between two to five options, ranked: each option's weighted
// mean score, the winner, its margin over the runner-up, and how fragile
// that is. Plain functions over plain values (weights per factor, scores
// per factor and option), for the reader's decision page; with two options
// they agree with Evaluate (TestRankAgreesWithEvaluate).

// The number of options a ranked decision has.
const (
	MinOptions = 2
	MaxOptions = 5
)

// Ranking is what weights and scores make of two to five options.
type Ranking struct {
	// Scores are each option's weighted mean score, on the 0–10 scale.
	Scores []float64
	// Order lists the options best first; equal scores keep their order.
	Order []int
	// Winner is the option ahead of every other, or -1 for a tie at the
	// top or when no weight is set.
	Winner int
	// Margin is how far the winner is ahead of the runner-up, 0–10.
	Margin float64
	// CloseCall reports a margin under CloseCallMargin.
	CloseCall bool
	// NoWeights reports that every weight is zero.
	NoWeights bool
}

// sums returns each option's weighted sum of scores, and the sum of the
// weights: integers, so that no rounding decides a tie.
func sums(weights []int, scores [][]int, options int) (s []int, total int) {
	s = make([]int, options)
	for f, w := range weights {
		w = clamp(w)
		total += w
		for o := range s {
			s[o] += w * scoreAt(scores, f, o)
		}
	}
	return s, total
}

// scoreAt is factor f's score for option o, clamped, or 0 when missing.
func scoreAt(scores [][]int, f, o int) int {
	if f >= len(scores) || o >= len(scores[f]) {
		return 0
	}
	return clamp(scores[f][o])
}

// leader returns the option whose sum is greatest, or -1 when two or more
// share it or no weight is set.
func leader(s []int, total int) int {
	if total == 0 {
		return -1
	}
	best, at, shared := 0, -1, false
	for o, v := range s {
		switch {
		case at < 0 || v > best:
			best, at, shared = v, o, false
		case v == best:
			shared = true
		}
	}
	if shared {
		return -1
	}
	return at
}

// Rank ranks options options (2–5) by weights (one per factor, 0–10) and
// scores (per factor, one per option, 0–10). Values are clamped to 0–10;
// a missing one counts as 0.
func Rank(options int, weights []int, scores [][]int) Ranking {
	s, total := sums(weights, scores, options)
	r := Ranking{Scores: make([]float64, options), Order: make([]int, options), Winner: leader(s, total), NoWeights: total == 0}
	for o := range r.Order {
		r.Order[o] = o
	}
	// Insertion sort, stable: five options at the most.
	for i := 1; i < options; i++ {
		for j := i; j > 0 && s[r.Order[j]] > s[r.Order[j-1]]; j-- {
			r.Order[j], r.Order[j-1] = r.Order[j-1], r.Order[j]
		}
	}
	if total == 0 {
		return r
	}
	for o := range s {
		r.Scores[o] = float64(s[o]) / float64(total)
	}
	if r.Winner >= 0 && options > 1 {
		r.Margin = float64(s[r.Order[0]]-s[r.Order[1]]) / float64(total)
		r.CloseCall = r.Margin < CloseCallMargin
	}
	return r
}

// WeightRange is where one factor's weight keeps the current result,
// holding every other number.
type WeightRange struct {
	// Lo and Hi are the whole weights, 0–10, between which (inclusive) the
	// winner stays the current one; the current weight is between them.
	Lo, Hi int
	// Below and Above are the result just outside the range: the option
	// that would win at Lo−1 and at Hi+1 (-1 for a tie or no weight), or
	// -2 where the range reaches the end of the scale.
	Below, Above int
}

// Move is one change of one number: a factor's weight (Option is -1) or
// its score for one option.
type Move struct {
	Factor, Option int
	From, To       int
	// Winner is the result after the move: an option, or -1 for a tie.
	Winner int
}

// Fragility says how far the current result is from changing.
type Fragility struct {
	// Ranges has, for each factor, where its weight keeps the result.
	Ranges []WeightRange
	// Smallest is the smallest single move that changes the result (the
	// least distance; weights before scores, then the first factor and
	// option); Found is false when no single move within 0–10 does.
	Smallest Move
	Found    bool
	// Robust reports that no change of one score by one point changes
	// the result.
	Robust bool
}

// Fragile computes a ranked decision's fragility, with the same numbers as
// Rank.
func Fragile(options int, weights []int, scores [][]int) Fragility {
	t := newTrials(options, weights, scores)
	now := t.winner(-1, -1, 0)
	fr := Fragility{Ranges: make([]WeightRange, len(t.w)), Robust: true}
	best := MaxWeight + 1
	try := func(f, o, from, to int) {
		if got := t.winner(f, o, to); got != now && abs(to-from) < best {
			best, fr.Found = abs(to-from), true
			fr.Smallest = Move{Factor: f, Option: o, From: from, To: to, Winner: got}
		}
	}
	for f, w := range t.w {
		fr.Ranges[f] = t.weightRange(f, now)
		for v := 0; v <= MaxWeight; v++ {
			try(f, -1, w, v)
		}
	}
	for f := range t.w {
		for o := range options {
			from := t.sc[f][o]
			for v := 0; v <= MaxWeight; v++ {
				try(f, o, from, v)
			}
			for _, v := range []int{from - 1, from + 1} {
				if v >= 0 && v <= MaxWeight && t.winner(f, o, v) != now {
					fr.Robust = false
				}
			}
		}
	}
	return fr
}

// trials weighs a decision with one number changed at a time, from the
// sums of the unchanged one: a change moves each option's sum by a product,
// so a trial costs one pass over the options, not over every factor.
type trials struct {
	w       []int
	sc      [][]int
	base    []int
	total   int
	scratch []int
}

func newTrials(options int, weights []int, scores [][]int) *trials {
	t := &trials{w: make([]int, len(weights)), sc: make([][]int, len(weights)), scratch: make([]int, options)}
	for f := range weights {
		t.w[f] = clamp(weights[f])
		t.sc[f] = make([]int, options)
		for o := range t.sc[f] {
			t.sc[f][o] = scoreAt(scores, f, o)
		}
	}
	t.base, t.total = sums(t.w, t.sc, options)
	return t
}

// winner is the result with factor f's weight (o is -1) or its score for
// option o set to v; f -1 changes nothing.
func (t *trials) winner(f, o, v int) int {
	s, total := t.scratch, t.total
	copy(s, t.base)
	switch {
	case f < 0:
	case o < 0:
		d := v - t.w[f]
		total += d
		for i := range s {
			s[i] += d * t.sc[f][i]
		}
	default:
		s[o] += t.w[f] * (v - t.sc[f][o])
	}
	return leader(s, total)
}

// weightRange walks factor f's weight down and up from where it is while
// the result stays now.
func (t *trials) weightRange(f, now int) WeightRange {
	cur := t.w[f]
	r := WeightRange{Lo: cur, Hi: cur, Below: -2, Above: -2}
	for v := cur - 1; v >= 0; v-- {
		if got := t.winner(f, -1, v); got != now {
			r.Below = got
			break
		}
		r.Lo = v
	}
	for v := cur + 1; v <= MaxWeight; v++ {
		if got := t.winner(f, -1, v); got != now {
			r.Above = got
			break
		}
		r.Hi = v
	}
	return r
}

// nearestFlip is the whole value, 0–10, nearest from at which factor f's
// weight (o is -1) or its score for option o makes the result other than
// now, the lower of two as near; or -1.
func (t *trials) nearestFlip(f, o, from, now int) int {
	for step := 1; step <= MaxWeight; step++ {
		for _, v := range []int{from - step, from + step} {
			if v >= 0 && v <= MaxWeight && t.winner(f, o, v) != now {
				return v
			}
		}
	}
	return -1
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
