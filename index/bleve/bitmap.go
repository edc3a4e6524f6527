package bleve

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Document sets as bitmaps. Counting how many of the articles matching a
// query fall in each month, language, source or frame by visiting them
// costs about a microsecond per article: a second for a common word in a
// million articles. A Scorch snapshot keeps each posting list as a roaring
// bitmap of document numbers per segment, so the set of articles matching
// a query of terms, conjunctions, disjunctions and negations can be built
// with bitmap operations, and the number of them holding any other term
// is the size of an intersection: milliseconds whatever the number of
// matches. Publication date ranges are read from day and sort key terms
// (see dateRange); other parts of a query that bitmaps cannot answer
// (phrases, prefixes) are collected from their Bleve searcher.

// docSet is a set of live documents of one snapshot: a bitmap of document
// numbers per segment. Its bitmaps may be shared with the snapshot's
// posting lists and must never be changed in place.
type docSet []*roaring.Bitmap

// bitmaps builds document sets from one snapshot.
type bitmaps struct {
	ctx     context.Context
	r       bleveindex.IndexReader
	m       mapping.IndexMapping
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // global number of each segment's first document
	dicts   map[string][]segment.TermDictionary
	// found keeps the sets collected from searchers (see search), which
	// cost a walk of their matches, for queries that hold a part twice.
	found map[query.Query]docSet
}

// newBitmaps returns a set builder over r, a Scorch snapshot (Open refuses
// other indexes).
func newBitmaps(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping) (*bitmaps, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("index: reader %T is not a scorch snapshot", r)
	}
	b := &bitmaps{ctx: ctx, r: r, m: m, segs: snap.Segments(), dicts: map[string][]segment.TermDictionary{}}
	// Global document numbers run through the segments in order, each
	// segment counting its deleted documents too (as Scorch numbers them).
	off := uint64(0)
	for _, s := range b.segs {
		b.offsets = append(b.offsets, off)
		off += uint64(s.FullSize())
	}
	return b, nil
}

// isScorch reports whether i is a Scorch index, whose readers are the
// snapshots bitmaps read.
func isScorch(i bleveindex.Index) bool {
	_, ok := i.(*scorch.Scorch)
	return ok
}

// all returns the live documents.
func (b *bitmaps) all() docSet {
	out := make(docSet, len(b.segs))
	for i, s := range b.segs {
		bm := roaring.New()
		bm.AddRange(0, uint64(s.FullSize()))
		if d := s.Deleted(); d != nil {
			bm.AndNot(d)
		}
		out[i] = bm
	}
	return out
}

// dict returns the term dictionaries of field, one per segment.
func (b *bitmaps) dict(field string) ([]segment.TermDictionary, error) {
	if d, ok := b.dicts[field]; ok {
		return d, nil
	}
	d := make([]segment.TermDictionary, len(b.segs))
	for i, s := range b.segs {
		var err error
		if d[i], err = s.Segment().Dictionary(field); err != nil {
			return nil, fmt.Errorf("index: dictionary of %s: %w", field, err)
		}
	}
	b.dicts[field] = d
	return d, nil
}

// postings returns the documents holding term in field. With live false
// the sets may include deleted documents, which is cheaper and right
// wherever the set is only intersected with live documents.
func (b *bitmaps) postings(field, term string, live bool) (docSet, error) {
	field, term = physical(field, term)
	dicts, err := b.dict(field)
	if err != nil {
		return nil, err
	}
	out := make(docSet, len(b.segs))
	for i, d := range dicts {
		var except *roaring.Bitmap
		if live {
			except = b.segs[i].Deleted()
		}
		// No preallocated list: a reused one would overwrite the
		// bitmap returned for the previous term.
		pl, err := d.PostingsList([]byte(term), except, nil)
		if err != nil {
			return nil, fmt.Errorf("index: postings of %s %q: %w", field, term, err)
		}
		if pl == nil {
			continue
		}
		if out[i], err = postingsBitmap(pl); err != nil {
			return nil, fmt.Errorf("index: postings of %s %q: %w", field, term, err)
		}
	}
	return out, nil
}

