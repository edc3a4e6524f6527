package bleve

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/internal/synth"
)

// openSynthetic returns an index of n synthetic articles (from sources in
// several time zones over four years), of which the first 200 were put
// twice so that posting lists hold deleted documents.
func openSynthetic(t *testing.T, n int) (*Index, []index.Doc) {
	t.Helper()
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	seg.AddWords(synth.Words()...)
	b, err := Open(filepath.Join(t.TempDir(), "index"), testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ctx := context.Background()
	g := synth.New(3)
	var docs []index.Doc
	for i := 0; i < n; i++ {
		d := g.Article(i)
		docs = append(docs, index.Doc{Article: d.Article, Analysis: d.Analysis})
	}
	if err := b.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// Replace some, so that posting lists hold deleted documents.
	for i := range docs[:200] {
		docs[i].Analysis.Frames = nil
	}
	if err := b.Put(ctx, docs[:200]); err != nil {
		t.Fatal(err)
	}
	return b, docs
}

func TestSynthetic(t *testing.T) {
	b, docs := openSynthetic(t, 1500)
	t.Run("trend counts match visit", func(t *testing.T) { testCountsMatchVisit(t, b) })
	t.Run("newest first", func(t *testing.T) { testNewestFirst(t, b, docs) })
	t.Run("newest first by terms", func(t *testing.T) {
		defer func(n int) { b.byTermsMin = n }(b.byTermsMin)
		b.byTermsMin = 0
		testNewestFirst(t, b, docs)
	})
}

// testCountsMatchVisit checks that trends read from count terms or from
// bitmaps equal trends computed by visiting every matching document.
func testCountsMatchVisit(t *testing.T, b *Index) {
	ctx := context.Background()

	since := time.Date(2023, 2, 10, 0, 0, 0, 0, time.UTC)
	until := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	var queries []index.TrendQuery
	for _, by := range []index.Period{index.Day, index.Week, index.Month, index.Quarter, index.Year} {
		for _, split := range []index.Split{index.SplitNone, index.SplitLang, index.SplitSource, index.SplitCountry} {
			for _, unit := range []index.Unit{index.UnitArticle, index.UnitAttribution} {
				queries = append(queries, index.TrendQuery{By: by, Split: split, Unit: unit, Actors: []string{"CN", "US", "baidu"}})
			}
		}
	}
	for _, by := range []index.Period{index.Week, index.Month} {
		queries = append(queries,
			index.TrendQuery{By: by, Filters: index.Filters{Lang: []corpus.Lang{"zh"}}},
			index.TrendQuery{By: by, Split: index.SplitLang, Filters: index.Filters{Lang: []corpus.Lang{"zh", "en"}}},
			index.TrendQuery{By: by, Split: index.SplitSource, Filters: index.Filters{Source: []string{"sample-wire", "sample-keji"}}},
			index.TrendQuery{By: by, Filters: index.Filters{Country: []string{"GB"}}, Unit: index.UnitAttribution},
			index.TrendQuery{By: by, Actors: []string{"CN"}, Filters: index.Filters{Actor: []string{"CN"}}},
			index.TrendQuery{By: by, Filters: index.Filters{Since: since}},
			index.TrendQuery{By: by, Split: index.SplitLang, Filters: index.Filters{Since: since, Until: until}},
			index.TrendQuery{By: by, Actors: []string{"US"}, Filters: index.Filters{Actor: []string{"US"}, Until: until}},
		)
	}
	// Text queries, frames and several filters at once: bitmaps against
	// visits. Phrases, prefixes and dates are collected from searchers.
	for _, by := range []index.Period{index.Month, index.Quarter, index.Year} {
		for _, split := range []index.Split{index.SplitNone, index.SplitLang, index.SplitSource, index.SplitCountry} {
			queries = append(queries,
				index.TrendQuery{By: by, Split: split, Text: "DeepSeek", Actors: []string{"CN", "deepseek", "openai"}},
				index.TrendQuery{By: by, Split: split, Text: "chips OR 芯片", Unit: index.UnitAttribution, Filters: index.Filters{Frame: []corpus.Frame{"catching-up"}}},
				index.TrendQuery{By: by, Split: split, Text: "AI -DeepSeek", Filters: index.Filters{Lang: []corpus.Lang{"en"}, Since: since}},
			)
		}
		queries = append(queries,
			index.TrendQuery{By: by, Text: `"closing the gap" OR 追赶`, Filters: index.Filters{Actor: []string{"CN", "US"}, Frame: []corpus.Frame{"leader"}}},
			index.TrendQuery{By: by, Text: "deep*", Split: index.SplitCountry, Filters: index.Filters{Country: []string{"GB", "CN"}, Until: until}},
			index.TrendQuery{By: by, Text: "NOT AI", Split: index.SplitSource, Filters: index.Filters{Source: []string{"sample-wire", "sample-keji"}}},
		)
	}
	for _, q := range queries {
		name := fmt.Sprintf("%q/%s/%s/%s/%+v", q.Text, q.By, q.Split, q.Unit, q.Filters)
		b.path = pathVisit
		slow, err := b.Trend(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(slow.Buckets) == 0 {
			t.Errorf("%s: no buckets", name)
		}
		for _, path := range []trendPath{pathAuto, pathColumns} {
			b.path = path
			fast, err := b.Trend(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !reflect.DeepEqual(fast.Buckets, slow.Buckets) {
				for i := range min(len(fast.Buckets), len(slow.Buckets)) {
					if !reflect.DeepEqual(fast.Buckets[i], slow.Buckets[i]) {
						t.Errorf("%s: path %d: bucket %d %+v, by visiting %+v", name, path, i, fast.Buckets[i], slow.Buckets[i])
						break
					}
				}
				t.Errorf("%s: path %d: %d buckets, %d by visiting", name, path, len(fast.Buckets), len(slow.Buckets))
			}
		}
	}
	b.path = pathAuto
}

// testNewestFirst checks date-ordered pages against the documents sorted
// directly, for queries whose pages come from the latest months only and
// for those that need all.
func testNewestFirst(t *testing.T, b *Index, docs []index.Doc) {
	ctx := context.Background()
	since := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		q    index.Query
		keep func(index.Doc) bool
	}{
		{index.Query{Text: "*", Limit: 25}, func(index.Doc) bool { return true }},
		{index.Query{Text: "*", Limit: 10, Offset: 60}, func(index.Doc) bool { return true }},
		{index.Query{Text: "*", Limit: 20, Filters: index.Filters{Lang: []corpus.Lang{"zh"}}}, func(d index.Doc) bool { return d.Article.Lang == "zh" }},
		{index.Query{Text: "*", Limit: 20, Filters: index.Filters{Source: []string{"sample-observer"}}}, func(d index.Doc) bool { return d.Article.Source == "sample-observer" }},
		{index.Query{Text: "title:huawei", Limit: 5, ByDate: true}, func(d index.Doc) bool { return strings.Contains(strings.ToLower(d.Article.Title), "huawei") }},
		{index.Query{Text: "*", Limit: 2000}, func(index.Doc) bool { return true }},
		// Months without hits after the page's (skipped by recentDays).
		{index.Query{Text: "*", Limit: 15, ByDate: true, Filters: index.Filters{Since: since, Until: until}}, func(d index.Doc) bool {
			return !d.Article.Published.Before(since) && d.Article.Published.Before(until)
		}},
	} {
		var want []index.Doc
		for _, d := range docs {
			if tc.keep(d) {
				want = append(want, d)
			}
		}
		sort.SliceStable(want, func(i, j int) bool { return want[i].Article.Published.After(want[j].Article.Published) })
		res, err := b.Search(ctx, tc.q)
		if err != nil {
			t.Fatalf("%+v: %v", tc.q, err)
		}
		if int(res.Total) != len(want) {
			t.Errorf("%+v: total %d, want %d", tc.q, res.Total, len(want))
		}
		want = want[min(tc.q.Offset, len(want)):]
		want = want[:min(tc.q.Limit, len(want))]
		if len(res.Hits) != len(want) {
			t.Fatalf("%+v: %d hits, want %d", tc.q, len(res.Hits), len(want))
		}
		for i, h := range res.Hits {
			// Equal times may come in either order.
			if !h.Published.Equal(want[i].Article.Published) {
				t.Errorf("%+v: hit %d published %v (%s), want %v (%s)", tc.q, i, h.Published, h.ID, want[i].Article.Published, want[i].Article.ID)
				break
			}
		}
	}
}

// TestColumnsAfterPut checks that trends read from columns follow the
// index as segments are added, replaced and merged.
func TestColumnsAfterPut(t *testing.T) {
	b, docs := openSynthetic(t, 600)
	ctx := context.Background()
	q := index.TrendQuery{Text: "AI OR 芯片", By: index.Week, Split: index.SplitSource, Unit: index.UnitAttribution, Actors: []string{"CN", "US"}}
	check := func(when string) {
		t.Helper()
		b.path = pathVisit
		slow, err := b.Trend(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		b.path = pathColumns
		fast, err := b.Trend(ctx, q)
		b.path = pathAuto
		if err != nil {
			t.Fatal(err)
		}
		if len(slow.Buckets) == 0 || !reflect.DeepEqual(fast.Buckets, slow.Buckets) {
			t.Errorf("%s: %d buckets from columns, %d by visiting, or they differ", when, len(fast.Buckets), len(slow.Buckets))
		}
	}
	check("first")
	g := synth.New(4)
	var more []index.Doc
	for i := 600; i < 900; i++ {
		d := g.Article(i)
		more = append(more, index.Doc{Article: d.Article, Analysis: d.Analysis})
	}
	for i := range docs[200:300] {
		docs[200+i].Analysis.Frames = nil
		more = append(more, docs[200+i])
	}
	if err := b.Put(ctx, more); err != nil {
		t.Fatal(err)
	}
	check("after a put")
}
