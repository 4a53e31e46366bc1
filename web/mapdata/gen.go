//go:build ignore

// gen.go writes provinces.txt, the shapes of the map, from geoBoundaries'
// simplified ADM1 TopoJSON of Vietnam:
//
//	go run gen.go geoBoundaries-VNM-ADM1_simplified.topojson > provinces.txt
//
// It projects the shapes (equirectangular, scaled by the cosine of 16°N so
// that the country keeps its proportions), names each by its GSO code
// (the gazetteer's), and writes one SVG path per province of the 63 and
// one per unit of the 34 of 1 July 2025, each the union of the provinces
// it absorbed (the arcs two of them share are dropped, the rest chained
// into rings).
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
)

type topology struct {
	Arcs      [][][2]int64 `json:"arcs"`
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"shapeName"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// Units of the output per degree of latitude, and the frame.
const (
	perDegree = 400
	west      = 102.0
	north     = 23.5
)

var lonScale = math.Cos(16 * math.Pi / 180)

// names the gazetteer does not read as they are written in the source.
var names = map[string]string{
	"Ho Chi Minh": "79", // Thành phố Hồ Chí Minh
	"Côn Đảo":     "77", // a district of Bà Rịa - Vũng Tàu, drawn apart
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go FILE.topojson > provinces.txt")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		fail(err)
	}
	// Arcs as absolute points, in the topology's integer grid.
	arcs := make([][][2]int64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y int64
		for _, d := range a {
			x, y = x+d[0], y+d[1]
			arcs[i] = append(arcs[i], [2]int64{x, y})
		}
	}
	g := gazetteer.Default()
	// The rings (lists of arc references) of each province of the 63.
	rings := map[string][][]int{}
	for _, o := range t.Objects {
		for _, geom := range o.Geometries {
			name := strings.TrimSpace(geom.Properties.Name)
			code := names[name]
			if code == "" {
				p := g.Lookup(strings.ReplaceAll(name, "–", " - "))
				if p == nil || p.Level != gazetteer.Province {
					fail(fmt.Errorf("%q is not a province the gazetteer knows", name))
				}
				code = p.Code
			}
			var polys [][][]int
			switch geom.Type {
			case "Polygon":
				var p [][]int
				if err := json.Unmarshal(geom.Arcs, &p); err != nil {
					fail(err)
				}
				polys = [][][]int{p}
			case "MultiPolygon":
				if err := json.Unmarshal(geom.Arcs, &polys); err != nil {
					fail(err)
				}
			default:
				fail(fmt.Errorf("%s: geometry %s", name, geom.Type))
			}
			for _, p := range polys {
				rings[code] = append(rings[code], p...)
			}
		}
	}
	if len(rings) != 63 {
		fail(fmt.Errorf("%d provinces, want 63", len(rings)))
	}
	// The 34: the provinces each absorbed.
	groups := map[string][]string{}
	for code := range rings {
		n := g.Province2025(g.Place(code))
		if n == nil {
			fail(fmt.Errorf("province %s has no unit of 2025", code))
		}
		groups[n.Code] = append(groups[n.Code], code)
	}
	if len(groups) != 34 {
		fail(fmt.Errorf("%d units of 2025, want 34", len(groups)))
	}

	project := func(p [2]int64) (int, int) {
		lon := float64(p[0])*t.Transform.Scale[0] + t.Transform.Translate[0]
		lat := float64(p[1])*t.Transform.Scale[1] + t.Transform.Translate[1]
		return int(math.Round((lon - west) * lonScale * perDegree)), int(math.Round((north - lat) * perDegree))
	}
	path := func(rs [][]int) string {
		var b strings.Builder
		for _, ring := range union(rs, arcs) {
			var px, py int
			for i, p := range ring {
				x, y := project(p)
				switch {
				case i == 0:
					fmt.Fprintf(&b, "M%d %d", x, y)
				case x == px && y == py:
					continue
				default:
					fmt.Fprintf(&b, "l%d %d", x-px, y-py)
				}
				px, py = x, y
			}
			b.WriteString("z")
		}
		return b.String()
	}
	fmt.Println(`# The provinces of Vietnam as SVG paths, for the web's map. Made by
# gen.go from geoBoundaries' VNM ADM1 (simplified TopoJSON, build of 12 Dec
# 2023; boundaries of 2008 from Wikimedia Commons, public domain), via
# github.com/nhdthnh/GeoJson (commit 704c7b8), fetched 2 December 2026.
# geoBoundaries: Runfola, D. et al. (2020), PLoS ONE 15(4): e0231866,
# https://www.geoboundaries.org; its derived data are CC BY 4.0, and so is
# this file. Đà Nẵng holds the Hoàng Sa islands, Khánh Hòa the Trường Sa.
#
# Columns, separated by tabs: list (63: until 30 June 2025; 34: from 1 July
# 2025), GSO code, name, path (units: 1/400 degree of latitude; x from
# 102°E scaled by cos 16°, y down from 23.5°N).`)
	fmt.Printf("# frame %d %d\n", int(math.Ceil((115.2-west)*lonScale*perDegree)), int(math.Ceil((north-8.3)*perDegree)))
	codes := func(m map[string][][]int) []string {
		var cs []string
		for c := range m {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		return cs
	}
	for _, c := range codes(rings) {
		fmt.Printf("63\t%s\t%s\t%s\n", c, g.Place(c).Name, path(rings[c]))
	}
	merged := map[string][][]int{}
	for n, olds := range groups {
		for _, o := range olds {
			merged[n] = append(merged[n], rings[o]...)
		}
	}
	for _, c := range codes(merged) {
		fmt.Printf("34\t%s\t%s\t%s\n", c, g.Place2025(c).Name, path(merged[c]))
	}
}

// union returns the rings of the union of rings (lists of arc references,
// ^i for arc i reversed): the arcs two rings share are inner borders and
// are dropped, the others chained end to start.
func union(rings [][]int, arcs [][][2]int64) [][][2]int64 {
	uses := map[int]int{}
	for _, r := range rings {
		for _, a := range r {
			uses[index(a)]++
		}
	}
	points := func(a int) [][2]int64 {
		p := arcs[index(a)]
		if a >= 0 {
			return p
		}
		q := make([][2]int64, len(p))
		for i := range p {
			q[i] = p[len(p)-1-i]
		}
		return q
	}
	from := map[[2]int64][]int{} // start point → the outer arcs that start there
	var order []int
	for _, r := range rings {
		for _, a := range r {
			if uses[index(a)] == 1 {
				from[points(a)[0]] = append(from[points(a)[0]], a)
				order = append(order, a)
			}
		}
	}
	used := map[int]bool{}
	var out [][][2]int64
	for _, a := range order {
		if used[a] {
			continue
		}
		var ring [][2]int64
		start := points(a)[0]
		for cur := a; ; {
			used[cur] = true
			p := points(cur)
			ring = append(ring, p[:len(p)-1]...)
			end := p[len(p)-1]
			if end == start {
				break
			}
			next, ok := 0, false
			for _, b := range from[end] {
				if !used[b] {
					next, ok = b, true
					break
				}
			}
			if !ok {
				fail(fmt.Errorf("a ring does not close at %v", end))
			}
			cur = next
		}
		out = append(out, append(ring, start))
	}
	return out
}

func index(a int) int {
	if a < 0 {
		return ^a
	}
	return a
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
