// Package pairs sets comparable launches side by side: a Western launch
// and a Chinese one, the coverage each gets within some days (articles,
// distinct outlets and outlet countries, attention share) and the
// launching actor's catching-up share, per outlet language and country.
package pairs

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// DefaultWindow is the number of days from each launch counted when a
// Query gives none.
const DefaultWindow = 90

// ErrInput is wrapped by the errors of Read for a file the user should
// correct.
var ErrInput = errors.New("pairs: bad input file")

// Share is a catching-up share with its Wilson interval.
type Share = index.Share

// Pair sets a Western launch beside a comparable Chinese one.
type Pair struct {
	Western corpus.Event `json:"western"`
	Chinese corpus.Event `json:"chinese"`
}

// Default are comparable launches: ChatGPT / ERNIE Bot, GPT-4 / Qwen,
// Sora / Kling, o1 / DeepSeek-R1, on their public launch dates.
func Default() []Pair {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	ev := func(date, label, actor string) corpus.Event {
		return corpus.Event{Date: d(date), Label: label, Actor: actor}
	}
	return []Pair{
		{ev("2022-11-30", "ChatGPT", "openai"), ev("2023-03-16", "ERNIE Bot", "baidu")},
		{ev("2023-03-14", "GPT-4", "openai"), ev("2023-04-11", "Qwen", "alibaba")},
		{ev("2024-02-15", "Sora", "openai"), ev("2024-06-06", "Kling", "kuaishou")},
		{ev("2024-09-12", "o1", "openai"), ev("2025-01-20", "DeepSeek-R1", "deepseek")},
	}
}

// Read reads pairs from CSV with the columns western_date,
// western_label, western_actor, chinese_date, chinese_label,
// chinese_actor (dates YYYY-MM-DD). A header row starting with
// "western_date" and lines starting with # are skipped. Errors name the
// line and wrap ErrInput.
func Read(r io.Reader) ([]Pair, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out []Pair
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInput, err)
		}
		if len(out) == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "western_date") {
			continue
		}
		if len(rec) != 6 {
			return nil, fmt.Errorf("%w: line %d: want 6 fields (western_date,western_label,western_actor,chinese_date,chinese_label,chinese_actor), got %d", ErrInput, line, len(rec))
		}
		var p Pair
		for i, e := range []*corpus.Event{&p.Western, &p.Chinese} {
			f := rec[3*i : 3*i+3]
			t, err := time.Parse("2006-01-02", strings.TrimSpace(f[0]))
			if err != nil {
				return nil, fmt.Errorf("%w: line %d: date %q: want YYYY-MM-DD", ErrInput, line, f[0])
			}
			*e = corpus.Event{Date: t, Label: strings.TrimSpace(f[1]), Actor: strings.TrimSpace(f[2])}
			if e.Label == "" || e.Actor == "" {
				return nil, fmt.Errorf("%w: line %d: empty label or actor", ErrInput, line)
			}
		}
		out = append(out, p)
	}
}

// Side is one launch of a pair: the coverage of one launch in one group of
// outlets within the window from its date.
type Side struct {
	Label string `json:"label"`
	Actor string `json:"actor"`
	Date  string `json:"date"`
	// Articles mention the launching actor; Outlets and Countries are the
	// distinct sources and outlet countries among them; All is every
	// article of the group in the window, and Attention Articles/All.
	Articles  int     `json:"articles"`
	Outlets   int     `json:"outlets"`
	Countries int     `json:"countries"`
	All       int     `json:"all_articles"`
	Attention float64 `json:"attention_share"`
	Share     Share   `json:"share"`
	// Unknown is true when the index knows no article mentioning Actor:
	// the counts are 0.
	Unknown bool `json:"unknown_actor,omitempty"`
}

