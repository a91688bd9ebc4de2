package app

import (
	"net/url"
	"strings"
)

// The address guard. go-app reads the page's address with url.Parse and,
// when that fails, hands a nil URL to its navigation, which panics: the Go
// program stops and every control goes dead. Browsers accept addresses
// url.Parse refuses (a "%" not followed by two hex digits, in the path or
// the fragment), and chat apps, mail clients and trackers make them.
// Static hosts also serve a page under addresses go-app has no route for
// (with a trailing slash, with index.html, with doubled slashes), and
// go-app would replace the page with its "Not Found". So, before go-app
// reads the address and whenever it changes, the address is rewritten in
// place (history.replaceState: no new entry) to one that url.Parse reads
// and the router knows. See docs/architecture.md for the go-app bug.

// cleanAddress returns href, a page's absolute address as the browser
// gives it, with every malformed percent-escape in its path and fragment
// and every control character before its fragment escaped, and, when its path under prefix names a
// page of the essay in another form (a trailing slash or index.html,
// doubled slashes), with that page's own path, and with a query's "&amp;"
// (a link pasted as HTML) mended. isPage reports the paths
// of pages, under the prefix. An address it need not change is returned
// as it is.
func cleanAddress(href, prefix string, isPage func(path string) bool) string {
	rest, fragment, hasFragment := strings.Cut(href, "#")
	rest, query, hasQuery := strings.Cut(rest, "?")
	origin, path := rest, ""
	if i := strings.Index(rest, "://"); i >= 0 {
		if j := strings.IndexByte(rest[i+3:], '/'); j >= 0 {
			origin, path = rest[:i+3+j], rest[i+3+j:]
		}
	}
	out := origin + pagePath(escapeWell(path), prefix, isPage)
	if hasQuery {
		out += "?" + escapeControls(unescapeAmp(query))
	}
	if hasFragment {
		out += "#" + escapePercents(fragment)
	}
	return out
}

// pagePath returns path, escaped, or the path of the page it names in
// another form.
func pagePath(path, prefix string, isPage func(string) bool) string {
	under, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return path
	}
	p, err := url.PathUnescape(under)
	if err != nil || isPage(p) {
		return path
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	p = strings.TrimSuffix(p, "index.html")
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	if p == "" {
		p = "/"
	}
	if isPage(p) {
		return prefix + p
	}
	return path
}

// escapeWell escapes each "%" that does not start an escape, and the
// control characters: url.Parse refuses both in a path.
func escapeWell(s string) string { return escapePercents(escapeControls(s)) }

// escapePercents escapes each "%" that does not start an escape, which
// url.Parse refuses in a path and a fragment (it reads a fragment's
// control characters as they are).
func escapePercents(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			b.WriteString("%25")
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapeControls escapes the control characters, which url.Parse refuses
// before the fragment; a query's escapes are read by the page, not by
// url.Parse.
func escapeControls(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			b.WriteString(percent(c))
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// percent is c's escape: "%0A".
func percent(c byte) string {
	const hex = "0123456789ABCDEF"
	return string([]byte{'%', hex[c>>4], hex[c&15]})
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unescapeAmp undoes what mail clients and forums do to a link pasted as
// HTML: "&" written "&amp;", which would hide the parameter after it
// ("amp;d"). Our own links escape "&" inside values, so a literal "&amp;"
// is always such a mangling. Repeated until none is left, so that a
// twice-mangled link is mended too and cleaning stays idempotent.
func unescapeAmp(query string) string {
	for strings.Contains(query, "&amp;") {
		query = strings.ReplaceAll(query, "&amp;", "&")
	}
	return query
}
