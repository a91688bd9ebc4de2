package essay

// Event is one point on the job-history timeline. Every event is drawn from
// the essay's own words: Quote is the passage it rests on, verbatim, and the
// tests check that it is there. Nothing is dated that the text leaves
// undated.
type Event struct {
	// When is the time as the text gives it, or "" where it gives none.
	When string
	// What happened, in our words.
	What string
	// Where, if the text says.
	Where string
	// Quote is the author's sentence the event comes from.
	Quote string
	// Section is the slug of the section holding Quote.
	Section string
}

// Timeline is the author's path as the essay tells it, in order.
var Timeline = []Event{
	{When: "", What: "Joins Amazon as SDE I", Where: "Edinburgh",
		Quote: "I joined Amazon when I was 23 yo, as SDE I (~ junior dev) in Edinburgh.", Section: "job-history"},
	{When: "2022", What: "Promoted to SDE II",
		Quote: "Those two projects led to my promotion to SDE II in 2022", Section: "job-history"},
	{When: "2023", What: "Promoted to SDE III",
		Quote: "in 2023 to SDE III (Senior Software Engineer).", Section: "job-history"},
	{When: "2023", What: "Moves to Prime Video", Where: "London",
		Quote: "In 2023 I joined Prime Video team in London.", Section: "job-history"},
	{When: "2nd half of 2025", What: "Decides to leave Amazon",
		Quote: "After 6 years at Amazon, in the second half of 2025, I realised that I no longer want to fight for another promotion at Amazon.", Section: "why-this-document"},
	{When: "January", What: "Starts at Wiz",
		Quote: "With around 50 applications I succeeded in getting a role at Wiz, where I started this January.", Section: "next-step"},
}
