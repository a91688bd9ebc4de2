//go:build !wasm

package main

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

func TestSmokeE2E(t *testing.T) {
	s := newSite(t, false)
	b := newBrowser(t)
	c := chromedp.FromContext(b.ctx)
	var mu = make(chan string, 1000)
	chromedp.ListenBrowser(b.ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			mu <- e.Request.URL
			go fetch.ContinueRequest(e.RequestID).Do(cdp.WithExecutor(b.ctx, c.Browser))
		}
	})
	if err := fetch.Enable().Do(cdp.WithExecutor(b.ctx, c.Browser)); err != nil {
		t.Log("fetch enable on browser:", err)
	}
	start := time.Now()
	b.navigate(t, s.URL+"/job-history")
	t.Log("loaded", time.Since(start))
	b.waitApp(t, 60*time.Second)
	t.Log("app", time.Since(start))
	t.Log(eval[bool](t, b, `navigator.serviceWorker.ready.then(() => true)`), time.Since(start))
	time.Sleep(2 * time.Second)
	close(mu)
	for u := range mu {
		t.Log("fetch:", u)
	}
	for _, r := range s.log {
		t.Logf("served %+v", r)
	}
}
