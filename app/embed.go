package app

import (
	"html"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Embedding: a section can be shown in another site's page, in an iframe
// that web/static/embed.js sizes to its content. The embed mode itself is CSS
// (html.embed, set by web/static/page.js before the first paint when the page is
// framed or has ?embed=1): the app renders the same page either way, so
// nothing moves when it takes over.

// embedCode is the "Embed this section" control: the snippet to paste
// into a site, and a button that copies it. web/static/page.js fills in the
// absolute addresses and does the copying, so that it works before the
// app arrives too.
type embedCode struct {
	app.Compo

	Iessay   *essay.Essay
	Iprefix  string
	Isection int
}

func newEmbedCode() *embedCode { return &embedCode{} }

// Essay sets the essay.
func (c *embedCode) Essay(e *essay.Essay) *embedCode { c.Iessay = e; return c }

// Prefix sets the path the essay is served under ("" at a site's root).
func (c *embedCode) Prefix(p string) *embedCode { c.Iprefix = p; return c }

// Section sets the section the snippet embeds.
func (c *embedCode) Section(i int) *embedCode { c.Isection = i; return c }

func (c *embedCode) Render() app.UI {
	e := c.Iessay
	page := c.Iprefix + e.Path(c.Isection)
	title := e.Sections[c.Isection].Title
	script := c.Iprefix + "/web/embed.js"
	return app.Details().Class("embed-code").
		DataSet("embed-page", page).
		DataSet("embed-title", title).
		DataSet("embed-script", script).Body(
		app.Summary().Text("Embed this section"),
		app.P().Text("Paste this into a page of your site. The section appears, with any sliders it has, and sizes itself to fit. The essay’s server must allow your site to frame it, in the frame-ancestors of its Content-Security-Policy."),
		app.Label().For("embed-snippet").Text("Embed code"),
		// The snippet is the textarea's content: go-app's Text would write
		// it as a value attribute, which HTML does not have (app/goapp.go).
		app.Textarea().ID("embed-snippet").ReadOnly(true).Rows(4).Spellcheck(false).
			Body(app.Text(EmbedSnippet(page, title, script))),
		app.Button().Type("button").Class("copy-embed").Text("Copy embed code"),
		app.Span().Class("copy-status").Role("status"),
	)
}

// EmbedSnippet is the code an author pastes to embed a section: a link
// (what a reader without scripts sees) that web/static/embed.js replaces with a
// sized iframe. web/static/page.js writes the same snippet with absolute
// addresses.
func EmbedSnippet(page, title, script string) string {
	return `<div data-essay-embed="` + html.EscapeString(page) + `"><a href="` + html.EscapeString(page) + `">` +
		html.EscapeString(title) + `</a></div>` + "\n" +
		`<script async src="` + html.EscapeString(script) + `"></script>`
}

// readWhole is the way out of an embedded section: the same section, with
// the reader's weights, as the whole essay, in a new tab. Shown only in
// embed mode.
func readWhole(v *view, section int) app.UI {
	path := essay.AllPath
	switch {
	case section == Decision:
		path = essay.DecisionPath
	case section >= 0:
		path = v.Essay.Path(section)
	}
	// A landmark of its own: in embed mode it stands outside the page's
	// main, header and footer.
	return app.Aside().Class("read-whole embed-only").Aria("label", "The whole essay").Body(
		app.A().Href(v.href(path)).Target("_blank").Rel("noopener").Body(
			app.Text("Read the whole essay"),
			app.Span().Class("visually-hidden").Text(" (opens in a new tab)"),
			app.Span().Aria("hidden", "true").Text(" ↗"),
		),
	)
}
