package ocr

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/jpeg" // scans as stored
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
	src, _, err := image.Decode(bytes.NewReader(img))
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
	mask := make([]bool, len(g.Pix)) // by index in g.Pix
	// runs finds the long runs of dark pixels along lines of length n,
	// across m of them; at(along, across) is the pixel's index in the
	// image. A pixel dark in the next or previous line keeps a run going,
	// for rules drawn askew.
	runs := func(n, m int, at func(along, across int) int) []rows.Stroke {
		var out []rows.Stroke
		isDark := func(along, across int) bool { return g.Pix[at(along, across)] < 128 }
		for a := 0; a < m; a++ {
			run := 0
			for i := 0; i <= n; i++ {
				if i < n && (isDark(i, a) || run > 0 && (a > 0 && isDark(i, a-1) || a+1 < m && isDark(i, a+1))) {
					run++
					continue
				}
				if run >= minRun {
					out = append(out, rows.Stroke{Pos: float64(a), Lo: float64(i - run), Hi: float64(i)})
					for k := i - run; k < i; k++ {
						if isDark(k, a) {
							mask[at(k, a)] = true
						}
					}
				}
				run = 0
			}
		}
		return out
	}
	hRuns := runs(w, h, func(x, y int) int { return y*g.Stride + x })
	vRuns := runs(h, w, func(y, x int) int { return y*g.Stride + x })
	found := len(hRuns)+len(vRuns) > 0
	if !found {
		return img, nil, false
	}
	for i, m := range mask {
		if m {
			g.Pix[i] = 255
		}
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, g); err != nil {
		return img, nil, false
	}
	return out.Bytes(), rows.Grids(rows.Merge(hRuns), rows.Merge(vRuns)), true
}
