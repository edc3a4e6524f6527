package analyzer

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/framescope/framescope/corpus"
)

// readGold reads a gold JSONL file of the validate command's format.
func readGold(t *testing.T, path string) []GoldArticle {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []GoldArticle
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l struct {
			ID       string         `json:"id"`
			Lang     corpus.Lang    `json:"lang"`
			Country  string         `json:"country"`
			Text     string         `json:"text"`
			Gold     []GoldLabel    `json:"gold"`
			Optional []GoldLabel    `json:"optional"`
			Coded    []corpus.Frame `json:"coded"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, GoldArticle{Article: corpus.Article{ID: l.ID, Lang: l.Lang, Country: l.Country, Text: l.Text}, Gold: l.Gold, Optional: l.Optional, Coded: l.Coded})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGoldSets validates the coder on the hand-coded passages in testdata.
//
// gold.jsonl is the development set: its passages were coded before the
// rules were tuned on them, so its scores are optimistic; the floors sit a
// margin below the measured values (macro-F1 0.95, alpha 0.88) so that a
// codebook or rule change that loses several passages fails here. (Its
// alpha was 0.97 before the domain gate: a written passage such as "the US
// leads" names no domain, which real sentences framing a country do.)
// heldout.jsonl was coded afterwards and not tuned on (first run: alpha
// 0.880 at actor level); its floor is Krippendorff's customary bar for
// reliable coding, alpha >= 0.800.
func TestGoldSets(t *testing.T) {
	an := testAnalyzer(t)
	for _, tt := range []struct {
		file             string
		minPassages      int
		minF1, minAlpha  float64
		maxDirectionErrs int
		// quiet keeps a held-out set's disagreements out of the log, so
		// that rules are not written from them.
		quiet bool
	}{
		{"testdata/gold.jsonl", 150, 0.93, 0.85, 2, false},
		{"testdata/heldout.jsonl", 50, 0.85, 0.80, 3, false},
		{"testdata/gold2.jsonl", 100, 0.93, 0.85, 2, false},
		{"testdata/heldout2.jsonl", 100, 0.75, 0.60, 3, true},
		{"testdata/gold3.jsonl", 120, 0.78, 0.65, 3, false},
		{"testdata/gold4.jsonl", 120, 0.85, 0.75, 3, false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			gold := readGold(t, tt.file)
			if len(gold) < tt.minPassages {
				t.Fatalf("%d passages, want at least %d", len(gold), tt.minPassages)
			}
			langs := map[corpus.Lang]int{}
			for _, g := range gold {
				if err := an.Codebook().CheckGold(g.Gold); err != nil {
					t.Fatalf("%s: %v", g.Article.ID, err)
				}
				langs[DetectLang(g.Article.Text)]++
			}
			if langs[corpus.Chinese] < tt.minPassages/3 || langs[corpus.English] < tt.minPassages/3 {
				t.Errorf("languages %v: want both Chinese and English well represented", langs)
			}
			rep := an.Validate(gold)
			for _, lv := range []struct {
				name string
				r    LevelReport
			}{{"actor", rep.Actor}, {"country", rep.Country}} {
				r := lv.r
				t.Logf("%s level: %d units, macro-F1 %.3f, kappa %.3f, alpha %.3f, direction errors %d",
					lv.name, r.Units, r.MacroF1, r.Kappa, r.Alpha, r.DirectionErrors)
				if r.MacroF1 < tt.minF1 {
					t.Errorf("%s level macro-F1 %.3f < %.2f", lv.name, r.MacroF1, tt.minF1)
				}
				if r.Alpha < tt.minAlpha {
					t.Errorf("%s level Krippendorff's alpha %.3f < %.2f", lv.name, r.Alpha, tt.minAlpha)
				}
				if r.DirectionErrors > tt.maxDirectionErrs {
					t.Errorf("%s level: %d direction errors, want at most %d", lv.name, r.DirectionErrors, tt.maxDirectionErrs)
				}
				if tt.quiet {
					continue
				}
				for _, d := range r.Disagreements {
					t.Logf("  %s %s: gold %v, machine %v", d.ID, d.Actor, d.Gold, d.Machine)
				}
			}
		})
	}
}

func TestAgreementCoefficients(t *testing.T) {
	tests := []struct {
		name         string
		m            [][]int
		kappa, alpha float64
	}{
		// po 0.7, pe 0.5.
		{"moderate", [][]int{{20, 5}, {10, 15}}, 0.4, 0.4},
		{"perfect", [][]int{{10, 0, 0}, {0, 5, 0}, {0, 0, 3}}, 1, 1},
		{"opposite", [][]int{{0, 1}, {1, 0}}, -1, -0.5},
		// Krippendorff's alpha corrects for the sample size; kappa does not.
		// po 0.9, pe (43·42+7·8)/2500; alpha 1 - 99·10/(2·85·15).
		{"skewed", [][]int{{40, 3}, {2, 5}}, 0.6082, 0.6118},
		{"one category", [][]int{{7, 0}, {0, 0}}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if k := CohenKappa(tt.m); math.Abs(k-tt.kappa) > 1e-3 {
				t.Errorf("kappa = %.4f, want %.4f", k, tt.kappa)
			}
			if a := KrippendorffAlpha(tt.m); math.Abs(a-tt.alpha) > 1e-3 {
				t.Errorf("alpha = %.4f, want %.4f", a, tt.alpha)
			}
		})
	}
}

func TestValidateScores(t *testing.T) {
	an := testAnalyzer(t)
	gold := []GoldArticle{
		// Agreement.
		{Article: corpus.Article{ID: "1", Lang: "en", Text: "Baidu still trails OpenAI."},
			Gold: []GoldLabel{{"baidu", corpus.CatchingUp}, {"openai", corpus.Leader}}},
		// A direction error: the gold says the opposite of the machine.
		{Article: corpus.Article{ID: "2", Lang: "zh", Text: "DeepSeek超越了OpenAI。"},
			Gold: []GoldLabel{{"deepseek", corpus.CatchingUp}, {"openai", corpus.Leader}}},
		// A miss; a product label counts for its maker.
		{Article: corpus.Article{ID: "3", Lang: "en", Text: "Claude matched nobody."},
			Gold: []GoldLabel{{"claude", corpus.Race}}},
	}
	rep := an.Validate(gold)
	if rep.Articles != 3 || rep.Codebook != an.Codebook().Version() {
		t.Errorf("articles %d codebook %q", rep.Articles, rep.Codebook)
	}
	a := rep.Actor
	// Units: baidu, openai (1), deepseek, openai (2), anthropic (3).
	if a.Units != 5 {
		t.Errorf("actor units = %d, want 5", a.Units)
	}
	if a.DirectionErrors != 2 {
		t.Errorf("direction errors = %d, want 2", a.DirectionErrors)
	}
	byFrame := map[corpus.Frame]FrameScore{}
	for _, f := range a.Frames {
		byFrame[f.Frame] = f
	}
	if l := byFrame[corpus.Leader]; l.TP != 1 || l.FP != 1 || l.FN != 1 {
		t.Errorf("leader = %+v, want tp 1 fp 1 fn 1", l)
	}
	if r := byFrame[corpus.Race]; r.TP != 0 || r.FN != 1 || r.Recall != 0 {
		t.Errorf("race = %+v, want one miss", r)
	}
	// Confusion rows gold, columns machine: leader→catching-up for openai
	// in 2 and catching-up→leader for deepseek.
	if a.Confusion[1][2] != 1 || a.Confusion[2][1] != 1 || a.Confusion[1][1] != 1 || a.Confusion[2][2] != 1 {
		t.Errorf("confusion = %v", a.Confusion)
	}
	// Country level: passage 1 gives CN catching-up and US leader on both
	// sides; passage 2 swaps them.
	if c := rep.Country; c.DirectionErrors != 2 || c.Units != 5 {
		t.Errorf("country level: units %d direction errors %d, want 5 and 2", c.Units, c.DirectionErrors)
	}
}

// TestValidateOptionalAndErrors checks optional readings (scored neither
// way), coded frames, the frameless count and the error list.
func TestValidateOptionalAndErrors(t *testing.T) {
	an := testAnalyzer(t)
	lc := []corpus.Frame{corpus.Leader, corpus.CatchingUp}
	gold := []GoldArticle{
		// The machine gives baidu catching-up and openai leader; the gold
		// requires openai leader and allows baidu catching-up.
		{Article: corpus.Article{ID: "opt", Lang: "en", Text: "Baidu still trails OpenAI."},
			Gold:     []GoldLabel{{"openai", corpus.Leader}},
			Optional: []GoldLabel{{"baidu", corpus.CatchingUp}}, Coded: lc},
		// An optional reading the machine does not give is no miss.
		{Article: corpus.Article{ID: "opt-miss", Lang: "en", Text: "Microsoft reported earnings."},
			Optional: []GoldLabel{{"microsoft", corpus.Leader}}, Coded: lc},
		// No frame in the gold: the machine frames it (a false positive),
		// and its race frame is not scored since only two frames are coded.
		{Article: corpus.Article{ID: "trap", Lang: "en", Text: "Nvidia dominates the AI race."},
			Coded: lc},
		// A miss.
		{Article: corpus.Article{ID: "miss", Lang: "en", Text: "Apple reported results."},
			Gold: []GoldLabel{{"apple", corpus.Leader}}, Coded: lc},
	}
	rep := an.Validate(gold)
	a := rep.Actor
	byFrame := map[corpus.Frame]FrameScore{}
	for _, f := range a.Frames {
		byFrame[f.Frame] = f
	}
	if l := byFrame[corpus.Leader]; l.TP != 1 || l.FP != 1 || l.FN != 1 {
		t.Errorf("leader = %+v, want tp 1 (openai) fp 1 (nvidia) fn 1 (apple)", l)
	}
	if c := byFrame[corpus.CatchingUp]; c.TP != 0 || c.FN != 0 {
		t.Errorf("catching-up = %+v: an optional reading counts neither way", c)
	}
	if r := byFrame[corpus.Race]; r.TP+r.FP+r.FN != 0 {
		t.Errorf("race = %+v, want nothing scored: the gold codes leader and catching-up only", r)
	}
	if rep.Frameless != 1 || rep.FramelessFramed != 1 {
		t.Errorf("frameless %d framed %d, want 1 and 1 (the trap; an optional reading is not frameless)", rep.Frameless, rep.FramelessFramed)
	}
	kinds := map[string]string{}
	for _, e := range a.Errors {
		kinds[e.ID+" "+e.Actor] = e.Kind
		if e.Kind == ErrFalsePositive && (len(e.Evidence) == 0 || e.Evidence[0].Cue == "" || e.Evidence[0].Rule == "") {
			t.Errorf("false positive %s %s without its evidence: %+v", e.ID, e.Actor, e)
		}
		if e.Kind == ErrFalseNegative && e.Text == "" {
			t.Errorf("miss %s %s without its text", e.ID, e.Actor)
		}
	}
	if kinds["trap nvidia"] != ErrFalsePositive || kinds["miss apple"] != ErrFalseNegative || len(kinds) != 2 {
		t.Errorf("errors = %v, want trap nvidia false-positive and miss apple false-negative only", kinds)
	}
	if math.Abs(a.F1-0.5) > 1e-9 {
		t.Errorf("F1 = %.3f, want 0.5 (tp 1, fp 1, fn 1)", a.F1)
	}
}
