package pdftext

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// PageImage returns the scan of page n (1-based) of a PDF, as an image
// file, when the page is one image drawn whole, as a scanner writes it: a
// JPEG (DCTDecode) stream is returned as it is stored, an 8-bit grey or
// RGB Flate image as a PNG; dpi is its resolution on the page. ok is false
// for anything else (the page is then rendered, by pdftoppm). It never
// panics.
//
// The PDF library does not decode JPEG streams nor give their bytes; it
// does print a stream's offset in the file, which is where its bytes are.
func PageImage(data []byte, n int) (img []byte, dpi float64, ok bool) {
	defer func() {
		if recover() != nil {
			img, dpi, ok = nil, 0, false
		}
	}()
	img, dpi, ok = pageImage(data, n)
	return img, dpi, ok
}

func pageImage(data []byte, n int) (img []byte, dpi float64, ok bool) {
	if isEncrypted(data) {
		return nil, 0, false
	}
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, false
	}
	pages, err := collectPages(rd, 0)
	if err != nil || n < 1 || n > len(pages) {
		return nil, 0, false
	}
	p := pages[n-1]
	xobjs := p.res.Key("XObject")
	var im pdf.Value
	count := 0
	for _, k := range xobjs.Keys() {
		if x := xobjs.Key(k); x.Key("Subtype").Name() == "Image" {
			im, count = x, count+1
		}
	}
	if count != 1 {
		return nil, 0, false
	}
	w, h := int(im.Key("Width").Int64()), int(im.Key("Height").Int64())
	if pw := p.box[2] - p.box[0]; pw > 0 {
		dpi = float64(w) / (pw / 72)
	}
	filter := im.Key("Filter")
	if filter.Kind() == pdf.Array && filter.Len() == 1 {
		filter = filter.Index(0)
	}
	switch filter.Name() {
	case "DCTDecode":
		off, size, ok := streamSpan(im, len(data))
		if !ok || size < 4 || data[off] != 0xFF || data[off+1] != 0xD8 {
			return nil, 0, false
		}
		return data[off : off+size], dpi, true
	case "FlateDecode":
		if im.Key("BitsPerComponent").Int64() != 8 || w <= 0 || h <= 0 || w*h > 100<<20 {
			return nil, 0, false
		}
		comps := map[string]int{"DeviceGray": 1, "DeviceRGB": 3}[im.Key("ColorSpace").Name()]
		if comps == 0 {
			return nil, 0, false
		}
		pix, err := io.ReadAll(io.LimitReader(im.Reader(), int64(w*h*comps)+1))
		if err != nil || len(pix) != w*h*comps {
			return nil, 0, false
		}
		var out bytes.Buffer
		var m image.Image
		if comps == 1 {
			m = &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
		} else {
			rgba := image.NewRGBA(image.Rect(0, 0, w, h))
			for i := range w * h {
				copy(rgba.Pix[4*i:], pix[3*i:3*i+3])
				rgba.Pix[4*i+3] = 255
			}
			m = rgba
		}
		if png.Encode(&out, m) != nil {
			return nil, 0, false
		}
		return out.Bytes(), dpi, true
	}
	return nil, 0, false
}

// streamSpan returns where a stream's bytes are in the file: the offset
// the library prints after its dictionary ("<<...>>@1234") and /Length.
func streamSpan(v pdf.Value, fileLen int) (off, size int, ok bool) {
	s := v.String()
	i := strings.LastIndexByte(s, '@')
	if i < 0 {
		return 0, 0, false
	}
	off, err := strconv.Atoi(s[i+1:])
	size = int(v.Key("Length").Int64())
	if err != nil || off < 0 || size <= 0 || off+size > fileLen {
		return 0, 0, false
	}
	return off, size, true
}
