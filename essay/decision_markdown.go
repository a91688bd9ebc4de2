package essay

import (
	"strconv"
	"strings"
	"time"
)

// DecisionMarkdown writes d, made with the essay titled essayTitle, as a
// Markdown decision document dated date (its calendar day, in date's
// location): the options, the factors in a table, and the verdict. The reader's text shows as typed in any Markdown
// renderer: it is escaped, never read as Markdown or HTML. d is cleaned as
// Clean does first.
func DecisionMarkdown(d Decision, essayTitle string, date time.Time) string {
	d = d.Clean()
	r, fr := d.Rank(), d.Fragility()
	opt := make([]string, len(d.Options))
	for i := range opt {
		opt[i] = optionName(d, i)
	}

	var b strings.Builder
	b.WriteString("# My decision: " + strings.Join(opt, " or ") + "\n\n")
	b.WriteString("Date: " + date.Format("2006-01-02") + "\n\n")

	b.WriteString("## Options\n\n")
	for i, o := range opt {
		b.WriteString(strconv.Itoa(i+1) + ". " + o + "\n")
	}
	b.WriteString("\n## Factors\n\n")
	if len(d.Factors) == 0 {
		b.WriteString("No factors.\n\n")
	} else {
		b.WriteString("Weights and scores are 0 to 10.\n\n")
		b.WriteString("| Factor | Weight | " + strings.Join(opt, " | ") + " | Note |\n")
		b.WriteString("| --- | ---: |" + strings.Repeat(" ---: |", len(opt)) + " --- |\n")
		for i, c := range d.Factors {
			b.WriteString("| " + factorName(d, i) + " | " + strconv.Itoa(c.Weight))
			for _, sc := range c.Scores {
				b.WriteString(" | " + strconv.Itoa(sc))
			}
			b.WriteString(" | " + markdownText(c.Note) + " |\n")
		}
		b.WriteString("\n")
	}

	b.WriteString("## Verdict\n\n")
	switch {
	case len(d.Factors) == 0:
		b.WriteString("No verdict: there are no factors to weigh.\n\n")
	case r.NoWeights:
		b.WriteString(noWeightsWords + "every weight is 0.\n\n")
	default:
		if r.Winner < 0 {
			b.WriteString(tieWords(r.Scores[r.Order[0]]) + "\n\n")
		} else {
			b.WriteString(aheadWords(opt[r.Winner], r.Margin, r.CloseCall) + "\n\n")
		}
		for _, o := range r.Order {
			b.WriteString("- " + opt[o] + ": " + FormatScore(r.Scores[o]) + " of 10\n")
		}
		b.WriteString("\n")
		if fr.Found {
			b.WriteString(cheapestMove(d, fr.Smallest, factorName, optionName) + "\n\n")
		} else {
			b.WriteString(NoSingleNumberWords + "\n\n")
		}
	}

	b.WriteString("---\n\n")
	b.WriteString("Made with the interactive essay “" + markdownText(essayTitle) +
		"”, starting from its reading of the author’s decision.\n")
	return b.String()
}

// optionName is option i's name, escaped, or a placeholder for an empty one.
func optionName(d Decision, i int) string {
	return orPlaceholder(markdownText(d.Options[i]), "Option", i)
}

// factorName is factor i's name, escaped, or a placeholder for an empty one.
func factorName(d Decision, i int) string {
	return orPlaceholder(markdownText(d.Factors[i].Name), "Factor", i)
}

// markdownText escapes the reader's text so that any Markdown renderer
// shows it as typed, in a paragraph, a heading, a list item or a table cell.
// The characters HTML reads become entities; every ASCII punctuation
// character that CommonMark, GitHub Flavored Markdown (tables, strikethrough)
// or common extensions ($ for maths) read as markup gets a backslash, which
// CommonMark defines for any ASCII punctuation. Runs of spaces become one
// and the ends are trimmed: a renderer would collapse them, and four
// leading spaces can start a code block.
func markdownText(s string) string {
	var b strings.Builder
	for i, word := range strings.Fields(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, r := range word {
			switch r {
			case '&':
				b.WriteString("&amp;")
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', '$':
				b.WriteByte('\\')
				b.WriteRune(r)
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
