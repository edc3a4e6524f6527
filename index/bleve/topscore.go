package bleve

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

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

// impactCacheBytes bounds the memory the impact lists kept may take: 12
// bytes per posting, so the lists of some 20 million postings.
const impactCacheBytes = 256 << 20

// impactCacheMin is the number of postings from which a term's impact
// list in a segment is kept; shorter ones are read anew, which costs
// little.
const impactCacheMin = 1024

// boundNode is a text query reduced to how Bleve scores it.
type boundNode struct {
	// A leaf is a term of a field; its score is sqrt(tf)×norm × idf ×
	// qweight (boost × idf × the query norm), as scorer.TermQueryScorer
	// computes it.
	field, term  string
	idf, qweight float64
	kinds        uint8 // the kinds of articles that fill the field
	leaf         int   // the leaf's number in the query
	// Otherwise the node sums its children's scores; all says that every
	// child matches (a conjunction or phrase), else the sum is scaled by
	// the share of children that match (a disjunction).
	children []*boundNode
	all      bool
	// set, for phrases and exclusions, holds the documents the node
	// matches: that its terms match does not say.
	q   query.Query
	set docSet
}

// Kinds of articles by the text fields they fill.
const (
	kindZH    uint8 = 1 << iota // the Chinese fields
	kindOther                   // the other text fields
)

func fieldKinds(field string) uint8 {
	switch {
	case chineseField(field):
		return kindZH
	case field == fTitleEN || field == fBodyEN:
		return kindOther
	}
	return kindZH | kindOther
}

// topScorer finds relevance pages from impact lists over one snapshot.
type topScorer struct {
	ctx    context.Context
	r      bleveindex.IndexReader
	bm     *bitmaps
	cache  *impactCache
	docs   uint64 // live documents, for idf
	leaves []*boundNode
	// impacts holds, per segment, the impact list of each leaf (nil when
	// the segment does not hold its term).
	impacts [][]*termImpacts
}

// tree returns the bound node of a text query, or false when its score is
// not a sum of term scores (prefixes, match-all).
func (t *topScorer) tree(q query.Query) (*boundNode, bool, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return t.leaf(q.Field(), q.Term, q.Boost())
	case *query.ConjunctionQuery:
		return t.inner(q.Conjuncts, true)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, false, nil
		}
		return t.inner(q.Disjuncts, false)
	case *query.BooleanQuery:
		// Excluded parts add nothing to the score.
		if q.Must == nil || q.Should != nil || q.Filter != nil {
			return nil, false, nil
		}
		n, ok, err := t.tree(q.Must)
		if err != nil || !ok {
			return nil, false, err
		}
		return &boundNode{children: []*boundNode{n}, all: true, q: q}, true, nil
	case *query.MultiPhraseQuery:
		if q.Fuzziness != 0 {
			return nil, false, nil
		}
		// Bleve scores a phrase as the conjunction of its positions, each
		// a term or a disjunction of terms.
		n := &boundNode{all: true, q: q}
		for _, pos := range q.Terms {
			alt := &boundNode{}
			for _, term := range pos {
				if term == "" {
					continue
				}
				l, ok, err := t.leaf(q.FieldVal, term, q.Boost())
				if err != nil || !ok {
					return nil, false, err
				}
				alt.children = append(alt.children, l)
			}
			switch len(alt.children) {
			case 0:
			case 1:
				n.children = append(n.children, alt.children[0])
			default:
				n.children = append(n.children, alt)
			}
		}
		return n, len(n.children) > 0, nil
	}
	return nil, false, nil
}

func (t *topScorer) inner(qs []query.Query, all bool) (*boundNode, bool, error) {
	n := &boundNode{all: all}
	for _, c := range qs {
		cn, ok, err := t.tree(c)
		if err != nil || !ok {
			return nil, false, err
		}
		n.children = append(n.children, cn)
	}
	return n, len(n.children) > 0, nil
}

// leaf returns the leaf of a term with Bleve's tf-idf idf; its query
// weight is set once the query norm is known (see weigh). False when the
// idf is not positive (bounds take zero for "absent").
func (t *topScorer) leaf(field, term string, boost float64) (*boundNode, bool, error) {
	tfr, err := t.r.TermFieldReader(t.ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil, false, fmt.Errorf("index: %s %q: %w", field, term, err)
	}
	count := tfr.Count()
	if err := tfr.Close(); err != nil {
		return nil, false, err
	}
	// As scorer.NewTermQueryScorer computes them.
	idf := 1.0 + math.Log(float64(t.docs)/float64(count+1.0))
	if !(idf > 0) || !(boost > 0) {
		return nil, false, nil
	}
	n := &boundNode{field: field, term: term, idf: idf, qweight: boost, kinds: fieldKinds(field), leaf: len(t.leaves)}
	t.leaves = append(t.leaves, n)
	return n, true, nil
}

// weigh sets the leaves' query weights from the query norm, as
// TermQueryScorer.SetQueryNorm does.
func (t *topScorer) weigh(norm float64) {
	for _, l := range t.leaves {
		l.qweight = l.qweight * l.idf * norm
	}
}

