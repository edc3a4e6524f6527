package report

import (
	"math"
	"testing"
)

// The expected values below were computed by hand from the textbook
// formulas (closed forms: chi-square survival with 1 df is
// erfc(sqrt(x/2)), with 2 df exp(-x/2); Student's t with 3 df has
// S(t) = 1/2 - (atan(u) + u/(1+u²))/π, u = t/√3).

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestChiSquareTest(t *testing.T) {
	for _, tc := range []struct {
		name   string
		table  [][]int
		ok     bool
		stat   float64
		df     int
		p, v   float64
		n      int
		smallE float64
	}{
		{"2x2", [][]int{{10, 20}, {30, 40}}, true, 0.7936507936507936, 1, 0.37299848361348714, 0.0890870806374748, 100, 0},
		{"2x3", [][]int{{20, 15, 25}, {30, 35, 15}}, true, 9.84375, 2, 0.007285457798938988, 0.2651650429449553, 140, 0},
		// Zero rows and columns are dropped: the same 2x2 result.
		{"zero row and column", [][]int{{10, 0, 20}, {0, 0, 0}, {30, 0, 40}}, true, 0.7936507936507936, 1, 0.37299848361348714, 0.0890870806374748, 100, 0},
		{"small expected", [][]int{{1, 2}, {3, 4}}, true, 0.07936507936507936, 1, 0.7781596861, 0.0890870806374748, 10, 1},
		{"one row", [][]int{{1, 2, 3}}, false, 0, 0, 0, 0, 0, 0},
		{"one column left", [][]int{{5, 0}, {7, 0}}, false, 0, 0, 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ChiSquareTest(tc.table)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if !near(got.Stat, tc.stat, 1e-9) || got.DF != tc.df || !near(got.P, tc.p, 1e-8) ||
				!near(got.CramersV, tc.v, 1e-9) || got.N != tc.n || !near(got.SmallExpected, tc.smallE, 1e-12) {
				t.Errorf("got %+v; want chi2 %v df %d p %v V %v n %d small %v", got, tc.stat, tc.df, tc.p, tc.v, tc.n, tc.smallE)
			}
		})
	}
}

func TestTwoProportionZ(t *testing.T) {
	for _, tc := range []struct {
		name           string
		k1, n1, k2, n2 int
		ok             bool
		z, p           float64
	}{
		{"textbook", 30, 100, 45, 100, true, -2.1908902300206647, 0.02845973691631057},
		{"reversed", 45, 100, 30, 100, true, 2.1908902300206647, 0.02845973691631057},
		{"equal", 5, 10, 10, 20, true, 0, 1},
		{"empty sample", 0, 0, 3, 10, false, 0, 0},
		{"no variance", 0, 10, 0, 20, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z, p, ok := TwoProportionZ(tc.k1, tc.n1, tc.k2, tc.n2)
			if ok != tc.ok || ok && (!near(z, tc.z, 1e-9) || !near(p, tc.p, 1e-9)) {
				t.Errorf("TwoProportionZ = %v, %v, %v; want %v, %v, %v", z, p, ok, tc.z, tc.p, tc.ok)
			}
		})
	}
}

func TestPearson(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, y []float64
		ok   bool
		r, p float64
	}{
		{"textbook", []float64{1, 2, 3, 4, 5}, []float64{2, 4, 5, 4, 5}, true, 0.7745966692414834, 0.12402706265755448},
		{"perfect negative", []float64{1, 2, 3}, []float64{3, 2, 1}, true, -1, 0},
		{"too short", []float64{1, 2}, []float64{1, 2}, false, 0, 0},
		{"constant", []float64{1, 2, 3}, []float64{4, 4, 4}, false, 0, 0},
		{"length mismatch", []float64{1, 2, 3}, []float64{1, 2}, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, p, ok := Pearson(tc.x, tc.y)
			if ok != tc.ok || ok && (!near(r, tc.r, 1e-9) || !near(p, tc.p, 1e-7)) {
				t.Errorf("Pearson = %v, %v, %v; want %v, %v, %v", r, p, ok, tc.r, tc.p, tc.ok)
			}
		})
	}
}

func TestLags(t *testing.T) {
	nan := math.NaN()
	// frame is ref delayed by two buckets: the best lag is +2 with r = 1.
	ref := []float64{5, 3, 8, 1, 9, 2, nan, nan}
	frame := []float64{nan, nan, 5, 3, 8, 1, 9, 2}
	lags := Lags(ref, frame, 4)
	best, ok := BestLag(lags)
	if !ok || best.Lag != 2 || !near(best.R, 1, 1e-12) || best.N != 6 {
		t.Fatalf("best lag = %+v (ok %v); want lag 2, r 1, n 6", best, ok)
	}
	for _, l := range lags {
		if l.Lag < -4 || l.Lag > 4 || l.N < 3 {
			t.Errorf("lag %+v out of range or with fewer than 3 pairs", l)
		}
	}
	if _, ok := BestLag(nil); ok {
		t.Error("BestLag(nil) ok = true")
	}
}
