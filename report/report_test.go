package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// quarterCounts are, per quarter from 2023-Q1 to 2024-Q4, the articles
// framing CN as leader and as catching-up in each language. The test
// corpus is generated from them, so expected counts are sums of these.
var quarterCounts = map[corpus.Lang][8][2]int{
	corpus.Chinese: {{1, 2}, {0, 3}, {2, 1}, {1, 1}, {3, 0}, {1, 2}, {2, 2}, {0, 1}},
	corpus.English: {{0, 2}, {1, 2}, {0, 1}, {2, 2}, {1, 1}, {0, 0}, {1, 3}, {2, 0}},
}

// quarterDate is the 15th of the middle month of quarter q (0 = 2023-Q1),
// with day added to keep publication times distinct.
func quarterDate(q, day int) time.Time {
	return time.Date(2023, time.Month(3*q+2), 15, 12, day, 0, 0, time.UTC)
}

func attr(actor string, f corpus.Frame, sentence, cue string) corpus.Attribution {
	return corpus.Attribution{Actor: actor, Frame: f, Score: 1,
		Evidence: []corpus.Evidence{{Sentence: sentence, Cue: cue, Mention: actor, Rule: "test"}}}
}

func testDoc(id string, lang corpus.Lang, pub time.Time, title, text string, actors []string, frames ...corpus.Attribution) index.Doc {
	source, country := "wire", "US"
	if lang == corpus.Chinese {
		source, country = "xinhua", "CN"
	}
	return index.Doc{
		Article: corpus.Article{ID: id, URL: "https://" + source + ".example/" + id, Source: source, Country: country,
			Lang: lang, Title: title, Text: text, Published: pub},
		Analysis: corpus.Analysis{ID: id, Lang: lang, Actors: actors, Frames: frames, Codebook: "test-1"},
	}
}

// testDocs builds the corpus: for every quarter and language the leader and
// catching-up articles of quarterCounts (a catching-up article frames the
// US as leader too), plus race articles, Baidu launch coverage and
// articles without frames.
func testDocs() []index.Doc {
	var docs []index.Doc
	n := 0
	for _, lang := range []corpus.Lang{corpus.Chinese, corpus.English} {
		for q, c := range quarterCounts[lang] {
			for i := 0; i < c[0]; i++ {
				n++
				s, cue := "中国人工智能应用全球领先。", "领先"
				if lang == corpus.English {
					s, cue = "China leads in AI applications.", "leads"
				}
				docs = append(docs, testDoc(fmt.Sprintf("l%d", n), lang, quarterDate(q, n), s, s, []string{"CN"}, attr("CN", corpus.Leader, s, cue)))
			}
			for i := 0; i < c[1]; i++ {
				n++
				s, cue := "中国人工智能正在追赶美国。", "追赶"
				if lang == corpus.English {
					s, cue = "China is catching up with the United States in AI.", "catching up"
				}
				docs = append(docs, testDoc(fmt.Sprintf("c%d", n), lang, quarterDate(q, n), s, s, []string{"CN", "US"},
					attr("CN", corpus.CatchingUp, s, cue), attr("US", corpus.Leader, s, cue)))
			}
		}
	}
	docs = append(docs,
		testDoc("r1", corpus.Chinese, quarterDate(2, 50), "中美人工智能竞赛", "中美人工智能竞赛加剧。", []string{"CN", "US"},
			attr("CN", corpus.Race, "中美人工智能竞赛加剧。", "竞赛"), attr("US", corpus.Race, "中美人工智能竞赛加剧。", "竞赛")),
		testDoc("r2", corpus.English, quarterDate(2, 51), "The AI race", "The AI race between China and America heats up.", []string{"CN", "US"},
			attr("CN", corpus.Race, "The AI race between China and America heats up.", "AI race")),
		testDoc("r3", corpus.English, quarterDate(5, 52), "The AI race", "China joins the AI race in chips.", []string{"CN"},
			attr("CN", corpus.Race, "China joins the AI race in chips.", "AI race")),
		testDoc("b1", corpus.Chinese, quarterDate(2, 53), "百度发布文心一言", "文心一言与GPT-4仍有差距。", []string{"baidu"},
			attr("baidu", corpus.CatchingUp, "文心一言与GPT-4仍有差距。", "差距")),
		testDoc("b2", corpus.English, quarterDate(2, 54), "ERNIE Bot", "ERNIE Bot trails GPT-4.", []string{"baidu"},
			attr("baidu", corpus.CatchingUp, "ERNIE Bot trails GPT-4.", "trails")),
		testDoc("n1", corpus.English, quarterDate(3, 55), "Robots", "Warehouse robots get cheaper.", nil),
		testDoc("n2", corpus.Chinese, quarterDate(4, 56), "机器人", "仓储机器人越来越便宜。", nil),
	)
	return docs
}