// postingsBitmap returns the documents of a posting list.
func postingsBitmap(pl segment.PostingsList) (*roaring.Bitmap, error) {
	it := pl.Iterator(false, false, false, nil)
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if n, ok := o.DocNum1Hit(); ok {
			return roaring.BitmapOf(uint32(n)), nil
		}
		if bm := o.ActualBitmap(); bm != nil {
			return bm, nil
		}
		return nil, nil // an empty list, or one whose only document is deleted
	}
	bm := roaring.New()
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return bm, nil
		}
		bm.Add(uint32(p.Number()))
	}
}

// termPostings calls f with each term of d from start (inclusive) to end
// (exclusive; nil for both means every term) and the documents holding
// it, less those in except; terms no document holds are skipped.
func termPostings(d segment.TermDictionary, start, end []byte, except *roaring.Bitmap, f func(term string, docs *roaring.Bitmap) error) error {
	it := d.AutomatonIterator(nil, start, end)
	for {
		e, err := it.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		pl, err := d.PostingsList([]byte(e.Term), except, nil)
		if err != nil {
			return fmt.Errorf("postings of %q: %w", e.Term, err)
		}
		if pl == nil {
			continue
		}
		docs, err := postingsBitmap(pl)
		if err != nil {
			return err
		}
		if docs != nil {
			if err := f(e.Term, docs); err != nil {
				return err
			}
		}
	}
}

// eval returns the live documents matching q.
func (b *bitmaps) eval(q query.Query) (docSet, error) {
	if err := b.ctx.Err(); err != nil {
		return nil, err
	}
	switch q := q.(type) {
	case *query.MatchAllQuery:
		return b.all(), nil
	case *query.MatchNoneQuery:
		return make(docSet, len(b.segs)), nil
	case *query.TermQuery:
		return b.postings(q.Field(), q.Term, true)
	case *query.ConjunctionQuery:
		if len(q.Conjuncts) == 0 {
			return make(docSet, len(b.segs)), nil
		}
		var out docSet
		for i, c := range q.Conjuncts {
			s, err := b.eval(c)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				out = s
			} else {
				out = out.and(s)
			}
		}
		return out, nil
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			break
		}
		sets := make([]docSet, 0, len(q.Disjuncts))
		for _, d := range q.Disjuncts {
			s, err := b.eval(d)
			if err != nil {
				return nil, err
			}
			sets = append(sets, s)
		}
		return union(len(b.segs), sets), nil
	case *query.DateRangeQuery:
		return b.dateRange(q)
	case *query.BooleanQuery:
		if q.Should != nil || q.Filter != nil {
			break
		}
		out := b.all()
		if q.Must != nil {
			s, err := b.eval(q.Must)
			if err != nil {
				return nil, err
			}
			out = s
		}
		if q.MustNot != nil {
			s, err := b.eval(q.MustNot)
			if err != nil {
				return nil, err
			}
			out = out.andNot(s)
		}
		return out, nil
	}
	return b.search(q)
}

