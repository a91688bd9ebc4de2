//go:build !wasm

package web

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// exportMarker marks a folder as an export, so that a later export may
// replace its contents: a folder without it is never emptied.
const exportMarker = ".leaving-amazon-export"

// Export writes every response of the site into dir, as files
// for an ordinary static host serving dir at the server's prefix: a page
// at /pace becomes pace/index.html, so that a deep link works on any host
// that serves a folder's index.html (nginx needs try_files $uri
// $uri/index.html; see docs/hosting.md). Compressible files get .gz and .br
// twins, for hosts that serve them. It returns the number of files
// written.
func (s *Site) Export(dir string) (int, error) {
	if err := prepareExportDir(dir); err != nil {
		return 0, err
	}
	paths := make([]string, 0, len(s.responses))
	for p := range s.responses {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	n := 0
	write := func(name string, b []byte) error {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(full, b, 0o644)
	}
	for _, p := range paths {
		a := s.responses[p]
		name := exportName(p, a)
		if err := write(name, a.raw); err != nil {
			return n, err
		}
		if a.gz != nil {
			if err := write(name+".gz", a.gz); err != nil {
				return n, err
			}
		}
		if a.br != nil {
			if err := write(name+".br", a.br); err != nil {
				return n, err
			}
		}
	}
	// Hosts show 404.html for a path they do not have.
	if err := write("404.html", s.notFound); err != nil {
		return n, err
	}
	// Netlify and Cloudflare Pages read their response headers from
	// _headers at the site's root.
	if err := write("_headers", headersFile(s.prefix, s.headers)); err != nil {
		return n, err
	}
	if err := write(exportMarker, []byte(s.version+"\n")); err != nil {
		return n, err
	}
	return n, nil
}

// exportName is the file that answers path p on a static host.
func exportName(p string, a *response) string {
	p = strings.TrimPrefix(p, "/")
	if strings.HasPrefix(a.contentType, "text/html") && filepath.Ext(p) == "" {
		if p == "" {
			return "index.html"
		}
		return p + "/index.html"
	}
	return p
}

// prepareExportDir makes dir ready for an export: created if missing,
// emptied if it holds an earlier export, refused if it holds anything else.
func prepareExportDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, exportMarker)); err != nil {
		return fmt.Errorf("export: %s is not empty and holds no earlier export: refusing to write into it", dir)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
