package essay

// Merge joins two changes made to one decision, base, in two tabs: mine
// (this tab's) and theirs (another tab's, saved first). Each field (an
// option's name, a factor's name, note, weight or a score) takes the side
// that changed it; ok is false when both changed one field differently, or
// when either side changed the decision's shape: the number of options or
// factors, or their order (a move changes the names at two places, so any
// side that renamed more than one option, or more than one factor, is taken
// for a move). Then the reader chooses, as before: a merge that pinned a
// weight on the wrong factor would lose their work quietly.
func Merge(base, mine, theirs Decision) (merged Decision, ok bool) {
	if !sameShape(base, mine) || !sameShape(base, theirs) {
		return Decision{}, false
	}
	merged = Decision{Options: make([]string, len(base.Options)), Factors: make([]Criterion, len(base.Factors))}
	ok = true
	for i := range base.Options {
		merged.Options[i] = pick(base.Options[i], mine.Options[i], theirs.Options[i], &ok)
	}
	for j, b := range base.Factors {
		m, t := mine.Factors[j], theirs.Factors[j]
		c := Criterion{Name: pick(b.Name, m.Name, t.Name, &ok), Note: pick(b.Note, m.Note, t.Note, &ok),
			Weight: pick(b.Weight, m.Weight, t.Weight, &ok), Scores: make([]int, len(b.Scores))}
		for o := range b.Scores {
			c.Scores[o] = pick(b.Scores[o], m.Scores[o], t.Scores[o], &ok)
		}
		merged.Factors[j] = c
	}
	if !ok {
		return Decision{}, false
	}
	return merged, true
}

// sameShape reports whether d has base's options and factors, in the same
// number and order: at most one option and one factor renamed, and every
// factor with a score per option.
func sameShape(base, d Decision) bool {
	if len(d.Options) != len(base.Options) || len(d.Factors) != len(base.Factors) {
		return false
	}
	renamed := 0
	for i := range base.Options {
		if d.Options[i] != base.Options[i] {
			renamed++
		}
	}
	if renamed > 1 {
		return false
	}
	renamed = 0
	for j := range base.Factors {
		if d.Factors[j].Name != base.Factors[j].Name {
			renamed++
		}
		if len(d.Factors[j].Scores) != len(base.Factors[j].Scores) {
			return false
		}
	}
	return renamed <= 1
}

// pick is one field's merge: the side that changed it, or false in *ok
// when both did, differently.
func pick[T comparable](base, mine, theirs T, ok *bool) T {
	switch {
	case mine == base:
		return theirs
	case theirs == base, theirs == mine:
		return mine
	}
	*ok = false
	return mine
}
