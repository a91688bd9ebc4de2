package app

import (
	"strconv"
	"time"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// decisionTools keep, share and export the reader's decision: copy its
// link, download it as Markdown, print it, or start again.
type decisionTools struct {
	app.Compo

	// Only what the tools show: an edit of the decision does not render
	// them again. A click reads the decision through Iactions.shown.
	Ititle        string // the essay's title, for the Markdown export
	IconfirmStart int    // the fresh start awaiting confirmation, if any
	// Iloading: before the app runs, the tools do nothing, so they are
	// disabled, as the editor is.
	Iloading bool
	Iactions *decisionActions

	status string // what the last copy did, for the reader
	link   string // the link, shown when it could not be copied
}

func newDecisionTools() *decisionTools { return &decisionTools{} }

// Value sets the decision.
func (t *decisionTools) Value(v decisionView) *decisionTools {
	t.Ititle, t.IconfirmStart, t.Iloading = v.EssayTitle, v.ConfirmStart, v.Loading
	return t
}

// Actions sets the callbacks that change the decision.
func (t *decisionTools) Actions(a *decisionActions) *decisionTools { t.Iactions = a; return t }

// currentLink is the page's address with the decision in it now, not a
// debounce later.
func (t *decisionTools) currentLink() string {
	var link string
	_ = catch(func() {
		u := app.Window().Get("URL").New(app.Window().Get("location").Get("href").String())
		u.Set("hash", "")
		u.Get("searchParams").Call("set", "d", decisionLink(t.Iactions.shown()))
		link = u.Call("toString").String()
	})
	return link
}

func (t *decisionTools) copyLink(ctx app.Context, e app.Event) {
	link := t.currentLink()
	long := ""
	if len(link) > essay.LongLink {
		long = " It is " + strconv.Itoa(len(link)) + " characters long: some sites and apps cut links longer than " +
			strconv.Itoa(essay.LongLink) + ", so check it arrives whole, or share the Markdown instead."
	}
	done := func(ok bool) {
		ctx.Dispatch(func(ctx app.Context) {
			if ok {
				t.status, t.link = "Link copied."+long, ""
			} else {
				t.status, t.link = "Copy the link below."+long, link
			}
		})
	}
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		done(false)
		return
	}
	var ok, fail app.Func
	ok = app.FuncOf(func(this app.Value, args []app.Value) any { done(true); ok.Release(); fail.Release(); return nil })
	fail = app.FuncOf(func(this app.Value, args []app.Value) any { done(false); ok.Release(); fail.Release(); return nil })
	if err := catch(func() { clip.Call("writeText", link).Call("then", ok, fail) }); err != nil {
		done(false)
	}
}

// download saves the decision as a Markdown document.
func (t *decisionTools) download(ctx app.Context, e app.Event) {
	md := essay.DecisionMarkdown(t.Iactions.shown(), t.Ititle, time.Now())
	_ = catch(func() {
		w := app.Window()
		blob := w.Get("Blob").New([]any{md}, map[string]any{"type": "text/markdown;charset=utf-8"})
		url := w.Get("URL").Call("createObjectURL", blob)
		a := w.Get("document").Call("createElement", "a")
		a.Set("href", url)
		a.Set("download", "my-decision-"+time.Now().Format("2006-01-02")+".md")
		w.Get("document").Get("body").Call("appendChild", a)
		a.Call("click")
		a.Call("remove")
		ctx.After(time.Minute, func(ctx app.Context) {
			ctx.PreventUpdate() // nothing shown changes
			w.Get("URL").Call("revokeObjectURL", url)
		})
	})
}

func (t *decisionTools) print(ctx app.Context, e app.Event) { app.Window().Call("print") }

func (t *decisionTools) ask(kind int) app.EventHandler {
	return func(ctx app.Context, e app.Event) { t.Iactions.start(ctx, kind, false) }
}

func (t *decisionTools) escape(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Escape" {
		t.Iactions.start(ctx, 0, false)
	}
}

func (t *decisionTools) confirm(ctx app.Context, e app.Event) {
	t.Iactions.start(ctx, t.IconfirmStart, true)
}

// confirmStartID is the id of the button that confirms a fresh start.
const confirmStartID = "confirm-start-again"

// startButtonID is the id of the button that asks for the fresh start
// kind.
func startButtonID(kind int) string {
	if kind == startBlank {
		return "start-blank"
	}
	return "start-again"
}

// startLine offers the fresh starts, or asks to confirm the one chosen:
// either replaces the reader's decision.
func (t *decisionTools) startLine() app.UI {
	replaces := map[int]string{startEssay: "the essay’s model", startBlank: "a blank decision (two options, one factor)"}
	if what, ok := replaces[t.IconfirmStart]; ok {
		// Escape cancels, as it would a dialog.
		return app.Span().Class("confirm").OnKeyDown(t.escape).Body(
			app.Span().Text("This replaces your decision with "+what+". "),
			app.Button().Type("button").ID(confirmStartID).OnClick(t.confirm).Text("Replace it"),
			app.Button().Type("button").ID("cancel-start-again").Class("secondary").OnClick(t.ask(0)).Text("Cancel"),
		)
	}
	return app.Span().Class("confirm").Body(
		app.Button().Type("button").ID(startButtonID(startEssay)).Class("secondary").OnClick(t.ask(startEssay)).Text("Start again from the essay’s model"),
		app.Button().Type("button").ID(startButtonID(startBlank)).Class("secondary").OnClick(t.ask(startBlank)).Text("Start from a blank decision"),
	)
}

func (t *decisionTools) Render() app.UI {
	var shown app.UI
	if t.link != "" {
		shown = app.P().Class("field").Body(
			app.Label().For("decision-link").Text("The link to your decision"),
			app.Input().Type("text").ID("decision-link").ReadOnly(true).Value(t.link),
		)
	}
	return app.Section().Class("decision-tools").Aria("label", "Keep, share, export").Body(
		disabledIf(app.FieldSet(), t.Iloading).Body(
			app.Div().Class("tools").Body(
				app.Button().Type("button").ID("copy-link").OnClick(t.copyLink).Text("Copy link"),
				app.Button().Type("button").ID("download-markdown").OnClick(t.download).Text("Download as Markdown"),
				app.Button().Type("button").ID("print").Class("secondary").OnClick(t.print).Text("Print"),
			),
			app.P().ID("copy-status").Class("copy-status").Role("status").Text(t.status),
			shown,
			app.P().Class("reset-line").Body(t.startLine()),
		),
	)
}
