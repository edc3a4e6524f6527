package opensearch_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/index/opensearch"
	"github.com/framescope/framescope/internal/synth"
)

// testURL returns the OpenSearch node the tests run against
// (FRAMESCOPE_TEST_OPENSEARCH, as scripts/opensearch start prints it), or
// skips the test saying so.
func testURL(t testing.TB) string {
	u := os.Getenv("FRAMESCOPE_TEST_OPENSEARCH")
	if u == "" {
		t.Skip("FRAMESCOPE_TEST_OPENSEARCH is not set: no OpenSearch node to test against (scripts/opensearch start prints one)")
	}
	return u
}

var (
	segOnce sync.Once
	seg     *analyzer.Segmenter
	segErr  error
)

func segmenter(t testing.TB) *analyzer.Segmenter {
	segOnce.Do(func() {
		seg, segErr = analyzer.SharedSegmenter()
		if segErr == nil {
			seg.AddWords(synth.Words()...)
		}
	})
	if segErr != nil {
		t.Fatal(segErr)
	}
	return seg
}

// openTest opens a fresh OpenSearch index for a test, deleted at its end.
func openTest(t testing.TB, opts ...opensearch.Option) *opensearch.Index {
	u := testURL(t)
	name := fmt.Sprintf("framescope-test-%s-%d", strings.ToLower(strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())), time.Now().UnixNano()%1e6)
	x, err := opensearch.Open(context.Background(), u, name, segmenter(t), bleve.EnglishTerms, append(opts, opensearch.Recreate())...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		x.Delete(context.Background())
		x.Close()
	})
	return x
}

// parityDocs is the parity corpus: synthetic articles in both languages
// over four years, with a few hand-made ones in odd time zones.
func parityDocs(n int) []index.Doc {
	g := synth.New(7)
	docs := make([]index.Doc, 0, n+3)
	for i := range n {
		d := g.Article(i)
		docs = append(docs, index.Doc{Article: d.Article, Analysis: d.Analysis})
	}
	kathmandu := time.FixedZone("NPT", 5*3600+45*60)
	chatham := time.FixedZone("CHAST", 12*3600+45*60)
	honolulu := time.FixedZone("HST", -10*3600)
	for i, p := range []time.Time{
		time.Date(2023, 12, 31, 23, 30, 0, 0, honolulu), // 2024 in UTC
		time.Date(2024, 1, 1, 0, 15, 0, 0, chatham),     // 2023 in UTC
		time.Date(2024, 3, 31, 23, 50, 0, 0, kathmandu), // Q1 locally
	} {
		id := fmt.Sprintf("zone%d", i)
		docs = append(docs, index.Doc{
			Article: corpus.Article{ID: id, URL: "https://zones.example/" + id, Source: "sample-zones", Country: "NP", Lang: corpus.English,
				Title: "Midnight edition", Text: "China is closing the gap on frontier models.", Published: p},
			Analysis: corpus.Analysis{ID: id, Lang: corpus.English, Actors: []string{"CN"}, Codebook: "synthetic-1",
				Frames: []corpus.Attribution{{Actor: "CN", Frame: corpus.CatchingUp, Evidence: []corpus.Evidence{{Sentence: "China is closing the gap on frontier models.", Cue: "closing the gap"}}}}},
		})
	}
	// An article without a date.
	docs = append(docs, index.Doc{
		Article:  corpus.Article{ID: "undated", URL: "https://zones.example/undated", Source: "sample-zones", Country: "NP", Lang: corpus.English, Title: "Undated", Text: "Regulators met investors."},
		Analysis: corpus.Analysis{ID: "undated", Lang: corpus.English, Codebook: "synthetic-1"},
	})
	return docs
}