// Row compares a pair of launches in one group of outlets: all
// outlets (Group "all"), one outlet language (Group "lang") or one outlet
// country (Group "country"). Ratio is the Western launch's articles over
// the Chinese one's, with a 95% interval from the log of a ratio of
// Poisson counts (exp(log r ± 1.96 √(1/a + 1/b))); RatioOK is false when
// either count is 0.
type Row struct {
	Western   Side    `json:"western"`
	Chinese   Side    `json:"chinese"`
	Group     string  `json:"group"`
	Value     string  `json:"value"`
	Ratio     float64 `json:"coverage_ratio"`
	RatioLow  float64 `json:"ratio_ci_low"`
	RatioHigh float64 `json:"ratio_ci_high"`
	RatioOK   bool    `json:"ratio_ok"`
	// Z and P test the catching-up shares of the two launches against
	// each other (two proportions).
	Z      float64 `json:"z"`
	P      float64 `json:"p"`
	TestOK bool    `json:"test_ok"`
}

// CoverageRatio returns a/b with its 95% interval, false when a or b is 0.
func CoverageRatio(a, b int) (r, lo, hi float64, ok bool) {
	if a == 0 || b == 0 {
		return 0, 0, 0, false
	}
	r = float64(a) / float64(b)
	se := math.Sqrt(1/float64(a) + 1/float64(b))
	return r, r * math.Exp(-1.96*se), r * math.Exp(1.96*se), true
}

// Query asks for the coverage of pairs of launches in the articles
// matching Text within Window days from each launch (0 means
// DefaultWindow).
type Query struct {
	Text   string
	Pairs  []Pair
	Window int
}

// Count returns the rows of q from idx: for every pair, one row for
// all outlets, one per outlet language and one per outlet country found in
// either window, in that order. Errors from the index are returned
// wrapped; a launch whose actor the index does not know has no articles
// (Side.Unknown).
func Count(ctx context.Context, idx index.Reader, q Query) ([]Row, error) {
	if q.Window <= 0 {
		q.Window = DefaultWindow
	}
	out := []Row{}
	for _, p := range q.Pairs {
		gs, err := groups(ctx, idx, q, p)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			ep := Row{Group: g[0], Value: g[1]}
			for _, side := range []struct {
				ev  corpus.Event
				dst *Side
			}{{p.Western, &ep.Western}, {p.Chinese, &ep.Chinese}} {
				if *side.dst, err = countSide(ctx, idx, q, side.ev, g); err != nil {
					return nil, err
				}
			}
			ep.Ratio, ep.RatioLow, ep.RatioHigh, ep.RatioOK = CoverageRatio(ep.Western.Articles, ep.Chinese.Articles)
			w, c := ep.Western.Share, ep.Chinese.Share
			ep.Z, ep.P, ep.TestOK = index.TwoProportionZ(w.CatchingUp, w.N(), c.CatchingUp, c.N())
			out = append(out, ep)
		}
	}
	return out, nil
}

// window returns the filters of the articles within q.Window days from
// ev's date in group g.
func (q Query) window(ev corpus.Event, g [2]string) index.Filters {
	f := index.Filters{Since: ev.Date, Until: ev.Date.AddDate(0, 0, q.Window)}
	switch g[0] {
	case "lang":
		f.Lang = []corpus.Lang{corpus.Lang(g[1])}
	case "country":
		f.Country = []string{g[1]}
	}
	return f
}

