package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/framescope/framescope/index"
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

// reference aligns every reference series with the time buckets and
// correlates it with the reference actor's catching-up share per language.
func (b *builder) reference() error {
	if len(b.opts.Reference) == 0 {
		return nil
	}
	actor := b.opts.RefActor
	if actor == "" {
		actor = b.r.Actors[0]
	}
	canon := ""
	for _, a := range b.r.Actors {
		if equalFold(a, actor) {
			canon = a
		}
	}
	if canon == "" {
		return fmt.Errorf("%w: reference actor %q is not one of the report's actors (%s)", ErrOption, actor, strings.Join(b.r.Actors, ", "))
	}
	b.opts.RefActor = canon
	starts, shares := b.shareSeries(canon)
	names, by := refSeries(b.opts.Reference)
	for _, name := range names {
		vals, interp := alignRef(by[name], b.r.Trend, starts)
		for i, v := range vals {
			if math.IsNaN(v) {
				continue
			}
			rb := RefBucket{Series: name, Start: starts[i], Value: v, Interpolated: interp[i], Shares: map[string]Share{}}
			for _, l := range b.r.Langs {
				rb.Shares[l] = shares[l][i]
			}
			b.r.RefSeries = append(b.r.RefSeries, rb)
		}
		for _, l := range b.r.Langs {
			frame := make([]float64, len(starts))
			for i, s := range shares[l] {
				frame[i] = math.NaN()
				if s.N() > 0 {
					frame[i] = s.Share
				}
			}
			rl := RefLag{Series: name, Source: by[name][0].Source, Actor: canon, Lang: l, Lags: Lags(vals, frame, b.opts.MaxLag)}
			rl.Best, rl.OK = BestLag(rl.Lags)
			b.r.RefLags = append(b.r.RefLags, rl)
		}
	}
	return nil
}

// shareSeries returns the bucket starts of the trend and, per language,
// actor a's share in each bucket.
func (b *builder) shareSeries(a string) (starts []string, shares map[string][]Share) {
	shares = map[string][]Share{}
	idx := map[string]int{}
	for _, bk := range b.r.Trend.Buckets {
		i, ok := idx[bk.Start]
		if !ok {
			i = len(starts)
			idx[bk.Start] = i
			starts = append(starts, bk.Start)
			for _, l := range b.r.Langs {
				shares[l] = append(shares[l], Share{})
			}
		}
		c := bk.Actors[a]
		shares[bk.Split][i] = index.NewShare(c.Leader, c.CatchingUp)
	}
	return starts, shares
}

// alignRef returns the value of a series in each bucket (starts): the mean
// of the points dated inside it, or a linear interpolation between the
// nearest buckets with points; NaN before the first and after the last.
func alignRef(pts []RefPoint, t *index.TrendResult, starts []string) (vals []float64, interp []bool) {
	ends := map[string]string{}
	for _, bk := range t.Buckets {
		ends[bk.Start] = bk.End
	}
	vals = make([]float64, len(starts))
	interp = make([]bool, len(starts))
	sum := make([]float64, len(starts))
	cnt := make([]int, len(starts))
	for _, p := range pts {
		d := p.Date.Format("2006-01-02")
		for i, s := range starts {
			if d >= s && d <= ends[s] {
				sum[i] += p.Value
				cnt[i]++
			}
		}
	}
	prev := -1
	for i := range starts {
		vals[i] = math.NaN()
		if cnt[i] == 0 {
			continue
		}
		vals[i] = sum[i] / float64(cnt[i])
		if prev >= 0 {
			for j := prev + 1; j < i; j++ {
				w := float64(j-prev) / float64(i-prev)
				vals[j] = vals[prev] + w*(vals[i]-vals[prev])
				interp[j] = true
			}
		}
		prev = i
	}
	return vals, interp
}
