package gazetteer

import (
	"fmt"
	"strings"
	"testing"
)

func TestBuiltin(t *testing.T) {
	g := Default()
	var provinces, districts int
	for _, p := range g.Places() {
		switch p.Level {
		case Province:
			provinces++
			if g.Province2025(p) == nil {
				t.Errorf("%s: no 2025 province", p)
			}
		case District:
			districts++
			if g.Province(p) == nil {
				t.Errorf("%s: parent %q unknown", p, p.Parent)
			}
		}
	}
	if provinces != 63 {
		t.Errorf("%d provinces before 2025, want 63", provinces)
	}
	if n := len(g.Provinces2025()); n != 34 {
		t.Errorf("%d provinces from 2025, want 34", n)
	}
	if districts == 0 {
		t.Error("no district-level units")
	}
}

func TestProvince2025(t *testing.T) {
	g := Default()
	for _, tc := range []struct{ code, want string }{
		{"721", "79 Thành phố Hồ Chí Minh"}, // Bến Cát → Bình Dương → TP.HCM
		{"74", "79 Thành phố Hồ Chí Minh"},
		{"27", "24 Tỉnh Bắc Ninh"}, // Bắc Ninh keeps its name, takes Bắc Giang's code
		{"24", "24 Tỉnh Bắc Ninh"},
		{"46", "46 Thành phố Huế"},
		{"01", "01 Thành phố Hà Nội"},
		{"93", "92 Thành phố Cần Thơ"},
	} {
		got := g.Province2025(g.Place(tc.code))
		if got == nil || got.String() != tc.want {
			t.Errorf("Province2025(%s) = %v, want %s", tc.code, got, tc.want)
		}
	}
}

// find renders the mentions of text as "[type] name=code,code".
func find(g *Gazetteer, text string) string {
	var parts []string
	for _, m := range g.Find(text) {
		var codes []string
		for _, p := range m.Places {
			codes = append(codes, p.Code)
		}
		parts = append(parts, fmt.Sprintf("[%s]%s=%s", m.Type, text[m.NameStart:m.End], strings.Join(codes, ",")))
		if text[m.Start:m.End] == "" {
			parts = append(parts, "EMPTY")
		}
	}
	return strings.Join(parts, " ")
}

