package bleve

import (
	"context"
	"fmt"
	"math"
	"sort"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/framescope/framescope/index"
)

// Relevance pages by block bounds. Bleve finds the best hits of a query by
// scoring every hit through its searchers, some 100 ns each: 20 to 40 ms
// for a word in half of a million articles. Scorch segments keep no score
// bounds with which search engines skip the hits that cannot reach the
// page (block-max WAND), so framescope keeps its own, as those engines
// do: a segment's documents are cut into blocks of 1<<blockShift document
// numbers, and for each term of a query the posting list is read once into
// an impact list (see termImpacts): its documents, each one's
// sqrt(tf)×norm (the part of Bleve's tf-idf score that depends on the
// document) and the largest of them in each block. Impact lists are kept
// for later queries (see impactCache).
//
// A query's score is a sum over its terms of weight × sqrt(tf)×norm, times
// a coordination factor of at most 1 for each disjunction, so the bound of
// a block is the sum over the terms of weight × the term's block maximum,
// times the share of a disjunction's parts that occur in the block. An
// article fills either the Chinese or the other text fields (see bleveDoc),
// so the bound is taken for each of the two kinds alone, and the larger
// kept. The hits of the blocks with the highest bounds are scored first, a
// round at a time, until the page's last score beats the bounds of the
// blocks left.
//
// Scores are computed from the impact lists as Bleve's scorers compute
// them, in the same order of operations, so that the page is Bleve's:
// Bleve breaks ties by document order, and so does this. (A conjunction of
// three or more parts may sum them in another order, which can move a
// score by its last bit.)

// blockShift gives the number of document numbers in a block: 32. Smaller
// blocks bound scores more tightly and take more memory.
const blockShift = 5

// defaultTopMin is the number of hits from which block bounds are used
// (Index.topMin); fewer are all scored.
const defaultTopMin = 3000

// topFirst is the number of hits the first round should hold at least,
// besides those of the page: enough for the page's last score to come
// close to its final value.
const topFirst = 500

// tieBand is the relative difference within which a bound is taken to
// equal a score: bounds are rounded up to float32 and summed in another
// order than scores.
const tieBand = 1e-6

// scoredHit is a hit with its score and global document number.
type scoredHit struct {
	doc   uint64
	score float64
}

// before orders hits as Bleve does: by score, then by document number.
func (h scoredHit) before(o scoredHit) bool {
	if h.score != o.score {
		return h.score > o.score
	}
	return h.doc < o.doc
}

// topScored returns the page of q's hits (bt compiled from q) by
// relevance, found from block bounds; false when the query's score is not
// one they bound.
func (b *Index) topScored(ctx context.Context, idx blevesearch.Index, bt built, q index.Query) (*blevesearch.SearchResult, bool, error) {
	r, err := openReader(idx)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	bm, err := newBitmaps(ctx, r, idx.Mapping())
	if err != nil {
		return nil, false, err
	}
	docs, err := r.DocCount()
	if err != nil {
		return nil, false, err
	}
	t := &topScorer{ctx: ctx, r: r, bm: bm, cache: b.impacts, docs: docs}
	tree, ok, err := t.tree(bt.text)
	if err != nil || !ok {
		return nil, false, err
	}
	hits, err := bm.eval(bt.q)
	if err != nil {
		return nil, false, err
	}
	total := hits.count()
	k := q.Offset + q.Limit
	if total == 0 || q.Offset >= total {
		return &blevesearch.SearchResult{Total: uint64(total), Hits: search.DocumentMatchCollection{}}, true, nil
	}
	// The query norm, as Bleve computes it from the searcher's weight.
	text, err := bt.text.Searcher(ctx, r, idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, false, fmt.Errorf("index: %w", err)
	}
	weight := text.Weight()
	if err := text.Close(); err != nil {
		return nil, false, err
	}
	if !(weight > 0) {
		return nil, false, nil
	}
	t.weigh(1.0 / math.Sqrt(weight))
	if err := t.sets(tree); err != nil {
		return nil, false, err
	}

	top := &topList{k: k}
	if total < b.topMin || k >= total/4 {
		// Few hits, or a deep page: score them all.
		err = t.scoreAll(tree, hits, top)
	} else {
		err = t.byBlocks(tree, hits, top)
	}
	if err != nil {
		return nil, false, err
	}
	page := top.hits[min(q.Offset, len(top.hits)):]
	ids := make([]string, len(page))
	scores := make([]float64, len(page))
	for i, h := range page {
		id, err := r.ExternalID(bleveindex.NewIndexInternalID(nil, h.doc))
		if err != nil {
			return nil, false, fmt.Errorf("index: document %d: %w", h.doc, err)
		}
		ids[i], scores[i] = id, h.score
	}
	res, ok, err := withFields(ctx, idx, ids, scores)
	if err != nil || !ok {
		return nil, false, err
	}
	res.Total = uint64(total)
	return res, true, nil
}

