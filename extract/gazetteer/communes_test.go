package gazetteer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/vntext"
)

// TestCounts checks the embedded lists against the official totals: 63
// provinces, 696 district-level units and 10,035 communes on 30 June 2025
// (the GSO catalogue as downloaded on 18 July 2025); 34 provinces and
// 3,321 communes (2,621 xã, 687 phường, 13 đặc khu) from 1 July 2025.
func TestCounts(t *testing.T) {
	g := Default()
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	var provinces, districts, merged int
	for _, p := range g.Places() {
		switch {
		case p.Level == Province:
			provinces++
		case p.Level == District && p.Until == "":
			merged++
		case p.Level == District:
			districts++
		}
	}
	types := map[string]int{}
	for _, c := range append(g.Communes(), g.Communes2025()...) {
		// The files are read without vntext.Normalize: they must be
		// normalized already.
		if n := vntext.Normalize(c.Name); n != c.Name {
			t.Errorf("%s: name %q is not normalized (%q)", c.Code, c.Name, n)
		}
	}
	for _, c := range g.Communes() {
		types[c.Type]++
		if g.Province(c) == nil {
			t.Errorf("%s: no province", c)
		}
		if len(g.Successors(c)) == 0 {
			t.Errorf("%s maps to no commune of 2025", c)
		}
	}
	types2025 := map[string]int{}
	for _, c := range g.Communes2025() {
		types2025[c.Type]++
		if len(g.Predecessors(c)) == 0 {
			t.Errorf("%s has no predecessor", c)
		}
		if g.Province2025(c) == nil {
			t.Errorf("%s: no province", c)
		}
	}
	got := fmt.Sprintf("before: %d provinces, %d districts (+%d merged earlier), %d communes %v; after: %d provinces, %d communes %v",
		provinces, districts, merged, len(g.Communes()), types, len(g.Provinces2025()), len(g.Communes2025()), types2025)
	want := "before: 63 provinces, 696 districts (+11 merged earlier), 10035 communes map[phường:1726 thị trấn:617 xã:7692]; " +
		"after: 34 provinces, 3321 communes map[phường:687 xã:2621 đặc khu:13]"
	if got != want {
		t.Errorf("counts\n got %s\nwant %s", got, want)
	}
}

