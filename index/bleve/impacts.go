package bleve

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/search/scorer"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// impactCacheBytes bounds the memory the impact lists kept may take: 12
// bytes per posting, so the lists of some 20 million postings.
const impactCacheBytes = 256 << 20

// impactCacheMin is the number of postings from which a term's impact
// list in a segment is kept; shorter ones are read anew, which costs
// little.
const impactCacheMin = 1024

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
