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
	{When: "", What: "Joins Amazon as SDE I", Where: "Edinburgh", Section: "job-history", Quote: "I joined Amazon when I was 23 yo, as SDE I (~ junior dev) in Edinburgh."},
	{When: "2022", What: "Promoted to SDE II", Section: "job-history", Quote: "Those two projects led to my promotion to SDE II in 2022"},
	{When: "2023", What: "Promoted to SDE III", Section: "job-history", Quote: "in 2023 to SDE III (Senior Software Engineer)."},
	{When: "2023", What: "Moves to Prime Video", Where: "London", Section: "job-history", Quote: "In 2023 I joined Prime Video team in London."},
	{When: "2nd half of 2025", What: "Decides to leave Amazon", Section: "why-this-document", Quote: "After 6 years at Amazon, in the second half of 2025, I realised that I no longer want to fight for another promotion at Amazon. By staying for another year at Amazon in an attempt to get promoted to Principal Engineer, I would miss out on an opportunity to grow as a software engineer in the direction I want. So I decided to leave Amazon instead."},
	{When: "January", What: "Starts at Wiz", Section: "next-step", Quote: "With around 50 applications I succeeded in getting a role at Wiz, where I started this January."},
}
