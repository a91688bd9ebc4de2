package essay

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// The decision model: the essay's two options and the factors it weighs
// them by. The factors, their scores and their weights are our reading of
// the text, not numbers the author gave; the model file (model.md) says so
// and the app says so beside every slider.

// MaxWeight is the top of the weight and score scale, which starts at 0.
const MaxWeight = 10

// CloseCallMargin is the margin under which a verdict is a close call:
// 10% of the scale.
const CloseCallMargin = MaxWeight / 10.0

// Option is one of the two choices.
type Option struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Factor is one consideration the essay weighs.
type Factor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Explanation says in one line what the factor is (ours).
	Explanation string `json:"explanation"`
	// Section is the slug of the section the factor comes from, and Quote
	// the author's words there.
	Section string `json:"section"`
	Quote   string `json:"quote"`
	// Scores says how well each option serves this factor, 0–10, in the
	// order of Model.Options.
	Scores [2]int `json:"scores"`
	// Weight is how much the factor mattered to the author, 0–10, as we
	// read the text.
	Weight int `json:"weight"`
	// Line is the factor's line in model.md, for error messages.
	Line int `json:"line,omitempty"`
}

// Model is the decision: two options and the factors that weigh them.
type Model struct {
	Options [2]Option `json:"options"`
	Factors []Factor  `json:"factors"`
	// Conclusion is the index of the option the author chose.
	Conclusion int `json:"conclusion"`
}

// Weights are a reader's weights, one per factor in the model's order.
type Weights []int

// AuthorWeights returns our reading of the author's weights.
func (m Model) AuthorWeights() Weights {
	w := make(Weights, len(m.Factors))
	for i, f := range m.Factors {
		w[i] = f.Weight
	}
	return w
}

// Numbers is the model as web/static/weigh.js reads it from a page, to
// answer the sliders before the app runs: each option's id and name, the
// author's conclusion, and each factor's id, name, scores and our reading
// of its weight.
func (m Model) Numbers() string {
	var n struct {
		O [2][2]string `json:"o"`
		C int          `json:"c"`
		F [][5]any     `json:"f"`
	}
	for i, o := range m.Options {
		n.O[i] = [2]string{o.ID, o.Name}
	}
	n.C = m.Conclusion
	for _, f := range m.Factors {
		n.F = append(n.F, [5]any{f.ID, f.Name, clamp(f.Scores[0]), clamp(f.Scores[1]), clamp(f.Weight)})
	}
	b, err := json.Marshal(n)
	if err != nil {
		panic(err) // strings and integers always marshal
	}
	return string(b)
}

// Factor returns the index of the factor with the given id, or -1.
func (m Model) Factor(id string) int {
	for i, f := range m.Factors {
		if f.ID == id {
			return i
		}
	}
	return -1
}

// Result is what a set of weights makes of the model.
type Result struct {
	// Scores are each option's weighted mean score, on the 0–10 scale.
	Scores [2]float64
	// Winner is the index of the option ahead, or -1 for a tie or when no
	// weight is set.
	Winner int
	// Margin is how far the winner is ahead, on the 0–10 scale.
	Margin float64
	// CloseCall reports a margin under CloseCallMargin.
	CloseCall bool
	// NoWeights reports that every weight is zero: there is no verdict.
	NoWeights bool
	// Tipping is, for each factor, where its weight would change the
	// verdict with every other weight held.
	Tipping []Tipping
	// Cheapest is the factor whose weight would change the verdict with
	// the smallest move, or -1 when none would.
	Cheapest int
}

// Tipping is where one factor's weight changes the verdict.
type Tipping struct {
	// At is the weight, on the continuous 0–10 scale, where the two
	// options' scores cross. Meaningful only when Never is false.
	At float64
	// Flip is the nearest whole weight, 0–10, at which the verdict
	// differs from the current one, or -1.
	Flip int
	// Never reports that no weight within 0–10 changes the verdict.
	Never bool
}

// clamp puts v on the 0–10 scale.
func clamp(v int) int {
	switch {
	case v < 0:
		return 0
	case v > MaxWeight:
		return MaxWeight
	}
	return v
}

// weightAt returns weight i of w, clamped, and 0 for a missing one.
func weightAt(w Weights, i int) int {
	if i >= len(w) {
		return 0
	}
	return clamp(w[i])
}

// verdict returns the scores and the winner for clamped weights.
func verdict(m Model, w Weights) (scores [2]float64, winner int, none bool) {
	var total, sum0, sum1 int
	for i, f := range m.Factors {
		wi := weightAt(w, i)
		total += wi
		sum0 += wi * clamp(f.Scores[0])
		sum1 += wi * clamp(f.Scores[1])
	}
	if total == 0 {
		return scores, -1, true
	}
	scores[0] = float64(sum0) / float64(total)
	scores[1] = float64(sum1) / float64(total)
	// Compare the integer sums: no rounding decides a tie.
	switch {
	case sum1 > sum0:
		winner = 1
	case sum0 > sum1:
		winner = 0
	default:
		winner = -1
	}
	return scores, winner, false
}

