package app

import (
	"math"
	"strconv"
	"strings"

	"leaving-amazon/essay"
)

// How the components write numbers and states that are not the essay's
// words: positions, reading times, slider values, and the class that hides
// an element but keeps its place.

// position says where a section stands: "3 of 9".
func position(i, n int) string {
	return strconv.Itoa(i+1) + " of " + strconv.Itoa(n)
}

// minutes gives a reading time: "2 min read".
func minutes(words int) string {
	return strconv.Itoa(essay.ReadingMinutes(words)) + " min read"
}

// atoi reads a slider's value; a value it cannot read is 0, clamped later.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// cellNumber reads a number typed into a cell of the decision's table:
// "7", " 7 ", "7.5" and "7,5" (rounded half up), and past the scale's ends
// clamped to 0–10. ok is false for what is not a number, such as the empty
// field of a reader retyping a value, which must change nothing: read as 0,
// it was saved as 0 at the first keystroke.
func cellNumber(s string) (n int, ok bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return int(math.Floor(min(max(f, 0), essay.MaxWeight) + 0.5)), true
}

// itoa writes a whole number.
func itoa(n int) string { return strconv.Itoa(n) }