func openTestIndex(t *testing.T) *bleve.Index {
	t.Helper()
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "index"), seg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	ctx := context.Background()
	if err := idx.Put(ctx, testDocs()); err != nil {
		t.Fatal(err)
	}
	if err := idx.SetCodebookVersion(ctx, "test-1"); err != nil {
		t.Fatal(err)
	}
	return idx
}

// share is the catching-up share of quarterCounts for lang in quarter q.
func share(lang corpus.Lang, q int) float64 {
	c := quarterCounts[lang][q]
	return float64(c[1]) / float64(c[0]+c[1])
}

// testOptions are the options of the tested report: quarters, CN and US,
// one event with an actor and one whose actor is not indexed, and a
// reference series equal to the Chinese share of CN one quarter later.
func testOptions() Options {
	var ref []RefPoint
	for q := 0; q < 7; q++ {
		ref = append(ref, RefPoint{Date: quarterDate(q, 0), Series: "lead1", Value: share(corpus.Chinese, q+1), Source: "test"})
	}
	return Options{
		By:     index.Quarter,
		Actors: []string{"CN", "us"},
		Events: []corpus.Event{
			{Date: time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC), Label: "Launch", Actor: "baidu"},
			{Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Label: "Other", Actor: "nosuch"},
		},
		Reference: ref,
		Samples:   2,
		Generated: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
	}
}

