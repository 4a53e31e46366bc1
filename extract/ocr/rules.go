package ocr

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"

	"github.com/chitieu/chitieu/extract/rows"
)

// Table rules (the drawn lines of a ruled table) make Tesseract read
// borders as "|", "I" or "l" and cut rows apart. removeRules paints them
// white before the page is read: a dark pixel on a horizontal run of at
// least minRun pixels, or on a vertical one, belongs to a rule, not to a
// letter (at 300 dpi, a letter of body text is under 60 pixels each
// way). Runs are measured in bands a few pixels tall or wide, so that a
// page scanned a little askew still has its rules found.
const minRun = 90

func removeRules(img []byte) ([]byte, []rows.Grid, bool) {
	src, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		return img, nil, false
	}
	b := src.Bounds()
	g, ok := src.(*image.Gray)
	if !ok {
		g = image.NewGray(b)
		draw.Draw(g, b, src, b.Min, draw.Src)
	}
	w, h := b.Dx(), b.Dy()
	if w < minRun || h < minRun {
		return img, nil, false
	}
	dark := func(x, y int) bool { return g.Pix[y*g.Stride+x] < 128 }
	mask := make([]bool, w*h)
	found := false
	var hRuns, vRuns []rows.Stroke
	// Horizontal rules.
	for y := 0; y < h; y++ {
		run := 0
		for x := 0; x <= w; x++ {
			if x < w && (dark(x, y) || y > 0 && dark(x, y-1) && run > 0 || y+1 < h && dark(x, y+1) && run > 0) {
				run++
				continue
			}
			if run >= minRun {
				found = true
				hRuns = append(hRuns, rows.Stroke{Pos: float64(y), Lo: float64(x - run), Hi: float64(x)})
				for i := x - run; i < x; i++ {
					if dark(i, y) {
						mask[y*w+i] = true
					}
				}
			}
			run = 0
		}
	}
	// Vertical rules.
	for x := 0; x < w; x++ {
		run := 0
		for y := 0; y <= h; y++ {
			if y < h && (dark(x, y) || x > 0 && dark(x-1, y) && run > 0 || x+1 < w && dark(x+1, y) && run > 0) {
				run++
				continue
			}
			if run >= minRun {
				found = true
				vRuns = append(vRuns, rows.Stroke{Pos: float64(x), Lo: float64(y - run), Hi: float64(y)})
				for i := y - run; i < y; i++ {
					if dark(x, i) {
						mask[i*w+x] = true
					}
				}
			}
			run = 0
		}
	}
	if !found {
		return img, nil, false
	}
	for i, m := range mask {
		if m {
			g.Pix[(i/w)*g.Stride+i%w] = 255
		}
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, g); err != nil {
		return img, nil, false
	}
	return out.Bytes(), rows.Grids(rows.Merge(hRuns), rows.Merge(vRuns)), true
}
