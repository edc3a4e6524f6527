package index

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index/synth"
)

// TestTrendCountsMatchVisit checks that trends read from count terms equal
// trends computed by visiting every matching document, on synthetic
// articles from sources in several time zones.
func TestTrendCountsMatchVisit(t *testing.T) {
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	seg.AddWords(synth.Words()...)
	b, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	g := synth.New(3)
	var docs []Doc
	for i := 0; i < 1500; i++ {
		d := g.Article(i)
		docs = append(docs, Doc{Article: d.Article, Analysis: d.Analysis})
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

	since := time.Date(2023, 2, 10, 0, 0, 0, 0, time.UTC)
	until := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	var queries []TrendQuery
	for _, by := range []Period{Day, Week, Month, Quarter, Year} {
		for _, split := range []Split{SplitNone, SplitLang, SplitSource, SplitCountry} {
			for _, unit := range []Unit{UnitArticle, UnitAttribution} {
				queries = append(queries, TrendQuery{By: by, Split: split, Unit: unit, Actors: []string{"CN", "US", "baidu"}})
			}
		}
	}
	for _, by := range []Period{Week, Month} {
		queries = append(queries,
			TrendQuery{By: by, Filters: Filters{Lang: []corpus.Lang{"zh"}}},
			TrendQuery{By: by, Split: SplitLang, Filters: Filters{Lang: []corpus.Lang{"zh", "en"}}},
			TrendQuery{By: by, Split: SplitSource, Filters: Filters{Source: []string{"sample-wire", "sample-keji"}}},
			TrendQuery{By: by, Filters: Filters{Country: []string{"GB"}}, Unit: UnitAttribution},
			TrendQuery{By: by, Actors: []string{"CN"}, Filters: Filters{Actor: []string{"CN"}}},
			TrendQuery{By: by, Filters: Filters{Since: since}},
			TrendQuery{By: by, Split: SplitLang, Filters: Filters{Since: since, Until: until}},
			TrendQuery{By: by, Actors: []string{"US"}, Filters: Filters{Actor: []string{"US"}, Until: until}},
		)
	}
	for _, q := range queries {
		name := fmt.Sprintf("%s/%s/%s/%+v", q.By, q.Split, q.Unit, q.Filters)
		b.alwaysVisit = false
		fast, err := b.Trend(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b.alwaysVisit = true
		slow, err := b.Trend(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(slow.Buckets) == 0 {
			t.Errorf("%s: no buckets", name)
		}
		if !reflect.DeepEqual(fast.Buckets, slow.Buckets) {
			for i := range min(len(fast.Buckets), len(slow.Buckets)) {
				if !reflect.DeepEqual(fast.Buckets[i], slow.Buckets[i]) {
					t.Errorf("%s: bucket %d from counts %+v, by visiting %+v", name, i, fast.Buckets[i], slow.Buckets[i])
					break
				}
			}
			t.Errorf("%s: %d buckets from counts, %d by visiting", name, len(fast.Buckets), len(slow.Buckets))
		}
	}
	b.alwaysVisit = false
}
