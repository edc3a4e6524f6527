package bleve

import (
	"context"
	"fmt"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// cell accumulates one bucket of one split value.
type cell struct {
	articles int
	stories  map[string]struct{}
	counts   [][2]int                 // per actor: leader, catching-up
	sets     [][2]map[string]struct{} // per actor and frame: stories (UnitStory)
	attn     [][2]int                 // per actor: mentioning, framing articles
	attnSets [][2]map[string]struct{} // per actor: mentioning, framing stories (UnitStory)
}

// Trend counts, per time bucket and split value, the articles matching q
// and the leader / catching-up attributions of each actor. Errors from the
// query wrap ErrBadQuery.
//
// A trend by month, quarter or year over all articles (query "*"),
// filtered at most by language or by country, by one actor (the one
// counted), or by dates, and split at most by language or country, is read
// from the sizes of posting lists of monthly count terms: a few hundred
// lookups whatever the number of articles. Any other trend of articles or
// attributions walks the bitmap of the matching articles (see bitmap.go)
// and looks each up in per-segment columns of days and split values (see
// columns.go): a few nanoseconds per article. Trends of stories visit the
// doc values of each matching article once, about a microsecond per
// article.
//
// With CacheSize, the answer may be shared.
func (b *Index) Trend(ctx context.Context, q index.TrendQuery) (*index.TrendResult, error) {
	return cached(b.cache, "trend", q, func() (*index.TrendResult, error) {
		res, err := guarded(func() (*index.TrendResult, error) { return b.trend(ctx, q) })
		if err == nil && res.Buckets == nil {
			res.Buckets = []index.Bucket{} // "buckets": [] in JSON
		}
		return res, err
	})
}

func (b *Index) trend(ctx context.Context, q index.TrendQuery) (*index.TrendResult, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, err
	}
	defer b.mu.RUnlock()

	res, err := q.Result()
	if err != nil {
		return nil, err
	}
	c := newCompiler(idx)
	seen := map[string]bool{}
	for _, a := range q.Actors {
		t, err := c.canonical(fActors, a)
		if err != nil {
			return nil, err
		}
		if !seen[t] {
			seen[t] = true
			res.Actors = append(res.Actors, t)
		}
	}
	bt, err := c.build(q.Text, q.Filters)
	if err != nil {
		return nil, err
	}
	bq := bt.q

	r, err := openReader(idx)
	if err != nil {
		return nil, fmt.Errorf("index: trend: %w", err)
	}
	defer r.Close()
	t := &trend{res: res, since: q.Since, until: q.Until, r: r, m: idx.Mapping(), columns: &b.columns, cells: map[string]map[string]*cell{}}
	plan, counted := t.plan(c, q)
	switch {
	case counted && b.path == pathAuto:
		err = t.fromCounts(ctx, idx, plan, bq)
	case b.path == pathVisit:
		err = t.visit(ctx, bq)
	default:
		err = t.matching(ctx, idx, bq)
	}
	if err != nil {
		return nil, err
	}
	if err := res.Fill(t.tallies(), q.Since, q.Until); err != nil {
		return nil, err
	}
	return res, nil
}

// tallies returns the cells' counts for index.TrendResult.Fill.
func (t *trend) tallies() map[string]map[string]*index.Tally {
	out := make(map[string]map[string]*index.Tally, len(t.cells))
	for k, bySplit := range t.cells {
		out[k] = make(map[string]*index.Tally, len(bySplit))
		for sp, cl := range bySplit {
			tl := &index.Tally{Articles: cl.articles, Counts: cl.counts, Attention: cl.attn}
			if t.res.Unit == index.UnitStory {
				tl.Articles = len(cl.stories)
				tl.Counts = make([][2]int, len(cl.sets))
				for i, s := range cl.sets {
					tl.Counts[i] = [2]int{len(s[0]), len(s[1])}
				}
				tl.Attention = make([][2]int, len(cl.attnSets))
				for i, s := range cl.attnSets {
					tl.Attention[i] = [2]int{len(s[0]), len(s[1])}
				}
			}
			out[k][sp] = tl
		}
	}
	return out
}