func TestBuildCounts(t *testing.T) {
	idx := openTestIndex(t)
	r, err := Build(context.Background(), idx, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Actors, ","); got != "CN,US" {
		t.Errorf("actors = %s, want CN,US (canonical)", got)
	}
	if got := strings.Join(r.Langs, ","); got != "en,zh" {
		t.Errorf("langs = %s", got)
	}

	// Actor × frame × language counts against sums of the corpus table.
	for _, fc := range r.Frames {
		if fc.Actor != "CN" {
			continue
		}
		var l, c int
		for _, qc := range quarterCounts[corpus.Lang(fc.Lang)] {
			l, c = l+qc[0], c+qc[1]
		}
		race := map[string]int{"zh": 1, "en": 2}[fc.Lang]
		if fc.Frames[corpus.Leader] != l || fc.Frames[corpus.CatchingUp] != c || fc.Frames[corpus.Race] != race || fc.Frames[corpus.Threat] != 0 {
			t.Errorf("CN %s frames = %v, want leader %d catching-up %d race %d", fc.Lang, fc.Frames, l, c, race)
		}
		if fc.Mentions != l+c+race {
			t.Errorf("CN %s mentions = %d, want %d", fc.Lang, fc.Mentions, l+c+race)
		}
	}

	// The chi-square test of CN uses those counts.
	want, _ := ChiSquareTest([][]int{{7, 11, 2, 0}, {10, 12, 1, 0}})
	if r.Tests[0].Actor != "CN" || !r.Tests[0].OK || !near(r.Tests[0].Chi.Stat, want.Stat, 1e-12) || r.Tests[0].Chi.DF != 2 {
		t.Errorf("CN test = %+v, want %+v", r.Tests[0], want)
	}

	// Before and after the launch: quarter 2 (May) against quarter 3 (August).
	found := false
	for _, c := range r.BeforeAfter {
		if c.Event.Label == "Launch" && c.Actor == "CN" && c.Lang == "zh" {
			found = true
			b, a := quarterCounts[corpus.Chinese][1], quarterCounts[corpus.Chinese][2]
			if c.Before.Leader != b[0] || c.Before.CatchingUp != b[1] || c.After.Leader != a[0] || c.After.CatchingUp != a[1] {
				t.Errorf("before/after = %+v / %+v, want %v / %v", c.Before, c.After, b, a)
			}
			z, p, ok := TwoProportionZ(a[1], a[0]+a[1], b[1], b[0]+b[1])
			if c.TestOK != ok || !near(c.Z, z, 1e-12) || !near(c.P, p, 1e-12) {
				t.Errorf("test = %v %v %v, want %v %v %v", c.Z, c.P, c.TestOK, z, p, ok)
			}
		}
	}
	if !found {
		t.Error("no before/after row for the launch, CN, zh")
	}

	// Launch coverage of Baidu, and a note for the unknown actor.
	if len(r.Launches) != 2 {
		t.Fatalf("launches = %+v, want zh and en of one event", r.Launches)
	}
	for _, l := range r.Launches {
		if l.Articles != 1 || l.Share.CatchingUp != 1 || l.Share.Leader != 0 {
			t.Errorf("launch %s = %+v, want 1 article framing baidu catching-up", l.Lang, l)
		}
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), `actor "nosuch" is not in the index`) {
		t.Errorf("notes = %q, want one on the unknown event actor", r.Notes)
	}

	// Perception gap: totals per language.
	g := r.Gap[0]
	if g.Actor != "CN" || g.ZH.Leader != 10 || g.ZH.CatchingUp != 12 || g.EN.Leader != 7 || g.EN.CatchingUp != 11 {
		t.Errorf("gap = %+v", g)
	}

	// The reference series leads the Chinese share by one quarter.
	for _, rl := range r.RefLags {
		if rl.Lang != "zh" {
			continue
		}
		if !rl.OK || rl.Best.Lag != 1 || !near(rl.Best.R, 1, 1e-9) || rl.Best.N != 7 {
			t.Errorf("zh best lag = %+v, want lag 1, r 1, n 7", rl.Best)
		}
	}

	// Samples carry the cue of their cell.
	if len(r.Samples) == 0 {
		t.Fatal("no samples")
	}
	for _, s := range r.Samples {
		if !strings.Contains(s.Sentence, s.Cue) || s.Cue == "" {
			t.Errorf("sample %+v: cue not in sentence", s)
		}
	}
}

