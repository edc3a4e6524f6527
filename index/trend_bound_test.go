package index

import (
	"errors"
	"testing"
	"time"
)

// TestFillBounds: a bucket at year 9999 (an article an older import let
// in) does not stretch an unbounded trend over 8,000 years, and a trend
// with too many buckets is ErrTooLarge, not a bad query.
func TestFillBounds(t *testing.T) {
	res := &TrendResult{By: Year, Split: SplitNone, Actors: []string{"CN"}}
	tallies := map[string]map[string]*Tally{
		"2023": {AllSplit: {Articles: 1}},
		"2024": {AllSplit: {Articles: 2}},
		"9999": {AllSplit: {Articles: 1}},
	}
	if err := res.Fill(tallies, time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if len(res.Buckets) != 2 {
		t.Errorf("%d buckets, want 2 (2023, 2024)", len(res.Buckets))
	}
	res = &TrendResult{By: Day, Split: SplitNone, Actors: []string{"CN"}}
	err := res.Fill(map[string]map[string]*Tally{}, time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if !errors.Is(err, ErrTooLarge) || errors.Is(err, ErrBadQuery) {
		t.Errorf("Fill over 200 years by day: %v, want ErrTooLarge", err)
	}
}
