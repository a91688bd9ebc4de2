package app

import (
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// All is the section index of the page that shows the whole essay.
const All = -1

// page is the root of every route: header, the section (or the whole
// essay), the pager, the table of contents and the footer. It owns the
// page's state; everything below it receives values.
type page struct {
	app.Compo

	Iessay   *essay.Essay
	Isection int
}

func newPage() *page { return &page{} }

// Essay sets the essay to show.
func (p *page) Essay(e *essay.Essay) *page { p.Iessay = e; return p }

// Section sets the section to show, or All.
func (p *page) Section(i int) *page { p.Isection = i; return p }

// OnPreRender sets the server-rendered page's head.
func (p *page) OnPreRender(ctx app.Context) { p.setHead(ctx) }

// OnNav sets the head again when the app navigates between sections, and
// starts the new section at its top with focus on the text, as a page load
// would. The first navigation is the app taking over the prerendered page:
// that one keeps the reader's place.
func (p *page) OnNav(ctx app.Context) {
	p.setHead(ctx)
	if !app.IsClient {
		return
	}
	if !tookOver {
		tookOver = true
		return
	}
	if ctx.Page().URL().Fragment != "" {
		return // go-app scrolls to the fragment
	}
	ctx.Defer(func(app.Context) {
		app.Window().Call("scrollTo", map[string]any{"top": 0, "behavior": "instant"})
		if main := app.Window().GetElementByID("main"); main.Truthy() {
			main.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

// OnMount marks the document once the app runs, for the tests and the
// benchmark that time the takeover: <html data-app="running">.
func (p *page) OnMount(ctx app.Context) {
	root := app.Window().Get("document").Get("documentElement")
	root.Call("setAttribute", "data-app", "running")
	root.Call("setAttribute", "data-version", app.Getenv("GOAPP_VERSION"))
	restoreScroll()
}

// restoreScroll puts the reader back where they were before the reload that
// brought a new version (see notices.reload).
func restoreScroll() {
	s := app.Window().Get("sessionStorage")
	if !s.Truthy() {
		return
	}
	y := s.Call("getItem", scrollKey)
	if !y.Truthy() {
		return
	}
	s.Call("removeItem", scrollKey)
	if n, err := strconv.Atoi(y.String()); err == nil && n > 0 {
		app.Window().Call("scrollTo", map[string]any{"top": n, "behavior": "instant"})
	}
}

// focusTarget moves focus to the element a same-page link points at, as the
// browser does for such links without the app: go-app handles the click
// itself, scrolling but leaving focus behind.
func focusTarget(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	}
}

// tookOver records that the app has rendered its first page.
var tookOver bool

// setHead gives each page its own title, description and canonical link.
// They come from the content alone, never from the request.
func (p *page) setHead(ctx app.Context) {
	e := p.Iessay
	title, desc, path := e.Title, e.Description, essay.AllPath
	if p.Isection != All {
		s := e.Sections[p.Isection]
		path = e.Path(p.Isection)
		desc = s.Description
		if p.Isection > 0 {
			title = s.Title + " · " + e.Title
		}
	} else {
		title = e.Title + " · the whole essay"
	}
	ctx.Page().SetTitle("%s", title)
	ctx.Page().SetDescription("%s", desc)
	ctx.Page().SetCanonicalLink("%s", path)
}

func (p *page) Render() app.UI {
	e := p.Iessay
	var main app.UI
	if p.Isection == All {
		main = newWhole().Essay(e)
	} else {
		main = app.Div().Body(
			newArticle().Essay(e).Section(p.Isection),
			newPager().Essay(e).Section(p.Isection),
		)
	}
	return app.Div().ID("essay").Class("essay").Body(
		app.A().Class("skip-link").Href("#main").OnClick(focusTarget("main")).Text("Skip to the text"),
		app.Header().Class("site-header").Body(
			app.A().Class("site-title").Href("/").Text(e.Title),
			app.A().Class("contents-link").Href("#contents").OnClick(focusTarget("contents")).Text("Contents"),
		),
		app.Div().Class("layout").Body(
			app.Main().ID("main").TabIndex(-1).Body(main),
			newTOC().Essay(e).Current(p.Isection),
		),
		app.Footer().Class("site-footer").Body(
			app.Div().Class("colophon").Body(renderBlocks(e.Colophon, 0)...),
			app.P().Body(
				app.A().Href(essay.AllPath).Text("The whole essay on one page"),
				app.Text(" · "+strconv.Itoa(e.Words())+" words"),
			),
		),
		newNotices(),
	)
}
