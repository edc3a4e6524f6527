package bleve

import (
	"context"
	"fmt"

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
	return cached(b.cache, "facets", q, func() (*index.Facets, error) { return b.facets(ctx, q) })
}

func (b *Index) facets(ctx context.Context, q index.Query) (*index.Facets, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, err
	}
	defer b.mu.RUnlock()
	c := newCompiler(idx)
	r, err := openReader(idx)
	if err != nil {
		return nil, fmt.Errorf("index: facets: %w", err)
	}
	defer r.Close()
	bm, err := newBitmaps(ctx, r, idx.Mapping())
	if err != nil {
		return nil, fmt.Errorf("index: facets: %w", err)
	}
	matching := func(f index.Filters) (docSet, error) {
		bt, err := c.build(q.Text, f)
		if err != nil {
			return nil, err
		}
		s, err := bm.eval(bt.q)
		if err != nil {
			return nil, fmt.Errorf("index: facets: %w", err)
		}
		return s, nil
	}
	hits, err := matching(q.Filters)
	if err != nil {
		return nil, err
	}
	out := &index.Facets{Total: hits.count()}
	// without returns the matching articles with one filter cleared,
	// which are the hits when that filter is not set.
	without := func(set bool, clearFilter func(*index.Filters)) (docSet, error) {
		if !set {
			return hits, nil
		}
		f := q.Filters
		clearFilter(&f)
		return matching(f)
	}
	f := q.Filters
	frames := make([]corpus.Frame, 0, len(f.Frame))
	for _, fr := range f.Frame {
		v, err := c.canonical(fFrameSet, string(fr))
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
		base, err := without(d.set, d.clear)
		if err != nil {
			return nil, err
		}
		values, err := fieldTerms(idx, d.field)
		if err != nil {
			return nil, err
		}
		*d.counts = map[string]int{}
		for _, v := range values {
			s, err := bm.postings(d.field, v, false)
			if d.field == fActors && len(frames) > 0 {
				// With a frame filter, an actor filter keeps the
				// articles framing the actor so.
				s, err = framing(bm, []string{v}, frames)
			}
			if err != nil {
				return nil, err
			}
			if n := base.countIn(s); n > 0 {
				(*d.counts)[v] = n
			}
		}
	}
	base, err := without(len(f.Frame) > 0, func(f *index.Filters) { f.Frame = nil })
	if err != nil {
		return nil, err
	}
	actors := make([]string, 0, len(f.Actor))
	for _, a := range f.Actor {
		a, err := c.canonical(fActors, a)
		if err != nil {
			return nil, err
		}
		actors = append(actors, a)
	}
	out.Frame = map[string]int{}
	for _, fr := range corpus.Frames {
		s, err := bm.postings(fFrameSet, string(fr), false)
		if len(actors) > 0 {
			s, err = framing(bm, actors, []corpus.Frame{fr})
		}
		if err != nil {
			return nil, err
		}
		if n := base.countIn(s); n > 0 {
			out.Frame[string(fr)] = n
		}
	}
	return out, nil
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
