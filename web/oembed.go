//go:build !wasm

package web

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	ui "leaving-amazon/app"
	"leaving-amazon/essay"
)

// oEmbed (https://oembed.com): a site that understands it turns a link to
// a section into the embedded section. Server mode only: a static host
// cannot answer queries, so the export leaves the discovery link out.

// oembedPath is the endpoint, under the server's prefix.
const oembedPath = "/oembed"

// The embedded section's size as oEmbed asks for it. The frame sizes
// itself to its content once embed.js runs; this is the first guess.
const (
	oembedWidth  = 720
	oembedHeight = 900
)

// oembed is the endpoint: the pages a URL may name, by their path under
// the prefix.
type oembed struct {
	prefix string
	domain string
	title  string // the essay's, as the provider's name
	pages  map[string]oembedPage
}

// oembedPage is what the endpoint needs to know of one page.
type oembedPage struct {
	path  string // under the prefix, as served
	title string
}

// newOEmbed is the endpoint for e's pages under prefix.
func newOEmbed(e *essay.Essay, prefix, domain string) *oembed {
	o := &oembed{prefix: prefix, domain: domain, title: e.Title, pages: map[string]oembedPage{}}
	for i, p := range e.Paths() {
		title := e.Title + " · the whole essay"
		if i < len(e.Sections) {
			title = e.Sections[i].Title + " · " + e.Title
			if i == 0 {
				title = e.Title
			}
		}
		o.pages[prefix+p] = oembedPage{path: prefix + p, title: title}
		if i == 0 {
			o.pages[prefix+"/"+e.Sections[0].Slug] = o.pages[prefix+p]
		}
	}
	return o
}

// discoveryLink is the <link> by which a consumer finds the endpoint for
// the page at path (under the prefix).
func (o *oembed) discoveryLink(path string) string {
	u := path
	if o.domain != "" {
		u = "https://" + o.domain + path
	}
	href := o.prefix + oembedPath + "?url=" + url.QueryEscape(u) + "&format=json"
	return `<link rel="alternate" type="application/json+oembed" href="` + html.EscapeString(href) + `" title="` +
		html.EscapeString(o.pages[path].title) + `">`
}

// ServeHTTP answers GET <prefix>/oembed?url=…&format=json for a page of
// the essay, on this site, at its -domain.
func (o *oembed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-cache")
	// Public data, for consumers that fetch it from a browser.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		http.Error(w, "only format=json is served", http.StatusNotImplemented)
		return
	}
	raw := q.Get("url")
	if raw == "" {
		http.Error(w, "url is missing", http.StatusBadRequest)
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		http.Error(w, "url is not a web address", http.StatusBadRequest)
		return
	}
	if o.domain == "" {
		// Nothing a request says about the host is believed: the snippet's
		// addresses come from -domain alone.
		http.Error(w, "oEmbed needs the essay's public address: start the server with -domain (for example -domain essay.example)", http.StatusNotImplemented)
		return
	}
	origin := "https://" + o.domain
	if u.Host != "" && !strings.EqualFold(u.Host, o.domain) {
		http.Error(w, "url is not on this site", http.StatusNotFound)
		return
	}
	page, ok := o.pages[u.Path]
	if !ok {
		http.Error(w, "url is not a page of the essay", http.StatusNotFound)
		return
	}
	width, height := oembedWidth, oembedHeight
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 && mw < width {
		width = mw
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 && mh < height {
		height = mh
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(mustJSON(struct {
		Version         string `json:"version"`
		Type            string `json:"type"`
		Title           string `json:"title"`
		ProviderName    string `json:"provider_name"`
		ProviderURL     string `json:"provider_url"`
		HTML            string `json:"html"`
		Width           int    `json:"width"`
		Height          int    `json:"height"`
		ThumbnailURL    string `json:"thumbnail_url"`
		ThumbnailWidth  int    `json:"thumbnail_width"`
		ThumbnailHeight int    `json:"thumbnail_height"`
	}{
		Version: "1.0", Type: "rich", Title: page.title,
		ProviderName: o.title, ProviderURL: origin + o.prefix + "/",
		HTML:  ui.EmbedSnippet(origin+page.path, page.title, origin+o.prefix+"/web/embed.js"),
		Width: width, Height: height,
		ThumbnailURL: origin + o.prefix + previewImagePath, ThumbnailWidth: previewWidth, ThumbnailHeight: previewHeight,
	}))
}
