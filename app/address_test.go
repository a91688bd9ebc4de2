package app

import (
	"net/url"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

func TestCleanAddress(t *testing.T) {
	isPage := pageSet(essay.Content())
	for _, tc := range []struct {
		name, prefix, href, want string
	}{
		{"a page", "", "http://h/pace", "http://h/pace"},
		{"a page with a query and fragment", "", "http://h/pace?w=pace8#verdict", "http://h/pace?w=pace8#verdict"},
		{"the opening's alias", "", "http://h/why-this-document", "http://h/why-this-document"},
		{"an escaped letter reads as the page", "", "http://h/p%61ce", "http://h/p%61ce"},
		{"a lone % in the fragment", "", "http://h/pace#%", "http://h/pace#%25"},
		{"a bad escape in the fragment", "", "http://h/pace#%zz", "http://h/pace#%25zz"},
		{"a cut escape in the fragment", "", "http://h/your-decision#a%E", "http://h/your-decision#a%25E"},
		{"good escapes are kept", "", "http://h/pace#%E2%9C%93", "http://h/pace#%E2%9C%93"},
		{"a bad escape in the path", "", "http://h/pace%zz", "http://h/pace%25zz"},
		{"a bad escape in the query is the page's to read", "", "http://h/pace?w=%zz", "http://h/pace?w=%zz"},
		{"a trailing slash", "", "http://h/pace/", "http://h/pace"},
		{"index.html", "", "http://h/pace/index.html", "http://h/pace"},
		{"the home's index.html", "", "http://h/index.html", "http://h/"},
		{"doubled slashes", "", "http://h//pace//", "http://h/pace"},
		{"an unknown page is left alone", "", "http://h/nope/", "http://h/nope/"},
		{"under a prefix", "/x", "http://h/x/pace/index.html?w=pace2#top", "http://h/x/pace?w=pace2#top"},
		{"the home under a prefix", "/x", "http://h/x/index.html", "http://h/x/"},
		{"the prefix without its slash", "/x", "http://h/x", "http://h/x/"},
		{"outside the prefix", "/x", "http://h/pace/", "http://h/pace/"},
		{"embed mode", "", "http://h/pace/?embed=1", "http://h/pace?embed=1"},
		{"a control character in the path", "", "http://h/pa\x01ce", "http://h/pa%01ce"},
		{"a control character in the query", "", "http://h/pace?w=\x7f", "http://h/pace?w=%7F"},
		{"a control character in the fragment, which url.Parse reads", "", "http://h/pace#a\x1e", "http://h/pace#a\x1e"},
		{"&amp; from a mail client", "", "http://h/your-decision?w=pace3&amp;d=2.Ag#result", "http://h/your-decision?w=pace3&d=2.Ag#result"},
		{"&amp; mangled twice", "", "http://h/your-decision?w=pace3&amp;amp;d=2.Ag", "http://h/your-decision?w=pace3&d=2.Ag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanAddress(tc.href, tc.prefix, isPage)
			if got != tc.want {
				t.Errorf("cleanAddress(%q) = %q, want %q", tc.href, got, tc.want)
			}
			if _, err := url.Parse(got); err != nil {
				t.Errorf("url.Parse(%q): %v", got, err)
			}
		})
	}
}

// FuzzCleanAddress: whatever follows the origin, the cleaned address is
// one url.Parse reads, cleaning it again changes nothing, and an address
// url.Parse already reads and the router knows is left as it is.
func FuzzCleanAddress(f *testing.F) {
	for _, s := range []string{"/pace", "/pace#%zz", "/x/pace/index.html?w=%", "//", "/%", "#%E", "?#%", "/all/?d=1.AAA#\x7f", "/pace#\x1e"} {
		f.Add(s, "")
		f.Add(s, "/x")
	}
	isPage := pageSet(essay.Content())
	f.Fuzz(func(t *testing.T, rest, prefix string) {
		if !strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "?") && !strings.HasPrefix(rest, "#") {
			rest = "/" + rest
		}
		prefix = "/" + strings.Trim(prefix, "/?#")
		if prefix == "/" {
			prefix = ""
		}
		href := "http://127.0.0.1:8000" + rest
		got := cleanAddress(href, prefix, isPage)
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("cleanAddress(%q, %q) = %q, which url.Parse refuses: %v", href, prefix, got, err)
		}
		if again := cleanAddress(got, prefix, isPage); again != got {
			t.Fatalf("cleaning %q again gives %q", got, again)
		}
		if v, err := url.Parse(href); err == nil && isPage(strings.TrimPrefix(v.Path, prefix)) && strings.HasPrefix(v.Path, prefix) && got != href {
			t.Fatalf("a page's readable address %q was changed to %q", href, got)
		}
		if u.Host != "127.0.0.1:8000" {
			t.Fatalf("cleanAddress(%q) = %q: the host changed", href, got)
		}
	})
}
