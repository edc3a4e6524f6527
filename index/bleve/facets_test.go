package bleve

import (
	"context"
	"testing"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// TestFacets checks every facet count against the total of a search with
// that value as the dimension's only filter value.
func TestFacets(t *testing.T) {
	b, _ := openSynthetic(t, 1500)
	ctx := context.Background()
	total := func(q index.Query) int {
		t.Helper()
		q.Limit = 1
		res, err := b.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		return int(res.Total)
	}
	for _, q := range []index.Query{
		{Text: "*"},
		{Text: "DeepSeek"},
		{Text: "chips OR 芯片", Filters: index.Filters{Lang: []corpus.Lang{"zh"}, Frame: []corpus.Frame{"catching-up"}}},
		{Text: "AI -DeepSeek", Filters: index.Filters{Country: []string{"US", "GB"}, Since: mustDate(t, "2023-01-01")}},
		{Text: "*", Filters: index.Filters{Actor: []string{"CN", "US"}, Frame: []corpus.Frame{"leader"}, Source: []string{"sample-wire"}}},
	} {
		fc, err := b.Facets(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if want := total(q); fc.Total != want || want == 0 {
			t.Errorf("%+v: total %d, search finds %d (want some)", q, fc.Total, want)
		}
		check := func(dim string, counts map[string]int, values []string, set func(*index.Filters, string)) {
			t.Helper()
			if len(counts) == 0 {
				t.Errorf("%+v: no %s counts", q, dim)
			}
			for _, v := range values {
				g := q
				set(&g.Filters, v)
				if want := total(g); counts[v] != want {
					t.Errorf("%+v: %s %s counts %d, search finds %d", q, dim, v, counts[v], want)
				}
			}
		}
		terms := func(field string) []string {
			idx, err := b.reader()
			if err != nil {
				t.Fatal(err)
			}
			defer b.mu.RUnlock()
			vs, err := fieldTerms(idx, field)
			if err != nil {
				t.Fatal(err)
			}
			return vs
		}
		check("lang", fc.Lang, terms(fLang), func(f *index.Filters, v string) { f.Lang = []corpus.Lang{corpus.Lang(v)} })
		check("country", fc.Country, terms(fCountry), func(f *index.Filters, v string) { f.Country = []string{v} })
		check("source", fc.Source, terms(fSource), func(f *index.Filters, v string) { f.Source = []string{v} })
		check("actor", fc.Actor, terms(fActors), func(f *index.Filters, v string) { f.Actor = []string{v} })
		var frames []string
		for _, fr := range corpus.Frames {
			frames = append(frames, string(fr))
		}
		check("frame", fc.Frame, frames, func(f *index.Filters, v string) { f.Frame = []corpus.Frame{corpus.Frame(v)} })
	}
}

// TestLanguageFilterFields checks that a language filter, which narrows
// the text fields searched and may drop its own conjunction, finds the
// same articles as the language named in the query string.
func TestLanguageFilterFields(t *testing.T) {
	b, _ := openSynthetic(t, 1500)
	ctx := context.Background()
	for _, text := range []string{"芯片", "chips OR 芯片", "AI", "NOT 芯片", "人工智能 -AI", `"closing the gap"`, "deep*", "*"} {
		for _, lang := range []string{"zh", "en"} {
			filtered, err := b.Search(ctx, index.Query{Text: text, Filters: index.Filters{Lang: []corpus.Lang{corpus.Lang(lang)}}, Limit: 1})
			if err != nil {
				t.Fatalf("%q lang %s: %v", text, lang, err)
			}
			inQuery, err := b.Search(ctx, index.Query{Text: "(" + text + ") lang:" + lang, Limit: 1})
			if err != nil {
				t.Fatalf("%q lang:%s: %v", text, lang, err)
			}
			if filtered.Total != inQuery.Total {
				t.Errorf("%q: filter lang %s finds %d, lang:%s in the query %d", text, lang, filtered.Total, lang, inQuery.Total)
			}
		}
	}
}

// TestEmptyIndex checks that searches, trends and facets of an index
// without articles answer with nothing rather than fail.
func TestEmptyIndex(t *testing.T) {
	b, err := Open(t.TempDir()+"/index", testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	for _, q := range []index.Query{{Text: "*"}, {Text: "DeepSeek"}, {Text: "*", ByDate: true}, {Text: "AI", Filters: index.Filters{Since: mustDate(t, "2024-01-01"), Until: mustDate(t, "2024-06-01")}}} {
		res, err := b.Search(ctx, q)
		if err != nil || res.Total != 0 || len(res.Hits) != 0 {
			t.Errorf("Search(%+v) = %+v, %v; want nothing", q, res, err)
		}
		fc, err := b.Facets(ctx, q)
		if err != nil || fc.Total != 0 || len(fc.Lang) != 0 || len(fc.Frame) != 0 {
			t.Errorf("Facets(%+v) = %+v, %v; want nothing", q, fc, err)
		}
		tr, err := b.Trend(ctx, index.TrendQuery{Text: q.Text, Filters: q.Filters, By: index.Quarter, Split: index.SplitLang})
		if err != nil || tr.Buckets == nil {
			t.Errorf("Trend(%+v) = %+v, %v; want an empty list of buckets", q, tr, err)
		}
	}
}
