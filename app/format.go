package app

import (
	"strconv"

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

// itoa writes a whole number.
func itoa(n int) string { return strconv.Itoa(n) }