func TestSuccession(t *testing.T) {
	g := Default()
	codes := func(ss []Share) string {
		var out []string
		for _, s := range ss {
			c := s.Place.Code
			if s.Part {
				c += "*"
			}
			out = append(out, c)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		p          *Place
		succ, pred string
		one        string // Commune2025
	}{
		// Thị trấn Cần Giuộc (Long An) and two communes became xã Cần
		// Giuộc of Tây Ninh, keeping the thị trấn's code.
		{p: g.Commune("28159"), succ: "28159", one: "28159"},
		{p: g.Place2025("28159"), succ: "28159", pred: "28159 28168 28180", one: "28159"},
		// The island district of Côn Đảo had no communes: a special zone.
		{p: g.Place("755"), succ: "26732", one: "26732"},
		// A district went to several communes.
		{p: g.Place("807"), succ: "28159 28165 28177 28201 28207"},
		// Phường Trúc Bạch went whole into phường Ba Đình; phường Ngọc Hà
		// (00016) was split between Ba Đình and the new Ngọc Hà.
		{p: g.Commune("00004"), succ: "00004", one: "00004"},
		{p: g.Commune("00016"), succ: "00004* 00008*"},
		{p: g.Place("74"), succ: "79"},
	} {
		if tc.p == nil {
			t.Errorf("%+v: unknown place", tc)
			continue
		}
		if got := codes(g.Successors(tc.p)); got != tc.succ {
			t.Errorf("Successors(%s) = %q, want %q", tc.p, got, tc.succ)
		}
		if tc.pred != "" {
			if got := codes(g.Predecessors(tc.p)); got != tc.pred {
				t.Errorf("Predecessors(%s) = %q, want %q", tc.p, got, tc.pred)
			}
		}
		if got := plusCodes(g.Commune2025(tc.p)); strings.TrimPrefix(got, "+") != tc.one {
			t.Errorf("Commune2025(%s) = %q, want %q", tc.p, got, tc.one)
		}
	}
}

// TestResolve resolves place phrases as plans and pages write them. want is
// the codes of the candidates left, a "+" before a 2025 unit's code; "" for
// a phrase that names no place.
func TestResolve(t *testing.T) {
	g := Default()
	const before, after = "2023-05-10", "2025-09-22"
	for _, tc := range []struct{ phrase, date, within, want string }{
		// Communes of 2025, by their type word, with their province.
		{"UBND xã Cần Giuộc, tỉnh Tây Ninh", after, "", "+28159"},
		{"Ủy ban nhân dân xã Cần Giuộc", after, "", "+28159"},
		{"phường Ba Đình, thành phố Hà Nội", after, "", "+00004"},
		{"đặc khu Phú Quốc", after, "", "+31078"},
		{"ĐẶC KHU CÔN ĐẢO", after, "", "+26732"},
		{"UBND XÃ HẢI HẬU", after, "", "+14215"},
		{"phường Thuận Hoá (thành phố Huế)", after, "", "+19789"}, // old tone placement
		{"phuong Sai Gon, TP.HCM", after, "", "+26740"},           // no diacritics
		// An old province named out of habit in a 2025 commune's address.
		{"xã Cần Giuộc, tỉnh Long An", after, "", "+28159"},
		// The same commune before the reform: the thị trấn of Long An.
		{"thị trấn Cần Giuộc, huyện Cần Giuộc", before, "", "28159"},
		// Districts and communes until 30 June 2025.
		{"huyện Đức Trọng (tỉnh Lâm Đồng)", before, "", "678"},
		{"H. Đức Trọng", before, "", "678"},
		{"Q.1, TP.HCM", before, "", "760"},
		{"Quận 1", before, "", "760"},
		{"Phường 1, Quận 3", before, "", "27160"},
		{"TX. Kỳ Anh", before, "", "449"},
		{"Tp Buôn Ma Thuột", before, "", "643"},
		{"TP. Thủ Dầu Một, tỉnh Bình Dương", before, "", "718"},
		{"xã Hưng Thi, huyện Lạc Thủy", before, "", "05404"},
		{"xã Đăk Rơ Wa", before, "", "23335"}, // the catalogue writes Đắk
		{"huyện Ia H'Drai", before, "", "618"},
		{"xa Tan Phu, huyen Dong Phu, tinh Binh Phuoc", before, "", "25363"},
		{"Thủ đô Hà Nội", before, "", "01"},
		// Names many units share: settled by a province or district named
		// after them, or by the document's province, else left open.
		{"quận Tân Phú", before, "", "767"},
		{"huyện Tân Phú", before, "", "734"},
		{"Tân Phú", before, "75", "734"},
		{"xã Tân Phú, tỉnh Đồng Nai", after, "", "+26116"},
		{"xã Tân Phú", after, "75", "+26116"},
		// (and the type word counts: phường Tân Phú, 27031, is left out)
		{"xã Tân Phú", after, "", "+17272 +25549 +26116 +28468 +28840"},
		{"huyện Châu Thành", before, "", "708 808 821 831 847 877 892 905 933 942"},
		{"huyện Châu Thành, tỉnh Tiền Giang", before, "", "821"},
		// No place.
		{"xã hội học tập", before, "", ""},
		{"Phường", after, "", ""},
	} {
		var within []*Place
		if tc.within != "" {
			within = append(within, g.Place(tc.within))
		}
		if s := plusCodes(g.Resolve(tc.phrase, tc.date, within)...); s != tc.want {
			t.Errorf("Resolve(%q, %s) = %q, want %q", tc.phrase, tc.date, s, tc.want)
		}
	}
}

func TestWithin(t *testing.T) {
	g := Default()
	for _, tc := range []struct {
		p, q *Place
		want bool
	}{
		{g.Commune("28159"), g.Place("807"), true},
		{g.Commune("28159"), g.Place("80"), true},
		{g.Commune("28159"), g.Place("72"), false}, // before 2025 Long An was not Tây Ninh
		{g.Commune("28159"), g.Place("79"), false},
		{g.Place2025("28159"), g.Place("72"), true},
		{g.Place2025("28159"), g.Place("807"), true},
		{g.Place2025("28159"), g.Place("808"), false},
		{g.Place2025("28159"), g.Place2025("80"), true},
		{g.Place("807"), g.Place("80"), true},
		{g.Place("80"), g.Place("807"), false},
	} {
		if got := g.Within(tc.p, tc.q); got != tc.want {
			t.Errorf("Within(%v, %v) = %v", tc.p, tc.q, got)
		}
	}
}

func TestQuery(t *testing.T) {
	g := Default()
	for _, tc := range []struct{ q, date, want string }{
		{"xa can giuoc, tinh tay ninh", "2026-01-01", "+28159"},
		{"cần giuộc", "2024-01-01", "807 28159"}, // the district, then the thị trấn
		{"Cần Giuộc", "2026-01-01", "+28159"},    // no district is in force then
		{"Cần Giuộc", "", "807 +28159 28159"},
		{"q.1, tp.hcm", "", "760"},
		{"ĐẶC KHU PHÚ QUỐC", "", "+31078"},
		{"tỉnh", "", ""},
	} {
		if s := plusCodes(g.Query(tc.q, tc.date, nil)...); s != tc.want {
			t.Errorf("Query(%q, %s) = %q, want %q", tc.q, tc.date, s, tc.want)
		}
	}
}

// plusCodes writes places' codes, a "+" before a 2025 unit's; nil places
// are left out.
func plusCodes(ps ...*Place) string {
	var out []string
	for _, p := range ps {
		switch {
		case p == nil:
		case p.New():
			out = append(out, "+"+p.Code)
		default:
			out = append(out, p.Code)
		}
	}
	return strings.Join(out, " ")
}

func TestNamesake(t *testing.T) {
	g := Default()
	for _, tc := range []struct {
		p    *Place
		want string
	}{
		{g.Place2025("28159"), "72"}, // xã Cần Giuộc, Tây Ninh of 2025 → Tây Ninh of the 63
		{g.Place("80"), "72"},        // Long An → Tây Ninh
		{g.Place("74"), "79"},        // Bình Dương → Hồ Chí Minh
		{g.Place("01"), "01"},
		{g.Place2025("37"), "37"}, // Ninh Bình
	} {
		if got := plusCodes(g.Namesake(tc.p)); got != tc.want {
			t.Errorf("Namesake(%v) = %q, want %s", tc.p, got, tc.want)
		}
	}
}

// FuzzQuery resolves what users and documents type: no panic, and every
// unit it returns is a real one, in force on the date when any is.
func FuzzQuery(f *testing.F) {
	f.Add("xa can giuoc, tinh tay ninh", "2025-09-01")
	f.Add("Q.1, TP.HCM", "")
	f.Add("UBND XÃ TÂN PHÚ (huyện Đồng Phú - tỉnh Bình Phước)", "2023-01-01")
	f.Add("p. Ba Đình thuộc Hà Nội", "x")
	g := Default()
	f.Fuzz(func(t *testing.T, in, date string) {
		ps := g.Query(in, date, nil)
		valid := 0
		for _, p := range ps {
			if p == nil || p.Code == "" || p.Name == "" {
				t.Fatalf("Query(%q) gave %+v", in, p)
			}
			if p.Valid(date) {
				valid++
			}
		}
		if valid != 0 && valid != len(ps) {
			t.Fatalf("Query(%q, %q) mixes units in force and not: %v", in, date, ps)
		}
		g.Resolve(in, date, ps)
	})
}
