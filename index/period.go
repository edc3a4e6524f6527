package index

import (
	"fmt"
	"strings"
	"time"
)

// Period is the width of a trend bucket.
type Period string

// Periods a trend can group by.
const (
	Day     Period = "day"
	Week    Period = "week" // ISO weeks, starting on Monday
	Month   Period = "month"
	Quarter Period = "quarter"
	Year    Period = "year"
)

// ParsePeriod returns the Period named s (case-insensitive); an empty s is
// Month. Other values give an error wrapping ErrBadQuery.
func ParsePeriod(s string) (Period, error) {
	if s == "" {
		return Month, nil
	}
	switch p := Period(strings.ToLower(s)); p {
	case Day, Week, Month, Quarter, Year:
		return p, nil
	}
	return "", fmt.Errorf("%w: unknown period %q (want day, week, month, quarter or year)", ErrBadQuery, s)
}

// Key returns the key of the bucket of period p holding t, in t's own time
// zone: the date an outlet printed is the date it is counted under. Keys
// (2024-03-04 for days and weeks, 2024-03, 2024-Q1, 2024) sort in time
// order and parse back with Start.
func (p Period) Key(t time.Time) string {
	y, m, d := t.Date()
	switch p {
	case Day:
		return t.Format("2006-01-02")
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return time.Date(y, m, d-wd, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	case Month:
		return t.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", y, (int(m)-1)/3+1)
	case Year:
		return fmt.Sprintf("%04d", y)
	}
	return ""
}

// Start returns the first day of the bucket with key k, at midnight UTC.
func (p Period) Start(k string) (time.Time, error) {
	var t time.Time
	var err error
	switch p {
	case Day, Week:
		t, err = time.Parse("2006-01-02", k)
	case Month:
		t, err = time.Parse("2006-01", k)
	case Quarter:
		var y, q int
		if _, err = fmt.Sscanf(k, "%04d-Q%d", &y, &q); err == nil {
			t = time.Date(y, time.Month((q-1)*3+1), 1, 0, 0, 0, 0, time.UTC)
		}
	case Year:
		t, err = time.Parse("2006", k)
	default:
		err = fmt.Errorf("unknown period %q", p)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("index: bucket %q: %w", k, err)
	}
	return t, nil
}

// Next returns the first day of the bucket after the one starting at t.
func (p Period) Next(t time.Time) time.Time {
	switch p {
	case Day:
		return t.AddDate(0, 0, 1)
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	case Quarter:
		return t.AddDate(0, 3, 0)
	}
	return t.AddDate(1, 0, 0)
}

// Split is the dimension a trend is broken down by besides time.
type Split string

// Splits a trend can use. SplitNone gives one series labelled "all".
const (
	SplitNone    Split = ""
	SplitLang    Split = "lang"
	SplitSource  Split = "source"
	SplitCountry Split = "country"
)

// ParseSplit returns the Split named s; "" and "none" are SplitNone.
func ParseSplit(s string) (Split, error) {
	switch strings.ToLower(s) {
	case "", "none":
		return SplitNone, nil
	case "lang":
		return SplitLang, nil
	case "source":
		return SplitSource, nil
	case "country":
		return SplitCountry, nil
	}
	return "", fmt.Errorf("%w: unknown split %q (want lang, source or country)", ErrBadQuery, s)
}

// Unit is what a trend counts.
type Unit string

// Units. UnitArticle counts articles with at least one attribution of the
// actor and frame; UnitAttribution counts evidence sentences; UnitStory
// counts distinct stories (Article.Story, or the article ID when empty).
const (
	UnitArticle     Unit = "article"
	UnitAttribution Unit = "attribution"
	UnitStory       Unit = "story"
)

// ParseUnit returns the Unit named s; "" is UnitArticle.
func ParseUnit(s string) (Unit, error) {
	switch u := Unit(strings.ToLower(s)); u {
	case "":
		return UnitArticle, nil
	case UnitArticle, UnitAttribution, UnitStory:
		return u, nil
	}
	return "", fmt.Errorf("%w: unknown unit %q (want article, attribution or story)", ErrBadQuery, s)
}
