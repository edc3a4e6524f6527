package bleve

import (
	"context"
	"math"
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/internal/synth"
)

// topCases are relevance searches of every shape the compiler makes, with
// filters and deep pages.
func topCases(t *testing.T) []index.Query {
	return []index.Query{
		{Text: "DeepSeek"},
		{Text: "AI", Filters: index.Filters{Country: []string{"US"}}, Offset: 20},
		{Text: "OpenAI", Limit: 7, Offset: 3},
		{Text: "人工智能", Filters: index.Filters{Lang: []corpus.Lang{"zh"}}},
		{Text: "chips OR 芯片", Filters: index.Filters{Frame: []corpus.Frame{"catching-up"}}},
		{Text: "Huawei chips"},
		{Text: "AI -DeepSeek", Filters: index.Filters{Lang: []corpus.Lang{"en"}}},
		{Text: `"closing the gap" OR AI`},
		{Text: "文心一言 OR ChatGPT", Limit: 1},
		{Text: "title:AI OR 美国"},
		{Text: "AI", Filters: index.Filters{Since: mustTime(t, "2024-01-01T00:00:00+08:00"), Until: mustTime(t, "2025-01-01T00:00:00Z")}},
	}
}

// TestTopScoredMatchesBleve checks that pages found from block bounds are
// the pages Bleve gives by scoring every hit, with the same scores, on an
// index with several segments and deleted documents, before and after more
// articles are indexed.
func TestTopScoredMatchesBleve(t *testing.T) {
	b, docs := openSynthetic(t, 3000)
	// Block bounds, and every hit scored.
	for _, min := range []int{100, 1 << 30} {
		b.topMin = min
		compareTopScored(t, b)
	}
	b.topMin = 100
	// New segments, and replaced documents in the old ones.
	g := synth.New(4)
	var more []index.Doc
	for i := 0; i < 600; i++ {
		d := g.Article(3000 + i)
		more = append(more, index.Doc{Article: d.Article, Analysis: d.Analysis})
	}
	more = append(more, docs[1000:1300]...)
	if err := b.Put(context.Background(), more); err != nil {
		t.Fatal(err)
	}
	compareTopScored(t, b)
}

func compareTopScored(t *testing.T, b *Index) {
	t.Helper()
	ctx := context.Background()
	idx, err := b.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer b.mu.RUnlock()
	taken := 0
	for _, q := range topCases(t) {
		if q.Limit == 0 {
			q.Limit = index.DefaultLimit
		}
		bt, err := newCompiler(idx).build(q.Text, q.Filters)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		got, ok, err := b.topScored(ctx, idx, bt, q)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		if !ok {
			t.Errorf("%q %+v: not answered from block bounds", q.Text, q.Filters)
			continue
		}
		taken++
		req := blevesearch.NewSearchRequestOptions(bt.scored(), q.Limit, q.Offset, false)
		want, err := idx.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total {
			t.Errorf("%q: total %d, Bleve %d", q.Text, got.Total, want.Total)
		}
		if len(got.Hits) != len(want.Hits) || len(want.Hits) == 0 {
			t.Errorf("%q: %d hits, Bleve %d", q.Text, len(got.Hits), len(want.Hits))
			continue
		}
		for i, w := range want.Hits {
			g := got.Hits[i]
			if g.ID != w.ID || g.Score != w.Score {
				t.Errorf("%q %+v hit %d: %s score %v, Bleve %s %v", q.Text, q.Filters, i, g.ID, g.Score, w.ID, w.Score)
			}
		}
	}
	if taken == 0 {
		t.Fatal("no query answered from block bounds")
	}
}

// TestBlockBounds checks that no hit scores above the bound of its block.
func TestBlockBounds(t *testing.T) {
	b, _ := openSynthetic(t, 2000)
	ctx := context.Background()
	idx, err := b.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer b.mu.RUnlock()
	for _, q := range topCases(t) {
		bt, err := newCompiler(idx).build(q.Text, q.Filters)
		if err != nil {
			t.Fatal(err)
		}
		r, err := openReader(idx)
		if err != nil {
			t.Fatal(err)
		}
		bm, err := newBitmaps(ctx, r, idx.Mapping())
		if err != nil {
			t.Fatal(err)
		}
		docs, err := r.DocCount()
		if err != nil {
			t.Fatal(err)
		}
		ts := &topScorer{ctx: ctx, r: r, bm: bm, cache: b.impacts, docs: docs}
		tree, ok, err := ts.tree(bt.text)
		if err != nil || !ok {
			t.Fatalf("%q: no bound tree (%v)", q.Text, err)
		}
		hits, err := bm.eval(bt.q)
		if err != nil {
			t.Fatal(err)
		}
		text, err := bt.text.Searcher(ctx, r, idx.Mapping(), search.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ts.weigh(1 / math.Sqrt(text.Weight()))
		text.Close()
		ubs, _, err := ts.blockBounds(tree, hits)
		if err != nil {
			t.Fatal(err)
		}
		// Bleve's scores, from the snapshot the bounds were read from: a
		// search of its own could read a later one, whose segments a
		// merge has renumbered.
		scored := bleveScores(t, ctx, r, idx, bt)
		if len(scored) == 0 || len(scored) != hits.count() {
			t.Fatalf("%q: %d hits, bitmaps %d", q.Text, len(scored), hits.count())
		}
		// The hits a page of one needs scored: those of blocks whose bound
		// reaches the best score.
		best := 0.0
		for _, h := range scored {
			best = max(best, h.Score)
		}
		needed := 0
		for _, h := range scored {
			n := h.IndexInternalID.Value()
			seg := len(bm.offsets) - 1
			for bm.offsets[seg] > n {
				seg--
			}
			block := (n - bm.offsets[seg]) >> blockShift
			ub := ubs[seg][block]
			if h.Score > ub {
				t.Errorf("%q: %s scores %v, above its block's bound %v", q.Text, h.ID, h.Score, ub)
				break
			}
			if ub >= best {
				needed++
			}
		}
		if q.Text == "人工智能" && needed > len(scored)/10 {
			t.Errorf("%q: %d of %d hits lie in blocks whose bound reaches the best score: bounds prune too little", q.Text, needed, len(scored))
		}
		r.Close()
	}
}

// bleveScores returns every hit of bt's relevance query with the score
// Bleve gives it, read from the snapshot r of idx; a hit's ID is its
// external ID.
func bleveScores(t *testing.T, ctx context.Context, r bleveindex.IndexReader, idx blevesearch.Index, bt built) []*search.DocumentMatch {
	t.Helper()
	s, err := bt.scored().Searcher(ctx, r, idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	var out []*search.DocumentMatch
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			return out
		}
		if dm.ID, err = r.ExternalID(dm.IndexInternalID); err != nil {
			t.Fatal(err)
		}
		// The pool reuses matches: keep a copy.
		out = append(out, &search.DocumentMatch{ID: dm.ID, Score: dm.Score, IndexInternalID: append(bleveindex.IndexInternalID(nil), dm.IndexInternalID...)})
		sctx.DocumentMatchPool.Put(dm)
	}
}
