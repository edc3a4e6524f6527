package index

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/framescope/framescope/corpus"
)

// DefaultActors are the actors a trend reports when none are asked for.
var DefaultActors = []string{"CN", "US"}

// AllSplit labels the single series of a trend without a split.
const AllSplit = "all"

// maxBuckets bounds the number of time buckets a trend fills in, so that
// --by day over decades fails clearly instead of printing forever.
const maxBuckets = 100000

// TrendQuery asks how the actors are framed over time in the articles
// matching Text and the filters.
type TrendQuery struct {
	Text string
	Filters
	// By is the bucket width; "" means Month.
	By Period
	// Actors are the actor IDs to count; empty means DefaultActors.
	Actors []string
	// Split breaks each bucket down by language, source or source country.
	Split Split
	// Unit is what is counted; "" means UnitArticle.
	Unit Unit
}

// ActorCounts are one actor's leader and catching-up counts in a bucket.
// The shares are of Leader+CatchingUp, and CILow..CIHigh is the 95% Wilson
// interval of CatchingUpShare; with no counts the shares are 0 and the
// interval is 0..1.
type ActorCounts struct {
	Leader          int     `json:"leader"`
	CatchingUp      int     `json:"catching-up"`
	LeaderShare     float64 `json:"leader_share"`
	CatchingUpShare float64 `json:"catching_up_share"`
	CILow           float64 `json:"ci_low"`
	CIHigh          float64 `json:"ci_high"`
}

// Bucket is one time bucket of one split value.
type Bucket struct {
	// Start and End are the first and last day of the bucket (YYYY-MM-DD),
	// in the time zone each article was published in.
	Start string `json:"start"`
	End   string `json:"end"`
	// Split is the language, source or country, or AllSplit.
	Split string `json:"split"`
	// Articles is the number of matching articles in the bucket (distinct
	// stories when the unit is UnitStory).
	Articles int                    `json:"articles"`
	Actors   map[string]ActorCounts `json:"actors"`
}

// TrendResult is the answer to a TrendQuery: buckets in time order, each
// time bucket once per split value, with empty buckets filled in between the
// first and last (or the Since and Until filters).
type TrendResult struct {
	By      Period   `json:"-"`
	Split   Split    `json:"-"`
	Unit    Unit     `json:"-"`
	Actors  []string `json:"-"`
	Buckets []Bucket `json:"buckets"`

	since, until time.Time
}

// cell accumulates one bucket of one split value.
type cell struct {
	articles int
	stories  map[string]struct{}
	counts   [][2]int                 // per actor: leader, catching-up
	sets     [][2]map[string]struct{} // per actor and frame: stories (UnitStory)
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
func (b *Bleve) Trend(ctx context.Context, q TrendQuery) (*TrendResult, error) {
	return cached(b.cache, "trend", q, func() (*TrendResult, error) {
		res, err := b.trend(ctx, q)
		if err == nil && res.Buckets == nil {
			res.Buckets = []Bucket{} // "buckets": [] in JSON
		}
		return res, err
	})
}

func (b *Bleve) trend(ctx context.Context, q TrendQuery) (*TrendResult, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, err
	}
	defer b.mu.RUnlock()

	res := &TrendResult{By: q.By, Split: q.Split, Unit: q.Unit, since: q.Since, until: q.Until}
	if res.By == "" {
		res.By = Month
	}
	if _, err := ParsePeriod(string(res.By)); err != nil {
		return nil, err
	}
	if _, err := ParseSplit(string(res.Split)); err != nil {
		return nil, err
	}
	if res.Unit == "" {
		res.Unit = UnitArticle
	}
	if _, err := ParseUnit(string(res.Unit)); err != nil {
		return nil, err
	}
	c := newCompiler(idx)
	if len(q.Actors) == 0 {
		res.Actors = append([]string(nil), DefaultActors...)
	}
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
	t := &trend{res: res, r: r, m: idx.Mapping(), columns: &b.columns, cells: map[string]map[string]*cell{}}
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
	if err := res.fill(t.cells, q.Since, q.Until); err != nil {
		return nil, err
	}
	return res, nil
}

