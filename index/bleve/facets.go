package bleve

import (
	"context"
	"fmt"

	blevesearch "github.com/blevesearch/bleve/v2"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Facets counts the articles matching q's text and filters per language,
// source country, source, actor and frame (q's limit, offset and order do
// not matter). The counts are sizes of intersections of bitmaps (see
// bitmap.go): milliseconds for any number of matching articles. Errors
// from the query wrap ErrBadQuery.
//
// With CacheSize, the answer may be shared.
func (b *Index) Facets(ctx context.Context, q index.Query) (*index.Facets, error) {
	q.Limit, q.Offset, q.ByDate = 0, 0, false // do not matter
	return cached(b.cache, "facets", q, func() (*index.Facets, error) {
		return guarded(func() (*index.Facets, error) { return b.facets(ctx, q) })
	})
}

func (b *Index) facets(ctx context.Context, q index.Query) (*index.Facets, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, err
	}
	defer b.mu.RUnlock()
	r, err := openReader(idx)
	if err != nil {
		return nil, fmt.Errorf("index: facets: %w", err)
	}
	defer r.Close()
	bm, err := newBitmaps(ctx, r, idx.Mapping())
	if err != nil {
		return nil, fmt.Errorf("index: facets: %w", err)
	}
	fc := &facetCounter{idx: idx, c: newCompiler(idx), bm: bm, q: q}
	if fc.hits, err = fc.matching(q.Filters); err != nil {
		return nil, err
	}
	out := &index.Facets{Total: fc.hits.count()}
	f := q.Filters
	frames := make([]corpus.Frame, 0, len(f.Frame))
	for _, fr := range f.Frame {
		v, err := fc.c.canonical(fFrameSet, string(fr))
		if err != nil {
			return nil, err
		}
		frames = append(frames, corpus.Frame(v))
	}
	for _, d := range []struct {
		field  string
		set    bool
		clear  func(*index.Filters)
		counts *map[string]int
	}{
		{fLang, len(f.Lang) > 0, func(f *index.Filters) { f.Lang = nil }, &out.Lang},
		{fCountry, len(f.Country) > 0, func(f *index.Filters) { f.Country = nil }, &out.Country},
		{fSource, len(f.Source) > 0, func(f *index.Filters) { f.Source = nil }, &out.Source},
		{fActors, len(f.Actor) > 0, func(f *index.Filters) { f.Actor = nil }, &out.Actor},
	} {
		if *d.counts, err = fc.dimension(d.field, d.set, d.clear, frames); err != nil {
			return nil, err
		}
	}
	if out.Frame, err = fc.frames(); err != nil {
		return nil, err
	}
	return out, nil
}

// facetCounter counts the facets of one query over one snapshot.
type facetCounter struct {
	idx  blevesearch.Index
	c    *compiler
	bm   *bitmaps
	q    index.Query
	hits docSet // the articles matching q and all of its filters
}

// matching returns the articles matching the query's text and filters f.
func (fc *facetCounter) matching(f index.Filters) (docSet, error) {
	bt, err := fc.c.build(fc.q.Text, f)
	if err != nil {
		return nil, err
	}
	s, err := fc.bm.eval(bt.q)
	if err != nil {
		return nil, fmt.Errorf("index: facets: %w", err)
	}
	return s, nil
}

// without returns the matching articles with one filter cleared, which
// are the hits when that filter is not set.
func (fc *facetCounter) without(set bool, clearFilter func(*index.Filters)) (docSet, error) {
	if !set {
		return fc.hits, nil
	}
	f := fc.q.Filters
	clearFilter(&f)
	return fc.matching(f)
}

// dimension counts the articles per value of a keyword field, as if its
// filter (set, cleared by clearFilter) were not set. With frames, an
// actor counts the articles framing it with one of them.
func (fc *facetCounter) dimension(field string, set bool, clearFilter func(*index.Filters), frames []corpus.Frame) (map[string]int, error) {
	base, err := fc.without(set, clearFilter)
	if err != nil {
		return nil, err
	}
	values, err := fieldTerms(fc.idx, field)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, v := range values {
		s, err := fc.bm.postings(field, v, false)
		if field == fActors && len(frames) > 0 {
			// With a frame filter, an actor filter keeps the
			// articles framing the actor so.
			s, err = framing(fc.bm, []string{v}, frames)
		}
		if err != nil {
			return nil, err
		}
		if n := base.countIn(s); n > 0 {
			counts[v] = n
		}
	}
	return counts, nil
}

// frames counts the articles per frame, as if the frame filter were not
// set; with an actor filter, the articles framing one of its actors so.
func (fc *facetCounter) frames() (map[string]int, error) {
	base, err := fc.without(len(fc.q.Frame) > 0, func(f *index.Filters) { f.Frame = nil })
	if err != nil {
		return nil, err
	}
	actors := make([]string, 0, len(fc.q.Actor))
	for _, a := range fc.q.Actor {
		a, err := fc.c.canonical(fActors, a)
		if err != nil {
			return nil, err
		}
		actors = append(actors, a)
	}
	counts := map[string]int{}
	for _, fr := range corpus.Frames {
		s, err := fc.bm.postings(fFrameSet, string(fr), false)
		if len(actors) > 0 {
			s, err = framing(fc.bm, actors, []corpus.Frame{fr})
		}
		if err != nil {
			return nil, err
		}
		if n := base.countIn(s); n > 0 {
			counts[string(fr)] = n
		}
	}
	return counts, nil
}

// framing returns the articles framing one of actors with one of frames
// (possibly with deleted documents).
func framing(bm *bitmaps, actors []string, frames []corpus.Frame) (docSet, error) {
	sets := make([]docSet, 0, len(actors)*len(frames))
	for _, a := range actors {
		for _, fr := range frames {
			p, err := bm.postings(fPairs, a+":"+string(fr), false)
			if err != nil {
				return nil, err
			}
			sets = append(sets, p)
		}
	}
	return union(len(bm.segs), sets), nil
}
