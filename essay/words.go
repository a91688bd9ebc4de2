package essay

import (
	"strconv"
	"strings"
)

// The words of a result: verdict, margin, close call, tipping. The essay
// owns them, so that the page, its components and the Markdown export say
// the same thing the same way; components render these strings and never
// re-phrase them.

// FormatScore writes a score or a margin with one decimal: "6.4".
func FormatScore(f float64) string {
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// ScoreWords says a 0–10 score: "7 of 10".
func ScoreWords(s int) string { return strconv.Itoa(s) + " of 10" }

// CloseCallWords is what a close call is called.
const CloseCallWords = "A close call."

// VerdictWords says the essay's verdict with the reader's weights: "“Leave
// Amazon for another company” comes out ahead, by 3.5 points of 10." The
// panel adds the close call on its own (app/verdict.go).
func VerdictWords(m Model, r Result) string {
	if s, ok := undecided(r, noWeightsWords+"move a slider to weigh the options.", tieWords(r.Scores[0])); ok {
		return s
	}
	return aheadWords("“"+m.Options[r.Winner].Name+"”", r.Margin, false)
}

// noWeightsWords starts what is said when every weight is 0.
const noWeightsWords = "No weights are set: "

// undecided returns the words for a result without a winner: none, when
// no weight is set, or tie; ok is false when an option wins.
func undecided(r Result, none, tie string) (words string, ok bool) {
	switch {
	case r.NoWeights:
		return none, true
	case r.Winner < 0:
		return tie, true
	}
	return "", false
}

// ShortVerdict is the verdict in a few words, for the compact indicator:
// "leave, by 3.5 (close call)".
func ShortVerdict(m Model, r Result) string {
	if s, ok := undecided(r, "no weights set", "a tie"); ok {
		return s
	}
	s := m.Options[r.Winner].ID + ", by " + FormatScore(r.Margin)
	if r.CloseCall {
		s += " (close call)"
	}
	return s
}

// VerdictID names the verdict for a page that embeds the essay: an option's
// id, "tie" or "none".
func VerdictID(m Model, r Result) string {
	if s, ok := undecided(r, "none", "tie"); ok {
		return s
	}
	return m.Options[r.Winner].ID
}

// VerdictOwner says whose verdict a result is: the reader's once they have
// changed a weight; until then, our reading of the author's.
func VerdictOwner(yours bool) string {
	if yours {
		return "Your verdict"
	}
	return "The author’s verdict, as we read it"
}

// Whose decision the decision page shows, for DecisionOwner.
const (
	// OwnerAuthor: our reading of the author's decision, with our reading
	// of the author's weights, which the reader has not changed.
	OwnerAuthor = iota
	// OwnerReader: the reader's own, or our reading with their weights.
	OwnerReader
	// OwnerLink: a link's decision, not yet the reader's.
	OwnerLink
	// OwnerOtherTab: the decision another tab saved, awaiting a choice.
	OwnerOtherTab
)

// DecisionOwner says whose verdict the decision page shows: the same
// words as the essay's pages while it is our reading of the author's.
func DecisionOwner(whose int) string {
	switch whose {
	case OwnerAuthor:
		return VerdictOwner(false)
	case OwnerLink:
		return "The linked decision’s verdict"
	case OwnerOtherTab:
		return "The other tab’s verdict"
	}
	return VerdictOwner(true)
}

// BalanceWords is the live sentence beside the author's "This trade-off
// seems acceptable to me": where the weights put the balance, the reader's
// once they have changed one, until then our reading of the author's. One
// shape of sentence whatever the weights, so that its length, and the
// page's layout, barely change with them.
func BalanceWords(m Model, r Result, yours bool) string {
	whose, tips, leaves := "Our reading of the author’s weights", " tips", " leaves"
	if yours {
		whose, tips, leaves = "Your weights", " tip", " leave"
	}
	if s, ok := undecided(r, "With every weight at zero, nothing tips the balance.",
		whose+leaves+" the two options level, at "+FormatScore(r.Scores[0])+" of 10 each."); ok {
		return s
	}
	s := whose + tips + " the balance towards “" + m.Options[r.Winner].Name + "”, by " + FormatScore(r.Margin) + " points of 10"
	// The reader's sentences are as long as ours, give or take a word: a
	// takeover with the reader's weights moves nothing below.
	switch {
	case !yours:
		return s + "."
	case r.Winner == m.Conclusion:
		return s + ", as the author concluded."
	}
	return s + ", unlike the author’s conclusion."
}

// ScoresWords says both options' scores, for the chart's text alternative:
// "Stay 4.1 of 10, Leave 6.2 of 10".
func ScoresWords(m Model, r Result) string {
	return m.Options[0].Name + " " + FormatScore(r.Scores[0]) + " of 10, " + m.Options[1].Name + " " + FormatScore(r.Scores[1]) + " of 10"
}

// AuthorWords says the author's conclusion, and where our reading of the
// author's weights puts each option.
func AuthorWords(m Model) string {
	author := Evaluate(m, m.AuthorWeights())
	return "The author’s conclusion: " + m.Options[m.Conclusion].Name + ". With our reading of the author’s weights (▲): " +
		m.Options[0].Name + " " + FormatScore(author.Scores[0]) + ", " + m.Options[1].Name + " " + FormatScore(author.Scores[1]) + "."
}

// CheapestWords names the one weight whose smallest move changes the
// verdict: "The smallest single move that changes the verdict: the weight
// of “Pace” from 8 to 2." The panel keeps a sentence whatever the weights,
// so that its height does not change.
func CheapestWords(m Model, w Weights, r Result) string {
	i := r.Cheapest
	if i < 0 {
		return NoSingleWeightWords
	}
	return smallestMoveWords("the weight of “"+m.Factors[i].Name+"”", weightAt(w, i), r.Tipping[i].Flip)
}

// smallestMoveWords is the one phrasing of the smallest single move that
// changes a verdict, for the sections and the decision page alike.
func smallestMoveWords(what string, from, to int) string {
	return "The smallest single move that changes the verdict: " + what + " from " + strconv.Itoa(from) + " to " + strconv.Itoa(to) + "."
}

// NoSingleWeightWords says that no one weight, moved alone, changes the
// verdict.
const NoSingleWeightWords = "No single weight, moved alone, changes the verdict."

// The one phrasing of what moving one factor alone does to the verdict,
// for the sections' sliders and the decision page alike.
const (
	movedAlone = "Moved alone, this factor "
	// NeverTipsWords: no change to the factor alone changes the verdict.
	NeverTipsWords = movedAlone + "never changes the verdict."
)

// TippingWords says where a factor's weight, moved alone, changes the
// verdict: "Moved alone, this factor changes the verdict if its weight
// goes to 9."
func TippingWords(t Tipping) string {
	if t.Never {
		return NeverTipsWords
	}
	return changesIfWords([]string{weightGoesTo(t.Flip)})
}

// weightGoesTo is a move of a factor's weight, for changesIfWords.
func weightGoesTo(w int) string { return "its weight goes to " + strconv.Itoa(w) }

// changesIfWords says which moves of one factor's numbers, each alone,
// change the verdict; none, and it never does.
func changesIfWords(moves []string) string {
	switch len(moves) {
	case 0:
		return NeverTipsWords
	case 1:
		return movedAlone + "changes the verdict if " + moves[0] + "."
	}
	return movedAlone + "changes the verdict if " + strings.Join(moves[:len(moves)-1], ", if ") + " or if " + moves[len(moves)-1] + "."
}

// capitalFirst capitalises an ASCII first letter: the words here are ours,
// in English, and ASCII spares the browser bundle Unicode's case tables.
func capitalFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// Sentence makes an error message start as a sentence, for a notice.
func Sentence(s string) string { return capitalFirst(s) }

// The words of a reader's decision.

// OptionLabel is option i's name, or its placeholder when empty.
func OptionLabel(d Decision, i int) string { return orPlaceholder(d.Options[i], "Option", i) }

// FactorLabel is factor i's name, or its placeholder when empty.
func FactorLabel(d Decision, i int) string { return orPlaceholder(d.Factors[i].Name, "Factor", i) }

// orPlaceholder is name, or "<kind> <i+1>" when it is empty.
func orPlaceholder(name, kind string, i int) string {
	if name == "" {
		return kind + " " + strconv.Itoa(i+1)
	}
	return name
}

// aheadWords says which option comes out ahead, named as given.
func aheadWords(name string, margin float64, close bool) string {
	s := name + " comes out ahead, by " + FormatScore(margin) + " points of 10."
	if close {
		s += " " + CloseCallWords
	}
	return s
}

// tieWords says a tie at the top, with the score the tied options share.
func tieWords(score float64) string {
	return "A tie: the leading options score " + FormatScore(score) + " of 10 each."
}

// DecisionVerdict says the verdict of a reader's decision: "“Go” comes out
// ahead, by 1.2 points of 10. A close call."
func DecisionVerdict(d Decision, r Ranking) string {
	switch {
	case r.NoWeights:
		return noWeightsWords + "weigh at least one factor."
	case r.Winner < 0:
		return tieWords(r.Scores[r.Order[0]])
	}
	return aheadWords("“"+OptionLabel(d, r.Winner)+"”", r.Margin, r.CloseCall)
}

// DecisionCheapest names the smallest single change of one number, a
// weight or a score, that changes the verdict of a reader's decision.
func DecisionCheapest(d Decision, fr Fragility) string {
	if !fr.Found {
		return NoSingleNumberWords
	}
	return cheapestMove(d, fr.Smallest, FactorLabel, OptionLabel)
}

// NoSingleNumberWords says that no one number, moved alone, changes the
// verdict of a reader's decision.
const NoSingleNumberWords = "No single weight or score, moved alone, changes the verdict."

// cheapestMove says the smallest single move that changes a decision's
// verdict, with names as factor and option give them (plain for the page,
// escaped for Markdown).
func cheapestMove(d Decision, m Move, factor, option func(Decision, int) string) string {
	what := "the weight of “" + factor(d, m.Factor) + "”"
	if m.Option >= 0 {
		what = "the score of “" + option(d, m.Option) + "” on “" + factor(d, m.Factor) + "”"
	}
	return smallestMoveWords(what, m.From, m.To)
}

// SensitivityWords says how far a factor's numbers are from changing the
// verdict of a reader's decision.
func SensitivityWords(d Decision, s Sensitivity, winner int) string {
	if winner < 0 {
		return "A tie: a move of any number that breaks it decides the verdict."
	}
	var moves []string
	if s.Weight >= 0 {
		moves = append(moves, weightGoesTo(s.Weight))
	}
	for o := range s.Scores {
		if o < len(d.Options) && s.Scores[o] >= 0 {
			moves = append(moves, "the score for “"+OptionLabel(d, o)+"” goes to "+strconv.Itoa(s.Scores[o]))
		}
	}
	return changesIfWords(moves)
}

// FragilityWords says whether the verdict of a reader's decision survives
// a change of one point to any single score.
func FragilityWords(r Ranking, fr Fragility) string {
	switch {
	case r.Winner < 0:
		return "No option leads, so there is nothing to hold."
	case fr.Robust:
		return "Robust: no single score moved by one point changes the verdict."
	}
	return "Fragile: a single score moved by one point can change the verdict."
}

// RangeWords says where factor f's weight keeps the verdict of a reader's
// decision, and what happens outside that range: "“Pay”: the verdict holds
// with its weight from 3 to 10 (now 6); below 3, “Stay” wins."
func RangeWords(d Decision, f int, rg WeightRange) string {
	s := "“" + FactorLabel(d, f) + "”: the verdict holds with its weight from " + strconv.Itoa(rg.Lo) + " to " +
		strconv.Itoa(rg.Hi) + " (now " + strconv.Itoa(d.Factors[f].Weight) + ")"
	var outside []string
	if rg.Below != -2 {
		outside = append(outside, "below "+strconv.Itoa(rg.Lo)+", "+winsWords(d, rg.Below))
	}
	if rg.Above != -2 {
		outside = append(outside, "above "+strconv.Itoa(rg.Hi)+", "+winsWords(d, rg.Above))
	}
	if len(outside) == 0 {
		return s + ", the whole scale."
	}
	return s + "; " + strings.Join(outside, "; ") + "."
}

// winsWords says who wins: an option, or nobody.
func winsWords(d Decision, winner int) string {
	if winner < 0 {
		return "no option leads"
	}
	return "“" + OptionLabel(d, winner) + "” wins"
}
