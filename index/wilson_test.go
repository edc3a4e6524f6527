package index

import (
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	for _, tc := range []struct {
		k, n   int
		lo, hi float64
	}{
		{1, 2, 0.0945, 0.9055},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{50, 100, 0.4038, 0.5962},
		{0, 0, 0, 1},
	} {
		lo, hi := Wilson(tc.k, tc.n)
		if math.Abs(lo-tc.lo) > 5e-4 || math.Abs(hi-tc.hi) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = %.4f..%.4f, want %.4f..%.4f", tc.k, tc.n, lo, hi, tc.lo, tc.hi)
		}
		if tc.n > 0 {
			p := float64(tc.k) / float64(tc.n)
			if lo > p || p > hi {
				t.Errorf("Wilson(%d, %d) = %v..%v excludes %v", tc.k, tc.n, lo, hi, p)
			}
		}
	}
}