// byBlocks adds to top the best of the hits, scoring the hits of the
// blocks with the highest bounds first.
func (t *topScorer) byBlocks(tree *boundNode, hits docSet, top *topList) error {
	// The hits of the blocks with the highest bounds first, a round at a
	// time, each round's blocks twice as many as the last's, until the
	// page's last score beats the bounds of the blocks left; then those
	// of the blocks left whose bound may still reach it.
	ubs, all, err := t.blockBounds(tree, hits)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return t.scoreAll(tree, hits, top)
	}
	nblocks, k := len(all), top.k
	m := max(8, 2*(k+topFirst)*nblocks/hits.count())
	cur := make([]int, len(t.leaves))
	prev := math.Inf(1)
	for {
		cut := 0.0
		if m < nblocks {
			cut = nthLargest(all, m)
		}
		last, full := scoredHit{}, len(top.hits) == k
		if full {
			last = top.hits[k-1]
		}
		if full && cut <= last.score*(1-tieBand) {
			cut = 0
		}
		keep := func(i, b int, v float64) bool {
			if v <= 0 || v >= prev || v < cut {
				return false
			}
			if !full || v > last.score*(1+tieBand) {
				return true
			}
			// Ties go to the lower document number.
			start := t.bm.offsets[i] + uint64(b)<<blockShift
			return start <= last.doc && v >= last.score*(1-tieBand)
		}
		for i, ub := range ubs {
			if ub == nil {
				continue
			}
			clear(cur)
			it := hits[i].Iterator()
			for b, v := range ub {
				if !keep(i, b, v) {
					continue
				}
				start, end := uint32(b)<<blockShift, uint32(b+1)<<blockShift
				it.AdvanceIfNeeded(start)
				for it.HasNext() && it.PeekNext() < end {
					t.collect(tree, i, it.Next(), cur, top)
				}
			}
			if err := t.ctx.Err(); err != nil {
				return err
			}
		}
		if cut == 0 {
			break
		}
		prev, m = cut, 2*m
	}
	return nil
}

// scoreAll adds every hit to top.
func (t *topScorer) scoreAll(tree *boundNode, hits docSet, top *topList) error {
	if err := t.load(hits); err != nil {
		return err
	}
	cur := make([]int, len(t.leaves))
	for i, s := range hits {
		if s == nil {
			continue
		}
		clear(cur)
		for it := s.Iterator(); it.HasNext(); {
			t.collect(tree, i, it.Next(), cur, top)
		}
		if err := t.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// collect scores hit d of segment i and adds it to top.
func (t *topScorer) collect(tree *boundNode, i int, d uint32, cur []int, top *topList) {
	if sc, ok := t.score(tree, i, d, cur); ok { // every hit matches the text
		top.add(scoredHit{doc: t.bm.offsets[i] + uint64(d), score: sc})
	}
}

// topList holds the best k hits seen, best first.
type topList struct {
	k    int
	hits []scoredHit
}

func (l *topList) add(h scoredHit) {
	if len(l.hits) == l.k && !h.before(l.hits[l.k-1]) {
		return
	}
	// Insert in order; pages are short.
	at := sort.Search(len(l.hits), func(j int) bool { return h.before(l.hits[j]) })
	l.hits = append(l.hits, scoredHit{})
	copy(l.hits[at+1:], l.hits[at:])
	l.hits[at] = h
	l.hits = l.hits[:min(l.k, len(l.hits))]
}

// load reads the impact lists of the query's terms in the segments
// holding hits.
func (t *topScorer) load(hits docSet) error {
	t.impacts = make([][]*termImpacts, len(t.bm.segs))
	for i, s := range t.bm.segs {
		if hits[i] == nil || hits[i].IsEmpty() {
			continue
		}
		t.impacts[i] = make([]*termImpacts, len(t.leaves))
		for j, l := range t.leaves {
			var err error
			if t.impacts[i][j], err = t.cache.impacts(s.Segment(), int(s.FullSize()), l.field, l.term); err != nil {
				return err
			}
		}
	}
	return nil
}

// blockBounds reads the impact lists of the query's terms in the segments
// holding hits, and returns the bound of the score in each block of those
// segments, and all the positive bounds.
func (t *topScorer) blockBounds(tree *boundNode, hits docSet) ([][]float64, []float64, error) {
	if err := t.load(hits); err != nil {
		return nil, nil, err
	}
	ubs := make([][]float64, len(t.bm.segs))
	var all []float64
	for i := range t.bm.segs {
		if t.impacts[i] == nil {
			continue
		}
		for _, kind := range []uint8{kindZH, kindOther} {
			b := t.bound(tree, kind, i)
			if b == nil {
				continue
			}
			if ubs[i] == nil {
				ubs[i] = make([]float64, len(b))
			}
			// Raised for the order of the sums.
			for j, v := range b {
				ubs[i][j] = max(ubs[i][j], v*(1+1e-12))
			}
		}
		for _, v := range ubs[i] {
			if v > 0 {
				all = append(all, v)
			}
		}
		if err := t.ctx.Err(); err != nil {
			return nil, nil, err
		}
	}
	return ubs, all, nil
}

// nthLargest returns about the m-th largest of vs, no larger than it (the
// smallest when m exceeds their number), from a histogram of them.
func nthLargest(vs []float64, m int) float64 {
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	if m >= len(vs) || lo == hi {
		return lo
	}
	const bins = 4096
	var counts [bins]int
	scale := float64(bins-1) / (hi - lo)
	for _, v := range vs {
		counts[int((v-lo)*scale)]++
	}
	n := 0
	for b := bins - 1; b > 0; b-- {
		if n += counts[b]; n >= m {
			return lo + float64(b)/scale
		}
	}
	return lo
}
