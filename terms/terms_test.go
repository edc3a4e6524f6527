package terms

import (
	"math"
	"slices"
	"testing"

	"github.com/framescope/framescope/analyzer"
)

func counts(docs ...[]string) *Counts {
	c := NewCounts()
	for _, d := range docs {
		c.Add(d)
	}
	return c
}

// TestLogOddsByHand checks the statistic against values computed by hand:
// a says x three times and y once, b the other way round, the prior is
// both together (α_x = α_y = 4, α_0 = 8, n_a = n_b = 4):
//
//	δ_x = log(7/5) - log(5/7) = 2 log 1.4 = 0.672944
//	σ_x = sqrt(1/7 + 1/5) = 0.585540, z = 1.149271
func TestLogOddsByHand(t *testing.T) {
	a := counts([]string{"x", "x", "y"}, []string{"x"})
	b := counts([]string{"y", "y"}, []string{"y", "x"})
	prior := NewCounts()
	prior.Merge(a)
	prior.Merge(b)
	forA, forB := LogOdds(a, b, prior, Options{MinCount: 1})
	if len(forA) != 1 || forA[0].Term != "x" || len(forB) != 1 || forB[0].Term != "y" {
		t.Fatalf("forA %+v, forB %+v", forA, forB)
	}
	x := forA[0]
	if math.Abs(x.LogOdds-0.672944473242) > 1e-9 || math.Abs(x.Score-1.149271481) > 1e-9 {
		t.Errorf("x: log-odds %.9f score %.9f", x.LogOdds, x.Score)
	}
	if x.Count != 3 || x.Docs != 2 || x.Other != 1 {
		t.Errorf("x counts %+v", x)
	}
	// Symmetric: y is as distinctive of b.
	if y := forB[0]; math.Abs(y.Score-x.Score) > 1e-12 || y.Count != 3 || y.Docs != 2 {
		t.Errorf("y %+v", y)
	}
	// A prior of total weight 2 (α_x = α_y = 1): δ_x = log(4/2) - log(2/4).
	forA, _ = LogOdds(a, b, prior, Options{MinCount: 1, PriorSize: 2})
	if math.Abs(forA[0].LogOdds-2*math.Log(2)) > 1e-12 {
		t.Errorf("α0 = 2: δ_x = %v, want %v", forA[0].LogOdds, 2*math.Log(2))
	}
	// MinCount leaves rare words out.
	if forA, forB := LogOdds(a, b, prior, Options{MinCount: 5}); len(forA)+len(forB) != 0 {
		t.Errorf("MinCount 5: %+v %+v", forA, forB)
	}
}

func TestWords(t *testing.T) {
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	tok := NewTokenizer(seg)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"english", "The U.S. is catching up with China's DeepSeek in 2025, analysts said.", []string{"catching", "china", "deepseek", "analysts"}},
		{"chinese", "我们认为中国人工智能正在追赶美国。", []string{"中国", "人工智能", "追赶", "美国"}},
		{"mixed", "百度发布了文心一言和ERNIE Bot", []string{"百度", "发布", "文心", "一言", "ernie", "bot"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tok.Words(tc.text)
			for _, w := range got {
				if r := []rune(w); len(r) < 2 {
					t.Errorf("single character %q", w)
				}
				if IsStopWord(w) {
					t.Errorf("stop word %q", w)
				}
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) && tc.name != "mixed" {
					t.Errorf("%q missing from %q", w, got)
				}
			}
			if tc.name == "english" && !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
