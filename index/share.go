package index

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Share is a catching-up share of Leader+CatchingUp with its 95% Wilson
// interval (0..1 without counts), as reports and launch comparisons give it.
type Share struct {
	Leader     int     `json:"leader"`
	CatchingUp int     `json:"catching_up"`
	Share      float64 `json:"catching_up_share"`
	Low        float64 `json:"ci_low"`
	High       float64 `json:"ci_high"`
}

// N returns Leader+CatchingUp.
func (s Share) N() int { return s.Leader + s.CatchingUp }

// NewShare returns the catching-up share of the counts with its interval.
func NewShare(leader, catchingUp int) Share {
	s := Share{Leader: leader, CatchingUp: catchingUp}
	s.Low, s.High = Wilson(catchingUp, s.N())
	if s.N() > 0 {
		s.Share = float64(catchingUp) / float64(s.N())
	}
	return s
}

// TwoProportionZ tests whether k1/n1 and k2/n2 differ, with the pooled
// two-sample z test. It returns the z statistic of p1 - p2 and the
// two-sided p-value; ok is false when either sample is empty or the pooled
// share is 0 or 1 (no variance to test against).
func TwoProportionZ(k1, n1, k2, n2 int) (z, p float64, ok bool) {
	if n1 <= 0 || n2 <= 0 {
		return 0, 0, false
	}
	pool := float64(k1+k2) / float64(n1+n2)
	if pool <= 0 || pool >= 1 {
		return 0, 0, false
	}
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	z = (float64(k1)/float64(n1) - float64(k2)/float64(n2)) / se
	p = 2 * distuv.UnitNormal.Survival(math.Abs(z))
	return z, p, true
}
