// Command leaving-amazon is the essay "Leaving Amazon" as a progressive web
// app. Built for the browser (GOOS=js GOARCH=wasm) it is the app that takes
// over the prerendered page; built for the server it prerenders every page
// once and serves them, with the compressed app, from memory.
package main

import (
	"leaving-amazon/app"
	"leaving-amazon/essay"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	e := essay.Content()
	app.Routes(e)
	goapp.RunWhenOnBrowser() // in the browser, runs the app and never returns
	serve(e)
}