// trend is one trend computation in progress.
type trend struct {
	res *index.TrendResult
	// since and until are the query's date bounds.
	since, until time.Time
	r            bleveindex.IndexReader
	m            mapping.IndexMapping
	columns      *columnCache
	cells        map[string]map[string]*cell // bucket → split → cell
}

// matching fills the cells from the articles matching bq: from bitmaps and
// columns, or for stories by visiting each article.
func (t *trend) matching(ctx context.Context, idx blevesearch.Index, bq query.Query) error {
	if t.res.Unit == index.UnitStory {
		return t.visit(ctx, bq)
	}
	return t.fromColumns(ctx, idx, bq)
}

var allSplitBytes = []byte(index.AllSplit)

// cell returns the accumulator for a bucket and split value.
func (t *trend) cell(bucket string, split []byte) *cell {
	bySplit, ok := t.cells[bucket]
	if !ok {
		bySplit = map[string]*cell{}
		t.cells[bucket] = bySplit
	}
	cl, ok := bySplit[string(split)]
	if !ok {
		cl = &cell{counts: make([][2]int, len(t.res.Actors)), attn: make([][2]int, len(t.res.Actors))}
		if t.res.Unit == index.UnitStory {
			cl.stories = map[string]struct{}{}
			cl.sets = make([][2]map[string]struct{}, len(t.res.Actors))
			cl.attnSets = make([][2]map[string]struct{}, len(t.res.Actors))
			for i := range cl.sets {
				cl.sets[i] = [2]map[string]struct{}{{}, {}}
				cl.attnSets[i] = [2]map[string]struct{}{{}, {}}
			}
		}
		bySplit[string(split)] = cl
	}
	return cl
}

// countPlan says how to read a trend from count terms: the scopes to count
// and the split label each adds to, and the actor whose mentions restrict
// the articles, if any.
type countPlan struct {
	scopes  []string // "" for all articles, else a scope prefix and value
	labels  []string
	mention string
}

// plan returns the count plan for q, or false when q needs a visit of the
// matching documents: a text query, the story unit, frame filters, several
// filter dimensions, or an actor filter other than the one counted actor.
func (t *trend) plan(c *compiler, q index.TrendQuery) (countPlan, bool) {
	f := q.Filters
	switch {
	case t.res.Unit == index.UnitStory, len(f.Frame) > 0, t.res.By == index.Day, t.res.By == index.Week,
		t.res.Split == index.SplitSource, len(f.Source) > 0:
		return countPlan{}, false
	}
	if n, err := index.ParseQuery(q.Text); err != nil || n.Kind != index.NodeAll {
		return countPlan{}, false
	}
	var p countPlan
	if len(f.Actor) > 0 {
		if len(f.Actor) > 1 {
			return countPlan{}, false
		}
		a, err := c.canonical(fActors, f.Actor[0])
		if err != nil {
			return countPlan{}, false
		}
		for _, x := range t.res.Actors {
			if x != a {
				return countPlan{}, false
			}
		}
		p.mention = a
	}
	dims := 0
	var dim index.Split
	var values []string
	for _, d := range []struct {
		split  index.Split
		values []string
	}{{index.SplitLang, langStrings(f.Lang)}, {index.SplitCountry, f.Country}} {
		if len(d.values) > 0 {
			dims++
			dim, values = d.split, d.values
		}
	}
	switch {
	case dims > 1, dims == 1 && (p.mention != "" || t.res.Split != index.SplitNone && t.res.Split != dim):
		return countPlan{}, false
	case p.mention != "" && t.res.Split != index.SplitNone:
		return countPlan{}, false
	}
	field := splitFields[dim]
	if dims == 0 && t.res.Split != index.SplitNone {
		dim, field = t.res.Split, splitFields[t.res.Split]
		vs, err := fieldTerms(c.idx, field)
		if err != nil {
			return countPlan{}, false
		}
		values = vs
	}
	if dim == index.SplitNone {
		return countPlan{scopes: []string{""}, labels: []string{index.AllSplit}, mention: p.mention}, true
	}
	for _, v := range values {
		v, err := c.canonical(field, v)
		if err != nil {
			return countPlan{}, false
		}
		label := index.AllSplit
		if t.res.Split != index.SplitNone {
			label = v
		}
		p.scopes = append(p.scopes, scopePrefixes[dim]+v)
		p.labels = append(p.labels, label)
	}
	return p, true
}

