//go:build !wasm

package web

import (
	"net/http"
	"sort"
	"strings"
)

// securityHeaders are sent with every response. The policy allows only
// this origin: go-app's scripts are files, the wasm needs
// 'wasm-unsafe-eval', and nothing is styled through a style attribute
// (classes only), so style-src needs nothing more than 'self'.
func securityHeaders(frameAncestors string) http.Header {
	if frameAncestors == "" {
		frameAncestors = "'self'"
	}
	h := http.Header{}
	h.Set("Content-Security-Policy", strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self'",
		"img-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors " + frameAncestors,
	}, "; "))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "+
		"magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()")
	return h
}

// setSecurityHeaders adds the security headers to a response, and HSTS
// when the request came over TLS, directly or through a proxy that says so.
func setSecurityHeaders(w http.ResponseWriter, r *http.Request, headers http.Header) {
	for k, v := range headers {
		w.Header()[k] = v
	}
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		w.Header().Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
}

// headersFile is a _headers file (Netlify, Cloudflare Pages) that sends
// headers, the server's own, with every file of an export under prefix.
func headersFile(prefix string, headers http.Header) []byte {
	var b strings.Builder
	b.WriteString("# The essay's response headers, for Netlify and Cloudflare Pages: at the\n" +
		"# site's root. If the essay is not the whole site, move these lines into\n" +
		"# the site's own _headers.\n")
	b.WriteString(prefix + "/*\n")
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		b.WriteString("  " + k + ": " + headers.Get(k) + "\n")
	}
	// Revalidate everything: file names do not change between versions.
	b.WriteString("  Cache-Control: no-cache\n")
	return []byte(b.String())
}

// headerMap is h with one value a name, for JSON.
func headerMap(h http.Header) map[string]string {
	m := make(map[string]string, len(h))
	for k := range h {
		m[k] = h.Get(k)
	}
	return m
}