// pairGroups returns the groups of a pair: all, then the languages and
// the countries of the outlets with articles in either window.
func groups(ctx context.Context, idx index.Reader, q Query, p Pair) ([][2]string, error) {
	langs, countries := map[string]bool{}, map[string]bool{}
	for _, ev := range []corpus.Event{p.Western, p.Chinese} {
		fc, err := idx.Facets(ctx, index.Query{Text: q.Text, Filters: q.window(ev, [2]string{"all", ""})})
		if err != nil {
			return nil, fmt.Errorf("pairs: %w", err)
		}
		for l, n := range fc.Lang {
			if n > 0 {
				langs[l] = true
			}
		}
		for c, n := range fc.Country {
			if n > 0 {
				countries[c] = true
			}
		}
	}
	out := [][2]string{{"all", ""}}
	for _, set := range []struct {
		name string
		m    map[string]bool
	}{{"lang", langs}, {"country", countries}} {
		vs := make([]string, 0, len(set.m))
		for v := range set.m {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		for _, v := range vs {
			out = append(out, [2]string{set.name, v})
		}
	}
	return out, nil
}

// pairSide counts one launch in one group.
func countSide(ctx context.Context, idx index.Reader, q Query, ev corpus.Event, g [2]string) (Side, error) {
	s := Side{Label: ev.Label, Actor: ev.Actor, Date: ev.Date.Format("2006-01-02")}
	f := q.window(ev, g)
	all, err := idx.Search(ctx, index.Query{Text: q.Text, Filters: f, Limit: 1})
	if err != nil {
		return s, fmt.Errorf("pairs: %s: %w", ev.Label, err)
	}
	s.All = int(all.Total)
	if _, err := idx.Search(ctx, index.Query{Filters: index.Filters{Actor: []string{ev.Actor}}, Limit: 1}); errors.Is(err, index.ErrBadQuery) {
		s.Unknown, s.Share = true, index.NewShare(0, 0)
		return s, nil
	} else if err != nil {
		return s, fmt.Errorf("pairs: %s: %w", ev.Label, err)
	}
	f.Actor = []string{ev.Actor}
	fc, err := idx.Facets(ctx, index.Query{Text: q.Text, Filters: f})
	if err != nil {
		return s, fmt.Errorf("pairs: %s: %w", ev.Label, err)
	}
	s.Articles = fc.Total
	for _, n := range fc.Source {
		if n > 0 {
			s.Outlets++
		}
	}
	for _, n := range fc.Country {
		if n > 0 {
			s.Countries++
		}
	}
	if g[0] == "country" { // the country facet ignores the country filter
		s.Countries = min(1, s.Articles)
	}
	if s.All > 0 {
		s.Attention = float64(s.Articles) / float64(s.All)
	}
	var lc [2]int
	for i, fr := range []corpus.Frame{corpus.Leader, corpus.CatchingUp} {
		f.Frame = []corpus.Frame{fr}
		res, err := idx.Search(ctx, index.Query{Text: q.Text, Filters: f, Limit: 1})
		if err != nil {
			return s, fmt.Errorf("pairs: %s: %w", ev.Label, err)
		}
		lc[i] = int(res.Total)
	}
	s.Share = index.NewShare(lc[0], lc[1])
	return s, nil
}

// WriteCSV writes rows as CSV: a header, then one row per pair and group
// with group, value, then for the western_ and chinese_ launch label,
// date, actor, articles, outlets, countries, all_articles,
// attention_share, leader, catching_up, catching_up_share, ci_low and
// ci_high, then coverage_ratio, ratio_ci_low, ratio_ci_high (empty when
// not computed), z and p (empty when not computed).
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	head := []string{"group", "value"}
	for _, p := range []string{"western_", "chinese_"} {
		for _, c := range []string{"label", "date", "actor", "articles", "outlets", "countries", "all_articles", "attention_share",
			"leader", "catching_up", "catching_up_share", "ci_low", "ci_high"} {
			head = append(head, p+c)
		}
	}
	cw.Write(append(head, "coverage_ratio", "ratio_ci_low", "ratio_ci_high", "z", "p"))
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }
	opt := func(ok bool, xs ...float64) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			if ok {
				out[i] = f(x)
			}
		}
		return out
	}
	for _, r := range rows {
		rec := []string{r.Group, r.Value}
		for _, s := range []Side{r.Western, r.Chinese} {
			rec = append(rec, s.Label, s.Date, s.Actor, strconv.Itoa(s.Articles), strconv.Itoa(s.Outlets), strconv.Itoa(s.Countries),
				strconv.Itoa(s.All), f(s.Attention), strconv.Itoa(s.Share.Leader), strconv.Itoa(s.Share.CatchingUp),
				f(s.Share.Share), f(s.Share.Low), f(s.Share.High))
		}
		rec = append(rec, opt(r.RatioOK, r.Ratio, r.RatioLow, r.RatioHigh)...)
		cw.Write(append(rec, opt(r.TestOK, r.Z, r.P)...))
	}
	cw.Flush()
	return cw.Error()
}
