//go:build !wasm

package web

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"leaving-amazon/essay"
)

// lighthousePages are the page kinds Lighthouse scores: the opening, a
// section with sliders and the verdict, the whole essay, the reader's
// decision, the offline page and a section in embed mode.
func lighthousePages() map[string]string {
	e := essay.Content()
	impact := e.Path(e.SectionWith(essay.Verdict, "panel"))
	return map[string]string{
		"opening": "/", "section": impact, "all": essay.AllPath,
		"decision": essay.DecisionPath, "offline": offlinePath, "embed": impact + "?embed=1",
	}
}

// BenchmarkLighthouse runs Lighthouse 12 (pinned in testdata/lighthouse),
// mobile (its CPU slowed as make bench's phone's, benchCPUSlowing), on every page kind with Debian's Chromium, and reports each
// category's score. Accessibility, best practices and SEO must be 100.
func BenchmarkLighthouse(b *testing.B) {
	cli := filepath.Join("..", "testdata", "lighthouse", "node_modules", "lighthouse", "cli", "index.js")
	if _, err := os.Stat(cli); err != nil {
		b.Fatalf("no Lighthouse (%v): npm ci --prefix testdata/lighthouse --ignore-scripts (make bench does)", err)
	}
	node := findTool(b, "node", "/usr/bin/node")
	chromium := chromiumPath(b)
	s := newSite(b, false)
	pages := lighthousePages()
	kinds := make([]string, 0, len(pages))
	for k := range pages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	// Lighthouse's simulated throttling (its default, which models the
	// page's timings from a fast trace) and DevTools throttling (the page
	// really slowed), side by side.
	for _, kind := range kinds {
		for _, method := range []string{"simulate", "devtools"} {
			scores, failing, host, err := lighthouse(b, node, cli, chromium, s.URL+pages[kind], method)
			// Lighthouse sometimes fails to record its trace (NO_NAVSTART,
			// "Please run Lighthouse again"): it is run again, once.
			if err != nil && strings.Contains(err.Error(), "run Lighthouse again") {
				fmt.Printf("(lighthouse %s, %s, run again: %v)\n", kind, method, strings.Join(strings.Fields(err.Error()), " "))
				scores, failing, host, err = lighthouse(b, node, cli, chromium, s.URL+pages[kind], method)
			}
			if err != nil {
				b.Fatalf("%s, %s: %v", kind, method, err)
			}
			for _, c := range []string{"performance", "accessibility", "best-practices", "seo"} {
				b.ReportMetric(100*scores[c], kind+"-"+method+"-"+c)
			}
			fmt.Printf("lighthouse %s (%s), %s throttling: %v; %s\n", kind, pages[kind], method, scores, host)
			for _, f := range failing {
				fmt.Printf("  %s\n", f)
			}
			for _, c := range []string{"accessibility", "best-practices", "seo"} {
				if scores[c] < 1 {
					b.Errorf("%s, %s: %s %.0f, want 100: %s", kind, method, c, 100*scores[c], strings.Join(failing, "; "))
				}
			}
		}
	}
	b.ReportMetric(0, "ns/op")
}

// lighthouse runs one mobile Lighthouse report on url, with the throttling
// method given (simulate or devtools), and returns each
// category's score (0–1), the audits that lost points, and what Lighthouse
// says of the host: its benchmark index (its measure of the machine's CPU,
// which its 4× slowing is calibrated against: the same page scores
// differently on another machine) and its warnings.
func lighthouse(b *testing.B, node, cli, chromium, url, throttling string) (map[string]float64, []string, string, error) {
	out := filepath.Join(b.TempDir(), "report.json")
	cmd := exec.Command(node, cli, url, "--quiet", "--output=json", "--output-path="+out, "--form-factor=mobile", "--throttling-method="+throttling,
		fmt.Sprintf("--throttling.cpuSlowdownMultiplier=%g", benchCPUSlowing),
		"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync")
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, nil, "", fmt.Errorf("lighthouse: %v\n%s", err, msg)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return nil, nil, "", err
	}
	var report struct {
		Categories map[string]struct {
			Score     float64
			AuditRefs []struct {
				ID     string
				Weight float64
			}
		}
		Audits map[string]struct {
			Score        *float64
			DisplayValue string
		}
		Environment struct{ BenchmarkIndex float64 }
		RunWarnings []string
	}
	if err := json.Unmarshal(raw, &report); err != nil {
		return nil, nil, "", err
	}
	scores := map[string]float64{}
	var failing []string
	for name, c := range report.Categories {
		scores[name] = c.Score
		for _, ref := range c.AuditRefs {
			a := report.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				failing = append(failing, fmt.Sprintf("%s/%s %.2f %s", name, ref.ID, *a.Score, a.DisplayValue))
			}
		}
	}
	host := fmt.Sprintf("benchmark index %.0f", report.Environment.BenchmarkIndex)
	for _, w := range report.RunWarnings {
		host += "; warning: " + w
	}
	return scores, failing, host, nil
}
