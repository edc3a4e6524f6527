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
	seen := map[string]bool{}
	for _, a := range qu.Actors {
		t, err := c.canonical(fActors, a)
		if err != nil {
			return nil, err
		}
		if !seen[t] {
			seen[t] = true
			res.Actors = append(res.Actors, t)
		}
	}
	bt, err := c.build(qu.Text, qu.Filters)
	if err != nil {
		return nil, err
	}
	sources := []q{{"day": q{"terms": q{"field": fDay}}}}
	if f, ok := splitFields[res.Split]; ok {
		sources = append(sources, q{"split": q{"terms": q{"field": f}}})
	}
	story := res.Unit == index.UnitStory
	if story {
		sources = append(sources, q{"story": q{"terms": q{"field": fStory}}})
	}
	frames := []string{"leader", "catching-up"}
	sub := q{}
	for i, a := range res.Actors {
		for j, fr := range frames {
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
	type cellKey struct{ bucket, split string }
	type cell struct {
		tally    *index.Tally
		stories  map[string]bool
		sets     [][2]map[string]bool // per actor and frame: stories (UnitStory)
		attnSets [][2]map[string]bool // per actor: mentioning, framing stories (UnitStory)
	}
	cells := map[cellKey]*cell{}
	var after map[string]any
	for {
		comp := q{"size": compositePage, "sources": sources}
		if after != nil {
			comp["after"] = after
		}
		body := q{"size": 0, "query": bt.query(), "aggs": q{"c": q{"composite": comp, "aggs": sub}}}
		var sr searchResponse
		if err := x.search(ctx, body, &sr); err != nil {
			return nil, fmt.Errorf("opensearch: trend %q: %w", qu.Text, err)
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
			k := cellKey{res.By.Key(day), split}
			cl := cells[k]
			if cl == nil {
				cl = &cell{
					tally:    &index.Tally{Counts: make([][2]int, len(res.Actors)), Attention: make([][2]int, len(res.Actors))},
					stories:  map[string]bool{},
					sets:     make([][2]map[string]bool, len(res.Actors)),
					attnSets: make([][2]map[string]bool, len(res.Actors)),
				}
				for i := range cl.sets {
					cl.sets[i] = [2]map[string]bool{{}, {}}
					cl.attnSets[i] = [2]map[string]bool{{}, {}}
				}
				cells[k] = cl
			}
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
				for j := range frames {
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
		if len(agg.Buckets) < compositePage || agg.AfterKey == nil {
			break
		}
		after = agg.AfterKey
	}
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
	if err := res.Fill(tallies, qu.Since, qu.Until); err != nil {
		return nil, err
	}
	if res.Buckets == nil {
		res.Buckets = []index.Bucket{}
	}
	return res, nil
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
