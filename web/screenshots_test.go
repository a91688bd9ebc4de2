//go:build !wasm

package web

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The README's pictures of a section with its sliders, taken from the real
// page with the app running, on a phone and on a desktop. make screenshots
// takes them again (SCREENSHOTS=write); otherwise the test checks that
// they are there, at their sizes, and small.
var screenshots = []struct {
	name          string
	width, height int
	mobile        bool
}{
	{"phone.png", phoneWidth, phoneHeight, true},
	{"desktop.png", 1280, 800, false},
}

const (
	screenshotDir    = "../docs/img"
	screenshotBudget = 450 << 10 // bytes, all of them: the README loads them
	screenshotPage   = "/impact" // a section with four sliders and the verdict
)

func TestScreenshots(t *testing.T) {
	if os.Getenv("SCREENSHOTS") == "write" {
		takeScreenshots(t)
	}
	total := 0
	for _, shot := range screenshots {
		b, err := os.ReadFile(filepath.Join(screenshotDir, shot.name))
		if err != nil {
			t.Fatalf("%v: make screenshots takes it", err)
		}
		total += len(b)
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", shot.name, err)
		}
		if cfg.Width != shot.width || cfg.Height != shot.height {
			t.Errorf("%s is %d×%d, want %d×%d", shot.name, cfg.Width, cfg.Height, shot.width, shot.height)
		}
	}
	if total > screenshotBudget {
		t.Errorf("the screenshots weigh %d bytes, over the budget of %d", total, screenshotBudget)
	}
}

// takeScreenshots writes each screenshot from the page in Chromium, at a
// device pixel ratio of 1, scrolled to the section's last slider, with
// the verdict below it.
func takeScreenshots(t *testing.T) {
	s := newSite(t, false)
	for _, shot := range screenshots {
		b := newBrowser(t)
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if shot.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		b.run(t, chromedp.EmulateViewport(int64(shot.width), int64(shot.height), opts...))
		b.navigate(t, s.url(screenshotPage))
		b.waitApp(t, 60*time.Second)
		eval[bool](t, b, `(window.scrollTo({top: [...document.querySelectorAll(".factor")].pop().getBoundingClientRect().top + scrollY - 16, behavior: "instant"}), true)`)
		b.settle(t, 500*time.Millisecond)
		var raw []byte
		b.run(t, chromedp.CaptureScreenshot(&raw))
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := writePNG(filepath.Join(screenshotDir, shot.name), img); err != nil {
			t.Fatal(err)
		}
	}
}

// writePNG writes img at png's best compression.
func writePNG(name string, img image.Image) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", name, buf.Len())
	return os.WriteFile(name, buf.Bytes(), 0o644)
}
