package opensearch_test

import (
	"context"
	"errors"
	"strings"
	"testing"

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
