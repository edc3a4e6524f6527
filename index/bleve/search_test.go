package bleve

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// ids returns the sorted IDs of a result's hits.
func ids(t *testing.T, b *Index, q index.Query) []string {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 100
	}
	res, err := b.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	if int(res.Total) != len(out) {
		t.Errorf("search %+v: total %d, %d hits", q, res.Total, len(out))
	}
	return out
}

func TestSearchQueries(t *testing.T) {
	b := openFixture(t)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		// Chinese words, found by whole word and by sub-word.
		{"人工智能", []string{"zh1", "zh3"}},
		{"智能", []string{"zh1", "zh3"}},
		// A name jieba splits without the domain dictionary.
		{"文心一言", []string{"zh1"}},
		{"追赶", []string{"zh1", "zh2"}},
		// English stemming: leading ~ leads.
		{"leading", []string{"en1", "en3"}},
		{"falls", []string{"en4"}},
		// Both languages at once.
		{"AI OR 人工智能", []string{"en1", "en4", "zh1", "zh3"}},
		{"ai", []string{"en1", "en4"}},
		// Phrases, with a stop word inside.
		{`"closing the gap"`, []string{"en2", "en3"}},
		{`"gap closing"`, []string{}},
		{`"中国人工智能"`, []string{"zh1"}},
		{`“中国 领先”`, []string{}},
		// Boolean operators.
		{"chinese labs", []string{"en2", "en3"}},
		{"chinese AND syndicated", []string{"en3"}},
		{"closing NOT syndicated", []string{"en2"}},
		{"closing -syndicated", []string{"en2"}},
		{"NOT (chinese OR 中国 OR 国产)", []string{"en1", "en4", "en5"}},
		{"(robots OR chips) AND europe", []string{"en4"}},
		{"robot*", []string{"en5"}},
		// Colons that are not fields.
		{"10:30", []string{}},
		{"https://wire.example/en1", []string{}},
		// Field scopes.
		{"title:chips", []string{"en4"}},
		{"text:chips", []string{"en4"}},
		{"title:追赶", []string{}},
		{"lang:zh 领先", []string{"zh3"}},
		{"source:gazette robots", []string{"en5"}},
		{"actor:eu", []string{"en4"}},
		{"frame:race", []string{"en1"}},
		// Everything.
		{"*", []string{"en1", "en2", "en3", "en4", "en5", "zh1", "zh2", "zh3"}},
		{"", []string{"en1", "en2", "en3", "en4", "en5", "zh1", "zh2", "zh3"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			if got := ids(t, b, index.Query{Text: tc.query}); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("search %q = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestSearchFilters(t *testing.T) {
	b := openFixture(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		f    index.Filters
		want []string
	}{
		{"lang", index.Filters{Lang: []corpus.Lang{"zh"}}, []string{"zh1", "zh2", "zh3"}},
		{"source", index.Filters{Source: []string{"wire"}}, []string{"en1", "en2"}},
		{"source case", index.Filters{Source: []string{"WIRE", "caixin"}}, []string{"en1", "en2", "zh3"}},
		{"country", index.Filters{Country: []string{"gb"}}, []string{"en3", "en4", "en5"}},
		{"actor", index.Filters{Actor: []string{"US"}}, []string{"en1", "en3", "zh1", "zh2"}},
		{"actor slug", index.Filters{Actor: []string{"openai"}}, []string{"en1"}},
		{"frame", index.Filters{Frame: []corpus.Frame{corpus.Leader}}, []string{"en1", "en3", "zh1", "zh3"}},
		{"actor and frame", index.Filters{Actor: []string{"CN"}, Frame: []corpus.Frame{corpus.Leader}}, []string{"zh3"}},
		{"since", index.Filters{Since: day(2023, 4, 10)}, []string{"en2", "en3", "en4", "en5"}},
		{"until", index.Filters{Until: day(2023, 3, 16)}, []string{"en1"}},
		{"range", index.Filters{Since: day(2023, 3, 16), Until: day(2023, 4, 1)}, []string{"zh1", "zh2", "zh3"}},
		{"combined", index.Filters{Lang: []corpus.Lang{"en"}, Actor: []string{"CN"}, Since: day(2023, 4, 1)}, []string{"en2", "en3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(t, b, index.Query{Filters: tc.f}); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("filter %+v = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
}

func TestSearchBadQueries(t *testing.T) {
	b := openFixture(t)
	for _, q := range []index.Query{
		{Text: `"unclosed`},
		{Text: "foo:bar"},
		{Text: "(AI"},
		{Text: "AI )"},
		{Text: "OR AI"},
		{Text: "lang:fr"},
		{Text: "frame:winner"},
		{Filters: index.Filters{Source: []string{"nosuch"}}},
		{Filters: index.Filters{Lang: []corpus.Lang{"fr"}}},
		{Filters: index.Filters{Country: []string{"XX"}}},
		{Filters: index.Filters{Actor: []string{"nobody"}}},
		{Filters: index.Filters{Frame: []corpus.Frame{"winner"}}},
		{Filters: index.Filters{Since: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{Limit: -1},
	} {
		_, err := b.Search(context.Background(), q)
		if !errors.Is(err, index.ErrBadQuery) {
			t.Errorf("search %+v: err %v, want ErrBadQuery", q, err)
		}
	}
}

func TestSearchHitFields(t *testing.T) {
	b := openFixture(t)
	res, err := b.Search(context.Background(), index.Query{Text: "文心一言"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	want := fixtures()[0]
	h := res.Hits[0]
	if h.Title != want.Article.Title || h.URL != want.Article.URL || h.Source != "xinhua" || h.Country != "CN" || h.Lang != corpus.Chinese {
		t.Errorf("hit = %+v", h)
	}
	if !h.Published.Equal(want.Article.Published) {
		t.Errorf("published %v, want %v", h.Published, want.Article.Published)
	}
	if _, off := h.Published.Zone(); off != 8*3600 {
		t.Errorf("published zone offset %d, want the article's own +08:00", off)
	}
	if !reflect.DeepEqual(h.Frames, want.Analysis.Frames) {
		t.Errorf("frames = %+v, want %+v", h.Frames, want.Analysis.Frames)
	}
}

func TestSearchOrderAndPaging(t *testing.T) {
	b := openFixture(t)
	res, err := b.Search(context.Background(), index.Query{Text: "*", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 8 || len(res.Hits) != 3 {
		t.Fatalf("total %d, %d hits; want 8, 3", res.Total, len(res.Hits))
	}
	// Match-all is newest first.
	for i, want := range []string{"en5", "en4", "en3"} {
		if res.Hits[i].ID != want {
			t.Errorf("hit %d = %s, want %s", i, res.Hits[i].ID, want)
		}
	}
	res, err = b.Search(context.Background(), index.Query{Text: "*", Limit: 3, Offset: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[1].ID != "en1" {
		t.Errorf("last page = %+v", res.Hits)
	}
}
