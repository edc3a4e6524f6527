package index

import (
	"fmt"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
)

// Filters narrow a search or a trend. Empty fields do not filter; a field
// with several values matches any of them. Engines check values against
// what they hold: an unknown language, source, country or actor is an
// error wrapping ErrBadQuery rather than an empty result.
type Filters struct {
	Lang    []corpus.Lang
	Source  []string
	Country []string // the source's home country
	// Actor keeps articles that mention or frame one of these actors. With
	// Frame, it keeps articles framing one of them with one of the frames.
	Actor []string
	Frame []corpus.Frame
	// Since (inclusive) and Until (exclusive) bound the publication time;
	// zero values do not bound.
	Since, Until time.Time
}

// Years a date filter may name: publication dates outside them are typing
// mistakes, and the index's time fields cannot range far beyond them.
const (
	MinYear = 1900
	MaxYear = 2200
)

// FilterText is Filters as a user types them, on a command line or in a
// URL: lists of values and dates as text.
type FilterText struct {
	Lang, Source, Country, Actor, Frame []string
	Since, Until                        string
	// Prefix goes before filter names in error messages ("--" on a
	// command line, where the filters are flags).
	Prefix string
}

// ParseFilters checks and converts typed filters. Languages and frames are
// case-insensitive; dates are YYYY-MM-DD (Until includes that day) or RFC
// 3339. Unknown frames, unreadable dates, dates outside MinYear..MaxYear and
// an empty range are errors wrapping ErrBadQuery, naming the filter.
func ParseFilters(ft FilterText) (Filters, error) {
	f := Filters{Source: ft.Source, Country: ft.Country, Actor: ft.Actor}
	for _, l := range ft.Lang {
		f.Lang = append(f.Lang, corpus.Lang(strings.ToLower(l)))
	}
	for _, s := range ft.Frame {
		fr := corpus.Frame(strings.ToLower(s))
		if !fr.Valid() {
			return Filters{}, fmt.Errorf("%w: %sframe %q: want leader, catching-up, race or threat", ErrBadQuery, ft.Prefix, s)
		}
		f.Frame = append(f.Frame, fr)
	}
	var err error
	if f.Since, err = ParseDate(ft.Prefix+"since", ft.Since, false); err != nil {
		return Filters{}, err
	}
	if f.Until, err = ParseDate(ft.Prefix+"until", ft.Until, true); err != nil {
		return Filters{}, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return Filters{}, fmt.Errorf("%w: %[2]ssince %[3]s is not before %[2]suntil %[4]s", ErrBadQuery, ft.Prefix, ft.Since, ft.Until)
	}
	return f, nil
}

// ParseDate reads the date filter called name: YYYY-MM-DD (midnight UTC;
// for the end of a range, the next midnight, so that the day is included)
// or RFC 3339. Empty gives the zero time. Errors wrap ErrBadQuery.
func ParseDate(name, s string, endOfRange bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err == nil {
		if endOfRange {
			t = t.AddDate(0, 0, 1)
		}
	} else if t, err = time.Parse(time.RFC3339, s); err != nil {
		return time.Time{}, fmt.Errorf("%w: %s %q: want a date as YYYY-MM-DD or RFC 3339 (2024-03-01T08:00:00+08:00)", ErrBadQuery, name, s)
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		return time.Time{}, fmt.Errorf("%w: %s %q: want a date between %d and %d", ErrBadQuery, name, s, MinYear, MaxYear)
	}
	return t, nil
}
