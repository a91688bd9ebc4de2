package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// ourTitleWords is the note beside a title the author did not write (the
// front matter's "title_source: ours").
const ourTitleWords = "Our title, not the author’s"

// ourTitleNote says, right under a heading, that the heading is ours. Not
// inside it: the heading stays the title, as the contents and the pager
// name it; the heading points to the note with aria-describedby.
func ourTitleNote(id string) app.UI {
	return app.P().ID(id).Class("title-ours").Text(ourTitleWords)
}
