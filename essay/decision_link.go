package essay

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The link and storage form of a decision: a version, a dot, and the
// decision in a compact binary form written in unpadded base64url, which a
// URL carries as it is: "2.AhBTdGF5IG9yIGxlYXZl…".
//
// The binary form of version 2 is, in order: one byte with the number of
// options (2 to 5); their names; one byte with the number of factors; then
// for each factor its name, one byte for its weight and one for each
// option's score, and its note. Version 1, written until 2026-12-02, had
// exactly two options: no count, then the two names, and so on. A name or
// note is its length in bytes as a uvarint (the encoding/binary form)
// followed by its UTF-8 bytes. Packing the 0–10 values into fewer bytes
// would save a byte a factor, not worth the plainer form.
//
// Each decision has one encoding in each version: DecodeDecision refuses
// any other, so a link that decodes is the link the page would write (in
// its version). Every version-1 link still opens as it did
// (testdata/links-v1.json).

// decisionVersion is the version of the form EncodeDecision writes. A
// change to the form that an older page would misread takes a new version.
const decisionVersion = 2

// LongLink is the length of a whole URL, in bytes, past which some sites
// and programs may cut a link: the page warns when a decision's link is
// longer. A 20-factor decision with 20-character names and no notes is well
// under it.
const LongLink = 2000

// maxDecisionBytes is the longest binary form: every name and note at its
// cap in 4-byte runes, each length taking 2 uvarint bytes (the caps are
// under 16384 bytes; a test checks that this is the true maximum).
const maxDecisionBytes = 1 + MaxOptions*(2+4*MaxNameLen) + 1 + MaxFactors*((2+4*MaxNameLen)+1+MaxOptions+(2+4*MaxNoteLen))

// MaxDecisionInput is the longest text DecodeDecision reads: the longest
// encoding of a valid decision, every name and note at its cap in 4-byte
// characters. Anything longer cannot be a decision of this version.
const MaxDecisionInput = len("1.") + (4*maxDecisionBytes+2)/3

// Errors from DecodeDecision. Each is a sentence the page can show the
// reader, and each error DecodeDecision returns is one of them under
// errors.Is; a damaged decision's error says what is damaged after the
// sentence.
var (
	// ErrNoDecision is the error for empty input.
	ErrNoDecision = errors.New("the link holds no decision")
	// ErrNewerDecision is the error for a version this page does not know:
	// a page of a later version wrote it.
	ErrNewerDecision = errors.New("this link was made by a newer version of the page")
	// ErrCorruptDecision is the error for input that is not a decision:
	// a bad character, version or value, or bytes past the end.
	ErrCorruptDecision = errors.New("the decision in this link is damaged")
	// ErrTruncatedDecision is the error for input that ends early, most
	// likely because it was cut when it was copied or shared.
	ErrTruncatedDecision = errors.New("the decision in this link is cut short; it may have been cut when the link was copied")
)

// damaged returns ErrCorruptDecision with what is damaged.
func damaged(what string) error {
	return fmt.Errorf("%w: %s", ErrCorruptDecision, what)
}

// EncodeDecision writes d in its link and storage form. It refuses, with
// Validate's error, a decision that is not valid, rather than cut it: Clean
// makes one valid.
func EncodeDecision(d Decision) (string, error) {
	if err := d.Validate(); err != nil {
		return "", err
	}
	return encodeDecision(d, decisionVersion), nil
}

// encodeDecision writes a valid d in version v's form; version 1 holds two
// options only.
func encodeDecision(d Decision, v int) string {
	n := 1 + 2*len(d.Options) + 1
	for _, name := range d.Options {
		n += len(name)
	}
	for _, c := range d.Factors {
		n += 2 + len(c.Name) + 1 + len(c.Scores) + 2 + len(c.Note)
	}
	b := make([]byte, 0, n)
	if v >= 2 {
		b = append(b, byte(len(d.Options)))
	}
	for _, name := range d.Options {
		b = appendString(b, name)
	}
	b = append(b, byte(len(d.Factors)))
	for _, c := range d.Factors {
		b = appendString(b, c.Name)
		b = append(b, byte(c.Weight))
		for _, sc := range c.Scores {
			b = append(b, byte(sc))
		}
		b = appendString(b, c.Note)
	}
	return strconv.Itoa(v) + "." + base64.RawURLEncoding.EncodeToString(b)
}

// appendString appends s's length as a uvarint, then s.
func appendString(b []byte, s string) []byte {
	n := len(s)
	for n >= 0x80 {
		b = append(b, byte(n)|0x80)
		n >>= 7
	}
	return append(append(b, byte(n)), s...)
}

