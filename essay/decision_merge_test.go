package essay_test

import (
	"testing"

	"leaving-amazon/essay"
)

func TestMerge(t *testing.T) {
	base := essay.Decision{Options: []string{"Stay", "Go"}, Factors: []essay.Criterion{
		{Name: "Pay", Weight: 5, Scores: []int{5, 5}},
		{Name: "Sea", Weight: 5, Scores: []int{5, 5}},
	}}
	edit := func(f func(d *essay.Decision)) essay.Decision {
		d := essay.Decision{Options: append([]string(nil), base.Options...)}
		for _, c := range base.Factors {
			c.Scores = append([]int(nil), c.Scores...)
			d.Factors = append(d.Factors, c)
		}
		f(&d)
		return d
	}
	renameOption := edit(func(d *essay.Decision) { d.Options[0] = "Stay on" })
	note := edit(func(d *essay.Decision) { d.Factors[1].Note = "near" })
	both := edit(func(d *essay.Decision) { d.Options[0] = "Stay on"; d.Factors[1].Note = "near" })
	weight := edit(func(d *essay.Decision) { d.Factors[0].Weight = 9 })
	otherWeight := edit(func(d *essay.Decision) { d.Factors[0].Weight = 2 })
	moved := edit(func(d *essay.Decision) { d.Factors[0], d.Factors[1] = d.Factors[1], d.Factors[0] })
	movedOptions := edit(func(d *essay.Decision) {
		d.Options[0], d.Options[1] = d.Options[1], d.Options[0]
		for j := range d.Factors {
			d.Factors[j].Scores[0], d.Factors[j].Scores[1] = d.Factors[j].Scores[1], d.Factors[j].Scores[0]
		}
	})
	added := edit(func(d *essay.Decision) {
		d.Factors = append(d.Factors, essay.Criterion{Name: "New", Scores: []int{1, 1}})
	})
	for _, tc := range []struct {
		name         string
		mine, theirs essay.Decision
		want         essay.Decision
		ok           bool
	}{
		{"different fields: both kept", note, renameOption, both, true},
		{"the other way round", renameOption, note, both, true},
		{"the same change in both", weight, weight, weight, true},
		{"one field changed differently", weight, otherWeight, essay.Decision{}, false},
		{"nothing changed here", base, note, note, true},
		{"theirs moved a factor", note, moved, essay.Decision{}, false},
		{"mine moved a factor", moved, note, essay.Decision{}, false},
		{"theirs moved an option", weight, movedOptions, essay.Decision{}, false},
		{"theirs added a factor", note, added, essay.Decision{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := essay.Merge(base, tc.mine, tc.theirs)
			if ok != tc.ok || (ok && !got.Equal(tc.want)) {
				t.Errorf("Merge = %+v, %v; want %+v, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}
