package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium or Chrome, "" if none.
func chromium() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	return ""
}

// screenshotDir is where the browser test saves its screenshots:
// $CHITIEU_ARTIFACTS, or chitieu-screenshots in the temporary directory.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("CHITIEU_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "chitieu-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser drives headless Chromium through what a researcher does:
// search without diacritics, narrow by a facet, open a document and see
// its highlighted target, open the comparison and download its CSV.
func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium: .ci/run installs Debian's chromium")
		}
		t.Skip("no Chromium (apt-get install chromium)")
	}
	// The sample, with seed 002 (68/KH-UBND, a PDF in the sample) in
	// three more files: one document.
	ix, _ := testIndex(t)
	h := serverWith(t, ix, "../testdata/seeds/002_c57fbb1e870047eb.txt", "../testdata/fixtures/html/002.html", "../testdata/office/seed/002.docx")
	srv := httptest.NewServer(h)
	defer srv.Close()
	shots := screenshotDir(t)
	downloads := t.TempDir()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(actx)
	defer cancelCtx()
	// The first call starts the browser and must have no deadline of its
	// own; the steps after it get one.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	// shot saves the page, or only the window for long pages.
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			grab := chromedp.FullScreenshot(100)
			if name == "3-document" || name == "0-doc-pages" {
				grab = chromedp.CaptureScreenshot()
			}
			buf, err := chromedp.Run(ctx, grab)
			if err != nil {
				return err
			}
			p := filepath.Join(shots, name+".png")
			t.Logf("screenshot %s", p)
			return os.WriteFile(p, buf, 0o644)
		})
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}

	do("home",
		chromedp.WaitVisible(css(`table.overview`)),
		shot("0-home"))
	if n := eval(`document.querySelectorAll("table.overview tbody tr").length`); n.(float64) < 3 {
		t.Errorf("the home page's overview has %v provinces", n)
	}
	// The plan's four files are one document, counted once.
	if v := eval(`document.querySelector("section.overview h2").textContent`); !strings.Contains(v.(string), ": 7 ") {
		t.Errorf("overview heading %q, want 7 documents (5 sample plans, the hostile one, the letter after 68/KH-UBND)", v)
	}

	do("province page",
		chromedp.Click(css(`table.overview a[href="/province/74"]`)),
		chromedp.WaitVisible(css(`section.plans`)),
		shot("0-province"))
	if v := eval(`document.querySelector("h1").textContent`); !strings.Contains(v.(string), "Bình Dương") {
		t.Errorf("province page heading %q", v)
	}
	if n := eval(`[...document.querySelectorAll("article.plan h3")].filter(h => h.textContent.includes("68/KH-UBND")).length`); n != float64(1) {
		t.Errorf("the province page lists 68/KH-UBND %v times, want once", n)
	}

	do("one plan in four files",
		chromedp.Navigate(srv.URL+"/?q=%22B%E1%BA%BFn+C%C3%A1t%22"),
		chromedp.WaitVisible(css(`li.hit`)),
		shot("0-one-document"))
	if n := eval(`new Set([...document.querySelectorAll("li.hit .meta a")].map(a => a.pathname)).size`); n != float64(1) {
		t.Errorf("the hits of \"Bến Cát\" link %v documents, want 1", n)
	}
	if n := eval(`document.querySelectorAll("li.hit:first-child .also a").length`); n != float64(3) {
		t.Errorf("the first hit names %v other files, want 3", n)
	}

	// Its PDF, from the hit's "also as" links: a page marker at each page.
	pdf := eval(`[...document.querySelectorAll("li.hit:first-child .also a")].find(a => a.textContent === "PDF").href`)
	do("document page markers",
		chromedp.Navigate(pdf.(string)),
		chromedp.WaitVisible(css(`.pagemark`)),
		shot("0-doc-pages"))
	if n := eval(`document.querySelectorAll("article.doctext .pagemark").length`); n.(float64) < 2 {
		t.Errorf("%v page markers in a document of several pages", n)
	}
	if n := eval(`document.querySelectorAll("nav.pageindex a").length`); n.(float64) < 2 {
		t.Errorf("the page index has %v links", n)
	}

	// The map: a path per province, each coloured as the legend's swatch
	// of its class.
	mapCheck := func(url string, paths int, name string, coloured bool) {
		t.Helper()
		do("map "+name, chromedp.Navigate(srv.URL+url), chromedp.WaitVisible(css(`svg.map`)), shot(name))
		if n := eval(`document.querySelectorAll("svg.map path.prov").length`); n != float64(paths) {
			t.Errorf("%s: %v paths, want %d", url, n, paths)
		}
		bad := eval(`(() => {
			const out = [];
			let coloured = 0;
			for (const p of document.querySelectorAll("svg.map path.prov")) {
				const cls = [...p.classList].find(c => c !== "prov");
				const sw = document.querySelector(".legend .swatch." + cls);
				if (!sw) { out.push(cls + ": no swatch"); continue; }
				if (getComputedStyle(p).fill !== getComputedStyle(sw).backgroundColor) out.push(cls + ": " + getComputedStyle(p).fill);
				if (cls.startsWith("gap-")) coloured++;
			}
			if (coloured === 0 && ` + strconv.FormatBool(coloured) + `) out.push("nothing coloured");
			return out.join("; ");
		})()`)
		if bad != "" {
			t.Errorf("%s: %v", url, bad)
		}
	}
	mapCheck("/map?indicator=info_competence&year=2025", 63, "0-map-63", true)
	// No unit of 2025 has plans from all its former provinces in the
	// sample: grey and white only.
	mapCheck("/map?indicator=info_competence&year=2030&as_of=2025-07-01", 34, "0-map-34", false)

	do("search without diacritics",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			yes := true
			_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads, EventsEnabled: &yes,
			})
			return err
		}),
		chromedp.WaitVisible(css(`input[name=q]`)),
		chromedp.SendKeys(css(`input[name=q]`), "nang luc thong tin"),
		chromedp.Click(css(`form.search button`)),
		chromedp.WaitVisible(css(`li.hit mark`)),
		shot("1-search"))
	if n := eval(`document.querySelectorAll("li.hit").length`); n == float64(0) {
		t.Fatal("no hits")
	}

	do("click a facet",
		chromedp.Click(css(`aside.facets a.facet`)),
		chromedp.WaitVisible(css(`li.hit`)),
		shot("2-facet"))
	loc, err := chromedp.Run(tctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "province%3A") {
		t.Errorf("after the facet: %s, %v", loc, err)
	}
	meta, _ := chromedp.Run(tctx, chromedp.Text(css(`li.hit .meta`)))
	if !strings.Contains(meta, "Bến Cát") && !strings.Contains(meta, "Bình Dương") && !strings.Contains(meta, "Bắc Ninh") {
		t.Errorf("first hit after the facet: %q", meta)
	}

	do("open a document",
		chromedp.Click(css(`li.hit .meta a`)),
		chromedp.WaitVisible(css(`mark.target`)),
		shot("3-document"))
	if n := eval(`document.querySelectorAll("mark.target").length`); n == float64(0) {
		t.Error("the document shows no highlighted target")
	}
	if v := eval(`document.querySelector("#at:target") !== null`); v != true {
		t.Error("the hit's link does not land on the passage")
	}

	do("compare and download",
		chromedp.Click(css(`nav a[href="/compare"]`)),
		chromedp.WaitVisible(css(`table.compare`)),
		shot("4-compare"),
		chromedp.Click(css(`p.downloads a[href^="/compare.csv"]`)))

	// The download lands in its own time.
	var csv string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && csv == ""; time.Sleep(100 * time.Millisecond) {
		if ms, _ := filepath.Glob(filepath.Join(downloads, "*.csv")); len(ms) > 0 {
			csv = ms[0]
		}
	}
	if csv == "" {
		t.Fatal("no CSV downloaded")
	}
	b, err := os.ReadFile(csv)
	if err != nil || !strings.HasPrefix(string(b), "\ufeffindicator,label,year,") || !strings.Contains(string(b), "info_competence") {
		t.Errorf("downloaded %s: %v\n%.200s", csv, err, b)
	}

	do("audit",
		chromedp.Navigate(srv.URL+"/audit"),
		chromedp.WaitVisible(css(`section.rule`)),
		shot("5-audit"))

	// On a phone's screen the results come first, the filters below them,
	// and nothing is wider than the screen.
	do("phone",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: 390, Height: 844, DeviceScaleFactor: 2, Mobile: true,
			})
			return err
		}),
		chromedp.Navigate(srv.URL+"/?q=nang+luc+thong+tin"),
		chromedp.WaitVisible(css(`li.hit`)),
		shot("6-phone-search"))
	if w := eval(`document.documentElement.scrollWidth`); w.(float64) > 390 {
		t.Errorf("the search page is %v px wide on a 390 px screen", w)
	}

	// The compare page on the phone: the page no wider than the screen,
	// the localities scrolling inside their box with the indicator column
	// in view, the chart's labels at a legible size.
	do("phone compare",
		chromedp.Navigate(srv.URL+"/compare?year=2025&chart=life_skills"),
		chromedp.WaitVisible(css(`table.compare`)),
		shot("7-phone-compare"))
	if w := eval(`document.documentElement.scrollWidth`); w.(float64) > 390 {
		t.Errorf("the compare page is %v px wide on a 390 px screen", w)
	}
	left := eval(`(() => { const w = document.querySelector('.table-wrap'); w.scrollLeft = w.scrollWidth;
		const th = document.querySelector('table.compare tbody th[scope=row]').getBoundingClientRect();
		return th.left - w.getBoundingClientRect().left; })()`)
	if l := left.(float64); l < -1 || l > 1 {
		t.Errorf("scrolled to the last locality, the indicator column is %v px from the table's left edge", l)
	}
	if h := eval(`document.querySelector('svg.chart text').getBoundingClientRect().height`); h.(float64) < 10 {
		t.Errorf("the chart's labels are %v px high on a phone", h)
	}
	// The indicator picker opens into checkboxes a thumb can hit, inside
	// the screen.
	do("phone indicator picker",
		chromedp.Click(css(`details.picker summary`)),
		chromedp.WaitVisible(css(`details.picker fieldset label`)),
		shot("8-phone-picker"))
	if v := eval(`(() => { const r = document.querySelector('details.picker fieldset label').getBoundingClientRect();
		return r.height >= 24 && r.right <= 390 && r.left >= 0; })()`); v != true {
		t.Error("the picker's first choice is under 24 px high or outside the screen")
	}
	do("phone map",
		chromedp.Navigate(srv.URL+"/map?indicator=info_competence&year=2025"),
		chromedp.WaitVisible(css(`svg.map`)),
		shot("9-phone-map"))
	if w := eval(`document.documentElement.scrollWidth`); w.(float64) > 390 {
		t.Errorf("the map page is %v px wide on a 390 px screen", w)
	}
}
