package bleve

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// TestCache checks that answers are reused until the index changes, that
// a Put makes the next answers see the new article, and that the oldest
// answers go first.
func TestCache(t *testing.T) {
	b, err := Open(filepath.Join(t.TempDir(), "index"), testSeg(t), CacheSize(3))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	if err := b.Put(ctx, fixtures()); err != nil {
		t.Fatal(err)
	}
	q := index.Query{Text: "Huawei"}
	first, err := b.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Errorf("the same search was answered anew")
	}
	tq := index.TrendQuery{Text: "Huawei", By: index.Quarter}
	tr, err := b.Trend(ctx, tq)
	if err != nil {
		t.Fatal(err)
	}
	fq := index.Query{Text: "Huawei", Limit: 5}
	fc, err := b.Facets(ctx, fq)
	if err != nil {
		t.Fatal(err)
	}
	if tr2, _ := b.Trend(ctx, tq); tr2 != tr {
		t.Errorf("the same trend was answered anew")
	}
	if fc2, _ := b.Facets(ctx, index.Query{Text: "Huawei", Limit: 20, Offset: 40}); fc2 != fc {
		t.Errorf("facets of the same query and filters were counted anew")
	}

	added := fixDoc("new-huawei", "sample-wire", "US", corpus.English, time.Date(2023, 12, 30, 9, 0, 0, 0, time.UTC),
		"Huawei chips", "Huawei is catching up.", "", []string{"huawei"})
	if err := b.Put(ctx, []index.Doc{added}); err != nil {
		t.Fatal(err)
	}
	after, err := b.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if after == first || after.Total != first.Total+1 {
		t.Errorf("after a Put: total %d, before %d (want one more, answered anew)", after.Total, first.Total)
	}
	if fc2, _ := b.Facets(ctx, fq); fc2 == fc || fc2.Total != fc.Total+1 {
		t.Errorf("after a Put: facets total %d, before %d", fc2.Total, fc.Total)
	}

	// Capacity 3: four other searches push the first out.
	for _, text := range []string{"chips", "OpenAI", "百度", "DeepSeek"} {
		if _, err := b.Search(ctx, index.Query{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if again, _ := b.Search(ctx, q); again == after {
		t.Errorf("the oldest answer was kept beyond the cache's size")
	}
}

// TestCacheStaleStore checks that an answer computed before the index
// changed is not cached after it.
func TestCacheStaleStore(t *testing.T) {
	c := newResultCache(4)
	key, gen, v := c.lookup("search", index.Query{Text: "x"})
	if v != nil {
		t.Fatal("empty cache answered")
	}
	c.invalidate() // the index changes while the answer is computed
	c.store(key, gen, "old answer")
	if _, _, v := c.lookup("search", index.Query{Text: "x"}); v != nil {
		t.Errorf("an answer from before the change was cached: %v", v)
	}
	key, gen, _ = c.lookup("search", index.Query{Text: "x"})
	c.store(key, gen, "answer")
	if _, _, v := c.lookup("search", index.Query{Text: "x"}); v != "answer" {
		t.Errorf("cached %v, want the answer", v)
	}
	if _, _, v := c.lookup("trend", index.Query{Text: "x"}); v != nil {
		t.Errorf("a trend was answered with a search's answer")
	}
}

// TestGet checks that Get returns an indexed article with its frames and
// reports an unknown ID as absent.
func TestGet(t *testing.T) {
	b := openFixture(t)
	ctx := context.Background()
	want := fixtures()[0]
	h, ok, err := b.Get(ctx, want.Article.ID)
	if err != nil || !ok {
		t.Fatalf("Get(%s) = %v, %v", want.Article.ID, ok, err)
	}
	if h.ID != want.Article.ID || h.Title != want.Article.Title || h.Source != want.Article.Source || !h.Published.Equal(want.Article.Published) {
		t.Errorf("Get = %+v, want the article %+v", h, want.Article)
	}
	if len(h.Frames) != len(want.Analysis.Frames) || len(h.Frames) == 0 {
		t.Errorf("Get frames %+v, want %+v", h.Frames, want.Analysis.Frames)
	}
	if _, ok, err := b.Get(ctx, "no-such-id"); ok || err != nil {
		t.Errorf("Get(no-such-id) = %v, %v; want absent", ok, err)
	}
}
