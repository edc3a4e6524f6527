package report

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/pairs"
)

// TestPairs counts a pair of launches on the test corpus by hand: the
// window 2023-08-01 + 30 days holds the eight 2023-Q3 articles (zh: two
// CN leader, one catching-up framing US leader, r1 mentioning CN and US,
// b1 on Baidu; en: one catching-up framing US leader, r2 mentioning CN and
// US, b2 on Baidu).
func TestPairs(t *testing.T) {
	idx := openTestIndex(t)
	day := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	ps := []pairs.Pair{{Western: corpus.Event{Date: day, Label: "W", Actor: "US"}, Chinese: corpus.Event{Date: day, Label: "ERNIE", Actor: "baidu"}}}
	got, err := pairs.Count(context.Background(), idx, pairs.Query{Pairs: ps, Window: 30})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		group, value             string
		wArt, wAll, wLeader, wCU int
		cArt, cOutlets, cCountry int
		cCU                      int
	}
	wants := []want{
		{"all", "", 4, 8, 2, 0, 2, 2, 2, 2},
		{"lang", "en", 2, 3, 1, 0, 1, 1, 1, 1},
		{"lang", "zh", 2, 5, 1, 0, 1, 1, 1, 1},
		{"country", "CN", 2, 5, 1, 0, 1, 1, 1, 1},
		{"country", "US", 2, 3, 1, 0, 1, 1, 1, 1},
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		if g.Group != w.group || g.Value != w.value {
			t.Errorf("row %d is %s %s, want %s %s", i, g.Group, g.Value, w.group, w.value)
			continue
		}
		if g.Western.Articles != w.wArt || g.Western.All != w.wAll || g.Western.Share.Leader != w.wLeader || g.Western.Share.CatchingUp != w.wCU {
			t.Errorf("%s %s western = %+v", w.group, w.value, g.Western)
		}
		if g.Chinese.Articles != w.cArt || g.Chinese.Outlets != w.cOutlets || g.Chinese.Countries != w.cCountry || g.Chinese.Share.CatchingUp != w.cCU {
			t.Errorf("%s %s chinese = %+v", w.group, w.value, g.Chinese)
		}
		if math.Abs(g.Western.Attention-float64(w.wArt)/float64(w.wAll)) > 1e-12 {
			t.Errorf("%s %s attention %v", w.group, w.value, g.Western.Attention)
		}
	}
	all := got[0]
	if all.Western.Outlets != 2 || all.Western.Countries != 2 {
		t.Errorf("US outlets/countries = %d/%d, want 2/2", all.Western.Outlets, all.Western.Countries)
	}
	se := math.Sqrt(1.0/4 + 1.0/2)
	if !all.RatioOK || math.Abs(all.Ratio-2) > 1e-12 || math.Abs(all.RatioLow-2*math.Exp(-1.96*se)) > 1e-12 || math.Abs(all.RatioHigh-2*math.Exp(1.96*se)) > 1e-12 {
		t.Errorf("ratio %v (%v..%v)", all.Ratio, all.RatioLow, all.RatioHigh)
	}
	if lo, hi := all.Chinese.Share.Low, all.Chinese.Share.High; all.Chinese.Share.Share != 1 || hi != 1 || lo <= 0 {
		t.Errorf("chinese share %+v", all.Chinese.Share)
	}
}

