package app

import (
	"testing"

	"leaving-amazon/essay"
)

// TestDecisionWhose: the decision page's verdict is ours until the reader
// changes something, and names a link's or another tab's decision as such.
func TestDecisionWhose(t *testing.T) {
	m := essay.Content().Model
	author := essay.NewDecision(m, m.AuthorWeights())
	theirs := m.AuthorWeights()
	theirs[0] = (theirs[0] + 1) % (essay.MaxWeight + 1)
	other := essay.NewDecision(m, theirs)
	for _, tc := range []struct {
		name string
		s    decisionState
		want int
	}{
		{"our reading, untouched", decisionState{d: author}, essay.OwnerAuthor},
		{"the reader's weights from the essay", decisionState{d: other}, essay.OwnerReader},
		{"saved, even as ours", decisionState{d: author, saved: true}, essay.OwnerReader},
		{"a link's, not kept", decisionState{d: author, saved: true, linked: true}, essay.OwnerLink},
		{"a link's, awaiting a choice", decisionState{d: author, saved: true, shared: &other}, essay.OwnerLink},
		{"another tab's", decisionState{d: author, saved: true, shared: &other, fromTab: true}, essay.OwnerOtherTab},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.whose(m); got != tc.want {
				t.Errorf("whose = %d (%q), want %d (%q)", got, essay.DecisionOwner(got), tc.want, essay.DecisionOwner(tc.want))
			}
		})
	}
}
