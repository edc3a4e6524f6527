package report

import (
	"math"

	"github.com/framescope/framescope/index"
	"gonum.org/v1/gonum/stat/distuv"
)

// ChiSquare is the result of Pearson's chi-square test of independence on
// a contingency table.
type ChiSquare struct {
	// Stat is the chi-square statistic (no continuity correction), DF its
	// degrees of freedom and P the upper-tail probability.
	Stat float64 `json:"chi2"`
	DF   int     `json:"df"`
	P    float64 `json:"p"`
	// CramersV is the effect size sqrt(chi2 / (n * (min(rows, cols) - 1))).
	CramersV float64 `json:"cramers_v"`
	// N is the table total and Rows and Cols the rows and columns that
	// remain after dropping those with a zero total.
	N, Rows, Cols int
	// SmallExpected is the share of cells whose expected count is below 5;
	// above 0.2 the chi-square approximation is doubtful (Cochran).
	SmallExpected float64 `json:"small_expected"`
}

// ChiSquareTest runs Pearson's chi-square test of independence on table
// (rows × columns of counts), ignoring rows and columns whose total is 0.
// ok is false when fewer than two rows or two columns remain.
func ChiSquareTest(table [][]int) (res ChiSquare, ok bool) {
	var rows []int
	cols := map[int]bool{}
	for i, row := range table {
		sum := 0
		for j, v := range row {
			sum += v
			if v > 0 {
				cols[j] = true
			}
		}
		if sum > 0 {
			rows = append(rows, i)
		}
	}
	var colIdx []int
	if len(table) > 0 {
		for j := range table[0] {
			if cols[j] {
				colIdx = append(colIdx, j)
			}
		}
	}
	if len(rows) < 2 || len(colIdx) < 2 {
		return ChiSquare{}, false
	}
	rowSum := make([]float64, len(rows))
	colSum := make([]float64, len(colIdx))
	n := 0.0
	for a, i := range rows {
		for b, j := range colIdx {
			v := float64(table[i][j])
			rowSum[a] += v
			colSum[b] += v
			n += v
		}
	}
	small := 0
	for a, i := range rows {
		for b, j := range colIdx {
			e := rowSum[a] * colSum[b] / n
			d := float64(table[i][j]) - e
			res.Stat += d * d / e
			if e < 5 {
				small++
			}
		}
	}
	res.Rows, res.Cols, res.N = len(rows), len(colIdx), int(n)
	res.DF = (len(rows) - 1) * (len(colIdx) - 1)
	res.P = distuv.ChiSquared{K: float64(res.DF)}.Survival(res.Stat)
	res.CramersV = math.Sqrt(res.Stat / (n * float64(min(len(rows), len(colIdx))-1)))
	res.SmallExpected = float64(small) / float64(len(rows)*len(colIdx))
	return res, true
}

// TwoProportionZ tests whether k1/n1 and k2/n2 differ, with the pooled
// two-sample z test. It returns the z statistic of p1 - p2 and the
// two-sided p-value; ok is false when either sample is empty or the pooled
// share is 0 or 1 (no variance to test against).
func TwoProportionZ(k1, n1, k2, n2 int) (z, p float64, ok bool) {
	return index.TwoProportionZ(k1, n1, k2, n2)
}

// Pearson returns the correlation coefficient of x and y and the two-sided
// p-value of r against 0 (t test with n-2 degrees of freedom). ok is false
// for fewer than three pairs, different lengths, or a constant series.
func Pearson(x, y []float64) (r, p float64, ok bool) {
	n := len(x)
	if n < 3 || n != len(y) {
		return 0, 0, false
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, 0, false
	}
	r = sxy / math.Sqrt(sxx*syy)
	r = max(-1, min(1, r))
	if math.Abs(r) == 1 {
		return r, 0, true // a perfect fit: the t statistic is unbounded
	}
	df := float64(n - 2)
	t := r * math.Sqrt(df/(1-r*r))
	p = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
	return r, p, true
}

// LagCorrelation is the Pearson correlation of a measured series with a
// framing series shifted by Lag buckets.
type LagCorrelation struct {
	// Lag > 0 pairs the measurement of bucket t with the framing of bucket
	// t+Lag: framing follows measurement by Lag buckets.
	Lag int     `json:"lag"`
	R   float64 `json:"r"`
	P   float64 `json:"p"`
	N   int     `json:"n"`
}

// Lags correlates ref[t] with frame[t+lag] for every lag from -maxLag to
// maxLag, using the buckets where both are present (not NaN). Lags with
// fewer than three pairs or a constant side are left out.
func Lags(ref, frame []float64, maxLag int) []LagCorrelation {
	var out []LagCorrelation
	for lag := -maxLag; lag <= maxLag; lag++ {
		var x, y []float64
		for t := range ref {
			u := t + lag
			if u < 0 || u >= len(frame) || math.IsNaN(ref[t]) || math.IsNaN(frame[u]) {
				continue
			}
			x = append(x, ref[t])
			y = append(y, frame[u])
		}
		if r, p, ok := Pearson(x, y); ok {
			out = append(out, LagCorrelation{Lag: lag, R: r, P: p, N: len(x)})
		}
	}
	return out
}

// BestLag returns the lag whose correlation is largest in absolute value,
// preferring the smaller |lag| on ties; ok is false when lags is empty.
func BestLag(lags []LagCorrelation) (best LagCorrelation, ok bool) {
	for _, l := range lags {
		if !ok || math.Abs(l.R) > math.Abs(best.R)+1e-12 ||
			math.Abs(math.Abs(l.R)-math.Abs(best.R)) <= 1e-12 && abs(l.Lag) < abs(best.Lag) {
			best, ok = l, true
		}
	}
	return best, ok
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