// bound returns, for each block of segment i, a bound of n's score over
// its articles of the given kind; nil means none of them can match.
func (t *topScorer) bound(n *boundNode, kind uint8, i int) []float64 {
	if n.children == nil {
		ti := t.impacts[i][n.leaf]
		if n.kinds&kind == 0 || ti == nil {
			return nil
		}
		w := n.idf * n.qweight
		out := make([]float64, len(ti.max))
		for b, m := range ti.max {
			out[b] = w * float64(m)
		}
		return out
	}
	var out []float64
	var matching []int32 // disjunction: children with a posting in the block
	for _, c := range n.children {
		cb := t.bound(c, kind, i)
		if cb == nil {
			if n.all {
				return nil
			}
			continue
		}
		if out == nil {
			out = make([]float64, len(cb))
			if !n.all {
				matching = make([]int32, len(cb))
			}
		}
		for b, v := range cb {
			if n.all && (v == 0 || out[b] < 0) {
				out[b] = -1 // a part without postings: no match
				continue
			}
			out[b] += v
			if matching != nil && v > 0 {
				matching[b]++
			}
		}
	}
	for b, v := range out {
		switch {
		case v < 0:
			out[b] = 0
		case matching != nil:
			out[b] = v * float64(matching[b]) / float64(len(n.children))
		}
	}
	return out
}

// score returns n's score for document d of segment i and whether n
// matches it; cur holds each leaf's position in its impact list, which
// only moves forward (documents come in order).
func (t *topScorer) score(n *boundNode, i int, d uint32, cur []int) (float64, bool) {
	if n.set != nil && (n.set[i] == nil || !n.set[i].Contains(d)) {
		return 0, false
	}
	if n.children == nil {
		ti := t.impacts[i][n.leaf]
		if ti == nil {
			return 0, false
		}
		c, ok := ti.seek(cur[n.leaf], d)
		cur[n.leaf] = c
		if !ok {
			return 0, false
		}
		// As TermQueryScorer.Score computes it.
		s := ti.tfn[c] * n.idf
		if n.qweight != 1.0 {
			s = s * n.qweight
		}
		return s, true
	}
	// As the conjunction and disjunction scorers compute it.
	var sum float64
	matched := 0
	for _, c := range n.children {
		s, ok := t.score(c, i, d, cur)
		if !ok {
			if n.all {
				return 0, false
			}
			continue
		}
		sum += s
		matched++
	}
	if n.all {
		return sum, true
	}
	if matched == 0 {
		return 0, false
	}
	return sum * (float64(matched) / float64(len(n.children))), true
}

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

// sets finds the documents of the nodes whose matches their terms do not
// decide (phrases, exclusions).
func (t *topScorer) sets(n *boundNode) error {
	if n.q != nil {
		s, err := t.bm.eval(n.q)
		if err != nil {
			return err
		}
		n.set = s
	}
	for _, c := range n.children {
		if err := t.sets(c); err != nil {
			return err
		}
	}
	return nil
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

// termImpacts is the impact list of a term of a field in a segment.
type termImpacts struct {
	docs []uint32  // the documents holding the term, ascending
	tfn  []float64 // each one's sqrt(tf) × norm, as Bleve computes it
	max  []float32 // per block, the largest tfn, rounded up
}

// seek returns the position of the first document at or after d from
// position c on, and whether it is d.
func (ti *termImpacts) seek(c int, d uint32) (int, bool) {
	docs := ti.docs
	if c < len(docs) && docs[c] < d {
		// Gallop, then search the last step.
		step := 1
		for c+step < len(docs) && docs[c+step] < d {
			c += step
			step *= 2
		}
		hi := min(c+step, len(docs))
		c += sort.Search(hi-c, func(j int) bool { return docs[c+j] >= d })
	}
	return c, c < len(docs) && docs[c] == d
}

// impactCache keeps the impact lists of terms of segments, least recently
// used first out, up to impactCacheBytes (see newImpactCache). Segments
// never change once written; those merged away leave the cache as it
// fills.
type impactCache struct {
	mu    sync.Mutex
	lists lru[impactKey, *termImpacts]
}

func newImpactCache() *impactCache {
	return &impactCache{lists: lru[impactKey, *termImpacts]{max: impactCacheBytes}}
}

type impactKey struct {
	seg         segment.Segment
	field, term string
}

func (ti *termImpacts) bytes() int { return 12*len(ti.docs) + 4*len(ti.max) }

// impacts returns the impact list of term in field of a segment of size
// documents (deleted ones included), or nil when the segment does not hold
// the term. A nil cache keeps nothing.
func (c *impactCache) impacts(seg segment.Segment, size int, field, term string) (*termImpacts, error) {
	key := impactKey{seg, field, term}
	if c != nil {
		c.mu.Lock()
		ti, ok := c.lists.get(key)
		c.mu.Unlock()
		if ok {
			return ti, nil
		}
	}
	d, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("index: dictionary of %s: %w", field, err)
	}
	pl, err := d.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("index: postings of %s %q: %w", field, term, err)
	}
	if pl == nil || pl.Count() == 0 {
		return nil, nil
	}
	n := int(pl.Count())
	ti := &termImpacts{
		docs: make([]uint32, 0, n),
		tfn:  make([]float64, 0, n),
		max:  make([]float32, (size+1<<blockShift-1)>>blockShift),
	}
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("index: postings of %s %q: %w", field, term, err)
		}
		if p == nil {
			break
		}
		// As TermQueryScorer.Score computes it.
		var tf float64
		if f := p.Frequency(); f < scorer.MaxSqrtCache {
			tf = scorer.SqrtCache[f]
		} else {
			tf = math.Sqrt(float64(f))
		}
		v := tf * p.Norm()
		doc := uint32(p.Number())
		ti.docs = append(ti.docs, doc)
		ti.tfn = append(ti.tfn, v)
		f := float32(v)
		if float64(f) < v {
			f = math.Nextafter32(f, float32(math.Inf(1)))
		}
		if b := doc >> blockShift; f > ti.max[b] {
			ti.max[b] = f
		}
	}
	if c == nil || n < impactCacheMin {
		return ti, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.lists.get(key); ok {
		return kept, nil // read meanwhile by another search
	}
	c.lists.put(key, ti, ti.bytes())
	return ti, nil
}