func langStrings(ls []corpus.Lang) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
}

// maxZoneAhead and maxZoneBehind bound the offsets of time zones from UTC:
// a bucket in local dates lies within its UTC dates widened by these.
const (
	maxZoneAhead  = 14 * time.Hour
	maxZoneBehind = 12 * time.Hour
)

// fromCounts fills the cells from the sizes of the monthly count terms,
// adding months up into quarters and years. Months that the Since and
// Until filters cut through are counted from their matching articles.
func (t *trend) fromCounts(ctx context.Context, idx blevesearch.Index, p countPlan, bq query.Query) error {
	res := t.res
	months, err := fieldTerms(idx, fMonth)
	if err != nil {
		return err
	}
	counter, err := newTermCounter(t.r, fCounts)
	if err != nil {
		return err
	}
	count := counter.count
	since, until := t.since, t.until
	var edges []query.Query
	for _, m := range months {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		start, err := index.Month.Start(m)
		if err != nil {
			return err
		}
		lo, hi := start.Add(-maxZoneAhead), index.Month.Next(start).Add(maxZoneBehind)
		if !since.IsZero() && !hi.After(since) || !until.IsZero() && !lo.Before(until) {
			continue // entirely outside
		}
		if !since.IsZero() && lo.Before(since) || !until.IsZero() && hi.After(until) {
			edges = append(edges, termQuery(fMonth, m))
			continue
		}
		bucket := res.By.Key(start)
		for i, sc := range p.scopes {
			term := scopeTerm(m, sc)
			if p.mention != "" {
				term = mentionTerm(m, p.mention)
			}
			n, err := count(term)
			if err != nil {
				return err
			}
			if n == 0 {
				continue
			}
			cl := t.cell(bucket, []byte(p.labels[i]))
			cl.articles += n
			for ai, a := range res.Actors {
				mention := scopedMentionTerm(m, sc, a)
				if p.mention != "" {
					mention = term // every article counted mentions the filter's actor
				}
				for j, term := range []string{mention, framedTerm(m, sc, a)} {
					n, err := count(term)
					if err != nil {
						return err
					}
					cl.attn[ai][j] += n
				}
				for fi, f := range []corpus.Frame{corpus.Leader, corpus.CatchingUp} {
					for k := 1; ; k++ {
						n, err := count(pairTerm(m, sc, a, f, k))
						if err != nil {
							return err
						}
						cl.counts[ai][fi] += n
						if n == 0 || res.Unit != index.UnitAttribution {
							break
						}
					}
				}
			}
		}
	}
	if len(edges) == 0 {
		return nil
	}
	var eq query.Query = query.NewDisjunctionQuery(edges)
	if len(edges) == 1 {
		eq = edges[0]
	}
	return t.matching(ctx, idx, query.NewConjunctionQuery([]query.Query{bq, eq}))
}

// dayBuckets maps local dates (YYYY-MM-DD) to the keys of their buckets,
// remembering each date's.
type dayBuckets struct {
	by   index.Period
	keys map[string]string
}

func (b *dayBuckets) key(day []byte) (string, error) {
	if k, ok := b.keys[string(day)]; ok {
		return k, nil
	}
	d, err := time.Parse("2006-01-02", string(day))
	if err != nil {
		return "", fmt.Errorf("index: trend: bad date %q: %w", day, err)
	}
	if b.keys == nil {
		b.keys = map[string]string{}
	}
	k := b.by.Key(d)
	b.keys[string(day)] = k
	return k, nil
}

func lastByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}
