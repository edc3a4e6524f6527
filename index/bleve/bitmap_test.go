package bleve

import (
	"context"
	"testing"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// TestBitmapsEval checks that the documents a query's bitmaps hold are the
// ones its Bleve searcher finds, on an index with deleted documents and
// several segments, for every kind of query the compiler makes. No field
// answers a date range, so the searcher runs the query without its dates
// and the articles' own times decide.
func TestBitmapsEval(t *testing.T) {
	b, docs := openSynthetic(t, 1500)
	published := map[string]time.Time{}
	for _, d := range docs {
		published[d.Article.ID] = d.Article.Published
	}
	ctx := context.Background()
	idx, err := b.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer b.mu.RUnlock()
	r, err := openReader(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	bm, err := newBitmaps(ctx, r, idx.Mapping())
	if err != nil {
		t.Fatal(err)
	}
	if len(bm.segs) < 2 {
		t.Errorf("%d segments: the test wants several", len(bm.segs))
	}
	deleted := 0
	for _, s := range bm.segs {
		if s.Deleted() != nil {
			deleted += int(s.Deleted().GetCardinality())
		}
	}
	if deleted == 0 {
		t.Errorf("no deleted documents: the test wants some")
	}
	c := newCompiler(idx)
	for _, tc := range []struct {
		text string
		f    index.Filters
	}{
		{"*", index.Filters{}},
		{"DeepSeek", index.Filters{}},
		{"chips OR 芯片", index.Filters{Frame: []corpus.Frame{"catching-up"}}},
		{"AI -DeepSeek", index.Filters{Lang: []corpus.Lang{"en"}}},
		{"NOT AI", index.Filters{Source: []string{"sample-wire", "sample-keji"}}},
		{`"closing the gap"`, index.Filters{}},
		{"deep*", index.Filters{Country: []string{"GB", "CN"}}},
		{"人工智能", index.Filters{Actor: []string{"CN"}, Frame: []corpus.Frame{"leader", "catching-up"}}},
		{"*", index.Filters{Since: mustDate(t, "2023-03-01"), Until: mustDate(t, "2024-01-01")}},
		{"*", index.Filters{Since: mustTime(t, "2024-02-10T15:30:00+08:00"), Until: mustTime(t, "2024-05-20T03:00:00-05:00")}},
		{"DeepSeek", index.Filters{Lang: []corpus.Lang{"en"}, Since: mustTime(t, "2023-06-01T00:00:00+14:00")}},
		{"*", index.Filters{Until: mustTime(t, "2023-06-01T23:59:59-12:00")}},
		{"*", index.Filters{Since: mustTime(t, "2024-03-01T10:00:00Z"), Until: mustTime(t, "2024-03-03T10:00:00Z")}},
		{"*", index.Filters{Since: mustTime(t, "2024-03-01T10:00:00Z"), Until: mustTime(t, "2024-03-05T10:00:00Z")}},
		{"*", index.Filters{Since: mustTime(t, "2024-03-01T10:00:00Z"), Until: mustTime(t, "2024-03-02T22:00:00Z")}}, // no whole day
		{"nosuchwordanywhere", index.Filters{}},
	} {
		bt, err := c.build(tc.text, tc.f)
		if err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		set, err := bm.eval(bt.q)
		if err != nil {
			t.Fatalf("%q %+v: %v", tc.text, tc.f, err)
		}
		undated := tc.f
		undated.Since, undated.Until = time.Time{}, time.Time{}
		ubt, err := c.build(tc.text, undated)
		if err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		req := blevesearch.NewSearchRequestOptions(ubt.q, 10000, 0, false)
		req.Score = "none"
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, h := range res.Hits {
			p, ok := published[h.ID]
			if !ok {
				t.Fatalf("%s: not an article of the index", h.ID)
			}
			if (tc.f.Since.IsZero() || !p.Before(tc.f.Since)) && (tc.f.Until.IsZero() || p.Before(tc.f.Until)) {
				want[h.ID] = true
			}
		}
		got := map[string]bool{}
		for i, seg := range set {
			if seg == nil {
				continue
			}
			for it := seg.Iterator(); it.HasNext(); {
				id, err := bm.segs[i].DocID(uint64(it.Next()))
				if err != nil {
					t.Fatal(err)
				}
				got[string(id)] = true
			}
		}
		if len(got) != len(want) || set.count() != len(want) {
			t.Errorf("%q %+v: bitmaps hold %d (%d distinct), the searcher finds %d", tc.text, tc.f, set.count(), len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%q %+v: %s found by the searcher, not in the bitmaps", tc.text, tc.f, id)
				break
			}
		}
		if tc.text != "nosuchwordanywhere" && len(want) == 0 {
			t.Errorf("%q %+v: matches nothing; the test wants matches", tc.text, tc.f)
		}
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