func TestFind(t *testing.T) {
	g := Default()
	for _, tc := range []struct{ in, want string }{
		{"trên địa bàn thị xã Bến Cát", "[thị xã]Bến Cát=721"},
		{"Ủy ban nhân dân tỉnh Bình Dương", "[tỉnh]Bình Dương=74"},
		{"ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "[tỉnh]BẮC NINH=27"},
		{"Bắc Ninh, ngày 14 tháng 7 năm 2022", "[]Bắc Ninh=27,256"},
		{"thành phố Bắc Ninh", "[thành phố]Bắc Ninh=256"},
		{"UBND TPHCM vừa ban hành", "[]TPHCM=79"},
		{"TP.HCM và TP. Hồ Chí Minh", "[]TP.HCM=79 [tp]Hồ Chí Minh=79"},
		{"Thành phố Hồ Chí Minh", "[thành phố]Hồ Chí Minh=79"},
		{"học tập và làm theo tư tưởng Hồ Chí Minh", ""}, // a typed name needs its type
		// Bare "Huế" is the province first (its alias), then the city.
		{"tỉnh Thừa Thiên Huế và Huế", "[tỉnh]Thừa Thiên Huế=46 []Huế=46,474"},
		{"thành phố Huế", "[thành phố]Huế=474"},
		{"tỉnh Bà Rịa – Vũng Tàu", "[tỉnh]Bà Rịa – Vũng Tàu=77"},
		{"tinh Binh Duong", "[tỉnh]Binh Duong=74"}, // no diacritics: folded, type word included
		{"bình dương", ""}, // not capitalized: not a name
		{"long an ninh", ""},
		{"Long An", "[]Long An=80"},
		{"huyện Bến Cát", "[huyện]Bến Cát=721"}, // district types change over time: any district type fits
		{"tỉnh Bến Cát", ""},                    // but not a province type
		{"Thủ đô", "[]Thủ đô=01"},
		{"Ủy ban nhân dân Quận 1", "[quận]1=760"}, // a numbered district needs its type word
		{"ngày 1 tháng 7", ""},
		// Every district-level unit of 2021-2025 is known, each with its code.
		{"riêng các huyện Kỳ Sơn, Tương Dương", "[huyện]Kỳ Sơn=417 []Tương Dương=418"},
		{"UBND huyện Đức Trọng (tỉnh Lâm Đồng)", "[huyện]Đức Trọng=678 [tỉnh]Lâm Đồng=68"},
		{"thành phố Kon Tum, tỉnh Kon Tum", "[thành phố]Kon Tum=608 [tỉnh]Kon Tum=62"},
		// A place name after a family or middle name is the end of a
		// person's name; with its type word it is the place again.
		{"Ông Nguyễn Lộc Hà phát biểu", ""},
		{"bà Trần Thị Thu Hằng và huyện Lộc Hà", "[huyện]Lộc Hà=448"},
		{"Tại Bình Dương, hội nghị", "[]Bình Dương=74"},
		{"", ""},
		{"Bình", ""},
	} {
		if got := find(g, tc.in); got != tc.want {
			t.Errorf("Find(%+q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	for _, tc := range []struct{ in, want string }{
		{"Bình Dương", "74"}, {"binh duong", "74"}, {"thị xã Bến Cát", "721"}, {"Bến Cát", "721"},
		{"TPHCM", "79"}, {"Hồ Chí Minh", "79"}, {"74", "74"}, {"Bắc Ninh", "27"}, {"nowhere", ""},
	} {
		if got := plusCodes(g.Lookup(tc.in)); got != tc.want {
			t.Errorf("Lookup(%+q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDisplay(t *testing.T) {
	g := Default()
	for _, tc := range []struct{ code, typ, want string }{
		{"721", "", "Thị xã Bến Cát"}, {"721", "thành phố", "Thành phố Bến Cát"}, {"74", "", "Tỉnh Bình Dương"},
		{"79", "tp", "Thành phố Hồ Chí Minh"}, {"27", "TỈNH", "Tỉnh Bắc Ninh"},
	} {
		if got := g.Place(tc.code).Display(tc.typ); got != tc.want {
			t.Errorf("Display(%s, %q) = %q, want %q", tc.code, tc.typ, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	in := "\ufeffcode,name,level,parent_code\n" +
		"74,Tỉnh Bình Dương,Tỉnh,\n" +
		"721,Thị xã Bến Cát,Thị xã,74\n" +
		"25999,Phường Mỹ Phước Tây,Phường,721\n" +
		"999,Huyện Mới,district,74\n"
	places, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range places {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", p.Code, p.Name, p.Type, p.Level, p.Parent))
	}
	want := "74|Bình Dương|tỉnh|province|;721|Bến Cát|thị xã|district|74;25999|Mỹ Phước Tây|phường|commune|721;999|Mới|huyện|district|74"
	if s := strings.Join(got, ";"); s != want {
		t.Errorf("Parse = %s\nwant    %s", s, want)
	}
	g := Default().With(places)
	if got := g.Resolve("phường Mỹ Phước Tây, thị xã Bến Cát", "2024-01-01", nil); len(got) != 1 || got[0] != g.Place("25999") {
		t.Errorf("merged Resolve = %v, want the merged 25999", got)
	}
	if p := g.Place("25999"); g.Province(p).Code != "74" || g.Province2025(p).Code != "79" {
		t.Errorf("commune's province: %v, %v", g.Province(p), g.Province2025(p))
	}
	if Default().Place("999") != nil || Default().Place("25999") == g.Place("25999") {
		t.Error("With changed the default gazetteer")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"code,name,level\nx1,A,Tỉnh\n", "line 2: code \"x1\" is not a number"},
		{"1,A,planet,\n", "line 1: unknown level \"planet\""},
		{"1,A\n", "line 1: 2 fields"},
		{"721,Thị xã Bến Cát,Thị xã,\n", "line 1: district \"Bến Cát\" has no parent_code"},
		{"1,,Tỉnh,\n", "line 1: empty name"},
		{"1,\"A,Tỉnh\n", "line 1"},
	} {
		_, err := Parse(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%+q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("code,name,level,parent_code\n74,Tỉnh Bình Dương,Tỉnh,\n721,Thị xã Bến Cát,Thị xã,74\n")
	f.Add("1,\"A,B\",province,\n")
	f.Fuzz(func(t *testing.T, in string) {
		places, err := Parse(strings.NewReader(in))
		if err != nil {
			return
		}
		g := Default().With(places)
		for _, p := range places {
			g.Find(p.Display(""))
			g.Province2025(g.Place(p.Code))
		}
	})
}

func FuzzFind(f *testing.F) {
	f.Add("trên địa bàn thị xã Bến Cát, tỉnh Bình Dương")
	f.Add("TP.HCM – TP. Hồ Chí Minh")
	f.Add("UBND xã Cần Giuộc, tỉnh Tây Ninh; P. Ba Đình; đặc khu Phú Quốc")
	f.Fuzz(func(t *testing.T, in string) {
		for _, m := range Default().Find(in) {
			if m.Start < 0 || m.Start > m.NameStart || m.NameStart >= m.End || m.End > len(in) || len(m.Places) == 0 {
				t.Fatalf("bad mention %+v in %q", m, in)
			}
		}
	})
}

func TestTypeWords(t *testing.T) {
	for _, tc := range []struct{ in, typ, bare, key string }{
		{"Thị xã Bến Cát", "thị xã", "Bến Cát", "ben cat"},
		{"Thành phố trung ương Hà Nội", "thành phố", "Hà Nội", "ha noi"},
		{"đặc khu Phú Quốc", "đặc khu", "Phú Quốc", "phu quoc"},
		{"Xã hội học tập", "", "Xã hội học tập", "xa hoi hoc tap"},
		{"Bắc Ninh", "", "Bắc Ninh", "bac ninh"},
	} {
		typ, bare := SplitType(tc.in)
		if typ != tc.typ || bare != tc.bare || BareKey(tc.in) != tc.key {
			t.Errorf("SplitType(%q) = %q, %q; BareKey %q; want %q, %q, %q", tc.in, typ, bare, BareKey(tc.in), tc.typ, tc.bare, tc.key)
		}
	}
	for _, k := range []string{"TX. Bến Cát", "tx Bến Cát", "ben cat"} {
		if BareKey(k) != "ben cat" {
			t.Errorf("BareKey(%q) = %q", k, BareKey(k))
		}
	}
	if tw := TypeWordOf("TP"); tw == nil || tw.Word != "thành phố" || len(tw.Levels) != 2 {
		t.Errorf("TypeWordOf(TP) = %+v", tw)
	}
}
