package opensearch

import (
	"context"
	"fmt"
	"strings"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Facets counts the articles matching qu's text and filters per language,
// source country, source, actor and frame, each dimension as if its own
// filter were not set, in one search request of filter aggregations.
// Errors from the query wrap index.ErrBadQuery.
func (x *Index) Facets(ctx context.Context, qu index.Query) (*index.Facets, error) {
	c := x.compiler(ctx)
	bt, err := c.build(qu.Text, index.Filters{})
	if err != nil {
		return nil, err
	}
	aggs, err := x.facetAggs(ctx, c, qu.Filters)
	if err != nil {
		return nil, err
	}
	body := q{"size": 0, "query": bt.text, "aggs": aggs}
	var res searchResponse
	if err := x.search(ctx, body, &res); err != nil {
		return nil, fmt.Errorf("opensearch: facets %q: %w", qu.Text, err)
	}
	return facetCounts(res), nil
}

// facetAggs returns the aggregations of Facets for the filters f: the
// total under all of f, and per dimension a filter aggregation under f
// without that dimension's own filter, with the counts per value inside.
func (x *Index) facetAggs(ctx context.Context, c *compiler, f index.Filters) (q, error) {
	all, err := c.filters(f)
	if err != nil {
		return nil, err
	}
	without := func(clear func(*index.Filters)) (q, error) {
		g := f
		clear(&g)
		fs, err := c.filters(g)
		if err != nil {
			return nil, err
		}
		return q{"bool": q{"filter": fs}}, nil
	}
	aggs := q{"total": q{"filter": q{"bool": q{"filter": all}}}}
	for _, d := range []struct {
		name, field string
		clear       func(*index.Filters)
	}{
		{"lang", fLang, func(g *index.Filters) { g.Lang = nil }},
		{"country", fCountry, func(g *index.Filters) { g.Country = nil }},
		{"source", fSource, func(g *index.Filters) { g.Source = nil }},
	} {
		base, err := without(d.clear)
		if err != nil {
			return nil, err
		}
		aggs[d.name] = q{"filter": base, "aggs": q{"v": q{"terms": q{"field": d.field, "size": maxTerms}}}}
	}
	base, err := without(func(g *index.Filters) { g.Actor = nil })
	if err != nil {
		return nil, err
	}
	actor, err := x.actorFacet(ctx, c, base, f.Frame)
	if err != nil {
		return nil, err
	}
	aggs["actor"] = actor
	base, err = without(func(g *index.Filters) { g.Frame = nil })
	if err != nil {
		return nil, err
	}
	frame, err := frameFacet(c, base, f.Actor)
	if err != nil {
		return nil, err
	}
	aggs["frame"] = frame
	return aggs, nil
}

// actorFacet returns the actor dimension's aggregation under base: the
// articles mentioning each actor or, with a frame filter, the articles
// framing each actor with one of frames.
func (x *Index) actorFacet(ctx context.Context, c *compiler, base q, filter []corpus.Frame) (q, error) {
	frames := make([]string, 0, len(filter))
	for _, fr := range filter {
		frames = append(frames, string(fr))
	}
	if len(frames) == 0 {
		return q{"filter": base, "aggs": q{"v": q{"terms": q{"field": fActors, "size": maxTerms}}}}, nil
	}
	actors, err := x.fieldTerms(ctx, fActors, nil)
	if err != nil {
		return nil, err
	}
	byActor := q{}
	for a := range actors {
		pairs, err := c.pairs([]string{a}, frames)
		if err != nil {
			return nil, err
		}
		byActor[a] = q{"terms": q{fPairs: pairs}}
	}
	return q{"filter": base, "aggs": q{"v": q{"filters": q{"filters": byActor}}}}, nil
}

// frameFacet returns the frame dimension's aggregation under base: the
// articles with each frame or, with an actor filter, the articles
// framing one of actors with each frame.
func frameFacet(c *compiler, base q, actors []string) (q, error) {
	if len(actors) == 0 {
		return q{"filter": base, "aggs": q{"v": q{"terms": q{"field": fFrameSet, "size": 16}}}}, nil
	}
	byFrame := q{}
	for _, fr := range corpus.Frames {
		pairs, err := c.pairs(actors, []string{string(fr)})
		if err != nil {
			return nil, err
		}
		byFrame[string(fr)] = q{"terms": q{fPairs: pairs}}
	}
	return q{"filter": base, "aggs": q{"v": q{"filters": q{"filters": byFrame}}}}, nil
}

// facetCounts reads the counts per dimension and value from the answer
// to the aggregations of facetAggs, leaving out empty values and frames
// that are not the codebook's.
func facetCounts(res searchResponse) *index.Facets {
	out := &index.Facets{}
	if t := res.Aggs["total"]; len(t.Buckets) == 1 {
		out.Total = t.Buckets[0].DocCount
	}
	for name, dst := range map[string]*map[string]int{"lang": &out.Lang, "country": &out.Country, "source": &out.Source, "actor": &out.Actor, "frame": &out.Frame} {
		*dst = map[string]int{}
		outer := res.Aggs[name]
		if len(outer.Buckets) != 1 {
			continue
		}
		v := outer.Buckets[0].Sub["v"]
		for _, b := range v.Buckets {
			if b.DocCount > 0 {
				(*dst)[b.Key] = b.DocCount
			}
		}
		for k, b := range v.Keyed {
			if b.DocCount > 0 {
				(*dst)[k] = b.DocCount
			}
		}
	}
	// Frames beyond the four known are not the codebook's.
	for k := range out.Frame {
		if !corpus.Frame(strings.ToLower(k)).Valid() {
			delete(out.Frame, k)
		}
	}
	return out
}
