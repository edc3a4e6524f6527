package bleve

import (
	"fmt"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/framescope/framescope/index"
)

// Columns. A trend of the articles matching a query needs each article's
// day and language, country or source. Scorch segments never change once
// written, so framescope reads those values once per segment from the
// posting lists of their terms into arrays indexed by document number,
// and a trend then walks the bitmap of matching articles (see bitmap.go)
// looking each up: a few nanoseconds per article instead of a doc-value
// visit of about a microsecond.

// segColumns holds single-valued terms of the documents of one segment:
// per column, 1 + the index of the document's value in the column's
// values, or 0 when it has none.
type segColumns struct {
	day, lang, country, source      []uint16
	days, langs, countries, sources []string
}

// column returns the split column and its values.
func (c *segColumns) column(s index.Split) ([]uint16, []string) {
	switch s {
	case index.SplitLang:
		return c.lang, c.langs
	case index.SplitCountry:
		return c.country, c.countries
	case index.SplitSource:
		return c.source, c.sources
	}
	return nil, nil
}

// columnCache keeps the columns of the segments seen lately, keyed by
// segment (which outlives the snapshots that list it).
type columnCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segColumns
}

// columns returns the columns of the segments of bm, building those not
// built yet, and forgets segments no longer in bm's snapshot once the cache
// holds twice as many as the snapshot.
func (cc *columnCache) columns(bm *bitmaps) ([]*segColumns, error) {
	out := make([]*segColumns, len(bm.segs))
	for i, s := range bm.segs {
		seg := s.Segment()
		cc.mu.Lock()
		c, ok := cc.segs[seg]
		cc.mu.Unlock()
		if !ok {
			var err error
			if c, err = buildColumns(seg, int(s.FullSize())); err != nil {
				return nil, err
			}
			cc.mu.Lock()
			if cc.segs == nil {
				cc.segs = map[segment.Segment]*segColumns{}
			}
			cc.segs[seg] = c
			cc.mu.Unlock()
		}
		out[i] = c
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.segs) > 2*len(bm.segs) {
		live := map[segment.Segment]bool{}
		for _, s := range bm.segs {
			live[s.Segment()] = true
		}
		for seg := range cc.segs {
			if !live[seg] {
				delete(cc.segs, seg)
			}
		}
	}
	return out, nil
}

// buildColumns reads the columns of a segment of n documents.
func buildColumns(seg segment.Segment, n int) (*segColumns, error) {
	c := &segColumns{}
	var err error
	for _, k := range []struct {
		letter rune
		col    *[]uint16
		values *[]string
	}{
		{dvDay, &c.day, &c.days},
		{dvLang, &c.lang, &c.langs},
		{dvCountry, &c.country, &c.countries},
		{dvSource, &c.source, &c.sources},
	} {
		p := dvPrefix(k.letter)
		if *k.col, *k.values, err = readColumn(seg, n, fDV, p, dvPrefix(k.letter+1)); err != nil {
			return nil, err
		}
		for i, v := range *k.values {
			(*k.values)[i] = v[len(p):]
		}
	}
	return c, nil
}

// readColumn returns the column of the terms of field from start
// (inclusive) to end (exclusive; "" for both means all terms) in a segment
// of n documents, and the terms.
func readColumn(seg segment.Segment, n int, field, start, end string) ([]uint16, []string, error) {
	d, err := seg.Dictionary(field)
	if err != nil {
		return nil, nil, fmt.Errorf("index: dictionary of %s: %w", field, err)
	}
	var lo, hi []byte
	if start != "" || end != "" {
		lo, hi = []byte(start), []byte(end)
	}
	col := make([]uint16, n)
	var values []string
	err = termPostings(d, lo, hi, nil, func(term string, docs *roaring.Bitmap) error {
		if len(values) == 1<<16-1 {
			return fmt.Errorf("more than %d values in a segment", 1<<16-1)
		}
		values = append(values, term)
		v := uint16(len(values))
		for it := docs.Iterator(); it.HasNext(); {
			if doc := it.Next(); int(doc) < n {
				col[doc] = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("index: terms of %s: %w", field, err)
	}
	return col, values, nil
}

// eachDoc calls f with every document number of bm.
func eachDoc(bm *roaring.Bitmap, f func(doc uint32)) {
	if bm == nil {
		return
	}
	buf := make([]uint32, 1024)
	it := bm.ManyIterator()
	for {
		n := it.NextMany(buf)
		if n == 0 {
			return
		}
		for _, d := range buf[:n] {
			f(d)
		}
	}
}

// reset forgets every segment's columns.
func (cc *columnCache) reset() {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.segs = nil
}
