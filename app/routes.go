// Package app renders the essay with go-app: one root component per page,
// small components beneath it. It holds no content of its own: everything it
// shows comes from package essay.
package app

import (
	"strings"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Run starts the app in the browser, for the pages under the path the
// server wrote into the page (go-app's GOAPP_ROOT_PREFIX, "/" at a site's
// root), so that the app follows wherever the files are. It never returns.
func Run(e *essay.Essay) {
	prefix := strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
	guardAddress(prefix, pageSet(e))
	Routes(e, prefix)
	app.RunWhenOnBrowser()
}

// pageSet reports the paths of e's pages (not under a prefix).
func pageSet(e *essay.Essay) func(path string) bool {
	pages := map[string]bool{"/" + e.Sections[0].Slug: true, essay.DecisionPath: true}
	for _, p := range e.Paths() {
		pages[p] = true
	}
	return func(path string) bool { return pages[path] }
}

// Routes registers, in go-app's router, a route for every page of e as
// served under prefix ("" at a site's root, "/essays/leaving-amazon" under
// a sub-path): "/" for the opening, then "/<slug>" for each section (the
// opening's slug too), "/all" and "/your-decision". The paths are the same
// under a sub-path (go-app strips the prefix before it matches a route);
// the pages' links carry it. go-app has one router per program: the last
// call wins.
func Routes(e *essay.Essay, prefix string) {
	for i, s := range e.Sections {
		factory := func() app.Composer { return newPage().Essay(e).Prefix(prefix).Section(i) }
		app.Route(e.Path(i), factory)
		if i == 0 {
			app.Route("/"+s.Slug, factory)
		}
	}
	app.Route(essay.AllPath, func() app.Composer { return newPage().Essay(e).Prefix(prefix).Section(All) })
	app.Route(essay.DecisionPath, func() app.Composer { return newPage().Essay(e).Prefix(prefix).Section(Decision) })
}