// confusion builds a direction confusion matrix (rows gold, columns
// machine: none, leader, catching-up, both) from the coder's rates on 100
// units with catching-up in gold and 100 without, and as many for leader.
func TestRoganGladenKnownMatrix(t *testing.T) {
	// 200 units: 50 gold leader, 50 gold catching-up, 100 none.
	// Leader: 40 of 50 found (Se 0.8), 10 of the 150 others called leader
	// (Sp 140/150). Catching-up: 45 of 50 found (Se 0.9), 15 of 150
	// others called catching-up (Sp 0.9).
	conf := [][]int{
		// none leader catching-up both
		{80, 5, 15, 0}, // gold none (100)
		{7, 40, 3, 0},  // gold leader (50)
		{0, 5, 45, 0},  // gold catching-up (50)
		{0, 0, 0, 0},
	}
	se, sp, pos, neg := frameRates(conf, corpus.Leader)
	if pos != 50 || neg != 150 || math.Abs(se-0.8) > 1e-12 || math.Abs(sp-140.0/150) > 1e-12 {
		t.Fatalf("leader rates %v %v %d %d", se, sp, pos, neg)
	}
	se, sp, _, _ = frameRates(conf, corpus.CatchingUp)
	if math.Abs(se-0.9) > 1e-12 || math.Abs(sp-0.88) > 1e-12 {
		t.Fatalf("catching-up rates %v %v", se, sp)
	}
	// Observed: 100 mentions, 30 leader, 40 catching-up.
	// π_l = (0.30 + 14/15 - 1) / (0.8 + 14/15 - 1) = (7/30) / (11/15) = 7/22
	// π_c = (0.40 + 0.88 - 1) / (0.9 + 0.88 - 1) = 0.28 / 0.78 = 14/39
	c := CorrectedShare{Actor: "CN", Lang: "zh"}
	correctShare(&c, conf, 100, 30, 40)
	if !c.OK {
		t.Fatalf("not corrected: %s", c.Note)
	}
	pl, pc := 7.0/22, 14.0/39
	if math.Abs(c.LeaderPrev-pl) > 1e-12 || math.Abs(c.CatchingUpPrev-pc) > 1e-12 {
		t.Errorf("prevalences %v %v, want %v %v", c.LeaderPrev, c.CatchingUpPrev, pl, pc)
	}
	if want := pc / (pl + pc); math.Abs(c.Corrected-want) > 1e-12 {
		t.Errorf("corrected share %v, want %v", c.Corrected, want)
	}
	if !(c.Low < c.Corrected && c.Corrected < c.High) || c.Low < 0 || c.High > 1 || c.Units != 200 {
		t.Errorf("bootstrap interval %v..%v around %v, units %d", c.Low, c.High, c.Corrected, c.Units)
	}
	// The same input gives the same interval.
	c2 := CorrectedShare{Actor: "CN", Lang: "zh"}
	correctShare(&c2, conf, 100, 30, 40)
	if c2.Low != c.Low || c2.High != c.High {
		t.Errorf("bootstrap not repeatable: %v..%v vs %v..%v", c.Low, c.High, c2.Low, c2.High)
	}
	// A perfect coder changes nothing.
	perfect := [][]int{{20, 0, 0, 0}, {0, 20, 0, 0}, {0, 0, 20, 0}, {0, 0, 0, 0}}
	p := CorrectedShare{}
	correctShare(&p, perfect, 100, 30, 40)
	if !p.OK || math.Abs(p.Corrected-40.0/70) > 1e-12 || p.Low != p.Corrected || p.High != p.Corrected {
		t.Errorf("perfect coder: %+v", p)
	}
	// Too small a validation is noted, not corrected.
	small := CorrectedShare{}
	correctShare(&small, [][]int{{3, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0}}, 100, 30, 40)
	if small.OK || !strings.Contains(small.Note, "too small") {
		t.Errorf("small validation: %+v", small)
	}
	if v, ok := RoganGladen(0.3, 0.5, 0.5); ok || v != 0 {
		t.Errorf("chance coder corrected to %v", v)
	}
}

func TestBuildCorrected(t *testing.T) {
	idx := openTestIndex(t)
	opts := testOptions()
	rows := make([][]int, 4)
	for i := range rows {
		rows[i] = make([]int, 4)
		rows[i][i] = 20
	}
	v := &analyzer.Report{Codebook: "test-1", Country: analyzer.LevelReport{Confusion: rows}, Actor: analyzer.LevelReport{Confusion: rows}}
	opts.Validation, opts.ValidationByLang = v, map[string]*analyzer.Report{"zh": v}
	r, err := Build(context.Background(), idx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Corrected) != 4 {
		t.Fatalf("corrected = %+v", r.Corrected)
	}
	for _, c := range r.Corrected {
		switch c.Lang {
		case "zh": // a perfect coder: corrected = raw
			if !c.OK || math.Abs(c.Corrected-c.Raw.Share) > 1e-12 {
				t.Errorf("%s zh: %+v", c.Actor, c)
			}
		case "en":
			if c.OK || !strings.Contains(c.Note, "no validation") {
				t.Errorf("%s en: %+v", c.Actor, c)
			}
		}
	}
}