// dateRange returns the documents of a publication date range made by
// Filters (start inclusive, end exclusive), the only date range query
// this package makes. The index has no numeric field of publication
// times (its prefix terms, most of them unique to one article, cost a
// third of the CPU of indexing): the articles of the UTC days that lie
// inside the range come from the days' dv terms (see dvTerms), and those
// of the part of a day at each end, or of a range too short to hold a
// whole UTC day, from the sort keys (see published). A range of dates
// (midnight UTC to midnight UTC) has no such ends.
func (b *bitmaps) dateRange(q *query.DateRangeQuery) (docSet, error) {
	if q.FieldVal != fPublished || q.InclusiveStart == nil || !*q.InclusiveStart || q.InclusiveEnd == nil || *q.InclusiveEnd {
		return nil, fmt.Errorf("index: no field answers a date range on %q with other bounds than a filter's", q.FieldVal)
	}
	since, until := q.Start.Time, q.End.Time
	day := 24 * time.Hour
	// Whole UTC days: [first, last), as midnights.
	first, last := time.Time{}, time.Time{}
	if !since.IsZero() {
		first = since.UTC().Add(day - 1).Truncate(day)
	}
	if !until.IsZero() {
		last = until.UTC().Truncate(day)
	}
	if !first.IsZero() && !last.IsZero() && !first.Before(last) {
		return b.published(since, until) // no whole day
	}
	prefix := dvPrefix(dvUTCDay)
	lo, hi := prefix, dvPrefix(dvUTCDay+1)
	if !first.IsZero() {
		lo = prefix + first.Format("2006-01-02")
	}
	if !last.IsZero() {
		hi = prefix + last.Add(-day).Format("2006-01-02") // inclusive
	}
	d, err := b.r.FieldDictRange(fDV, []byte(lo), []byte(hi))
	if err != nil {
		return nil, fmt.Errorf("index: days: %w", err)
	}
	defer d.Close()
	var sets []docSet
	for {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("index: days: %w", err)
		}
		if e == nil {
			break
		}
		if len(e.Term) < 2 || e.Term[1] != dvUTCDay {
			continue
		}
		s, err := b.postings(fDV, e.Term, true)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	if !since.IsZero() && since.Before(first) {
		s, err := b.published(since, first)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	if !until.IsZero() && last.Before(until) {
		s, err := b.published(last, until)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return union(len(b.segs), sets), nil
}

// published returns the live documents published from lo (inclusive) to
// hi (exclusive), read from the sort key terms between them (see
// sortKeyLayout): one term per article, so for ranges of a day or two.
func (b *bitmaps) published(lo, hi time.Time) (docSet, error) {
	dicts, err := b.dict(fSortKey)
	if err != nil {
		return nil, err
	}
	start, end := []byte(lo.UTC().Format(sortKeyLayout)), []byte(hi.UTC().Format(sortKeyLayout))
	out := make(docSet, len(b.segs))
	for i, d := range dicts {
		bm := roaring.New()
		err := termPostings(d, start, end, b.segs[i].Deleted(), func(_ string, docs *roaring.Bitmap) error {
			bm.Or(docs)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("index: publication times: %w", err)
		}
		out[i] = bm
	}
	return out, nil
}

// search collects the documents matching q from its Bleve searcher.
func (b *bitmaps) search(q query.Query) (docSet, error) {
	// Only comparable queries can be map keys; Bleve's are pointers.
	keep := reflect.TypeOf(q).Comparable()
	if keep {
		if s, ok := b.found[q]; ok {
			return s, nil
		}
	}
	s, err := q.Searcher(b.ctx, b.r, b.m, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer s.Close()
	out := make(docSet, len(b.segs))
	for i := range out {
		out[i] = roaring.New()
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	seg := 0
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := b.ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		if dm == nil {
			if keep {
				if b.found == nil {
					b.found = map[query.Query]docSet{}
				}
				b.found[q] = out
			}
			return out, nil
		}
		num := dm.IndexInternalID.Value()
		sctx.DocumentMatchPool.Put(dm)
		// Hits come in document order, so the segment only moves forward.
		for seg+1 < len(b.offsets) && num >= b.offsets[seg+1] {
			seg++
		}
		out[seg].Add(uint32(num - b.offsets[seg]))
	}
}

// and returns the documents in both s and o.
func (s docSet) and(o docSet) docSet {
	out := make(docSet, len(s))
	for i := range s {
		if s[i] != nil && o[i] != nil {
			out[i] = roaring.And(s[i], o[i])
		}
	}
	return out
}

// andNot returns the documents of s not in o.
func (s docSet) andNot(o docSet) docSet {
	out := make(docSet, len(s))
	for i := range s {
		switch {
		case s[i] == nil:
		case o[i] == nil:
			out[i] = s[i]
		default:
			out[i] = roaring.AndNot(s[i], o[i])
		}
	}
	return out
}

// union returns the documents in any of sets, which have n segments.
func union(n int, sets []docSet) docSet {
	out := make(docSet, n)
	bms := make([]*roaring.Bitmap, 0, len(sets))
	for i := range out {
		bms = bms[:0]
		for _, s := range sets {
			if s[i] != nil {
				bms = append(bms, s[i])
			}
		}
		switch len(bms) {
		case 0:
		case 1:
			out[i] = bms[0]
		default:
			out[i] = roaring.FastOr(bms...)
		}
	}
	return out
}

// count returns the number of documents in s.
func (s docSet) count() int {
	n := uint64(0)
	for _, bm := range s {
		if bm != nil {
			n += bm.GetCardinality()
		}
	}
	return int(n)
}

// countIn returns the number of documents in both s and o.
func (s docSet) countIn(o docSet) int {
	n := uint64(0)
	for i := range s {
		if s[i] != nil && o[i] != nil {
			n += s[i].AndCardinality(o[i])
		}
	}
	return int(n)
}
