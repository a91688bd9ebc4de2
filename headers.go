//go:build !wasm

package main

import (
	"net/http"
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
