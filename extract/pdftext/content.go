package pdftext

import (
	"context"
	"math"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// glyph is one drawn character (or ligature) in page space.
type glyph struct {
	x, y   float64 // origin on the baseline, in points
	w      float64 // advance, in points
	size   float64 // font size, in points
	text   string
	font   *font
	space  bool // the glyph is a space character
	combin bool // the glyph is a lone combining mark
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// rect is an axis-aligned box in page space.
type rect struct{ x0, y0, x1, y1 float64 }

var noRect = rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

func (r *rect) add(x, y float64) {
	r.x0, r.y0 = math.Min(r.x0, x), math.Min(r.y0, y)
	r.x1, r.y1 = math.Max(r.x1, x), math.Max(r.y1, y)
}

func (r rect) intersect(o rect) rect {
	return rect{math.Max(r.x0, o.x0), math.Max(r.y0, o.y0), math.Min(r.x1, o.x1), math.Min(r.y1, o.y1)}
}

type gstate struct {
	clip                 *rect // bounding box of the clipping path; nil: none
	ctm                  matrix
	font                 *font
	size                 float64
	charSp, wordSp, hscl float64
	leading, rise        float64
}

// limits bound the work done on one page so that hostile content streams
// cannot run away.
const (
	maxRules         = 20000
	maxGlyphsPerPage = 400000
	maxFormDepth     = 8
	maxStateDepth    = 256
)

// interpreter walks one page's content stream and collects glyphs.
type interpreter struct {
	ctx    context.Context
	glyphs []glyph
	rules  []drawnRule // thin straight lines and thin rectangles painted
	images int         // image XObjects drawn
	depth  int
	ops    int
}

// run interprets a content stream (or array of streams) with resources res
// and initial matrix ctm.
func (in *interpreter) run(strm, res pdf.Value, ctm matrix) {
	fonts := map[string]*font{}
	fontDict := res.Key("Font")
	xobjs := res.Key("XObject")
	g := gstate{ctm: ctm, hscl: 1}
	var stack []gstate
	var tm, tlm matrix
	getFont := func(name string) *font {
		if f, ok := fonts[name]; ok {
			return f
		}
		fv := fontDict.Key(name)
		if fv.IsNull() {
			fonts[name] = nil
			return nil
		}
		f := loadFont(fv)
		fonts[name] = f
		return f
	}
	// The clipping path, as its bounding box: glyphs outside it are not
	// seen (Chromium clips the top of the next page's tall accents that it
	// paints in the bottom margin).
	path := noRect
	pendingClip := false
	// The current path's pieces, in page space, for the rules of tables:
	// rectangles and straight segments.
	var pieces []rect
	var cur [2]float64 // the current point
	addPoint := func(x, y float64) {
		p := matrix{1, 0, 0, 1, x, y}.mul(g.ctm)
		path.add(p[4], p[5])
	}
	at := func(x, y float64) (float64, float64) {
		p := matrix{1, 0, 0, 1, x, y}.mul(g.ctm)
		return p[4], p[5]
	}
	visible := func(x, y, size float64) bool {
		if g.clip == nil {
			return true
		}
		c := *g.clip
		tol := 0.2 * size
		return x >= c.x0-tol && x <= c.x1+tol && y+0.7*size >= c.y0-tol && y <= c.y1+tol
	}
	show := func(s string) {
		f := g.font
		if f == nil || len(in.glyphs) >= maxGlyphsPerPage {
			return
		}
		for _, code := range f.codes(s) {
			w0 := f.width(code) / 1000
			// The glyph's origin in page space, tm·ctm, once: its
			// rendering matrix and advance derive from it without
			// more products of matrices.
			tc := tm.mul(g.ctm)
			a, d := g.size*g.hscl, g.size
			trm := matrix{a * tc[0], a * tc[1], d * tc[2], d * tc[3], g.rise*tc[2] + tc[4], g.rise*tc[3] + tc[5]}
			txt := f.text(code)
			isSpace := txt == " " || txt == "\t" || txt == "\u00a0" || (!f.twoByte && code == 32 && txt == "")
			tx := w0*g.size + g.charSp
			if code == 32 && !f.twoByte {
				tx += g.wordSp
			}
			tx *= g.hscl
			size := math.Hypot(trm[2], trm[3])
			if size == 0 {
				size = math.Abs(g.size)
			}
			// The text matrix moves by tx along its x axis.
			next := tm
			next[4], next[5] = tx*tm[0]+tm[4], tx*tm[1]+tm[5]
			if !visible(trm[4], trm[5], size) {
				tm = next
				continue
			}
			if in.glyphs == nil {
				in.glyphs = make([]glyph, 0, 1024)
			}
			in.glyphs = append(in.glyphs, glyph{
				x: trm[4], y: trm[5],
				w:     math.Hypot(tx*tc[0], tx*tc[1]),
				size:  size,
				text:  txt,
				font:  f,
				space: isSpace,
			})
			tm = next
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		in.ops++
		if in.ops&0xFFF == 0 && in.ctx != nil && in.ctx.Err() != nil {
			panic(errCanceled)
		}
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < maxStateDepth {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "re":
			if len(args) == 4 {
				x, y, w, h := num(0), num(1), num(2), num(3)
				addPoint(x, y)
				addPoint(x+w, y)
				addPoint(x, y+h)
				addPoint(x+w, y+h)
				r := noRect
				for _, p := range [][2]float64{{x, y}, {x + w, y + h}} {
					px, py := at(p[0], p[1])
					r.add(px, py)
				}
				pieces = append(pieces, r)
			}
		case "m", "l", "c", "v", "y":
			for i := 0; i+1 < len(args); i += 2 {
				addPoint(num(i), num(i+1))
			}
			if len(args) >= 2 {
				px, py := at(num(len(args)-2), num(len(args)-1))
				if op == "l" {
					r := noRect
					r.add(cur[0], cur[1])
					r.add(px, py)
					pieces = append(pieces, r)
				}
				cur = [2]float64{px, py}
			}
		case "W", "W*":
			pendingClip = true
		case "n", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*":
			if op != "n" && len(in.rules) < maxRules {
				// A thin straight line or a thin rectangle painted: a
				// rule, perhaps of a table. A thin filled polygon
				// (m l l l h f) is taken whole.
				if op[0] == 'f' || op[0] == 'F' {
					if len(pieces) > 1 && (path.x1-path.x0 < 3 || path.y1-path.y0 < 3) {
						pieces = []rect{path}
					}
				}
				for _, r := range pieces {
					if w, h := r.x1-r.x0, r.y1-r.y0; math.Min(w, h) <= 3 && math.Max(w, h) >= 8 {
						in.rules = append(in.rules, drawnRule{r.x0, r.y0, r.x1, r.y1})
					}
				}
			}
			pieces = pieces[:0]
			if pendingClip && path.x0 <= path.x1 {
				c := path
				if g.clip != nil {
					c = g.clip.intersect(path)
				}
				g.clip = &c
			}
			path, pendingClip = noRect, false
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BI":
			in.images++
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.font = getFont(args[0].Name())
				g.size = num(1)
			}
		case "Tc":
			g.charSp = num(0)
		case "Tw":
			g.wordSp = num(0)
		case "Tz":
			g.hscl = num(0) / 100
		case "TL":
			g.leading = num(0)
		case "Ts":
			g.rise = num(0)
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.leading = -num(1)
				}
				tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.leading}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.wordSp, g.charSp = num(0), num(1)
				args = args[2:]
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.leading}.mul(tlm)
			tm = tlm
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
					continue
				}
				tx := -x.Float64() / 1000 * g.size * g.hscl
				tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
			}
		case "Do":
			if len(args) != 1 || in.depth >= maxFormDepth {
				return
			}
			xo := xobjs.Key(args[0].Name())
			switch xo.Key("Subtype").Name() {
			case "Image":
				in.images++
				return
			case "Form":
			default:
				return
			}
			m := identity
			if fm := xo.Key("Matrix"); fm.Len() == 6 {
				for i := range 6 {
					m[i] = fm.Index(i).Float64()
				}
			}
			r := xo.Key("Resources")
			if r.IsNull() {
				r = res
			}
			in.depth++
			in.run(xo, r, m.mul(g.ctm))
			in.depth--
		}
	})
}

func isCombining(r rune) bool { return unicode.Is(unicode.Mn, r) }

// drawnRule is a thin line painted on a page: its box in page space.
type drawnRule struct{ x0, y0, x1, y1 float64 }
