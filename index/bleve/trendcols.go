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
	pairs, err := t.weightedPairs(idx, bm)
	if err != nil {
		return err
	}
	attn, err := t.attentionSets(bm)
	if err != nil {
		return err
	}
	buckets := dayBuckets{by: t.res.By}
	for i, c := range cols {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		if hits[i] == nil || hits[i].IsEmpty() {
			continue
		}
		sc := t.segmentCells(c, &buckets)
		eachDoc(hits[i], func(doc uint32) {
			if cl := sc.of(doc); cl != nil {
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
						if cl := sc.of(doc); cl != nil {
							cl.counts[ai][fi] += w.n
						}
					})
				}
			}
		}
		for ai := range attn {
			for j, set := range attn[ai] {
				if set[i] == nil {
					continue
				}
				eachDoc(roaring.And(hits[i], set[i]), func(doc uint32) {
					if cl := sc.of(doc); cl != nil {
						cl.attn[ai][j]++
					}
				})
			}
		}
		if sc.err != nil {
			return sc.err
		}
	}
	return nil
}

// attentionSets returns per actor the documents mentioning it and those
// framing it with any frame.
func (t *trend) attentionSets(bm *bitmaps) ([][2]docSet, error) {
	out := make([][2]docSet, len(t.res.Actors))
	for ai, a := range t.res.Actors {
		m, err := bm.postings(fActors, a, false)
		if err != nil {
			return nil, err
		}
		var fs []docSet
		for _, f := range corpus.Frames {
			s, err := bm.postings(fPairs, a+":"+string(f), false)
			if err != nil {
				return nil, err
			}
			fs = append(fs, s)
		}
		out[ai] = [2]docSet{m, union(len(bm.segs), fs)}
	}
	return out, nil
}

// weighted is a set of documents each carrying n attributions of an actor
// and frame.
type weighted struct {
	docs docSet
	n    int
}

// weightedPairs returns the attributions to count: per actor and frame
// (leader, catching-up), the documents with at least one and, for the
// attribution unit, the dv terms giving how many (see dvTerms).
func (t *trend) weightedPairs(idx blevesearch.Index, bm *bitmaps) ([][2][]weighted, error) {
	pairs := make([][2][]weighted, len(t.res.Actors))
	for ai, a := range t.res.Actors {
		for fi, f := range []corpus.Frame{corpus.Leader, corpus.CatchingUp} {
			p := a + ":" + string(f)
			if t.res.Unit != index.UnitAttribution {
				s, err := bm.postings(fPairs, p, false)
				if err != nil {
					return nil, err
				}
				pairs[ai][fi] = []weighted{{s, 1}}
				continue
			}
			terms, err := termsWithPrefix(idx, fDV, p+"=")
			if err != nil {
				return nil, err
			}
			for _, term := range terms {
				n, err := strconv.Atoi(strings.TrimPrefix(term, p+"="))
				if err != nil {
					return nil, fmt.Errorf("index: trend: bad count term %q", term)
				}
				s, err := bm.postings(fDV, term, false)
				if err != nil {
					return nil, err
				}
				pairs[ai][fi] = append(pairs[ai][fi], weighted{s, n})
			}
		}
	}
	return pairs, nil
}

// segCells finds the cells of one segment's documents from its columns,
// filled as met: cells[day][split value].
type segCells struct {
	t       *trend
	c       *segColumns
	buckets *dayBuckets
	split   []uint16
	values  []string
	cells   [][]*cell
	err     error // the first error met
}

func (t *trend) segmentCells(c *segColumns, buckets *dayBuckets) *segCells {
	split, values := c.column(t.res.Split)
	return &segCells{t: t, c: c, buckets: buckets, split: split, values: values, cells: make([][]*cell, len(c.days)+1)}
}

// of returns the cell of a document, nil when it has no publication date
// (it is not on the time line) or its bucket cannot be told (see err).
func (sc *segCells) of(doc uint32) *cell {
	d := sc.c.day[doc]
	if d == 0 {
		return nil
	}
	s := uint16(0)
	if sc.split != nil {
		s = sc.split[doc]
	}
	if sc.cells[d] == nil {
		sc.cells[d] = make([]*cell, len(sc.values)+1)
	}
	if cl := sc.cells[d][s]; cl != nil {
		return cl
	}
	bucket, err := sc.buckets.key([]byte(sc.c.days[d-1]))
	if err != nil {
		sc.err = err
		return nil
	}
	label := index.AllSplit
	if sc.split != nil {
		if s == 0 {
			label = "" // no value: the visit files it under ""
		} else {
			label = sc.values[s-1]
		}
	}
	cl := sc.t.cell(bucket, []byte(label))
	sc.cells[d][s] = cl
	return cl
}

// termsWithPrefix returns the terms of field that start with prefix and
// occur in a document, sorted.
func termsWithPrefix(idx blevesearch.Index, field, prefix string) ([]string, error) {
	return dictTerms(idx.FieldDictPrefix(field, []byte(prefix)))
}
