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

	release []func()
}

func newNotices() *notices { return &notices{} }

// OnMount looks at what happened before the app ran and starts watching for
// updates: now, when the tab becomes visible again, and every 30 minutes.
func (n *notices) OnMount(ctx app.Context) {
	n.updateReady = ctx.AppUpdateAvailable()
	n.installable = ctx.IsAppInstallable() && !ctx.IsAppleBrowser()
	n.watchFirstInstall(ctx)
	n.watchForUpdates(ctx)
}

// OnDismount stops watching.
func (n *notices) OnDismount() {
	for _, r := range n.release {
		r()
	}
	n.release = nil
}

// OnAppUpdate is called by go-app when a new version has been installed.
func (n *notices) OnAppUpdate(ctx app.Context) {
	n.updateReady = true
}

// OnAppInstallChange is called by go-app when installation becomes possible
// or is done.
func (n *notices) OnAppInstallChange(ctx app.Context) {
	n.installable = ctx.IsAppInstallable() && !ctx.IsAppleBrowser()
}

// watchFirstInstall says "Ready to read offline" once: when a page that no
// worker controlled comes under the control of one, which happens when the
// worker has cached every section.
func (n *notices) watchFirstInstall(ctx app.Context) {
	sw := app.Window().Get("navigator").Get("serviceWorker")
	if !sw.Truthy() || sw.Get("controller").Truthy() {
		return
	}
	var onChange app.Func
	onChange = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			n.offlineReady = true
			ctx.After(offlineNoticeFor, func(app.Context) { n.offlineReady = false })
		})
		return nil
	})
	sw.Call("addEventListener", "controllerchange", onChange)
	n.release = append(n.release, func() {
		sw.Call("removeEventListener", "controllerchange", onChange)
		onChange.Release()
	})
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
	if s := app.Window().Get("sessionStorage"); s.Truthy() {
		s.Call("setItem", scrollKey, app.Window().Get("scrollY").Int())
	}
	app.Window().Get("location").Call("reload")
}

func (n *notices) install(ctx app.Context, e app.Event) {
	ctx.ShowAppInstallPrompt()
}

func (n *notices) dismissOffline(ctx app.Context, e app.Event) {
	n.offlineReady = false
}

func (n *notices) Render() app.UI {
	return app.Div().Class("notices").Body(
		app.Div().Class("notice-live").Aria("live", "polite").Body(
			app.If(n.updateReady, func() app.UI {
				return app.P().Class("notice update").Body(
					app.Span().Text("A new version is available"),
					app.Text(" — "),
					app.Button().Type("button").OnClick(n.reload).Text("Reload"),
				)
			}).ElseIf(n.offlineReady, func() app.UI {
				return app.P().Class("notice offline").Body(
					app.Span().Text("Ready to read offline"),
					app.Button().Type("button").Class("dismiss").Aria("label", "Dismiss").OnClick(n.dismissOffline).Text("×"),
				)
			}),
		),
		app.If(n.installable, func() app.UI {
			return app.Button().Type("button").Class("install").OnClick(n.install).Text("Install the essay as an app")
		}),
	)
}
