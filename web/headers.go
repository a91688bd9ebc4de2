//go:build !wasm

package web

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
)

// securityHeaders are sent with every response. The policy allows only
// this origin: go-app's scripts are files, the one inline script (inline,
// earlyScript) by its hash, the wasm needs 'wasm-unsafe-eval', and nothing
// is styled through a style attribute (classes only), so style-src needs
// nothing more than 'self'.
func securityHeaders(frameAncestors string, inline []byte) http.Header {
	if frameAncestors == "" {
		frameAncestors = "'self'"
	}
	h := http.Header{}
	h.Set("Content-Security-Policy", strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval' " + scriptHash(inline),
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

// scriptHash is a Content-Security-Policy source that allows the inline
// script s.
func scriptHash(s []byte) string {
	sum := sha256.Sum256(s)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// setSecurityHeaders adds the security headers to a response, and HSTS
// when the request came over TLS: directly, or through the proxy named by
// -proxy, which says so. Anyone else's X-Forwarded-Proto is not believed.
func setSecurityHeaders(w http.ResponseWriter, r *http.Request, headers http.Header, proxy *net.IPNet) {
	for k, v := range headers {
		w.Header()[k] = v
	}
	if r.TLS != nil || (fromProxy(r, proxy) && r.Header.Get("X-Forwarded-Proto") == "https") {
		w.Header().Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
}

// fromProxy reports that r came from the proxy.
func fromProxy(r *http.Request, proxy *net.IPNet) bool {
	if proxy == nil {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	ip := net.ParseIP(host)
	return err == nil && ip != nil && proxy.Contains(ip)
}

// parseProxy reads -proxy: an address (127.0.0.1) or a network
// (10.0.0.0/8); "" for none.
func parseProxy(s string) (*net.IPNet, error) {
	if s == "" {
		return nil, nil
	}
	if !strings.Contains(s, "/") {
		ip := net.ParseIP(s)
		if ip == nil {
			return nil, fmt.Errorf("proxy %q: want an IP address or a network, like 127.0.0.1 or 10.0.0.0/8", s)
		}
		bits := 8 * len(ip.To16())
		if ip.To4() != nil {
			ip, bits = ip.To4(), 32
		}
		return &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)}, nil
	}
	_, n, err := net.ParseCIDR(s)
	if err != nil {
		return nil, fmt.Errorf("proxy %q: want an IP address or a network, like 127.0.0.1 or 10.0.0.0/8", s)
	}
	return n, nil
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
