package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// RefPoint is one measured value of a reference series, such as the
// benchmark gap between the best US and the best Chinese model.
type RefPoint struct {
	Date   time.Time `json:"date"`
	Series string    `json:"series"`
	Value  float64   `json:"value"`
	Source string    `json:"source"`
}

// ReadReference reads reference points from CSV with the header
// date,series,value,source (in any order; other columns are ignored).
// Dates are YYYY-MM-DD, YYYY-MM or YYYY (the first day of the month or
// year). Lines starting with # are comments. Errors name the line and wrap
// ErrInput.
func ReadReference(r io.Reader) ([]RefPoint, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: reference: read header: %v", ErrInput, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"date", "series", "value", "source"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%w: reference: header lacks column %q (want date,series,value,source)", ErrInput, need)
		}
	}
	var out []RefPoint
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: reference: %v", ErrInput, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		d, err := parseRefDate(get("date"))
		if err != nil {
			return nil, fmt.Errorf("%w: reference line %d: %v", ErrInput, line, err)
		}
		v, err := strconv.ParseFloat(get("value"), 64)
		if err != nil {
			return nil, fmt.Errorf("%w: reference line %d: value %q is not a number", ErrInput, line, get("value"))
		}
		p := RefPoint{Date: d, Series: get("series"), Value: v, Source: get("source")}
		if p.Series == "" {
			return nil, fmt.Errorf("%w: reference line %d: empty series", ErrInput, line)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: reference: no data rows", ErrInput)
	}
	return out, nil
}

func parseRefDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// refSeries groups points by series, in order of first appearance, each
// sorted by date.
func refSeries(pts []RefPoint) (names []string, by map[string][]RefPoint) {
	by = map[string][]RefPoint{}
	for _, p := range pts {
		if _, ok := by[p.Series]; !ok {
			names = append(names, p.Series)
		}
		by[p.Series] = append(by[p.Series], p)
	}
	for _, n := range names {
		s := by[n]
		sort.SliceStable(s, func(i, j int) bool { return s[i].Date.Before(s[j].Date) })
	}
	return names, by
}
