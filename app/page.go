package app

import (
	"net/url"
	"slices"
	"strconv"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// All is the section index of the page that shows the whole essay.
const All = -1

// Decision is the section index of the page where the reader makes the
// model their own decision.
const Decision = -2

// page is the root of every route: header, the section (or the whole
// essay), the pager, the table of contents and the footer. It owns the
// page's state; everything below it receives values.
type page struct {
	app.Compo

	Iessay   *essay.Essay
	Iprefix  string
	Isection int

	// The reader's state, kept across sections: the page is one component
	// for the app's whole life, updated from route to route.
	view   *view
	acts   *actions
	store  *store
	notice string
	// noticeUntilSaved: the notice is about saving (it failed, or another
	// tab's change came in), and the next save that succeeds ends it.
	noticeUntilSaved bool
	urlTick          int

	// The reader's own decision, for /your-decision.
	dec   decisionState
	dacts *decisionActions
	// ctx is the page's own context, set once it is mounted: the page
	// stays mounted for the app's whole life.
	ctx app.Context
}

func newPage() *page { return &page{} }

// Essay sets the essay to show.
func (p *page) Essay(e *essay.Essay) *page { p.Iessay = e; return p }

// Prefix sets the path the essay is served under, without a trailing slash.
func (p *page) Prefix(prefix string) *page { p.Iprefix = prefix; return p }

// Section sets the section to show, or All.
func (p *page) Section(i int) *page { p.Isection = i; return p }

// OnInit sets the weights before the first render: the author's on the
// server (the prerendered page shows our reading and the author's
// verdict); in the browser, the reader's, from the link, storage and any
// slider moved before the app arrived.
func (p *page) OnInit() {
	p.acts = &actions{setWeight: p.setWeight, reset: p.reset}
	p.dacts = &decisionActions{
		edit: p.editDecision, move: p.moveFactor, remove: p.removeFactor, add: p.addFactor,
		choose: p.chooseDecision, keep: p.keepLinked, start: p.startDecision,
		addOption: p.addOption, removeOption: p.removeOption, moveOption: p.moveOption,
		shown: p.dec.shown,
	}
	author := p.Iessay.Model.AuthorWeights()
	if !app.IsClient {
		p.view = newView(p.Iessay, p.Iprefix, author)
		p.dec = decisionState{d: essay.NewDecision(p.Iessay.Model, author)}
		return
	}
	p.store = openStore()
	w, problems := loadWeights(p.Iessay.Model, p.store)
	p.view = newView(p.Iessay, p.Iprefix, w)
	p.notice = noticeFor(problems)
	var notice string
	p.dec, notice = loadDecision(p.store, p.Iessay.Model, w, p.Isection == Decision)
	// Storage refused: the weights' notice says so already.
	if notice != "" && (p.notice == "" || p.Isection == Decision) {
		p.notice = notice
	}
}

// OnPreRender sets the server-rendered page's head.
func (p *page) OnPreRender(ctx app.Context) { p.setHead(ctx) }

// setWeight is called by a slider.
func (p *page) setWeight(ctx app.Context, factor, weight int) {
	if factor < 0 || factor >= len(p.view.Weights) {
		return
	}
	p.change(ctx, func(w essay.Weights) essay.Weights { w[factor] = weight; return w })
}

// reset restores our reading of the author's weights.
func (p *page) reset(ctx app.Context) {
	p.change(ctx, func(essay.Weights) essay.Weights { return p.Iessay.Model.AuthorWeights() })
}

// change applies edit to the page's weights, saves them, and updates the
// address bar a moment after the last move. When another tab saved other
// weights since this one last read or wrote them, edit applies to those
// instead: nothing either tab set is lost.
func (p *page) change(ctx app.Context, edit func(essay.Weights) essay.Weights) {
	m := p.Iessay.Model
	w := edit(slices.Clone(p.view.Weights))
	newer, notice := saveWeights(p.store, m, w)
	if newer != nil {
		w = edit(newer)
		_, notice = saveWeights(p.store, m, w)
		if notice == "" {
			notice = "Your weights had changed in another tab: this tab now has those, with your change."
		}
	}
	p.view = newView(p.Iessay, p.Iprefix, w)
	p.sayUntilSaved(notice)
	p.urlTick++
	tick := p.urlTick
	ctx.After(urlDelay, func(ctx app.Context) {
		ctx.PreventUpdate() // the address is not rendered
		if tick == p.urlTick {
			replaceWeightsInURL(p.view.Query)
		}
	})
}

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
		if p.Isection == Decision {
			p.decisionToURL()
		}
		return
	}
	replaceWeightsInURL(p.view.Query)
	if p.Isection == Decision {
		if !p.dec.saved {
			// Not the reader's yet: it follows the weights they set.
			p.dec.d = essay.NewDecision(p.Iessay.Model, p.view.Weights)
		}
		p.decisionToURL()
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
	p.ctx = ctx
	root := app.Window().Get("document").Get("documentElement")
	root.Call("setAttribute", "data-app", "running")
	root.Call("setAttribute", "data-version", app.Getenv("GOAPP_VERSION"))
	restoreScroll()
	exposeHeap()
	onStorage(func(key, value string) {
		ctx.Dispatch(func(ctx app.Context) {
			p.fromOtherTab(key, value)
			p.showFields(p.dec.shown())
		})
	})
}