// margin is how far apart the options' weighted means are, worked out from
// the integer sums: the difference of the two rounded means can put an
// exact 1.0 at 0.9999999999999998, a close call.
func margin(m Model, w Weights) float64 {
	var total, diff int
	for i, f := range m.Factors {
		wi := weightAt(w, i)
		total += wi
		diff += wi * (clamp(f.Scores[1]) - clamp(f.Scores[0]))
	}
	if total == 0 {
		return 0
	}
	return math.Abs(float64(diff)) / float64(total)
}

// Evaluate weighs the model's options with the reader's weights. Weights
// are clamped to 0–10; a missing weight counts as 0 and extra ones are
// ignored.
func Evaluate(m Model, w Weights) Result {
	r := Result{Cheapest: -1}
	r.Scores, r.Winner, r.NoWeights = verdict(m, w)
	if r.Winner >= 0 {
		r.Margin = margin(m, w)
		r.CloseCall = r.Margin < CloseCallMargin
	}
	r.Tipping = make([]Tipping, len(m.Factors))
	trial := make(Weights, len(m.Factors))
	best := math.Inf(1)
	for i, f := range m.Factors {
		for j := range trial {
			trial[j] = weightAt(w, j)
		}
		t := Tipping{Flip: -1, Never: true}
		// The score difference, leave minus stay, is linear in this weight
		// over the others' fixed sum: it changes sign at At.
		var others int
		for j, g := range m.Factors {
			if j != i {
				others += trial[j] * (clamp(g.Scores[1]) - clamp(g.Scores[0]))
			}
		}
		if d := clamp(f.Scores[1]) - clamp(f.Scores[0]); d != 0 {
			t.At = -float64(others) / float64(d)
		}
		current := trial[i]
		for step := 1; step <= MaxWeight; step++ {
			for _, v := range []int{current - step, current + step} {
				if v < 0 || v > MaxWeight || t.Flip >= 0 {
					continue
				}
				trial[i] = v
				if _, winner, _ := verdict(m, trial); winner != r.Winner {
					t.Flip, t.Never = v, false
				}
			}
		}
		r.Tipping[i] = t
		if !t.Never && r.Winner >= 0 {
			if dist := math.Abs(float64(t.Flip - current)); dist < best {
				best, r.Cheapest = dist, i
			}
		}
	}
	return r
}

// WeightWords says what a weight means: "7 of 10: matters a lot".
func WeightWords(w int) string {
	w = clamp(w)
	var meaning string
	switch {
	case w == 0:
		meaning = "does not matter"
	case w <= 2:
		meaning = "matters a little"
	case w <= 4:
		meaning = "matters somewhat"
	case w <= 6:
		meaning = "matters"
	case w <= 8:
		meaning = "matters a lot"
	default:
		meaning = "matters most"
	}
	return strconv.Itoa(w) + " of 10: " + meaning
}

// The URL and storage form of weights: "technical9_ownership7_pace8", one
// factor id and its weight per item. Keys, not positions, so that a link
// made before the model changed still means what it said.

// MaxWeightsInput is the longest weights text read; the rest is ignored.
const MaxWeightsInput = 2048

// FormatWeights writes weights in their URL form.
func FormatWeights(m Model, w Weights) string {
	var b strings.Builder
	for i, f := range m.Factors {
		if i > 0 {
			b.WriteByte('_')
		}
		b.WriteString(f.ID)
		b.WriteString(strconv.Itoa(weightAt(w, i)))
	}
	return b.String()
}

// ParseWeights reads weights in their URL form over base, item by item:
// an item that is malformed or names no factor is dropped, a weight past
// 10 is clamped, input past MaxWeightsInput is ignored. Each such problem
// is reported, in the reader's words, for a notice; the rest is used.
// Values are read as small integers: no NaN, Inf, exponents, signs or
// hexadecimal get through.
func ParseWeights(m Model, s string, base Weights) (Weights, []string) {
	w := make(Weights, len(m.Factors))
	for i := range w {
		w[i] = weightAt(base, i)
	}
	var problems []string
	if len(s) > MaxWeightsInput {
		// Drop the item the cut falls in: "pace10" cut to "pace1" would
		// set a weight the link did not give.
		cut := s[:MaxWeightsInput]
		if s[MaxWeightsInput] != '_' {
			cut = cut[:strings.LastIndexByte(cut, '_')+1]
		}
		s = cut
		problems = append(problems, "the weights in the link were too long; the rest was ignored")
	}
	for _, item := range strings.Split(s, "_") {
		if item == "" {
			continue
		}
		id, value := splitItem(item)
		v, ok := smallInt(value)
		i := m.Factor(id)
		switch {
		case id == "" || !ok:
			problems = append(problems, "a malformed weight was ignored")
		case i < 0:
			problems = append(problems, "an unknown factor was ignored")
		case v > MaxWeight:
			w[i] = MaxWeight
			problems = append(problems, "a weight over 10 was set to 10")
		default:
			w[i] = v
		}
	}
	return w, problems
}

// splitItem splits "pace8" into "pace" and "8".
func splitItem(item string) (id, value string) {
	i := len(item)
	for i > 0 && item[i-1] >= '0' && item[i-1] <= '9' {
		i--
	}
	id, value = item[:i], item[i:]
	for _, c := range id {
		if c < 'a' || c > 'z' {
			return "", value
		}
	}
	return id, value
}

// smallInt reads one to three decimal digits and nothing else.
func smallInt(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
