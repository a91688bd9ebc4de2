//go:build !wasm

package essay_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"leaving-amazon/essay"
)

// The model fixture: two factors, each placed in its own section. Line
// numbers, which the errors below name, count from the top of each file.
//
// model.md: 1-5 front matter, 6 "## pace", 7 name, 8 explanation,
// 9 section, 10 quote, 11 stay, 12 leave, 13 weight, 14 blank,
// 15 "## network", 16 name, ... 20 stay, 21 leave, 22 weight.
//
// 01-a.md: 1-4 front matter, 5 text, 7 {{factor pace}}.
// 02-b.md: 1-4 front matter, 5 text, 7 {{factor network}}, 9 {{verdict panel}}.
const (
	modelMD = `---
stay: Stay here
leave: Leave now
conclusion: leave
---
## pace
name: Fast feedback
explanation: How soon the work meets its users.
section: a
quote: Everything takes longer
stay: 2
leave: 8
weight: 7

## network
name: The network
explanation: The people one knows.
section: b
quote: I would miss the people.
stay: 8
leave: 4
weight: 3
`
	modelSectionA = "---\nslug: a\ntitle: A\n---\nEverything *takes* longer, they say.\n\n{{factor pace}}\n"
	modelSectionB = "---\nslug: b\ntitle: B\n---\nI would miss the people.\n\n{{factor network}}\n\n{{verdict panel}}\n"
)

// change replaces old, which must occur in file, with new.
type change struct{ file, old, new string }

// modelFS returns the model fixture with the changes made: essay.md,
// 01-a.md, 02-b.md and model.md.
func modelFS(t *testing.T, changes ...change) fstest.MapFS {
	t.Helper()
	files := map[string]string{
		essay.MetaFile:  validMeta,
		"01-a.md":       modelSectionA,
		"02-b.md":       modelSectionB,
		essay.ModelFile: modelMD,
	}
	for _, c := range changes {
		s, ok := files[c.file]
		if !ok || !strings.Contains(s, c.old) {
			t.Fatalf("fixture: %q is not in %s", c.old, c.file)
		}
		files[c.file] = strings.Replace(s, c.old, c.new, 1)
	}
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

// checkErrors checks that err joins exactly the errors in want, in order,
// each an *essay.Error reading "essay: " and its entry (a hint may follow).
func checkErrors(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Parse succeeded; want errors:\n%s", strings.Join(want, "\n"))
	}
	var problems []string
	errs := joined(err)
	if got, want := len(errs), len(want); got != want {
		problems = append(problems, fmt.Sprintf("got %d errors, want %d", got, want))
	}
	for i, w := range want {
		if i >= len(errs) {
			problems = append(problems, "missing error: essay: "+w)
			continue
		}
		if got := errs[i].Error(); !strings.HasPrefix(got, "essay: "+w) {
			problems = append(problems, fmt.Sprintf("error %d:\n got: %s\nwant: essay: %s…", i, got, w))
		}
		var pe *essay.Error
		if !errors.As(errs[i], &pe) {
			problems = append(problems, fmt.Sprintf("error %d is not an *essay.Error", i))
		}
	}
	if len(problems) > 0 {
		t.Errorf("Parse error:\n%v\n\n%s", err, strings.Join(problems, "\n"))
	}
}

// TestParseModelFixture checks that the fixture the cases below break is
// itself valid, so that each case's errors are its own.
func TestParseModelFixture(t *testing.T) {
	if _, err := essay.Parse(modelFS(t)); err != nil {
		t.Fatalf("the model fixture does not parse:\n%v", err)
	}
}

