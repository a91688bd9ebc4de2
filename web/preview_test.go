//go:build !wasm

package web

import (
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

// Shared links look right: every page has Open Graph and Twitter card
// metadata with our 1200×630 picture, absolute when a domain is given.
func TestLinkPreviews(t *testing.T) {
	res := get(t, newTestServer(t), previewImagePath)
	if got, want := res.Header.Get("Content-Type"), "image/png"; got != want {
		t.Fatalf("Content-Type %q, want %q", got, want)
	}
	img, err := png.Decode(strings.NewReader(body(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Size(), (image.Point{1200, 630}); got != want {
		t.Errorf("preview picture is %v, want %v", got, want)
	}
	withDomain, err := New(essay.Content(), Config{Domain: "essay.example"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		s     *Site
		image string
	}{
		{"no domain", newTestServer(t), previewImagePath},
		{"domain", withDomain, "https://essay.example" + previewImagePath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range essay.Content().Paths() {
				page := body(t, get(t, tc.s, p))
				for _, meta := range []string{`property="og:title"`, `property="og:description"`, `name="twitter:title"`} {
					if !regexp.MustCompile(`<meta [^>]*` + meta).MatchString(page) {
						t.Errorf("%s: no %s", p, meta)
					}
				}
				for _, meta := range []string{`property="og:image"`, `name="twitter:image"`} {
					if !regexp.MustCompile(`<meta [^>]*` + meta + `[^>]*content="` + regexp.QuoteMeta(tc.image) + `"|<meta [^>]*content="` + regexp.QuoteMeta(tc.image) + `"[^>]*` + meta).MatchString(page) {
						t.Errorf("%s: %s is not %s", p, meta, tc.image)
					}
				}
				if !regexp.MustCompile(`<meta [^>]*content="summary_large_image"`).MatchString(page) {
					t.Errorf("%s: no large-image Twitter card", p)
				}
			}
		})
	}
}