// readCSV reads a report table back.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func TestWrite(t *testing.T) {
	idx := openTestIndex(t)
	ctx := context.Background()
	opts := testOptions()
	opts.Validation = &analyzer.Report{Codebook: "test-1", Articles: 2,
		Actor: analyzer.LevelReport{Units: 3, Frames: []analyzer.FrameScore{{Frame: corpus.Leader, TP: 2, FP: 1, FN: 0, Precision: 2.0 / 3, Recall: 1, F1: 0.8}},
			MacroF1: 0.8, Confusion: [][]int{{1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}, Kappa: 0.5, Alpha: 0.45}}
	r, err := Build(ctx, idx, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	files, err := r.Write(dir)
	if err != nil {
		t.Fatal(err)
	}

	// Every file exists and is not empty; every table has CSV and JSON.
	want := []string{HTMLFile, MarkdownFile, JSONFile, "share-CN.svg", "share-CN.png", "share-US.svg", "share-US.png",
		"volume.svg", "volume.png", "attention-CN.svg", "attention-CN.png", "attention-US.svg", "attention-US.png", "perception-gap.svg", "perception-gap.png", "reference-lead1.svg", "reference-lead1.png"}
	for _, tb := range r.Tables() {
		want = append(want, tb.Name+".csv", tb.Name+".json")
	}
	for _, name := range want {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", name, err)
		}
	}
	if len(files) != len(want) {
		t.Errorf("Write returned %d files, want %d: %v", len(files), len(want), files)
	}
	for _, name := range []string{"validation", "validation_summary", "validation_confusion"} {
		if r.Table(name) == nil {
			t.Errorf("no %s table with a validation report", name)
		}
	}

	// The PNG charts decode.
	f, err := os.Open(filepath.Join(dir, "share-CN.png"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width < 600 || cfg.Height < 300 {
		t.Errorf("share-CN.png: %v, %dx%d", err, cfg.Width, cfg.Height)
	}

	// The HTML is self-contained.
	page, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:|//)`)
	if m := external.FindAll(page, -1); len(m) > 0 {
		t.Errorf("report.html references external resources: %q", m)
	}
	for _, bad := range []string{"<script", "<link", "@import"} {
		if bytes.Contains(bytes.ToLower(page), []byte(bad)) {
			t.Errorf("report.html contains %s", bad)
		}
	}
	for _, s := range []string{"<mark>追赶</mark>", "<mark>catching up</mark>", `src="share-CN.svg"`, "Appendix B. Validation",
		"Perception gap", "Perception against measurement", "test-1"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("report.html lacks %q", s)
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, MarkdownFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(md, []byte("**追赶**")) || !bytes.Contains(md, []byte("![CN: catching-up share over time](share-CN.png)")) {
		t.Errorf("report.md lacks the highlighted cue or the chart")
	}

	// The trend table matches Trend for the same query, row by row.
	tr, err := idx.Trend(ctx, index.TrendQuery{Text: "*", By: index.Quarter, Actors: []string{"CN", "US"}, Split: index.SplitLang})
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(dir, "trend.csv"))
	if len(rows) != len(tr.Buckets)*2 {
		t.Fatalf("trend.csv has %d rows, want %d", len(rows), len(tr.Buckets)*2)
	}
	num := func(s string) float64 {
		if s == "" {
			return 0
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("bad number %q", s)
		}
		return f
	}
	i := 0
	for _, b := range tr.Buckets {
		for _, a := range []string{"CN", "US"} {
			row, c := rows[i], b.Actors[a]
			i++
			if row["start"] != b.Start || row["lang"] != b.Split || row["actor"] != a || num(row["articles"]) != float64(b.Articles) ||
				num(row["leader"]) != float64(c.Leader) || num(row["catching_up"]) != float64(c.CatchingUp) {
				t.Errorf("trend.csv row %d = %v, want %s %s %s %+v", i, row, b.Start, b.Split, a, c)
				continue
			}
			if c.Leader+c.CatchingUp == 0 {
				if row["catching_up_share"] != "" {
					t.Errorf("row %d: share %q without counts", i, row["catching_up_share"])
				}
				continue
			}
			for col, v := range map[string]float64{"catching_up_share": c.CatchingUpShare, "ci_low": c.CILow, "ci_high": c.CIHigh} {
				if !near(num(row[col]), v, 1e-12) {
					t.Errorf("row %d %s = %s, trend has %v", i, col, row[col], v)
				}
			}
		}
	}
	// And the per-quarter shares are those of the corpus table.
	for _, row := range rows {
		if row["actor"] != "CN" {
			continue
		}
		start, _ := time.Parse("2006-01-02", row["start"])
		q := (start.Year()-2023)*4 + int(start.Month()-1)/3
		if q >= 0 && q < 8 && row["catching_up_share"] != "" {
			if got, want := num(row["catching_up_share"]), share(corpus.Lang(row["lang"]), q); !near(got, want, 1e-12) {
				t.Errorf("quarter %d %s: share %v, corpus says %v", q, row["lang"], got, want)
			}
		}
	}

	// The frames JSON agrees with the summed trend.
	var frames []map[string]any
	data, err := os.ReadFile(filepath.Join(dir, "frames.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &frames); err != nil {
		t.Fatal(err)
	}
	sum := map[string][2]int{}
	for _, b := range tr.Buckets {
		for a, c := range b.Actors {
			s := sum[a+"|"+b.Split]
			sum[a+"|"+b.Split] = [2]int{s[0] + c.Leader, s[1] + c.CatchingUp}
		}
	}
	for _, f := range frames {
		s := sum[f["actor"].(string)+"|"+f["lang"].(string)]
		if int(f["leader"].(float64)) != s[0] || int(f["catching_up"].(float64)) != s[1] {
			t.Errorf("frames.json %v, trend sums %v", f, s)
		}
	}

	// report.md is stable: compare with the golden file.
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		if err := os.WriteFile(golden, md, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantMD, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(md, wantMD) {
		t.Errorf("report.md differs from %s (go test -update rewrites it); got:\n%s", golden, md)
	}
}

func TestBuildBadActor(t *testing.T) {
	idx := openTestIndex(t)
	_, err := Build(context.Background(), idx, Options{Actors: []string{"nosuch"}})
	if err == nil || !strings.Contains(err.Error(), "nosuch") {
		t.Fatalf("err = %v, want one naming the unknown actor", err)
	}
	if !errors.Is(err, index.ErrBadQuery) {
		t.Errorf("err = %v does not wrap index.ErrBadQuery", err)
	}
	opts := testOptions()
	opts.RefActor = "baidu"
	if _, err := Build(context.Background(), idx, opts); !errors.Is(err, ErrOption) {
		t.Errorf("reference actor outside --actors: err = %v", err)
	}
}

func TestReadEvents(t *testing.T) {
	evs, err := ReadEvents(strings.NewReader("date,label,actor\n# comment\n2024-05-13,GPT-4o,openai\n2024-06-27, Qwen2 \n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Label != "GPT-4o" || evs[0].Actor != "openai" || evs[1].Label != "Qwen2" ||
		!evs[1].Date.Equal(time.Date(2024, 6, 27, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("events = %+v", evs)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"bad date", "2024-13-01,x\n", "line 1: date"},
		{"one field", "2024-01-01\n", "line 1: want date,label"},
		{"empty label", "2024-01-01, \n", "empty label"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadEvents(strings.NewReader(tc.in))
			if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want ErrInput with %q", err, tc.want)
			}
		})
	}
}

func TestReadReference(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "cmd", "framescope", "examples", "reference-gap.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pts, err := ReadReference(f)
	if err != nil {
		t.Fatal(err)
	}
	names, by := refSeries(pts)
	if len(names) != 5 || len(by["mmlu_gap_pp"]) != 2 || by["mmlu_gap_pp"][0].Value != 17.5 || !strings.Contains(by["mmlu_gap_pp"][0].Source, "AI Index") {
		t.Errorf("example reference: series %v, mmlu %+v", names, by["mmlu_gap_pp"])
	}
	for _, tc := range []struct{ name, in, want string }{
		{"no header column", "date,series,value\n2024,x,1\n", `lacks column "source"`},
		{"bad value", "date,series,value,source\n2024-01,x,abc,s\n", "line 2: value"},
		{"bad date", "date,series,value,source\n01/02/2024,x,1,s\n", "line 2: date"},
		{"no rows", "date,series,value,source\n", "no data rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadReference(strings.NewReader(tc.in))
			if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want ErrInput with %q", err, tc.want)
			}
		})
	}
}

func TestAlignRef(t *testing.T) {
	tr := &index.TrendResult{Buckets: []index.Bucket{
		{Start: "2024-01-01", End: "2024-03-31"}, {Start: "2024-04-01", End: "2024-06-30"},
		{Start: "2024-07-01", End: "2024-09-30"}, {Start: "2024-10-01", End: "2024-12-31"}, {Start: "2025-01-01", End: "2025-03-31"}}}
	starts := []string{"2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01"}
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	vals, interp := alignRef([]RefPoint{{Date: d("2024-05-01"), Value: 10}, {Date: d("2024-06-30"), Value: 20}, {Date: d("2025-01-31"), Value: 0}}, tr, starts)
	want := []float64{math.NaN(), 15, 10, 5, 0}
	wantInterp := []bool{false, false, true, true, false}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(vals[i]) || !math.IsNaN(want[i]) && !near(vals[i], want[i], 1e-12) || interp[i] != wantInterp[i] {
			t.Errorf("bucket %d: %v (interpolated %v), want %v (%v)", i, vals[i], interp[i], want[i], wantInterp[i])
		}
	}
}

func TestWriteNoMatch(t *testing.T) {
	idx := openTestIndex(t)
	opts := testOptions()
	opts.Query = "zzzunfindable"
	r, err := Build(context.Background(), idx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Langs) != 0 || len(r.Frames) != 0 || len(r.RefLags) != 0 {
		t.Errorf("langs %v, frames %v, reference %v; want none", r.Langs, r.Frames, r.RefLags)
	}
	dir := t.TempDir()
	if _, err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"No article matches the query in the period.", "No rows."} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("report.html lacks %q", s)
		}
	}
}
