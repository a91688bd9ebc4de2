package essay_test

import (
	"testing"

	"leaving-amazon/essay"
)

// TestResultWords: the words of each kind of result, as every page and the
// Markdown export show them.
func TestResultWords(t *testing.T) {
	m := threeFactors()
	none := essay.Result{NoWeights: true, Winner: -1, Cheapest: -1}
	tie := essay.Result{Scores: [2]float64{5.5, 5.5}, Winner: -1, Cheapest: -1}
	leave := essay.Result{Scores: [2]float64{3.93, 6.33}, Winner: 1, Margin: 2.4, Cheapest: 0,
		Tipping: []essay.Tipping{{Flip: 1}, {Never: true, Flip: -1}, {Never: true, Flip: -1}}}
	close := essay.Result{Scores: [2]float64{5.23, 5.69}, Winner: 1, Margin: 0.46, CloseCall: true, Cheapest: -1}
	for _, tc := range []struct {
		name                        string
		r                           essay.Result
		verdict, short, id, balance string
	}{
		{"no weights", none, "No weights are set: move a slider to weigh the options.", "no weights set", "none",
			"With every weight at zero, nothing tips the balance."},
		{"tie", tie, "A tie: the leading options score 5.5 of 10 each.", "a tie", "tie",
			"Your weights leave the two options level, at 5.5 of 10 each."},
		{"leave", leave, "“Leave” comes out ahead, by 2.4 points of 10.", "leave, by 2.4", "leave",
			"Your weights tip the balance towards “Leave”, by 2.4 points of 10, as the author concluded."},
		{"close call", close, "“Leave” comes out ahead, by 0.5 points of 10.", "leave, by 0.5 (close call)", "leave",
			"Your weights tip the balance towards “Leave”, by 0.5 points of 10, as the author concluded."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []struct{ what, got, want string }{
				{"VerdictWords", essay.VerdictWords(m, tc.r), tc.verdict},
				{"ShortVerdict", essay.ShortVerdict(m, tc.r), tc.short},
				{"VerdictID", essay.VerdictID(m, tc.r), tc.id},
				{"BalanceWords", essay.BalanceWords(m, tc.r, true), tc.balance},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
	stay := leave
	stay.Winner = 0
	for _, c := range []struct{ name, got, want string }{
		{"the author's balance", essay.BalanceWords(m, leave, false), "Our reading of the author’s weights tips the balance towards “Leave”, by 2.4 points of 10."},
		{"the author's tie", essay.BalanceWords(m, tie, false), "Our reading of the author’s weights leaves the two options level, at 5.5 of 10 each."},
		{"against the author", essay.BalanceWords(m, stay, true), "Your weights tip the balance towards “Stay”, by 2.4 points of 10, unlike the author’s conclusion."},
		{"the reader's verdict", essay.VerdictOwner(true), "Your verdict"},
		{"the author's verdict", essay.VerdictOwner(false), "The author’s verdict, as we read it"},
		{"the decision page, untouched", essay.DecisionOwner(essay.OwnerAuthor), "The author’s verdict, as we read it"},
		{"the decision page, the reader's", essay.DecisionOwner(essay.OwnerReader), "Your verdict"},
		{"the decision page, a link's", essay.DecisionOwner(essay.OwnerLink), "The linked decision’s verdict"},
		{"the decision page, another tab's", essay.DecisionOwner(essay.OwnerOtherTab), "The other tab’s verdict"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
	if got, want := essay.CheapestWords(m, essay.Weights{8, 2, 5}, leave), "The smallest single move that changes the verdict: the weight of “Growth” from 8 to 1."; got != want {
		t.Errorf("CheapestWords = %q, want %q", got, want)
	}
	if got, want := essay.CheapestWords(m, essay.Weights{0, 2, 5}, leave), "The smallest single move that changes the verdict: the weight of “Growth” from 0 to 1."; got != want {
		t.Errorf("CheapestWords = %q, want %q", got, want)
	}
	if got, want := essay.CheapestWords(m, nil, close), "No single weight, moved alone, changes the verdict."; got != want {
		t.Errorf("CheapestWords = %q, want %q", got, want)
	}
}

// TestDecisionWords: the words of a reader's decision, placeholders for
// empty names included.
func TestDecisionWords(t *testing.T) {
	d := essay.Decision{Options: []string{"Stay", ""}, Factors: []essay.Criterion{{Name: "", Weight: 6, Scores: []int{3, 7}}}}
	won := essay.Ranking{Scores: []float64{3, 7}, Order: []int{1, 0}, Winner: 1, Margin: 4}
	for _, tc := range []struct{ name, got, want string }{
		{"verdict", essay.DecisionVerdict(d, won), "“Option 2” comes out ahead, by 4.0 points of 10."},
		{"close call", essay.DecisionVerdict(d, essay.Ranking{Winner: 0, Margin: 0.5, CloseCall: true}), "“Stay” comes out ahead, by 0.5 points of 10. A close call."},
		{"tie", essay.DecisionVerdict(d, essay.Ranking{Winner: -1, Scores: []float64{5, 5}, Order: []int{0, 1}}), "A tie: the leading options score 5.0 of 10 each."},
		{"none", essay.DecisionVerdict(d, essay.Ranking{Winner: -1, NoWeights: true}), "No weights are set: weigh at least one factor."},
		{"cheapest", essay.DecisionCheapest(d, essay.Fragility{Found: true, Smallest: essay.Move{Factor: 0, Option: -1, From: 6, To: 0}}),
			"The smallest single move that changes the verdict: the weight of “Factor 1” from 6 to 0."},
		{"cheapest score", essay.DecisionCheapest(d, essay.Fragility{Found: true, Smallest: essay.Move{Factor: 0, Option: 1, From: 7, To: 3}}),
			"The smallest single move that changes the verdict: the score of “Option 2” on “Factor 1” from 7 to 3."},
		{"no cheapest", essay.DecisionCheapest(d, essay.Fragility{}), "No single weight or score, moved alone, changes the verdict."},
		{"sensitivity", essay.SensitivityWords(d, essay.Sensitivity{Weight: 0, Scores: []int{-1, 2}}, 1),
			"Moved alone, this factor changes the verdict if its weight goes to 0 or if the score for “Option 2” goes to 2."},
		{"sensitivity, none", essay.SensitivityWords(d, essay.Sensitivity{Weight: -1, Scores: []int{-1, -1}}, 1),
			"Moved alone, this factor never changes the verdict."},
		{"sensitivity, tie", essay.SensitivityWords(d, essay.Sensitivity{}, -1), "A tie: a move of any number that breaks it decides the verdict."},
		{"tipping", essay.TippingWords(essay.Tipping{Flip: 3}), "Moved alone, this factor changes the verdict if its weight goes to 3."},
		{"never tips", essay.TippingWords(essay.Tipping{Never: true, Flip: -1}), "Moved alone, this factor never changes the verdict."},
		{"sentence", essay.Sentence("the link holds no decision"), "The link holds no decision"},
		// One phrasing on the sections and the decision page: the same
		// move is said the same way on both.
		{"a weight's move, both pages", essay.TippingWords(essay.Tipping{Flip: 3}),
			essay.SensitivityWords(d, essay.Sensitivity{Weight: 3, Scores: []int{-1, -1}}, 1)},
		{"the smallest move, both pages",
			essay.CheapestWords(essay.Model{Factors: []essay.Factor{{Name: "Factor 1"}}}, essay.Weights{6}, essay.Result{Cheapest: 0, Tipping: []essay.Tipping{{Flip: 0}}}),
			essay.DecisionCheapest(d, essay.Fragility{Found: true, Smallest: essay.Move{Factor: 0, Option: -1, From: 6, To: 0}})},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
