package bleve

import (
	"context"
	"fmt"
	"reflect"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// bitmapFilter is a query for the documents of inner, found with bitmaps
// (see bitmap.go) when Bleve asks for its searcher, so from the snapshot
// the search reads. Its matches score 0: as a conjunct it filters without
// changing the relevance of the others. Bleve would otherwise walk every
// posting list of the filter in step with the text query, which for a
// date range means hundreds of numeric terms.
type bitmapFilter struct {
	inner query.Query
}

// Searcher returns a searcher over the bitmap of inner's documents.
func (f bitmapFilter) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	bm, err := newBitmaps(ctx, r, m)
	if err != nil {
		return nil, err
	}
	set, err := bm.eval(f.inner)
	if err != nil {
		return nil, err
	}
	global, err := bm.global(set)
	if err != nil {
		return nil, err
	}
	return &bitmapSearcher{bm: global, it: global.Iterator(), scorer: scorer.NewConstantScorer(0, 0, opts)}, nil
}

// global returns the documents of s numbered as in the whole snapshot
// (the segment's offset plus the number in the segment), which is how
// Bleve's internal IDs number them.
func (b *bitmaps) global(s docSet) (*roaring.Bitmap, error) {
	if n := len(b.offsets); n > 0 && b.offsets[n-1]+uint64(b.segs[n-1].FullSize()) > 1<<32 {
		return nil, fmt.Errorf("index: %d documents are too many for 32-bit bitmaps", b.offsets[n-1]+uint64(b.segs[n-1].FullSize()))
	}
	parts := make([]*roaring.Bitmap, 0, len(s))
	for i, bm := range s {
		if bm == nil || bm.IsEmpty() {
			continue
		}
		if b.offsets[i] == 0 {
			parts = append(parts, bm)
		} else {
			parts = append(parts, roaring.AddOffset64(bm, int64(b.offsets[i])))
		}
	}
	switch len(parts) {
	case 0:
		return roaring.New(), nil
	case 1:
		return parts[0], nil
	}
	return roaring.FastOr(parts...), nil
}

// bitmapSearcher is a Bleve searcher over a bitmap of internal document
// numbers.
type bitmapSearcher struct {
	bm     *roaring.Bitmap
	it     roaring.IntPeekable
	scorer *scorer.ConstantScorer
	id     bleveindex.IndexInternalID
}

var bitmapSearcherSize = int(reflect.TypeOf(bitmapSearcher{}).Size())

func (s *bitmapSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.it.HasNext() {
		return nil, nil
	}
	s.id = bleveindex.NewIndexInternalID(s.id, uint64(s.it.Next()))
	return s.scorer.Score(ctx, s.id), nil
}

func (s *bitmapSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.it.AdvanceIfNeeded(uint32(id.Value()))
	return s.Next(ctx)
}

func (s *bitmapSearcher) Close() error               { return nil }
func (s *bitmapSearcher) Weight() float64            { return s.scorer.Weight() }
func (s *bitmapSearcher) SetQueryNorm(n float64)     { s.scorer.SetQueryNorm(n) }
func (s *bitmapSearcher) Count() uint64              { return s.bm.GetCardinality() }
func (s *bitmapSearcher) Min() int                   { return 0 }
func (s *bitmapSearcher) Size() int                  { return bitmapSearcherSize + int(s.bm.GetSizeInBytes()) }
func (s *bitmapSearcher) DocumentMatchPoolSize() int { return 1 }
