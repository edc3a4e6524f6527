package opensearch_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/index/opensearch"
)

func errorsIsBad(err error) bool { return errors.Is(err, index.ErrBadQuery) }

// TestUnreachable: a cluster that does not answer is an error naming its
// URL, whatever the operation.
func TestUnreachable(t *testing.T) {
	url := "http://127.0.0.1:9" // discard port: nothing listens
	_, err := opensearch.Open(context.Background(), url, "framescope", segmenter(t), bleve.EnglishTerms, opensearch.Retries(0, 0))
	if !errors.Is(err, opensearch.ErrUnreachable) || !strings.Contains(err.Error(), url) {
		t.Fatalf("open: %v, want ErrUnreachable naming %s", err, url)
	}
}

// TestPutTwice: _id is the article ID, so the same article put twice (as
// two machines would) is one document, the later version.
func TestPutTwice(t *testing.T) {
	x := openTest(t)
	ctx := context.Background()
	d := parityDocs(2)
	if err := x.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	d[0].Article.Title = "changed"
	if err := x.Put(ctx, d[:1]); err != nil {
		t.Fatal(err)
	}
	info, err := x.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Docs != uint64(len(d)) {
		t.Errorf("docs %d, want %d", info.Docs, len(d))
	}
	h, ok, err := x.Get(ctx, d[0].Article.ID)
	if err != nil || !ok || h.Title != "changed" {
		t.Errorf("get: %v %v %+v", ok, err, h)
	}
	if err := x.SetCodebookVersion(ctx, "v9"); err != nil {
		t.Fatal(err)
	}
	if info, _ = x.Info(ctx); info.Codebook != "v9" || len(info.DocCodebooks) != 1 {
		t.Errorf("info %+v", info)
	}
}

// TestMappingConflict: an index of the same name that framescope did not
// make is refused with ErrMapping, and ReadOnly finds no index as
// index.ErrNoIndex.
func TestMappingConflict(t *testing.T) {
	x := openTest(t)
	ctx := context.Background()
	if _, err := opensearch.Open(ctx, x.URL(), x.Name()+"-absent", segmenter(t), bleve.EnglishTerms, opensearch.ReadOnly()); !errors.Is(err, index.ErrNoIndex) {
		t.Errorf("read-only open of no index: %v, want ErrNoIndex", err)
	}
	other := x.Name() + "-foreign"
	if err := x.CreateRaw(ctx, other, `{"mappings":{"properties":{"title":{"type":"integer"}}}}`); err != nil {
		t.Fatal(err)
	}
	defer x.DeleteNamed(ctx, other)
	_, err := opensearch.Open(ctx, x.URL(), other, segmenter(t), bleve.EnglishTerms)
	if !errors.Is(err, opensearch.ErrMapping) {
		t.Fatalf("open of a foreign index: %v, want ErrMapping", err)
	}
	if err := x.Put(ctx, []index.Doc{{Article: corpus.Article{URL: "https://x.example/"}}}); err == nil {
		t.Error("put of an article without ID: no error")
	}
}

// TestOldLayout: an index framescope made with an earlier layout (before
// the framed field of attention per actor) is refused with ErrMapping, and
// the error says to rebuild it.
func TestOldLayout(t *testing.T) {
	x := openTest(t)
	ctx := context.Background()
	old := x.Name() + "-layout2"
	if err := x.CreateRaw(ctx, old, `{"mappings":{"dynamic":"strict","_meta":{"framescope_layout":"2"},"properties":{"id":{"type":"keyword"}}}}`); err != nil {
		t.Fatal(err)
	}
	defer x.DeleteNamed(ctx, old)
	_, err := opensearch.Open(ctx, x.URL(), old, segmenter(t), bleve.EnglishTerms)
	if !errors.Is(err, opensearch.ErrMapping) || !strings.Contains(err.Error(), "framescope index --rebuild") {
		t.Fatalf("open of a layout 2 index: %v, want ErrMapping saying framescope index --rebuild", err)
	}
}

// TestTrendAttention: mentions count the articles (stories) that mention
// an actor, framed or not, in every unit; framed those that frame it with
// any frame, race and threat included.
func TestTrendAttention(t *testing.T) {
	x := openTest(t)
	ctx := context.Background()
	day := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	doc := func(id, story string, actors []string, frames ...corpus.Attribution) index.Doc {
		return index.Doc{
			Article:  corpus.Article{ID: id, URL: "https://x.example/" + id, Source: "s", Country: "US", Lang: corpus.English, Title: "t", Text: "chips", Published: day, Story: story},
			Analysis: corpus.Analysis{ID: id, Lang: corpus.English, Actors: actors, Frames: frames},
		}
	}
	ev := []corpus.Evidence{{Sentence: "a"}, {Sentence: "b"}}
	docs := []index.Doc{
		doc("a1", "s1", []string{"US"}),
		doc("a2", "s1", []string{"US", "CN"}, corpus.Attribution{Actor: "CN", Frame: corpus.Race}),
		doc("a3", "s2", nil, corpus.Attribution{Actor: "US", Frame: corpus.Leader, Evidence: ev}),
		doc("a4", "s3", []string{"CN"}),
	}
	if err := x.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		unit                     index.Unit
		articles                 int
		us, cn                   [2]int // mentions, framed
		usLeader, cnLeader, cnCU int
	}{
		{index.UnitArticle, 4, [2]int{3, 1}, [2]int{2, 1}, 1, 0, 0},
		{index.UnitAttribution, 4, [2]int{3, 1}, [2]int{2, 1}, 2, 0, 0},
		{index.UnitStory, 3, [2]int{2, 1}, [2]int{2, 1}, 1, 0, 0},
	} {
		res, err := x.Trend(ctx, index.TrendQuery{Text: "*", By: index.Month, Unit: tc.unit})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Buckets) != 1 {
			t.Fatalf("%s: %d buckets, want 1", tc.unit, len(res.Buckets))
		}
		b := res.Buckets[0]
		us, cn := b.Actors["US"], b.Actors["CN"]
		if b.Articles != tc.articles || [2]int{us.Mentions, us.Framed} != tc.us || [2]int{cn.Mentions, cn.Framed} != tc.cn ||
			us.Leader != tc.usLeader || cn.Leader != tc.cnLeader || cn.CatchingUp != tc.cnCU {
			t.Errorf("%s: %+v", tc.unit, b)
		}
		if want := float64(tc.us[0]) / float64(tc.articles); us.MentionShare != want {
			t.Errorf("%s: US mention share %v, want %v", tc.unit, us.MentionShare, want)
		}
		if want := float64(tc.us[1]) / float64(tc.us[0]); us.FramedShare != want {
			t.Errorf("%s: US framed share %v, want %v", tc.unit, us.FramedShare, want)
		}
	}
}
