//go:build !wasm

package web

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// oddAddresses are addresses a browser accepts for the essay's pages, as
// chat apps, mail clients and trackers mangle them: malformed, cut and
// unusual percent-escapes, Unicode, empty parts and long ones, in the path,
// the query and the fragment, on every kind of page.
func oddAddresses() []string {
	pages := []string{"/pace", "/impact?embed=1", "/all", "/your-decision", "/"}
	tails := []string{
		"#%", "#%zz", "#%E2%9C", "#a%2", "#%%41", "#%G0", "#✓ café", "#", "?#", "?w=%",
		"?w=pace8%zz", "?d=%", "?=&&#%", "?w=" + strings.Repeat("%", 3000), "?q=猫#猫%",
	}
	var out []string
	for i, t := range tails {
		out = append(out, pages[i%len(pages)]+t, pages[(i+2)%len(pages)]+t)
	}
	// The forms static hosts serve a page under, and an escaped letter.
	return append(out, "/pace/", "/pace/index.html", "/index.html", "//pace", "/p%61ce",
		"/all/?w=pace2#%zz", "/your-decision/", "/impact/?embed=1#%", "/pace/%2F", "/impact/index.html?w=%#%",
		"/your-decision?d=1.%zz#%", "/political-skills#%E0%A4%A", "/ownership//", "/world-outside/#", "/pace?w=pace9&w=%",
		"/all#%", "/your-decision#%zz", "/impact?embed=1&w=%#%", "/index.html#%", "/pace?embed=1#%E2%9C%93")
}

// TestOddAddresses loads the essay under every odd address: the app runs,
// shows the page asked for (never go-app's "Not Found"), and a slider still
// moves the verdict.
func TestOddAddresses(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	addrs := oddAddresses()
	if len(addrs) < 50 {
		t.Fatalf("only %d addresses", len(addrs))
	}
	for _, a := range addrs {
		b.navigate(t, "about:blank")
		b.navigate(t, s.URL+a)
		if eval[bool](t, b, `!!document.querySelector("main.notfound")`) {
			t.Errorf("%s: the host answered with its not-found page", a)
			continue
		}
		eval[bool](t, b, startAppJS) // an embedded section starts its app only when asked
		if err := b.waitJS(appRunningJS, 30*time.Second); err != nil {
			t.Errorf("%s: the app did not run (%s): %v", a, eval[string](t, b, `document.documentElement.dataset.app || "not started"`), err)
			continue
		}
		checkSliderMovesVerdict(t, b, a)
	}
}

// TestOddAddressChanges changes the address under a running app: odd
// fragments, typed or followed, and back and forward through them.
func TestOddAddressChanges(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.navigate(t, s.URL+"/pace")
	b.waitApp(t, 60*time.Second)
	for _, js := range []string{
		`location.hash = "%zz"`, `location.hash = "%"`, `history.pushState(null, "", "#%E2%9C"), dispatchEvent(new PopStateEvent("popstate"))`,
		`history.back()`, `history.back()`, `history.forward()`, `location.hash = "verdict"`,
	} {
		eval[bool](t, b, `(`+js+`, true)`)
		b.settle(t, 150*time.Millisecond)
		checkSliderMovesVerdict(t, b, "/pace after "+js)
	}
}

// checkSliderMovesVerdict moves the first slider of the page and waits for
// the verdict to follow; on a page without one, the app must still run.
func checkSliderMovesVerdict(t *testing.T, b *browser, where string) {
	t.Helper()
	if eval[bool](t, b, `document.documentElement.dataset.app !== "running"`) {
		t.Errorf("%s: the app is %q", where, eval[string](t, b, `document.documentElement.dataset.app || "not started"`))
		return
	}
	if eval[bool](t, b, `!!document.querySelector("main .notfound, main h1") && /not found/i.test(document.querySelector("main").innerText.slice(0, 200))`) {
		t.Errorf("%s: the page says Not Found", where)
	}
	id := eval[string](t, b, `(document.querySelector("main input[type=range]") || {}).id || ""`)
	if id == "" {
		return
	}
	verdict := `(document.querySelector("#decision-verdict, .verdict-text, .indicator") || {}).innerText`
	before := eval[string](t, b, verdict)
	key := kb.Home
	if eval[string](t, b, `document.getElementById(`+jsString(id)+`).value`) == "0" {
		key = kb.End
	}
	press(t, b, id, key)
	if err := b.waitJS(verdict+` !== `+jsString(before), 3*time.Second); err != nil {
		t.Errorf("%s: moving %s did not move the verdict (%q)", where, id, before)
	}
}

// TestAppStoppedNotice stops the Go program (a panic in a callback, as a
// bug would) and checks the page says so at once, to screen readers too,
// that the dead controls are disabled, and that the reader's weights are
// kept.
func TestAppStoppedNotice(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	b.navigate(t, s.URL+"/pace")
	b.waitApp(t, 60*time.Second)
	press(t, b, "w-pace", kb.Home)
	if err := b.waitJS(`(localStorage.getItem("leaving-amazon:weights") || "").includes("pace0")`, 3*time.Second); err != nil {
		t.Fatal("the weight was not saved")
	}
	b.ignoreExceptions("Go program has already exited", "index out of range")
	// goappNav with no argument: go-app reads args[0] and panics.
	b.run(t, chromedp.Evaluate(`setTimeout(() => window.goappNav(), 0)`, nil))
	if err := b.waitJS(`!!document.getElementById("app-stopped")`, 5*time.Second); err != nil {
		t.Fatalf("no notice once the Go program stopped: %v", err)
	}
	var got struct {
		Role, Text string
		Disabled   bool
		Loader     bool
	}
	jsValue(eval[jsValue](t, b, `(() => { const n = document.getElementById("app-stopped");
		return {Role: n.getAttribute("role"), Text: n.innerText, Disabled: document.getElementById("w-pace").disabled,
			Loader: !!document.getElementById("app-wasm-loader")}; })()`)).into(t, &got)
	if got.Role != "alert" || !strings.Contains(got.Text, "The interactive part stopped; the text is all here.") || !strings.Contains(got.Text, "Reload") {
		t.Errorf("notice: %+v", got)
	}
	if !got.Disabled {
		t.Error("the dead slider can still be moved")
	}
	if got.Loader {
		t.Error("go-app's loader, with the panic in it, is still shown")
	}
	// The slider the reader was on is disabled, which drops the focus: it
	// goes to Reload, the one thing left to do.
	if got := eval[string](t, b, `document.activeElement.closest("#app-stopped") ? "Reload" : document.activeElement.id || document.activeElement.tagName`); got != "Reload" {
		t.Errorf("once the app stopped, the focus is on %q, want Reload", got)
	}
	clickToNewDocument(t, b, `document.querySelector("#app-stopped button").click()`)
	b.waitApp(t, 60*time.Second)
	if got := eval[string](t, b, `document.getElementById("w-pace").value`); got != "0" {
		t.Errorf("after Reload the weight is %s, want the reader's 0", got)
	}
	if fmt.Sprint(eval[bool](t, b, `!!document.getElementById("app-stopped")`)) == "true" {
		t.Error("the notice stayed after Reload")
	}
}