// engines opens a Bleve and an OpenSearch index holding the same corpus.
func engines(t *testing.T, docs []index.Doc) (*bleve.Index, *opensearch.Index) {
	ctx := context.Background()
	b, err := bleve.Open(t.TempDir()+"/index", segmenter(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	o := openTest(t, opensearch.BulkDocs(300))
	if err := b.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := o.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	return b, o
}

func ids(res *index.SearchResult) []string {
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestParity runs the same queries on both engines over the same corpus
// and checks that they find the same articles and count the same.
func TestParity(t *testing.T) {
	testURL(t)
	docs := parityDocs(1500)
	b, o := engines(t, docs)
	ctx := context.Background()

	searches := []struct {
		name string
		q    index.Query
	}{
		{"everything", index.Query{Text: "*"}},
		{"empty", index.Query{Text: ""}},
		{"en word", index.Query{Text: "venture"}},
		{"en word mixed case", index.Query{Text: "Misinformation"}},
		{"en two words", index.Query{Text: "investors chips"}},
		{"en phrase", index.Query{Text: `"export controls"`}},
		{"en phrase long", index.Query{Text: `"closing the gap"`}},
		{"zh word", index.Query{Text: "芯片"}},
		{"zh long word", index.Query{Text: "人工智能"}},
		{"zh sub-word", index.Query{Text: "智能"}},
		{"zh phrase", index.Query{Text: `"生成式人工智能"`}},
		{"zh domain word", index.Query{Text: "卡脖子"}},
		{"zh and en", index.Query{Text: "芯片 OR chips"}},
		{"or", index.Query{Text: "scrutiny OR 能耗"}},
		{"not", index.Query{Text: "chips NOT investors"}},
		{"minus", index.Query{Text: "芯片 -量产"}},
		{"parentheses", index.Query{Text: "(venture OR scrutiny) NOT funding"}},
		{"only not", index.Query{Text: "NOT 芯片"}},
		{"prefix en", index.Query{Text: "invest*"}},
		{"en stemmed", index.Query{Text: "model"}},
		{"en phrase stemmed", index.Query{Text: `"catch up"`}},
		{"en prefix of a stem", index.Query{Text: "regul*"}},
		{"prefix zh", index.Query{Text: "芯*"}},
		{"title scope", index.Query{Text: "title:chips"}},
		{"text scope phrase", index.Query{Text: `text:"data centres"`}},
		{"field lang", index.Query{Text: "lang:zh 芯片"}},
		{"field actor", index.Query{Text: "actor:CN"}},
		{"field frame", index.Query{Text: "frame:threat universities"}},
		{"filter lang", index.Query{Text: "*", Filters: index.Filters{Lang: []corpus.Lang{"en"}}}},
		{"filter source", index.Query{Text: "*", Filters: index.Filters{Source: []string{"sample-wire", "sample-keji"}}}},
		{"filter country", index.Query{Text: "*", Filters: index.Filters{Country: []string{"gb"}}}},
		{"filter actor", index.Query{Text: "*", Filters: index.Filters{Actor: []string{"deepseek"}}}},
		{"filter frame", index.Query{Text: "*", Filters: index.Filters{Frame: []corpus.Frame{corpus.Race}}}},
		{"filter actor and frame", index.Query{Text: "*", Filters: index.Filters{Actor: []string{"CN", "US"}, Frame: []corpus.Frame{corpus.CatchingUp}}}},
		{"dates", index.Query{Text: "*", Filters: index.Filters{Since: date("2024-01-01T00:00:00Z"), Until: date("2024-02-01T00:00:00Z")}}},
		{"dates odd zone", index.Query{Text: "closing", Filters: index.Filters{Since: date("2023-12-31T23:00:00-10:00"), Until: date("2024-04-01T00:00:00+05:45")}}},
		{"since only", index.Query{Text: "芯片", Filters: index.Filters{Since: date("2025-06-01T00:00:00+08:00")}}},
		{"relevance page", index.Query{Text: "chips OR 芯片", Limit: 10}},
		{"by date page", index.Query{Text: "chips", ByDate: true, Limit: 10, Offset: 5}},
	}
	for _, tc := range searches {
		t.Run("search/"+tc.name, func(t *testing.T) {
			q := tc.q
			paged := q.Limit != 0
			if !paged {
				q.Limit = len(docs) + 10
			}
			br, err := b.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			or, err := o.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if br.Total != or.Total {
				t.Fatalf("total: bleve %d, opensearch %d", br.Total, or.Total)
			}
			if br.Total == 0 && tc.name != "only not" {
				t.Errorf("the query finds nothing: the parity corpus should hold matches")
			}
			switch {
			case !paged:
				if !reflect.DeepEqual(ids(br), ids(or)) {
					t.Errorf("hit sets differ: bleve %d ids, opensearch %d ids", len(br.Hits), len(or.Hits))
				}
			case q.ByDate || q.Text == "*":
				// Newest first: the same dates in the same order.
				for i := range min(len(br.Hits), len(or.Hits)) {
					if !br.Hits[i].Published.Equal(or.Hits[i].Published) {
						t.Errorf("hit %d: bleve %s, opensearch %s", i, br.Hits[i].Published, or.Hits[i].Published)
					}
				}
			default:
				if len(br.Hits) != len(or.Hits) {
					t.Errorf("page sizes: bleve %d, opensearch %d", len(br.Hits), len(or.Hits))
				}
			}
		})
	}

	errs := []struct{ name, text string }{
		{"unknown actor", "actor:nobody"},
		{"unknown lang", "lang:xx"},
		{"syntax", `"unclosed`},
		{"no words", "，。"},
	}
	for _, tc := range errs {
		t.Run("error/"+tc.name, func(t *testing.T) {
			_, berr := b.Search(ctx, index.Query{Text: tc.text})
			_, oerr := o.Search(ctx, index.Query{Text: tc.text})
			if !errorsIsBad(berr) || !errorsIsBad(oerr) {
				t.Fatalf("want bad-query errors from both: bleve %v, opensearch %v", berr, oerr)
			}
		})
	}

	facets := []index.Query{
		{Text: "*"},
		{Text: "芯片 OR chips"},
		{Text: "*", Filters: index.Filters{Lang: []corpus.Lang{"zh"}, Actor: []string{"CN"}}},
		{Text: "*", Filters: index.Filters{Frame: []corpus.Frame{corpus.Leader}, Country: []string{"US"}}},
		{Text: "investors", Filters: index.Filters{Actor: []string{"US", "openai"}, Frame: []corpus.Frame{corpus.Leader, corpus.Race}}},
	}
	for i, q := range facets {
		t.Run(fmt.Sprintf("facets/%d", i), func(t *testing.T) {
			bf, err := b.Facets(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			of, err := o.Facets(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(bf, of) {
				t.Errorf("facets differ:\nbleve      %+v\nopensearch %+v", bf, of)
			}
		})
	}

	var trends []index.TrendQuery
	for _, by := range []index.Period{index.Day, index.Week, index.Month, index.Quarter, index.Year} {
		trends = append(trends, index.TrendQuery{Text: "*", By: by})
	}
	for _, sp := range []index.Split{index.SplitLang, index.SplitSource, index.SplitCountry} {
		trends = append(trends, index.TrendQuery{Text: "*", By: index.Quarter, Split: sp, Actors: []string{"CN", "US", "deepseek"}})
	}
	for _, u := range []index.Unit{index.UnitArticle, index.UnitAttribution, index.UnitStory} {
		trends = append(trends, index.TrendQuery{Text: "*", By: index.Month, Unit: u, Split: index.SplitLang})
	}
	trends = append(trends,
		index.TrendQuery{Text: "芯片 OR chips", By: index.Month, Filters: index.Filters{Country: []string{"CN"}}},
		index.TrendQuery{Text: "closing", By: index.Day, Filters: index.Filters{Since: date("2023-12-31T00:00:00-10:00"), Until: date("2024-04-02T00:00:00+05:45")}},
		index.TrendQuery{Text: "*", By: index.Year, Filters: index.Filters{Actor: []string{"CN"}, Frame: []corpus.Frame{corpus.CatchingUp}}, Unit: index.UnitStory},
	)
	for _, q := range trends {
		t.Run(fmt.Sprintf("trend/%s-%s-%s-%s", q.By, q.Split, q.Unit, q.Text), func(t *testing.T) {
			bt, err := b.Trend(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			ot, err := o.Trend(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(bt.Buckets) == 0 {
				t.Errorf("no buckets")
			}
			if !reflect.DeepEqual(bt, ot) {
				t.Errorf("trends differ: bleve %d buckets, opensearch %d", len(bt.Buckets), len(ot.Buckets))
				for i := range min(len(bt.Buckets), len(ot.Buckets)) {
					if !reflect.DeepEqual(bt.Buckets[i], ot.Buckets[i]) {
						t.Errorf("first difference, bucket %d:\nbleve      %+v\nopensearch %+v", i, bt.Buckets[i], ot.Buckets[i])
						break
					}
				}
			}
		})
	}

	t.Run("get and missing", func(t *testing.T) {
		for _, id := range []string{"synth00000003", "zone1"} {
			bh, bok, err := b.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			oh, ook, err := o.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !bok || !ook || !reflect.DeepEqual(bh, oh) {
				t.Errorf("get %s: bleve %v %+v, opensearch %v %+v", id, bok, bh, ook, oh)
			}
		}
		want := []string{"nope1", "nope2"}
		for _, e := range []index.Writer{b, o} {
			got, err := e.Missing(ctx, []string{"nope1", "synth00000001", "nope2", "zone0"})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("missing: %v, want %v", got, want)
			}
		}
	})
}
