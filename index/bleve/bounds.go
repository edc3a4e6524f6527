package bleve

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Score bounds of a text query (see topscore.go): the query reduced to a
// tree of terms as Bleve scores it, the bound of each block of documents
// and the exact score of a document, both from impact lists.

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