// TestParseModelBroken checks that Parse rejects each kind of mistake in the
// model and in its placement in the sections, naming the file and line to
// look at.
func TestParseModelBroken(t *testing.T) {
	type tcase struct {
		name    string
		changes []change
		want    []string // as in TestParseBroken
	}
	cases := []tcase{
		{
			// The factor the section meant is then placed nowhere.
			name:    "section names an unknown factor",
			changes: []change{{"01-a.md", "{{factor pace}}", "{{factor risk}}"}},
			want: []string{
				`01-a.md:7: unknown factor "risk"`,
				`model.md:6: factor "pace" has no slider: place {{factor pace}} in 01-a.md`,
			},
		},
		{
			name:    "factor placed twice",
			changes: []change{{"01-a.md", "{{factor pace}}\n", "{{factor pace}}\n\n{{factor pace}}\n"}},
			want:    []string{`01-a.md:9: factor "pace" is placed twice`},
		},
		{
			name:    "factor placed twice in different sections",
			changes: []change{{"02-b.md", "{{verdict panel}}", "{{factor pace}}"}},
			want:    []string{`02-b.md:9: factor "pace" is placed twice`},
		},
		{
			name: "factor placed in the wrong section",
			changes: []change{
				{"01-a.md", "{{factor pace}}\n", "{{factor pace}}\n\n{{factor network}}\n"},
				{"02-b.md", "{{factor network}}\n\n", ""},
			},
			want: []string{`01-a.md:9: factor "network" belongs in section "b", which discusses it`},
		},
		{
			name:    "factor never placed",
			changes: []change{{"02-b.md", "{{factor network}}\n\n", ""}},
			want:    []string{`model.md:15: factor "network" has no slider: place {{factor network}} in 02-b.md`},
		},
		{
			name:    "quote from another section",
			changes: []change{{"model.md", "quote: I would miss the people.", "quote: Everything takes longer"}},
			want:    []string{`model.md:15: factor "network": the quote is not the author's words in section "b"`},
		},
		{
			name:    "quote paraphrased",
			changes: []change{{"model.md", "quote: I would miss the people.", "quote: I would miss people."}},
			want:    []string{`model.md:15: factor "network": the quote is not the author's words in section "b"`},
		},
		{
			// The quote is matched against plain text: the Markdown
			// markup of the section is not in it.
			name:    "quote with the section's markup",
			changes: []change{{"model.md", "quote: Everything takes longer", "quote: Everything *takes* longer"}},
			want:    []string{`model.md:6: factor "pace": the quote is not the author's words in section "a"`},
		},
		{
			// The slider in b is then in the wrong section too.
			name:    "section that does not exist",
			changes: []change{{"model.md", "section: b", "section: c"}},
			want: []string{
				`02-b.md:7: factor "network" belongs in section "c", which discusses it`,
				`model.md:15: factor "network": section "c" does not exist`,
			},
		},
		{
			name:    "unknown factor key",
			changes: []change{{"model.md", "weight: 7\n", "weight: 7\ncolour: red\n"}},
			want:    []string{`model.md:14: unknown factor key "colour" (known: name, explanation, section, quote, stay, leave, weight)`},
		},
		{
			name:    "duplicate key",
			changes: []change{{"model.md", "weight: 7\n", "weight: 7\nweight: 4\n"}},
			want:    []string{`model.md:14: factor "pace": weight given twice`},
		},
		{
			name:    "line without a colon",
			changes: []change{{"model.md", "weight: 7\n", "weight: 7\nweighty\n"}},
			want:    []string{`model.md:14: want "key: value", got "weighty"`},
		},
		{
			name:    "missing required key",
			changes: []change{{"model.md", "explanation: How soon the work meets its users.\n", ""}},
			want:    []string{`model.md:6: factor "pace": explanation is required`},
		},
		{
			// Reported at the factor's line, in the order of the keys.
			name: "several missing keys",
			changes: []change{
				{"model.md", "weight: 3\n", ""},
				{"model.md", "name: The network\n", ""},
			},
			want: []string{
				`model.md:15: factor "network": name is required`,
				`model.md:15: factor "network": weight is required`,
			},
		},
		{
			name:    "factor id in upper case",
			changes: []change{{"model.md", "## pace", "## Pace"}},
			want: []string{
				`model.md:6: factor id "Pace": use lower-case letters only`,
				`01-a.md:7: unknown factor "pace"`,
				`model.md:6: factor "Pace" has no slider`,
			},
		},
		{
			name: "factor id with digits",
			changes: []change{
				{"model.md", "## pace", "## pace2"},
				{"01-a.md", "{{factor pace}}", "{{factor pace2}}"},
			},
			want: []string{`model.md:6: factor id "pace2": use lower-case letters only`},
		},
		{
			name: "factor id with a hyphen",
			changes: []change{
				{"model.md", "## pace", "## fast-pace"},
				{"01-a.md", "{{factor pace}}", "{{factor fast-pace}}"},
			},
			want: []string{`model.md:6: factor id "fast-pace": use lower-case letters only`},
		},
		{
			name:    "empty factor id",
			changes: []change{{"model.md", "## pace", "## "}},
			want: []string{
				`model.md:6: factor id "": use lower-case letters only`,
				`01-a.md:7: unknown factor "pace"`,
				`model.md:6: factor "" has no slider`,
			},
		},
		{
			// The second "pace" takes network's place: network's
			// slider names an unknown factor.
			name:    "duplicate factor id",
			changes: []change{{"model.md", "## network", "## pace"}},
			want: []string{
				`model.md:15: factor "pace" given twice`,
				`02-b.md:7: unknown factor "network"`,
			},
		},
		{
			name:    "line before the first factor",
			changes: []change{{"model.md", "---\n## pace", "---\nname: Stray\n## pace"}},
			want:    []string{`model.md:6: want a "## id" line to start a factor, got "name: Stray"`},
		},
		{
			name:    "conclusion neither stay nor leave",
			changes: []change{{"model.md", "conclusion: leave", "conclusion: maybe"}},
			want:    []string{`model.md:4: front matter: conclusion must be "stay" or "leave"`},
		},
		{
			name:    "conclusion in upper case",
			changes: []change{{"model.md", "conclusion: leave", "conclusion: Leave"}},
			want:    []string{`model.md:4: front matter: conclusion must be "stay" or "leave"`},
		},
		{
			name:    "conclusion missing",
			changes: []change{{"model.md", "conclusion: leave\n", ""}},
			want:    []string{`model.md:1: front matter: conclusion must be "stay" or "leave"`},
		},
		{
			name:    "option name missing",
			changes: []change{{"model.md", "stay: Stay here\n", ""}},
			want:    []string{`model.md:1: front matter: stay (the option's name) is required`},
		},
		{
			name:    "unknown front-matter key",
			changes: []change{{"model.md", "conclusion: leave\n", "conclusion: leave\nrisk: high\n"}},
			want:    []string{`model.md:5: unknown front-matter key "risk" (known: stay, leave, conclusion)`},
		},
		{
			name: "no factors",
			changes: []change{
				{"model.md", modelMD[strings.Index(modelMD, "## pace"):], "# Nothing yet.\n"},
				{"01-a.md", "\n\n{{factor pace}}", ""},
				{"02-b.md", "{{factor network}}\n\n", ""},
			},
			want: []string{`model.md:6: the model has no factors`},
		},
		{
			name:    "unknown verdict",
			changes: []change{{"02-b.md", "{{verdict panel}}", "{{verdict nope}}"}},
			want:    []string{`02-b.md:9: unknown verdict "nope" (known: panel, balance)`},
		},
		{
			name:    "factor directive in upper case",
			changes: []change{{"01-a.md", "{{factor pace}}", "{{factor Pace}}"}},
			want: []string{
				`01-a.md:7: malformed directive "{{factor Pace}}"`,
				`model.md:6: factor "pace" has no slider`,
			},
		},
	}
	// Every score and weight must be a whole number from 0 to 10.
	for _, key := range []struct {
		name, line string
		n          int
	}{
		{"stay", "stay: 2\n", 11},
		{"leave", "leave: 8\n", 12},
		{"weight", "weight: 7\n", 13},
	} {
		for _, v := range []string{"11", "-1", "1.5", "NaN", "Inf", "1e1", "0x5", "+5", "1000", "٣", "seven"} {
			cases = append(cases, tcase{
				name:    fmt.Sprintf("%s %s", key.name, v),
				changes: []change{{"model.md", key.line, key.name + ": " + v + "\n"}},
				want:    []string{fmt.Sprintf(`model.md:%d: factor "pace": %s must be a whole number from 0 to 10, got %q`, key.n, key.name, v)},
			})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := essay.Parse(modelFS(t, tc.changes...))
			if e != nil {
				t.Errorf("Parse returned an essay along with its error")
			}
			checkErrors(t, err, tc.want)
		})
	}
}

