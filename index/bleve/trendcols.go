package bleve

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// fromColumns fills the cells from the bitmap of the articles matching bq
// and the segments' columns (see columns.go): each matching article is
// looked up in the day and split columns once, and once more per pair
// of actor and frame it carries (found by intersecting with the pair's
// posting list).
func (t *trend) fromColumns(ctx context.Context, idx blevesearch.Index, bq query.Query) error {
	res := t.res
	bm, err := newBitmaps(ctx, t.r, t.m)
	if err != nil {
		return err
	}
	hits, err := bm.eval(bq)
	if err != nil {
		return fmt.Errorf("index: trend: %w", err)
	}
	cols, err := t.columns.columns(bm)
	if err != nil {
		return err
	}
	// The attributions to count: per actor and frame, the documents with
	// at least one and, for the attribution unit, the dv terms giving how
	// many (see dvTerms).
	type weighted struct {
		docs docSet
		n    int
	}
	pairs := make([][2][]weighted, len(res.Actors))
	for ai, a := range res.Actors {
		for fi, f := range []corpus.Frame{corpus.Leader, corpus.CatchingUp} {
			p := a + ":" + string(f)
			if res.Unit != index.UnitAttribution {
				s, err := bm.postings(fPairs, p, false)
				if err != nil {
					return err
				}
				pairs[ai][fi] = []weighted{{s, 1}}
				continue
			}
			terms, err := termsWithPrefix(idx, fDV, p+"=")
			if err != nil {
				return err
			}
			for _, term := range terms {
				n, err := strconv.Atoi(strings.TrimPrefix(term, p+"="))
				if err != nil {
					return fmt.Errorf("index: trend: bad count term %q", term)
				}
				s, err := bm.postings(fDV, term, false)
				if err != nil {
					return err
				}
				pairs[ai][fi] = append(pairs[ai][fi], weighted{s, n})
			}
		}
	}
	buckets := dayBuckets{by: res.By}
	for i, c := range cols {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		if hits[i] == nil || hits[i].IsEmpty() {
			continue
		}
		split, values := c.column(res.Split)
		// cells[day][split value] of this segment, filled as met.
		cells := make([][]*cell, len(c.days)+1)
		var cellErr error
		cellOf := func(doc uint32) *cell {
			d := c.day[doc]
			if d == 0 {
				return nil // no publication date: not on the time line
			}
			s := uint16(0)
			if split != nil {
				s = split[doc]
			}
			if cells[d] == nil {
				cells[d] = make([]*cell, len(values)+1)
			}
			if cl := cells[d][s]; cl != nil {
				return cl
			}
			bucket, err := buckets.key([]byte(c.days[d-1]))
			if err != nil {
				cellErr = err
				return nil
			}
			label := index.AllSplit
			if split != nil {
				if s == 0 {
					label = "" // no value: the visit files it under ""
				} else {
					label = values[s-1]
				}
			}
			cl := t.cell(bucket, []byte(label))
			cells[d][s] = cl
			return cl
		}
		eachDoc(hits[i], func(doc uint32) {
			if cl := cellOf(doc); cl != nil {
				cl.articles++
			}
		})
		for ai := range pairs {
			for fi := range pairs[ai] {
				for _, w := range pairs[ai][fi] {
					if w.docs[i] == nil {
						continue
					}
					eachDoc(roaring.And(hits[i], w.docs[i]), func(doc uint32) {
						if cl := cellOf(doc); cl != nil {
							cl.counts[ai][fi] += w.n
						}
					})
				}
			}
		}
		if cellErr != nil {
			return cellErr
		}
	}
	return nil
}

// termsWithPrefix returns the terms of field that start with prefix and
// occur in a document, sorted.
func termsWithPrefix(idx blevesearch.Index, field, prefix string) ([]string, error) {
	return dictTerms(idx.FieldDictPrefix(field, []byte(prefix)))
}
