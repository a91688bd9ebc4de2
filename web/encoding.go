//go:build !wasm

package web

import (
	"strconv"
	"strings"

	"github.com/gobwas/httphead"
)

// Content-coding negotiation (RFC 9110, section 12.5.3): which of the
// encodings a response has the request's Accept-Encoding prefers. The
// header's list of codings and parameters is parsed by httphead; the
// rules for q-values, "identity" and "*" are the RFC's.

// acceptable are the q-values a request gives content codings, by name in
// lower case. A nil acceptable means the request had no Accept-Encoding.
type acceptable map[string]float64

// parseAcceptEncoding reads the Accept-Encoding header's values. A coding
// whose q-value is malformed is left out; a malformed header is read as
// far as it parses.
func parseAcceptEncoding(values []string) acceptable {
	if values == nil {
		return nil
	}
	a := acceptable{}
	for _, v := range values {
		names := map[int]string{}
		httphead.ScanOptions([]byte(v), func(i int, option, attribute, value []byte) httphead.Control {
			name := strings.ToLower(string(option))
			if _, seen := names[i]; !seen {
				names[i] = name
				a[name] = 1
			}
			if strings.EqualFold(string(attribute), "q") {
				if q, ok := qvalue(string(value)); ok {
					a[name] = q
				} else {
					delete(a, name)
				}
			}
			return httphead.ControlContinue
		})
	}
	return a
}

// qvalue reads a q-value: 0 to 1 with at most three decimals.
func qvalue(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 5 || (s[0] != '0' && s[0] != '1') || (len(s) > 1 && s[1] != '.') {
		return 0, false
	}
	for _, c := range s[min(len(s), 2):] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	q, err := strconv.ParseFloat(s, 64)
	return q, err == nil && q <= 1
}

// q is the q-value the request gives coding.
func (a acceptable) q(coding string) float64 {
	if q, ok := a[coding]; ok {
		return q
	}
	if q, ok := a["*"]; ok {
		return q
	}
	if coding == "identity" {
		return 1e-9 // acceptable unless excluded, but not asked for
	}
	return 0
}

// choose returns the coding among offers ("identity" for none) that the
// request gives the highest q-value, the earlier offer on a tie; identity
// when none is acceptable, as a response must be sent. Without an
// Accept-Encoding, identity.
func (a acceptable) choose(offers ...string) string {
	if a == nil {
		return "identity"
	}
	best, bestQ := "identity", 0.0
	for _, o := range offers {
		if q := a.q(o); q > bestQ {
			best, bestQ = o, q
		}
	}
	return best
}