// TestParseModelValid checks the model Parse builds, and the slider and
// verdict blocks it places in the sections.
func TestParseModelValid(t *testing.T) {
	txt := func(s string) essay.Inline { return essay.Inline{Kind: essay.Text, Text: s} }
	pace := essay.Factor{
		ID: "pace", Name: "Fast feedback", Explanation: "How soon the work meets its users.",
		Section: "a", Quote: "Everything takes longer", Scores: [2]int{2, 8}, Weight: 7, Line: 6,
	}
	network := essay.Factor{
		ID: "network", Name: "The network", Explanation: "The people one knows.",
		Section: "b", Quote: "I would miss the people.", Scores: [2]int{8, 4}, Weight: 3, Line: 15,
	}
	options := [2]essay.Option{{ID: "stay", Name: "Stay here"}, {ID: "leave", Name: "Leave now"}}
	blocksA := []essay.Block{
		{Kind: essay.Paragraph, ID: "a-p1", Line: 5, Inlines: []essay.Inline{
			txt("Everything "), {Kind: essay.Emphasis, Children: []essay.Inline{txt("takes")}}, txt(" longer, they say."),
		}},
		{Kind: essay.Slider, Name: "pace", Line: 7},
	}
	blocksB := []essay.Block{
		{Kind: essay.Paragraph, ID: "b-p1", Line: 5, Inlines: []essay.Inline{txt("I would miss the people.")}},
		{Kind: essay.Slider, Name: "network", Line: 7},
		{Kind: essay.Verdict, Name: "panel", Line: 9},
	}
	with := func(f essay.Factor, edit func(*essay.Factor)) essay.Factor {
		edit(&f)
		return f
	}

	for _, tc := range []struct {
		name    string
		fsys    func(t *testing.T) fstest.MapFS
		model   essay.Model
		blocksA []essay.Block
		blocksB []essay.Block
	}{
		{
			name:    "fixture",
			fsys:    func(t *testing.T) fstest.MapFS { return modelFS(t) },
			model:   essay.Model{Options: options, Factors: []essay.Factor{pace, network}, Conclusion: 1},
			blocksA: blocksA, blocksB: blocksB,
		},
		{
			name: "conclusion stay",
			fsys: func(t *testing.T) fstest.MapFS {
				return modelFS(t, change{"model.md", "conclusion: leave", "conclusion: stay"})
			},
			model:   essay.Model{Options: options, Factors: []essay.Factor{pace, network}, Conclusion: 0},
			blocksA: blocksA, blocksB: blocksB,
		},
		{
			name: "CRLF line endings",
			fsys: func(t *testing.T) fstest.MapFS {
				fsys := modelFS(t)
				fsys["model.md"].Data = []byte(strings.ReplaceAll(modelMD, "\n", "\r\n"))
				return fsys
			},
			model:   essay.Model{Options: options, Factors: []essay.Factor{pace, network}, Conclusion: 1},
			blocksA: blocksA, blocksB: blocksB,
		},
		{
			// Comments and blank lines are skipped; keys come in any
			// order, with spaces around; 0 and 10 are on the scale.
			name: "comments, key order and the ends of the scale",
			fsys: func(t *testing.T) fstest.MapFS {
				return modelFS(t,
					change{"model.md", "---\n## pace", "---\n# Our reading.\n\n## pace"},
					change{"model.md", "stay: 8\nleave: 4\nweight: 3\n", "weight:   0  \n\nleave: 10\n  stay :010\n"},
				)
			},
			model: essay.Model{Options: options, Conclusion: 1, Factors: []essay.Factor{
				with(pace, func(f *essay.Factor) { f.Line = 8 }),
				with(network, func(f *essay.Factor) { f.Line, f.Scores, f.Weight = 17, [2]int{10, 10}, 0 }),
			}},
			blocksA: blocksA, blocksB: blocksB,
		},
		{
			// A quote may run over a soft line break and across
			// emphasis: it is matched against the plain text.
			name: "quote across a line break",
			fsys: func(t *testing.T) fstest.MapFS {
				return modelFS(t, change{"01-a.md", "Everything *takes* longer", "Everything *takes*\nlonger"})
			},
			model: essay.Model{Options: options, Factors: []essay.Factor{pace, network}, Conclusion: 1},
			blocksA: []essay.Block{
				{Kind: essay.Paragraph, ID: "a-p1", Line: 5, Inlines: []essay.Inline{
					txt("Everything "), {Kind: essay.Emphasis, Children: []essay.Inline{txt("takes")}}, txt(" longer, they say."),
				}},
				{Kind: essay.Slider, Name: "pace", Line: 8},
			},
			blocksB: blocksB,
		},
		{
			name: "both verdicts and a spaced directive",
			fsys: func(t *testing.T) fstest.MapFS {
				return modelFS(t,
					change{"02-b.md", "{{factor network}}", "{{ factor network }}"},
					change{"02-b.md", "{{verdict panel}}\n", "{{verdict panel}}\n\n{{verdict balance}}\n"},
				)
			},
			model:   essay.Model{Options: options, Factors: []essay.Factor{pace, network}, Conclusion: 1},
			blocksA: blocksA,
			blocksB: append(append([]essay.Block(nil), blocksB...), essay.Block{Kind: essay.Verdict, Name: "balance", Line: 11}),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := essay.Parse(tc.fsys(t))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(e.Model, tc.model) {
				got, _ := json.MarshalIndent(e.Model, "", " ")
				want, _ := json.MarshalIndent(tc.model, "", " ")
				t.Errorf("model:\n got: %s\nwant: %s", got, want)
			}
			if got, want := len(e.Sections), 2; got != want {
				t.Fatalf("%d sections, want %d", got, want)
			}
			for i, want := range [][]essay.Block{tc.blocksA, tc.blocksB} {
				if got := e.Sections[i].Blocks; !reflect.DeepEqual(got, want) {
					g, _ := json.MarshalIndent(got, "", " ")
					w, _ := json.MarshalIndent(want, "", " ")
					t.Errorf("section %s blocks:\n got: %s\nwant: %s", e.Sections[i].Slug, g, w)
				}
			}
			// The model survives the trip through content.json, but
			// for the lines, which are kept too.
			b, err := essay.Encode(e)
			if err != nil {
				t.Fatal(err)
			}
			d, err := essay.Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Model, e.Model) {
				t.Errorf("Decode(Encode()) changed the model: %+v, was %+v", d.Model, e.Model)
			}
		})
	}
}

// TestParseWithoutModel checks that an essay without model.md parses, with
// an empty model, and that a slider in it then names an unknown factor.
func TestParseWithoutModel(t *testing.T) {
	fsys := modelFS(t, change{"01-a.md", "\n\n{{factor pace}}", ""}, change{"02-b.md", "{{factor network}}\n\n", ""})
	delete(fsys, essay.ModelFile)
	e, err := essay.Parse(fsys)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got := len(e.Model.Factors); got != 0 {
		t.Errorf("%d factors without a model file, want 0", got)
	}

	fsys = modelFS(t)
	delete(fsys, essay.ModelFile)
	_, err = essay.Parse(fsys)
	checkErrors(t, err, []string{`01-a.md:7: unknown factor "pace"`, `02-b.md:7: unknown factor "network"`})
}
