//go:build !wasm

package web

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Link previews: every page carries Open Graph and Twitter card metadata
// (go-app writes it from the page's head), with this picture.

// previewImagePath is the picture that link previews show.
const previewImagePath = "/web/og.png"

// The link-preview picture's size, as Open Graph and oEmbed advise.
const previewWidth, previewHeight = 1200, 630

// previewImage draws the 1200×630 picture that link previews show: the essay's
// title and description on the app's colours, in the Go fonts (which ship
// with the server, so nothing is fetched).
func previewImage(title, description string) ([]byte, error) {
	const w, h, margin = previewWidth, previewHeight, 80
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	teal := color.RGBA{0x0f, 0x5f, 0x5c, 0xff}
	paper := color.RGBA{0xfb, 0xfa, 0xf7, 0xff}
	amber := color.RGBA{0xf0, 0xb3, 0x5a, 0xff}
	draw.Draw(img, img.Bounds(), &image.Uniform{teal}, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(margin, h-margin-8, margin+160, h-margin), &image.Uniform{amber}, image.Point{}, draw.Src)

	bold, err := face(gobold.TTF, 88)
	if err != nil {
		return nil, err
	}
	regular, err := face(goregular.TTF, 40)
	if err != nil {
		return nil, err
	}
	y := margin + 88
	for _, line := range wrap(bold, title, w-2*margin) {
		text(img, bold, paper, margin, y, line)
		y += 104
	}
	y += 24
	for _, line := range wrap(regular, description, w-2*margin) {
		if y > h-margin-40 {
			break
		}
		text(img, regular, paper, margin, y, line)
		y += 56
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func face(ttf []byte, size float64) (font.Face, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

func text(img draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := &font.Drawer{Dst: img, Src: &image.Uniform{c}, Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// wrap breaks s into lines no wider than width.
func wrap(f font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := strings.TrimSpace(line + " " + word)
		if line != "" && font.MeasureString(f, try).Ceil() > width {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