// trend is one trend computation in progress.
type trend struct {
	res     *TrendResult
	r       bleveindex.IndexReader
	m       mapping.IndexMapping
	columns *columnCache
	cells   map[string]map[string]*cell // bucket → split → cell
}

// matching fills the cells from the articles matching bq: from bitmaps and
// columns where they answer, else by visiting each article.
func (t *trend) matching(ctx context.Context, idx bleve.Index, bq query.Query) error {
	if t.res.Unit == UnitStory {
		return t.visit(ctx, bq)
	}
	err := t.fromColumns(ctx, idx, bq)
	if errors.Is(err, errNoBitmaps) {
		return t.visit(ctx, bq)
	}
	return err
}

var allSplitBytes = []byte(AllSplit)

// cell returns the accumulator for a bucket and split value.
func (t *trend) cell(bucket string, split []byte) *cell {
	bySplit, ok := t.cells[bucket]
	if !ok {
		bySplit = map[string]*cell{}
		t.cells[bucket] = bySplit
	}
	cl, ok := bySplit[string(split)]
	if !ok {
		cl = &cell{counts: make([][2]int, len(t.res.Actors))}
		if t.res.Unit == UnitStory {
			cl.stories = map[string]struct{}{}
			cl.sets = make([][2]map[string]struct{}, len(t.res.Actors))
			for i := range cl.sets {
				cl.sets[i] = [2]map[string]struct{}{{}, {}}
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
func (t *trend) plan(c *compiler, q TrendQuery) (countPlan, bool) {
	f := q.Filters
	switch {
	case t.res.Unit == UnitStory, len(f.Frame) > 0, t.res.By == Day, t.res.By == Week,
		t.res.Split == SplitSource, len(f.Source) > 0:
		return countPlan{}, false
	}
	if n, err := parseQuery(q.Text); err != nil || n.kind != nodeAll {
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
	var dim Split
	var values []string
	for _, d := range []struct {
		split  Split
		values []string
	}{{SplitLang, langStrings(f.Lang)}, {SplitCountry, f.Country}} {
		if len(d.values) > 0 {
			dims++
			dim, values = d.split, d.values
		}
	}
	switch {
	case dims > 1, dims == 1 && (p.mention != "" || t.res.Split != SplitNone && t.res.Split != dim):
		return countPlan{}, false
	case p.mention != "" && t.res.Split != SplitNone:
		return countPlan{}, false
	}
	field := splitFields[dim]
	if dims == 0 && t.res.Split != SplitNone {
		dim, field = t.res.Split, splitFields[t.res.Split]
		vs, err := fieldTerms(c.idx, field)
		if err != nil {
			return countPlan{}, false
		}
		values = vs
	}
	if dim == SplitNone {
		return countPlan{scopes: []string{""}, labels: []string{AllSplit}, mention: p.mention}, true
	}
	for _, v := range values {
		v, err := c.canonical(field, v)
		if err != nil {
			return countPlan{}, false
		}
		label := AllSplit
		if t.res.Split != SplitNone {
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
func (t *trend) fromCounts(ctx context.Context, idx bleve.Index, p countPlan, bq query.Query) error {
	res := t.res
	months, err := fieldTerms(idx, fMonth)
	if err != nil {
		return err
	}
	counter, err := newTermCounter(ctx, t.r, fCounts)
	if err != nil {
		return err
	}
	count := counter.count
	since, until := res.since, res.until
	var edges []query.Query
	for _, m := range months {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		start, err := bucketStart(Month, m)
		if err != nil {
			return err
		}
		lo, hi := start.Add(-maxZoneAhead), nextBucket(Month, start).Add(maxZoneBehind)
		if !since.IsZero() && !hi.After(since) || !until.IsZero() && !lo.Before(until) {
			continue // entirely outside
		}
		if !since.IsZero() && lo.Before(since) || !until.IsZero() && hi.After(until) {
			edges = append(edges, termQuery(fMonth, m))
			continue
		}
		bucket := bucketKey(res.By, start)
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
				for fi, f := range []corpus.Frame{corpus.Leader, corpus.CatchingUp} {
					for k := 1; ; k++ {
						n, err := count(pairTerm(m, sc, a, f, k))
						if err != nil {
							return err
						}
						cl.counts[ai][fi] += n
						if n == 0 || res.Unit != UnitAttribution {
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

// visit fills the cells by reading the dv doc values of every article
// matching bq.
func (t *trend) visit(ctx context.Context, bq query.Query) error {
	res := t.res
	s, err := bitmapFilter{bq}.Searcher(ctx, t.r, t.m, search.SearcherOptions{Score: "none"})
	if err != nil {
		return fmt.Errorf("index: trend: %w", err)
	}
	defer s.Close()
	dvr, err := t.r.DocValueReader([]string{fDV})
	if err != nil {
		return fmt.Errorf("index: trend: doc values: %w", err)
	}
	actorIdx := make(map[string]int, len(res.Actors))
	for i, a := range res.Actors {
		actorIdx[a] = i
	}
	splitLetter, hasSplit := dvSplit[res.Split]
	buckets := dayBuckets{by: res.By}

	// Per document state, reused: pair terms are kept end to end in buf.
	var day, split, story, buf []byte
	var ends []int
	visit := func(_ string, term []byte) {
		if len(term) >= 2 && term[0] == termSep[0] {
			switch term[1] {
			case dvDay:
				day = append(day[:0], term[2:]...)
			case dvStory:
				story = append(story[:0], term[2:]...)
			}
			if hasSplit && term[1] == splitLetter {
				split = append(split[:0], term[2:]...)
			}
			return
		}
		buf = append(buf, term...)
		ends = append(ends, len(buf))
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("index: trend: %w", err)
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		if dm == nil {
			break
		}
		day, split, story, buf, ends = day[:0], split[:0], story[:0], buf[:0], ends[:0]
		err = dvr.VisitDocValues(dm.IndexInternalID, visit)
		sctx.DocumentMatchPool.Put(dm)
		if err != nil {
			return fmt.Errorf("index: trend: read doc values: %w", err)
		}
		if len(day) == 0 {
			continue // no publication date: not on the time line
		}
		bucket, err := buckets.key(day)
		if err != nil {
			return err
		}
		sp := allSplitBytes
		if hasSplit {
			sp = split
		}
		cl := t.cell(bucket, sp)
		var storyID string
		if res.Unit == UnitStory {
			storyID = string(story)
			cl.stories[storyID] = struct{}{}
		} else {
			cl.articles++
		}
		prev := 0
		for _, end := range ends {
			p := buf[prev:end]
			prev = end
			eq := lastByte(p, '=')
			if eq < 0 {
				continue
			}
			colon := lastByte(p[:eq], ':')
			if colon < 0 {
				continue
			}
			ai, ok := actorIdx[string(p[:colon])]
			if !ok {
				continue
			}
			var fi int
			switch corpus.Frame(p[colon+1 : eq]) {
			case corpus.Leader:
				fi = 0
			case corpus.CatchingUp:
				fi = 1
			default:
				continue
			}
			switch res.Unit {
			case UnitArticle:
				cl.counts[ai][fi]++
			case UnitAttribution:
				k, err := strconv.Atoi(string(p[eq+1:]))
				if err != nil {
					return fmt.Errorf("index: trend: bad count in %q: %w", p, err)
				}
				cl.counts[ai][fi] += k
			case UnitStory:
				cl.sets[ai][fi][storyID] = struct{}{}
			}
		}
	}
	return nil
}

// dayBuckets maps local dates (YYYY-MM-DD) to the keys of their buckets,
// remembering each date's.
type dayBuckets struct {
	by   Period
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
	k := bucketKey(b.by, d)
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

// fill turns the accumulated cells into buckets, adding empty ones so that
// every split value has every bucket from the first to the last.
func (res *TrendResult) fill(cells map[string]map[string]*cell, since, until time.Time) error {
	splitSet := map[string]bool{}
	var first, last string
	for k, bySplit := range cells {
		if first == "" || k < first {
			first = k
		}
		if last == "" || k > last {
			last = k
		}
		for sp := range bySplit {
			splitSet[sp] = true
		}
	}
	if !since.IsZero() {
		first = bucketKey(res.By, since)
		if last == "" {
			last = first
		}
	}
	if !until.IsZero() {
		last = bucketKey(res.By, until.Add(-time.Nanosecond))
		if first == "" {
			first = last
		}
	}
	if first == "" {
		return nil // nothing matched and no bounds
	}
	if res.Split == SplitNone {
		splitSet[AllSplit] = true
	}
	splits := make([]string, 0, len(splitSet))
	for sp := range splitSet {
		splits = append(splits, sp)
	}
	sort.Strings(splits)
	start, err := bucketStart(res.By, first)
	if err != nil {
		return err
	}
	end, err := bucketStart(res.By, last)
	if err != nil {
		return err
	}
	for t := start; !t.After(end); t = nextBucket(res.By, t) {
		if len(res.Buckets) > maxBuckets {
			return fmt.Errorf("%w: more than %d buckets; use a wider period or --since/--until", ErrBadQuery, maxBuckets)
		}
		k := bucketKey(res.By, t)
		next := nextBucket(res.By, t)
		for _, sp := range splits {
			b := Bucket{
				Start:  t.Format("2006-01-02"),
				End:    next.AddDate(0, 0, -1).Format("2006-01-02"),
				Split:  sp,
				Actors: make(map[string]ActorCounts, len(res.Actors)),
			}
			cl := cells[k][sp]
			for i, a := range res.Actors {
				var l, c int
				if cl != nil {
					if res.Unit == UnitStory {
						l, c = len(cl.sets[i][0]), len(cl.sets[i][1])
					} else {
						l, c = cl.counts[i][0], cl.counts[i][1]
					}
				}
				b.Actors[a] = actorCounts(l, c)
			}
			if cl != nil {
				b.Articles = cl.articles
				if res.Unit == UnitStory {
					b.Articles = len(cl.stories)
				}
			}
			res.Buckets = append(res.Buckets, b)
		}
	}
	return nil
}

// actorCounts computes shares and the Wilson interval of the catching-up
// share from the counts.
func actorCounts(leader, catchingUp int) ActorCounts {
	ac := ActorCounts{Leader: leader, CatchingUp: catchingUp}
	n := leader + catchingUp
	ac.CILow, ac.CIHigh = Wilson(catchingUp, n)
	if n > 0 {
		ac.LeaderShare = float64(leader) / float64(n)
		ac.CatchingUpShare = float64(catchingUp) / float64(n)
	}
	return ac
}

// WriteCSV writes res as CSV in long format: a header row, then one row per
// bucket, split value and actor with start, end, split, articles, actor,
// leader, catching_up, leader_share, catching_up_share, ci_low and ci_high.
func (res *TrendResult) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"start", "end", "split", "articles", "actor", "leader", "catching_up", "leader_share", "catching_up_share", "ci_low", "ci_high"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }
	for _, b := range res.Buckets {
		for _, a := range res.Actors {
			c := b.Actors[a]
			cw.Write([]string{b.Start, b.End, b.Split, strconv.Itoa(b.Articles), a,
				strconv.Itoa(c.Leader), strconv.Itoa(c.CatchingUp),
				f(c.LeaderShare), f(c.CatchingUpShare), f(c.CILow), f(c.CIHigh)})
		}
	}
	cw.Flush()
	return cw.Error()
}
