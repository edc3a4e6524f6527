package opensearch

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/framescope/framescope/index"
)

// splitFields maps each split to the keyword field it groups by.
var splitFields = map[index.Split]string{
	index.SplitLang:    fLang,
	index.SplitSource:  fSource,
	index.SplitCountry: fCountry,
}

// compositePage is the number of buckets a composite aggregation returns
// per request.
const compositePage = 2000

// Trend counts, per time bucket and split value, the articles matching q
// and the leader / catching-up attributions of each actor, and the
// articles (stories) mentioning and framing each actor. It pages
// through a composite aggregation by the day each outlet printed (and the
// split value, and the story for UnitStory) with a filter aggregation per
// actor and frame and two per actor for its attention, and groups the days into the buckets of q's period in
// Go, so that a bucket holds the dates the outlets printed, as in the
// Bleve engine. Errors from the query wrap index.ErrBadQuery.
func (x *Index) Trend(ctx context.Context, qu index.TrendQuery) (*index.TrendResult, error) {
	res, err := qu.Result()
	if err != nil {
		return nil, err
	}
	c := x.compiler(ctx)
	if err := addActors(c, res, qu.Actors); err != nil {
		return nil, err
	}
	bt, err := c.build(qu.Text, qu.Filters)
	if err != nil {
		return nil, err
	}
	cells, err := x.trendCells(ctx, qu.Text, bt, res)
	if err != nil {
		return nil, err
	}
	if err := res.Fill(trendTallies(cells, res.Unit == index.UnitStory), qu.Since, qu.Until); err != nil {
		return nil, err
	}
	if res.Buckets == nil {
		res.Buckets = []index.Bucket{}
	}
	return res, nil
}

// trendFrames are the frames Trend counts per actor, in the order of an
// index.Tally's counts.
var trendFrames = []string{"leader", "catching-up"}

// addActors appends to res.Actors the canonical form of each of actors,
// once each.
func addActors(c *compiler, res *index.TrendResult, actors []string) error {
	seen := map[string]bool{}
	for _, a := range actors {
		t, err := c.canonical(fActors, a)
		if err != nil {
			return err
		}
		if !seen[t] {
			seen[t] = true
			res.Actors = append(res.Actors, t)
		}
	}
	return nil
}

// trendSources returns the sources of Trend's composite aggregation: the
// day, and the split value and the story when res has them.
func trendSources(res *index.TrendResult) []q {
	sources := []q{{"day": q{"terms": q{"field": fDay}}}}
	if f, ok := splitFields[res.Split]; ok {
		sources = append(sources, q{"split": q{"terms": q{"field": f}}})
	}
	if res.Unit == index.UnitStory {
		sources = append(sources, q{"story": q{"terms": q{"field": fStory}}})
	}
	return sources
}

// trendSubAggs returns the aggregations of Trend inside each composite
// bucket: per actor, a filter per frame (with the attribution counts
// for UnitAttribution) and two for its attention.
func trendSubAggs(res *index.TrendResult) q {
	sub := q{}
	for i, a := range res.Actors {
		for j, fr := range trendFrames {
			pair := a + ":" + fr
			agg := q{"filter": term(fPairs, pair)}
			if res.Unit == index.UnitAttribution {
				agg["aggs"] = q{"n": q{"terms": q{"field": fPairN, "include": luceneQuote(pair) + "=[0-9]+", "size": 1000}}}
			}
			sub[aggName(i, j)] = agg
		}
		// Attention: the articles mentioning the actor (framed or not) and
		// those framing it with any frame, whatever the unit.
		sub[attnName(i, 0)] = q{"filter": term(fActors, a)}
		sub[attnName(i, 1)] = q{"filter": term(fFramed, a)}
	}
	return sub
}

// trendCellKey is a time bucket and split value.
type trendCellKey struct{ bucket, split string }

// trendCell gathers the counts of one time bucket and split value.
type trendCell struct {
	tally    *index.Tally
	stories  map[string]bool
	sets     [][2]map[string]bool // per actor and frame: stories (UnitStory)
	attnSets [][2]map[string]bool // per actor: mentioning, framing stories (UnitStory)
}

// newTrendCell returns an empty cell for n actors.
func newTrendCell(n int) *trendCell {
	cl := &trendCell{
		tally:    &index.Tally{Counts: make([][2]int, n), Attention: make([][2]int, n)},
		stories:  map[string]bool{},
		sets:     make([][2]map[string]bool, n),
		attnSets: make([][2]map[string]bool, n),
	}
	for i := range cl.sets {
		cl.sets[i] = [2]map[string]bool{{}, {}}
		cl.attnSets[i] = [2]map[string]bool{{}, {}}
	}
	return cl
}

