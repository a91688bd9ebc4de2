// Package app renders the essay with go-app: one root component per page,
// small components beneath it. It holds no content of its own: everything it
// shows comes from package essay.
package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Routes registers a route for every page of e: "/" for the opening, then
// "/<slug>" for each section (the opening's slug too), and "/all".
//
// The routes are the same under a sub-path: go-app strips the prefix
// before it matches a route.
func Routes(e *essay.Essay) {
	if app.IsClient {
		prefix = clientPrefix()
	}
	for i, s := range e.Sections {
		factory := func() app.Composer { return newPage().Essay(e).Section(i) }
		app.Route(e.Path(i), factory)
		if i == 0 {
			app.Route("/"+s.Slug, factory)
		}
	}
	app.Route(essay.AllPath, func() app.Composer { return newPage().Essay(e).Section(All) })
	app.Route(essay.DecisionPath, func() app.Composer { return newPage().Essay(e).Section(Decision) })
}
