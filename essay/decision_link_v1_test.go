package essay_test

import (
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

// linkFixture is a decision and its link as the page wrote it in version 1
// (captured on 2026-12-02, before any later version): every such link must
// open as it did, whatever version the page writes now.
type linkFixture struct {
	Name    string   `json:"name"`
	Link    string   `json:"link"`
	Options []string `json:"options"`
	Factors []struct {
		Name   string `json:"name"`
		Note   string `json:"note"`
		Weight int    `json:"weight"`
		Scores []int  `json:"scores"`
	} `json:"factors"`
}

const v1Fixtures = "testdata/links-v1.json"

// v1Decisions are the decisions captured as version-1 links.
func v1Decisions() map[string]essay.Decision {
	m := essay.Content().Model
	out := map[string]essay.Decision{
		"the essay's model, our reading":    essay.NewDecision(m, m.AuthorWeights()),
		"the essay's model, every weight 0": essay.NewDecision(m, make(essay.Weights, len(m.Factors))),
		"one factor, names left empty":      {Factors: []essay.Criterion{{Weight: 5, Scores: []int{0, 10}}}},
		"names and notes in any script": {Options: []string{"Rester à Paris 🇫🇷", "東京へ行く"}, Factors: []essay.Criterion{
			{Name: "Famille & amis", Note: "« proche » — 10 min", Weight: 10, Scores: []int{9, 2}},
			{Name: "Salaire (€)", Note: "", Weight: 6, Scores: []int{5, 7}},
			{Name: "言語", Note: "日本語はまだ下手", Weight: 3, Scores: []int{10, 1}},
		}},
	}
	long := essay.Decision{Options: []string{strings.Repeat("a", essay.MaxNameLen), strings.Repeat("猫", essay.MaxNameLen)}}
	for i := range essay.MaxFactors {
		long.Factors = append(long.Factors, essay.Criterion{Name: strings.Repeat("f", 20), Note: strings.Repeat("n", 40), Weight: i % 11, Scores: []int{(i * 3) % 11, (i * 7) % 11}})
	}
	out["twenty factors at the caps"] = long
	return out
}

// TestV1Links: every version-1 link captured opens with its own names and
// numbers. go test ./essay -run TestV1Links -update captured them.
func TestV1Links(t *testing.T) {
	if *update {
		var fixtures []linkFixture
		decisions := v1Decisions()
		for _, name := range slices.Sorted(maps.Keys(decisions)) {
			d := decisions[name]
			f := linkFixture{Name: name, Link: encode(t, d), Options: d.Options[:]}
			for _, c := range d.Factors {
				f.Factors = append(f.Factors, struct {
					Name   string `json:"name"`
					Note   string `json:"note"`
					Weight int    `json:"weight"`
					Scores []int  `json:"scores"`
				}{c.Name, c.Note, c.Weight, c.Scores[:]})
			}
			fixtures = append(fixtures, f)
		}
		b, _ := json.MarshalIndent(fixtures, "", " ")
		if err := os.WriteFile(v1Fixtures, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(v1Fixtures)
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []linkFixture
	if err := json.Unmarshal(b, &fixtures); err != nil {
		t.Fatal(err)
	}
	if len(fixtures) < 5 {
		t.Fatalf("only %d fixtures", len(fixtures))
	}
	for _, f := range fixtures {
		t.Run(f.Name, func(t *testing.T) {
			if !strings.HasPrefix(f.Link, "1.") {
				t.Fatalf("not a version-1 link: %.20s…", f.Link)
			}
			d, err := essay.DecodeDecision(f.Link)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(d.Options)
			want, _ := json.Marshal(f.Options)
			if string(got) != string(want) || len(d.Factors) != len(f.Factors) {
				t.Fatalf("options %s with %d factors, want %s with %d", got, len(d.Factors), want, len(f.Factors))
			}
			for i, c := range d.Factors {
				w := f.Factors[i]
				if c.Name != w.Name || c.Note != w.Note || c.Weight != w.Weight || c.Scores[0] != w.Scores[0] || c.Scores[1] != w.Scores[1] {
					t.Errorf("factor %d: %+v, want %+v", i+1, c, w)
				}
			}
		})
	}
}
