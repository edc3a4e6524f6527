package pairs

import (
	"math"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := "western_date,western_label,western_actor,chinese_date,chinese_label,chinese_actor\n# comment\n2023-03-14,GPT-4,openai,2023-04-11,Qwen,alibaba\n"
	ps, err := Read(strings.NewReader(in))
	if err != nil || len(ps) != 1 || ps[0].Chinese.Label != "Qwen" || ps[0].Western.Date.Format("2006-01-02") != "2023-03-14" {
		t.Fatalf("Read = %+v, %v", ps, err)
	}
	for _, bad := range []string{"2023-03-14,GPT-4,openai\n", "14.3.2023,GPT-4,openai,2023-04-11,Qwen,alibaba\n", "2023-03-14,,openai,2023-04-11,Qwen,alibaba\n"} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) did not fail", bad)
		}
	}
	if len(Default()) != 4 {
		t.Errorf("default pairs %+v", Default())
	}
}

func TestCoverageRatio(t *testing.T) {
	r, lo, hi, ok := CoverageRatio(20, 10)
	se := math.Sqrt(1.0/20 + 1.0/10)
	if !ok || r != 2 || math.Abs(lo-2*math.Exp(-1.96*se)) > 1e-12 || math.Abs(hi-2*math.Exp(1.96*se)) > 1e-12 {
		t.Errorf("CoverageRatio(20, 10) = %v %v %v %v", r, lo, hi, ok)
	}
	if _, _, _, ok := CoverageRatio(3, 0); ok {
		t.Error("ratio over 0 is ok")
	}
}