// trendCells pages through Trend's composite aggregation for the query
// bt (of the text qu, for messages) and gathers its buckets into cells by
// time bucket of res's period and split value.
func (x *Index) trendCells(ctx context.Context, qu string, bt built, res *index.TrendResult) (map[trendCellKey]*trendCell, error) {
	sources, sub := trendSources(res), trendSubAggs(res)
	cells := map[trendCellKey]*trendCell{}
	var after map[string]any
	for {
		comp := q{"size": compositePage, "sources": sources}
		if after != nil {
			comp["after"] = after
		}
		body := q{"size": 0, "query": bt.query(), "aggs": q{"c": q{"composite": comp, "aggs": sub}}}
		var sr searchResponse
		if err := x.search(ctx, body, &sr); err != nil {
			return nil, fmt.Errorf("opensearch: trend %q: %w", qu, err)
		}
		agg := sr.Aggs["c"]
		for _, b := range agg.Buckets {
			day, err := time.Parse("2006-01-02", b.Keys["day"])
			if err != nil {
				return nil, fmt.Errorf("opensearch: trend: day %q: %w", b.Keys["day"], err)
			}
			split := index.AllSplit
			if res.Split != index.SplitNone {
				split = b.Keys["split"]
			}
			k := trendCellKey{res.By.Key(day), split}
			cl := cells[k]
			if cl == nil {
				cl = newTrendCell(len(res.Actors))
				cells[k] = cl
			}
			cl.add(b, res)
		}
		if len(agg.Buckets) < compositePage || agg.AfterKey == nil {
			break
		}
		after = agg.AfterKey
	}
	return cells, nil
}

// add counts the composite bucket b in the cell: its articles, or for
// UnitStory its story, and per actor its attention and frames in res's
// unit.
func (cl *trendCell) add(b aggBucket, res *index.TrendResult) {
	story := res.Unit == index.UnitStory
	cl.tally.Articles += b.DocCount
	if story {
		cl.stories[b.Keys["story"]] = true
	}
	for i := range res.Actors {
		for j := range 2 {
			fb := b.Sub[attnName(i, j)]
			if len(fb.Buckets) != 1 || fb.Buckets[0].DocCount == 0 {
				continue
			}
			if story {
				cl.attnSets[i][j][b.Keys["story"]] = true
			} else {
				cl.tally.Attention[i][j] += fb.Buckets[0].DocCount
			}
		}
		for j := range trendFrames {
			fb := b.Sub[aggName(i, j)]
			if len(fb.Buckets) != 1 || fb.Buckets[0].DocCount == 0 {
				continue
			}
			n := fb.Buckets[0].DocCount
			switch res.Unit {
			case index.UnitStory:
				cl.sets[i][j][b.Keys["story"]] = true
			case index.UnitAttribution:
				n = 0
				for _, nb := range fb.Buckets[0].Sub["n"].Buckets {
					_, count, _ := strings.Cut(nb.Key, "=")
					v, _ := strconv.Atoi(count)
					n += v * nb.DocCount
				}
				cl.tally.Counts[i][j] += n
			default:
				cl.tally.Counts[i][j] += n
			}
		}
	}
}

// trendTallies returns the cells' tallies by time bucket and split value,
// counting stories rather than articles when story is set.
func trendTallies(cells map[trendCellKey]*trendCell, story bool) map[string]map[string]*index.Tally {
	tallies := map[string]map[string]*index.Tally{}
	for k, cl := range cells {
		if story {
			cl.tally.Articles = len(cl.stories)
			for i, s := range cl.sets {
				cl.tally.Counts[i] = [2]int{len(s[0]), len(s[1])}
			}
			for i, s := range cl.attnSets {
				cl.tally.Attention[i] = [2]int{len(s[0]), len(s[1])}
			}
		}
		if tallies[k.bucket] == nil {
			tallies[k.bucket] = map[string]*index.Tally{}
		}
		tallies[k.bucket][k.split] = cl.tally
	}
	return tallies
}

// aggName names the filter aggregation of actor i and frame j.
func aggName(i, j int) string { return "a" + strconv.Itoa(i) + "_" + strconv.Itoa(j) }

// attnName names the filter aggregation of the articles mentioning (j 0)
// or framing (j 1) actor i.
func attnName(i, j int) string { return "m" + strconv.Itoa(i) + "_" + strconv.Itoa(j) }

// luceneQuote escapes every character of s that is not a letter or digit
// for a Lucene regular expression.
func luceneQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
