package pdftext

import (
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/chitieu/chitieu/extract/vntext"
)

// font is what the engine needs of one PDF font: how to cut a shown string
// into glyph codes, what each code means, and how far it advances.
type font struct {
	name     string          // BaseFont without the subset prefix
	legacy   vntext.Encoding // TCVN3 or VNI for .VnTime, VNI-Times and kin
	enc      pdf.TextEncoding
	twoByte  bool // Type0 font with a 2-byte CMap (Identity-H and kin)
	first    int
	widths   []float64       // simple fonts: Widths from FirstChar
	cidW     map[int]float64 // Type0 fonts: the descendant's W array
	defW     float64         // DW, MissingWidth, or an estimate
	vertical bool
	decoded  map[int]string // cache of decoded codes
}

// loadFont reads the font dictionary v. Everything here tolerates missing
// or malformed entries: a font we cannot read still yields glyphs, with
// estimated widths.
func loadFont(v pdf.Value) *font {
	f := &font{decoded: map[int]string{}, defW: 500}
	f.name = v.Key("BaseFont").Name()
	if i := strings.IndexByte(f.name, '+'); i == 6 {
		f.name = f.name[i+1:]
	}
	f.legacy, _ = vntext.FontEncoding(f.name)
	pf := pdf.Font{V: v}
	f.enc = pf.Encoder()
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		if e := v.Key("Encoding"); e.Kind() == pdf.Name {
			f.vertical = strings.HasSuffix(e.Name(), "-V")
		}
		desc := v.Key("DescendantFonts").Index(0)
		f.defW = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defW = dw.Float64()
		}
		f.cidW = parseW(desc.Key("W"))
		return f
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	if n := ws.Len(); n > 0 && n < 65536 {
		f.widths = make([]float64, n)
		for i := range f.widths {
			f.widths[i] = ws.Index(i).Float64()
		}
	}
	if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
		if w := mw.Float64(); w > 0 {
			f.defW = w
		}
	}
	return f
}

// parseW reads a CIDFont W array: [c [w1 w2 ...] cfirst clast w ...].
func parseW(w pdf.Value) map[int]float64 {
	m := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(m) < 1<<17; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(m) < 1<<17; j++ {
				m[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(next.Int64())
		width := w.Index(i + 2).Float64()
		for code := c; code <= last && code-c < 1<<16; code++ {
			m[code] = width
		}
		i += 3
	}
	return m
}

// codes cuts a shown string into glyph codes.
func (f *font) codes(s string) []int {
	if f.twoByte {
		out := make([]int, 0, len(s)/2)
		for i := 0; i+1 < len(s); i += 2 {
			out = append(out, int(s[i])<<8|int(s[i+1]))
		}
		return out
	}
	out := make([]int, len(s))
	for i := 0; i < len(s); i++ {
		out[i] = int(s[i])
	}
	return out
}

// text returns the Unicode text of one glyph code.
func (f *font) text(code int) string {
	if t, ok := f.decoded[code]; ok {
		return t
	}
	var raw string
	if f.twoByte {
		raw = string([]byte{byte(code >> 8), byte(code)})
	} else {
		raw = string([]byte{byte(code)})
	}
	t := f.enc.Decode(raw)
	f.decoded[code] = t
	return t
}

// width returns the advance of a glyph code in thousandths of an em.
func (f *font) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.defW
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	return f.defW
}