// fromOtherTab follows what another tab saved: the weights, and the
// decision, unless this tab shows a link's decision or asks the reader
// about one (its next save then asks).
func (p *page) fromOtherTab(key, value string) {
	switch key {
	case weightsKey:
		m := p.Iessay.Model
		w, _ := essay.ParseWeights(m, value, m.AuthorWeights())
		p.store.saw(key, value)
		if slices.Equal(w, p.view.Weights) {
			return
		}
		p.view = newView(p.Iessay, p.Iprefix, w)
		p.sayUntilSaved("Your weights were changed in another tab: this tab now follows them.")
		replaceWeightsInURL(p.view.Query)
	case decisionKey:
		d, err := essay.DecodeDecision(value)
		// Not while a join waits: it reads the newest itself.
		if err != nil || p.dec.shared != nil || p.dec.linked || p.dec.joinBase != nil {
			return
		}
		p.store.saw(key, value)
		if d.Equal(p.dec.d) {
			return
		}
		p.dec.d, p.dec.saved = d, true
		p.sayUntilSaved("Your decision was changed in another tab: this tab now shows it.")
		p.decisionToURL()
	}
}

func (p *page) dismissNotice(ctx app.Context) { p.notice, p.noticeUntilSaved = "", false }

// sayUntilSaved shows what a save said, until a later save succeeds: a
// notice that the decision could not be saved must not stay up once it
// has been. A save that said nothing ends such a notice, and only such.
func (p *page) sayUntilSaved(notice string) {
	switch {
	case notice != "":
		p.notice, p.noticeUntilSaved = notice, true
	case p.noticeUntilSaved:
		p.notice, p.noticeUntilSaved = "", false
	}
}

// tookOver records that the app has rendered its first page.
var tookOver bool

// setHead gives each page its own title, description and canonical link.
// They come from the content alone, never from the request.
func (p *page) setHead(ctx app.Context) {
	e := p.Iessay
	title, desc, path := e.Title, e.Description, essay.AllPath
	switch p.Isection {
	case Decision:
		title, path = "Your decision · "+e.Title, essay.DecisionPath
		desc = "Make the essay’s model your own decision: your options, your factors, your weights; kept in your browser, shared by a link, exported as a document."
	case All:
		title = e.Title + " · the whole essay"
	default:
		s := e.Sections[p.Isection]
		path = e.Path(p.Isection)
		desc = s.Description
		if p.Isection > 0 {
			title = s.Title + " · " + e.Title
		}
	}
	ctx.Page().SetTitle("%s", title)
	ctx.Page().SetDescription("%s", desc)
	ctx.Page().SetCanonicalLink("%s", p.Iprefix+path)
	ctx.Page().SetTwitterCard(app.TwitterCard{
		Card: "summary_large_image", Title: title, Description: desc, Image: p.Iprefix + "/web/og.png",
	})
}

func (p *page) Render() app.UI {
	e := p.Iessay
	v := p.view
	var main app.UI
	switch p.Isection {
	case Decision:
		dv := p.dec.view()
		dv.EssayTitle = e.Title
		dv.Whose = p.dec.whose(e.Model)
		main = newDecisionEditor().Value(dv).Actions(p.dacts)
	case All:
		main = newWhole().View(v).Actions(p.acts)
	default:
		main = app.Div().Body(
			newArticle().View(v).Actions(p.acts).Section(p.Isection),
			newPager().View(v).Section(p.Isection),
		)
	}
	root := app.Div().ID("essay").Class("essay")
	if !app.IsClient && p.Isection != Decision {
		// The model's numbers, for web/static/weigh.js: the sliders answer
		// before the app runs. The app itself has no use for them. Query-
		// escaped: go-app writes attribute values with strconv.Quote, and a
		// JSON quote would end the attribute (web/goapp.go).
		root = root.DataSet("model", url.QueryEscape(e.Model.Numbers()))
	}
	// The verdict, for a page that embeds this one (web/static/page.js
	// tells it when it changes).
	return root.DataSet("verdict", essay.VerdictID(e.Model, v.Result)).
		DataSet("verdict-text", essay.VerdictWords(e.Model, v.Result)).Body(
		app.A().Class("skip-link").Href("#main").OnClick(focusTarget("main")).Text("Skip to the text"),
		app.Header().Class("site-header").Body(
			app.A().Class("site-title").Href(v.href("/")).Text(e.Title),
			app.A().Class("contents-link").Href("#contents").OnClick(focusTarget("contents")).Text("Contents"),
		),
		app.Div().Class("layout").Body(
			app.Main().ID("main").TabIndex(-1).Body(main),
			newTOC().View(v).Current(p.Isection),
		),
		readWhole(v, p.Isection),
		app.Footer().Class("site-footer").Body(
			app.Div().Class("colophon").Body(renderBlocks(e.Colophon, 0, nil, nil)...),
			app.P().Body(
				app.A().Href(v.href(essay.AllPath)).Text("The whole essay on one page"),
				app.Text(" · "+strconv.Itoa(e.Words())+" words"),
			),
		),
		newNotices().Message(p.notice).OnDismiss(p.dismissNotice),
		// Where web/static/page.js announces the verdict once a reader's
		// change has settled.
		app.P().ID("verdict-said").Class("visually-hidden").Role("status"),
	)
}
