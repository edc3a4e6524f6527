package index

import (
	"errors"
	"strings"
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

// TestFillMaxCells: a query's MaxCells bounds buckets × split values ×
// actors, checked before any bucket is made; within it the trend fills.
func TestFillMaxCells(t *testing.T) {
	q := TrendQuery{By: Day, Split: SplitLang, Actors: []string{"CN", "US"}, MaxCells: 1000}
	tallies := map[string]map[string]*Tally{
		"2024-01-01": {"en": {Articles: 1}, "zh": {Articles: 1}},
	}
	since, until := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	res, err := q.Result()
	if err != nil {
		t.Fatal(err)
	}
	res.Actors = q.Actors
	// 366 days × 2 languages × 2 actors = 1464 cells.
	err = res.Fill(tallies, since, until)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1464 cells") {
		t.Fatalf("Fill of 1464 cells with MaxCells 1000: %v, want ErrTooLarge naming the cells", err)
	}
	if len(res.Buckets) != 0 {
		t.Errorf("%d buckets made before the bound was found", len(res.Buckets))
	}
	q.MaxCells = 1464
	if res, err = q.Result(); err != nil {
		t.Fatal(err)
	}
	res.Actors = q.Actors
	if err := res.Fill(tallies, since, until); err != nil || len(res.Buckets) != 732 {
		t.Errorf("Fill at the bound: %v, %d buckets, want 732", err, len(res.Buckets))
	}
}
