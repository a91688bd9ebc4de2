package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// updateCheckEvery is how often an open page asks for a new version.
const updateCheckEvery = 30 * time.Minute

// offlineNoticeFor is how long "Ready to read offline" stays: it is news,
// not a state to keep showing.
const offlineNoticeFor = 10 * time.Second

// scrollKey keeps the reader's place across the reload that brings a new
// version.
const scrollKey = "leaving-amazon:scroll"

// notices tells the reader about the app itself, quietly, in a live region
// that sits over the page's corner and moves nothing: a new version ready to
// load, the essay ready to read offline, and installation when the browser
// offers it.
type notices struct {
	app.Compo

	updateReady  bool
	offlineReady bool
	installable  bool

	// controlledAtLoad tells whether a worker served this page: if not,
	// the first worker to activate is the first install, not an update.
	controlledAtLoad bool
	installed        bool

	// Imessage is a notice from the page (about the reader's weights).
	Imessage   string
	IonDismiss func(ctx app.Context)

	// cameFrom is where the keyboard focus was before it reached a
	// notice's button: it goes back there when the button goes.
	cameFrom app.Value

	release []func()
}

func newNotices() *notices { return &notices{} }

// Message sets a notice to show, "" for none.
func (n *notices) Message(s string) *notices { n.Imessage = s; return n }

// OnDismiss sets what dismissing the message calls.
func (n *notices) OnDismiss(f func(ctx app.Context)) *notices { n.IonDismiss = f; return n }

func (n *notices) dismissMessage(ctx app.Context, e app.Event) {
	n.focusBack()
	if n.IonDismiss != nil {
		n.IonDismiss(ctx)
	}
}

// OnMount looks at what happened before the app ran and starts watching for
// updates: now, when the tab becomes visible again, and every 30 minutes.
func (n *notices) OnMount(ctx app.Context) {
	sw := app.Window().Get("navigator").Get("serviceWorker")
	n.controlledAtLoad = sw.Truthy() && sw.Get("controller").Truthy()
	if ctx.AppUpdateAvailable() {
		n.OnAppUpdate(ctx)
	}
	n.installable = ctx.IsAppInstallable() && !ctx.IsAppleBrowser()
	n.watchForUpdates(ctx)
}

// OnDismount stops watching.
func (n *notices) OnDismount() {
	for _, r := range n.release {
		r()
	}
	n.release = nil
}

// OnAppUpdate is called by go-app when a worker has activated. On a page no
// worker served, the first one is the first install: every section is now
// cached (the worker activates only then), so it says "Ready to read
// offline", once. Any later one is a new version.
func (n *notices) OnAppUpdate(ctx app.Context) {
	if !n.controlledAtLoad && !n.installed {
		n.installed = true
		n.offlineReady = true
		ctx.After(offlineNoticeFor, func(app.Context) { n.focusBack(); n.offlineReady = false })
		return
	}
	n.offlineReady = false
	n.updateReady = true
}

// OnAppInstallChange is called by go-app when installation becomes possible
// or is done.
func (n *notices) OnAppInstallChange(ctx app.Context) {
	n.installable = ctx.IsAppInstallable() && !ctx.IsAppleBrowser()
	if !n.installable {
		n.focusBack()
	}
}

// rememberFocus notes where the focus came from when a notice's button
// receives it.
func (n *notices) rememberFocus(ctx app.Context, e app.Event) {
	if from := e.Get("relatedTarget"); from.Truthy() && !from.Call("closest", ".notices").Truthy() {
		n.cameFrom = from
	}
}

// focusBack moves the keyboard focus out of the notices before the render
// removes the button that has it, which would leave the focus on <body>
// (and a screen reader at the page's top): back where the reader was, or
// else to the text. It runs in the handler itself: go-app drops work
// deferred from an element the render removes.
func (n *notices) focusBack() {
	active := app.Window().Get("document").Get("activeElement")
	if !active.Truthy() || !active.Call("closest", ".notices").Truthy() {
		return
	}
	to := n.cameFrom
	if to == nil || !to.Truthy() || !to.Get("isConnected").Bool() {
		to = app.Window().GetElementByID("main")
	}
	if to.Truthy() {
		to.Call("focus", map[string]any{"preventScroll": true})
	}
}

func (n *notices) watchForUpdates(ctx app.Context) {
	app.TryUpdate()
	doc := app.Window().Get("document")
	onVisible := app.FuncOf(func(app.Value, []app.Value) any {
		if doc.Get("visibilityState").String() == "visible" {
			app.TryUpdate()
		}
		return nil
	})
	doc.Call("addEventListener", "visibilitychange", onVisible)
	ticker := time.NewTicker(updateCheckEvery)
	done := make(chan struct{})
	ctx.Async(func() {
		for {
			select {
			case <-ticker.C:
				ctx.Dispatch(func(app.Context) { app.TryUpdate() })
			case <-done:
				return
			}
		}
	})
	n.release = append(n.release, func() {
		doc.Call("removeEventListener", "visibilitychange", onVisible)
		onVisible.Release()
		ticker.Stop()
		close(done)
	})
}

// reload brings the new version, keeping the reader's place: the URL keeps
// the section (and, later, the reader's weights), and the scroll position
// is put back by restoreScroll once the new version runs.
func (n *notices) reload(ctx app.Context, e app.Event) {
	if s, ok := windowProperty("sessionStorage"); ok {
		_ = catch(func() { s.Call("setItem", scrollKey, app.Window().Get("scrollY").Int()) })
	}
	app.Window().Get("location").Call("reload")
}

func (n *notices) install(ctx app.Context, e app.Event) {
	ctx.ShowAppInstallPrompt()
}

func (n *notices) dismissOffline(ctx app.Context, e app.Event) {
	n.focusBack()
	n.offlineReady = false
}

func (n *notices) Render() app.UI {
	// Two corners, so that one notice appearing never moves another.
	return app.Div().Class("notices").Body(
		app.Div().Class("notice-live").Aria("live", "polite").Body(
			app.If(n.Imessage != "", func() app.UI {
				return app.P().Class("notice message").Body(
					app.Span().Text(n.Imessage),
					app.Button().Type("button").Class("dismiss").Aria("label", "Dismiss").OnFocus(n.rememberFocus).OnClick(n.dismissMessage).Text("×"),
				)
			}),
			app.If(n.updateReady, func() app.UI {
				return app.P().Class("notice update").Body(
					app.Span().Text("A new version is available"),
					app.Text(" — "),
					app.Button().Type("button").OnClick(n.reload).Text("Reload"),
				)
			}).ElseIf(n.offlineReady, func() app.UI {
				return app.P().Class("notice offline").Body(
					app.Span().Text("Ready to read offline"),
					app.Button().Type("button").Class("dismiss").Aria("label", "Dismiss").OnFocus(n.rememberFocus).OnClick(n.dismissOffline).Text("×"),
				)
			}),
		),
		app.If(n.installable, func() app.UI {
			return app.Button().Type("button").Class("install").OnFocus(n.rememberFocus).OnClick(n.install).Text("Install the essay as an app")
		}),
	)
}