// DecodeDecision reads a decision in the form EncodeDecision writes. Its
// errors are ErrNoDecision, ErrNewerDecision, ErrCorruptDecision and
// ErrTruncatedDecision, under errors.Is. A decision it returns is valid.
func DecodeDecision(s string) (Decision, error) {
	if s == "" {
		return Decision{}, ErrNoDecision
	}
	// The version comes first, so that a later page's link, however long
	// or different, is recognised as one.
	dot := strings.IndexByte(s[:min(len(s), 10)], '.')
	if dot < 0 {
		return Decision{}, damaged("it has no version")
	}
	version, ok := parseVersion(s[:dot])
	switch {
	case !ok:
		return Decision{}, damaged("its version is not a number")
	case version > decisionVersion:
		return Decision{}, ErrNewerDecision
	}
	if len(s) > MaxDecisionInput {
		return Decision{}, damaged("it is longer than any decision")
	}
	body := s[dot+1:]
	for i := 0; i < len(body); i++ {
		if !isBase64URL(body[i]) {
			return Decision{}, damaged("it has a character a decision does not use")
		}
	}
	// A lone last character of a group holds no whole byte: what it ended
	// was cut. Extra bits in the last group are ignored here and refused
	// below, as a second encoding of the same bytes.
	if len(body)%4 == 1 {
		body = body[:len(body)-1]
	}
	b, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Decision{}, damaged("it is not valid base64")
	}
	r := decisionReader{b: b, version: version}
	d := r.decision()
	if r.err != nil {
		return Decision{}, r.err
	}
	if len(r.b) > 0 {
		return Decision{}, damaged("it has more after the decision")
	}
	if err := d.Validate(); err != nil {
		return Decision{}, fmt.Errorf("%w: %w", ErrCorruptDecision, err)
	}
	if encodeDecision(d, version) != s {
		return Decision{}, damaged("it is not in the form this page writes")
	}
	return d, nil
}

// parseVersion reads a version number: decimal digits without a leading zero.
func parseVersion(s string) (int, bool) {
	if s == "" || s[0] == '0' || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// isBase64URL reports the characters of unpadded base64url.
func isBase64URL(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// decisionReader reads the binary form of a version, keeping the first
// error.
type decisionReader struct {
	b       []byte
	version int
	err     error
}

// decision reads a whole decision. Values are range-checked afterwards, by
// Validate; here only what sizes an allocation is checked first.
func (r *decisionReader) decision() Decision {
	options := MinOptions
	if r.version >= 2 {
		options = int(r.next())
		if r.err == nil && (options < MinOptions || options > MaxOptions) {
			r.err = damaged(fmt.Sprintf("it has %d options; a decision has %d to %d", options, MinOptions, MaxOptions))
		}
	}
	if r.err != nil {
		return Decision{}
	}
	d := Decision{Options: make([]string, options)}
	for i := range d.Options {
		d.Options[i] = r.text(MaxNameLen)
	}
	n := int(r.next())
	if r.err == nil && n > MaxFactors {
		r.err = damaged(fmt.Sprintf("it has %d factors; a decision has at most %d", n, MaxFactors))
	}
	if r.err != nil {
		return Decision{}
	}
	if n > 0 {
		d.Factors = make([]Criterion, n)
	}
	for i := range d.Factors {
		c := &d.Factors[i]
		c.Name = r.text(MaxNameLen)
		c.Weight = int(r.next())
		c.Scores = make([]int, options)
		for o := range c.Scores {
			c.Scores[o] = int(r.next())
		}
		c.Note = r.text(MaxNoteLen)
	}
	return d
}

// next reads one byte.
func (r *decisionReader) next() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = ErrTruncatedDecision
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// text reads a length-prefixed text of at most max runes. The length is
// checked against the most bytes max runes take, and against what is left,
// before anything is allocated.
func (r *decisionReader) text(max int) string {
	n := 0
	for shift := 0; ; shift += 7 {
		c := r.next()
		if r.err != nil {
			return ""
		}
		n |= int(c&0x7f) << shift
		if c < 0x80 {
			break
		}
		if shift == 14 {
			r.err = damaged("a length in it is too large")
			return ""
		}
	}
	switch {
	case n > utf8.UTFMax*max:
		r.err = damaged("a text in it is too long")
		return ""
	case n > len(r.b):
		r.err = ErrTruncatedDecision
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
