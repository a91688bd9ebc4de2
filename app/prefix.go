package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// prefix is the path the essay is served under, without a trailing slash:
// "" at a site's root, "/essays/leaving-amazon" under a sub-path. Every
// link the app writes starts with it: go-app prefixes its own resources
// but not the links in a page.
var prefix string

// SetPrefix sets the path under which the server prerenders the pages. In
// the browser the prefix comes from the page itself (go-app's
// GOAPP_ROOT_PREFIX), so that the app follows wherever the files are.
func SetPrefix(p string) { prefix = strings.TrimRight(p, "/") }

// clientPrefix reads the prefix the server wrote into the page. go-app
// gives "/" at the root.
func clientPrefix() string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}
