package bleve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

func TestPutIncrementalAndReplace(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	docs := fixtures()
	if err := b.Put(ctx, docs[:3]); err != nil {
		t.Fatal(err)
	}
	missing, err := b.Missing(ctx, []string{"zh1", "en1", "zh3", "en5"})
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) != 2 || missing[0] != "en1" || missing[1] != "en5" {
		t.Errorf("missing = %v, want [en1 en5]", missing)
	}
	var fresh []index.Doc
	for _, d := range docs {
		if m, err := b.Missing(ctx, []string{d.Article.ID}); err != nil {
			t.Fatal(err)
		} else if len(m) == 1 {
			fresh = append(fresh, d)
		}
	}
	if len(fresh) != len(docs)-3 {
		t.Fatalf("%d new docs, want %d", len(fresh), len(docs)-3)
	}
	if err := b.Put(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	info, err := b.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Docs != uint64(len(docs)) {
		t.Errorf("docs = %d, want %d", info.Docs, len(docs))
	}

	// Re-putting a document replaces it.
	changed := docs[6]
	changed.Article.Title = "Europe overtakes everyone in photonics"
	changed.Analysis.Frames = nil
	if err := b.Put(ctx, []index.Doc{changed}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, b, index.Query{Text: "photonics"}); len(got) != 1 || got[0] != "en4" {
		t.Errorf("new title: %v", got)
	}
	if got := ids(t, b, index.Query{Text: "title:falls"}); len(got) != 0 {
		t.Errorf("old title still found: %v", got)
	}
	if got := ids(t, b, index.Query{Filters: index.Filters{Frame: []corpus.Frame{corpus.CatchingUp}, Actor: []string{"EU"}}}); len(got) != 0 {
		t.Errorf("old frames still found: %v", got)
	}
	if info, _ := b.Info(ctx); info.Docs != uint64(len(docs)) {
		t.Errorf("docs after re-put = %d, want %d", info.Docs, len(docs))
	}

	// The index survives closing and opening again.
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Search(ctx, index.Query{}); err == nil {
		t.Error("search on a closed index succeeded")
	}
	b, err = Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := ids(t, b, index.Query{Text: "文心一言"}); len(got) != 1 || got[0] != "zh1" {
		t.Errorf("after reopen: %v", got)
	}
}

func TestCodebookVersion(t *testing.T) {
	ctx := context.Background()
	b := openFixture(t)
	info, err := b.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Codebook != "" || len(info.DocCodebooks) != 1 || info.DocCodebooks[0] != "v1" {
		t.Errorf("info = %+v", info)
	}
	if !info.Stale("v1") {
		t.Error("index without a recorded version is not stale")
	}
	if err := b.SetCodebookVersion(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	if info, _ = b.Info(ctx); info.Codebook != "v1" || info.Stale("v1") || !info.Stale("v2") {
		t.Errorf("after recording v1: %+v", info)
	}
	// Re-analyzing every document with v2 leaves no v1 document behind.
	docs := fixtures()
	for i := range docs {
		docs[i].Analysis.Codebook = "v2"
	}
	if err := b.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := b.SetCodebookVersion(ctx, "v2"); err != nil {
		t.Fatal(err)
	}
	if info, _ = b.Info(ctx); info.Stale("v2") || len(info.DocCodebooks) != 1 || info.DocCodebooks[0] != "v2" {
		t.Errorf("after re-analysis: %+v", info)
	}
	if (index.Info{}).Stale("v9") {
		t.Error("empty index is stale")
	}
}

func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Open(dir, testSeg(t), ReadOnly()); !errors.Is(err, index.ErrNoIndex) {
		t.Fatalf("read-only open of nothing: %v, want ErrNoIndex", err)
	}
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Put(ctx, fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	r1, err := Open(dir, testSeg(t), ReadOnly(), LockTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	// Two readers at once.
	r2, err := Open(dir, testSeg(t), ReadOnly(), LockTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if got := ids(t, r2, index.Query{Text: "文心一言"}); len(got) != 1 {
		t.Errorf("read-only search: %v", got)
	}
	// A writer cannot open it while readers hold it; it gives up.
	if w, err := Open(dir, testSeg(t), LockTimeout(200*time.Millisecond)); err == nil {
		w.Close()
		t.Error("writer opened an index held by readers")
	}
}

func TestOpenOtherLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.setInternal(b.idx, layoutKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := Open(dir, testSeg(t)); !errors.Is(err, ErrLayout) {
		t.Errorf("open of an old layout: %v, want ErrLayout", err)
	}
}

// TestPutManyBatches puts more documents than one batch holds, so that
// batches are indexed concurrently, with an ID given twice: the later
// version wins wherever it falls.
func TestPutManyBatches(t *testing.T) {
	ctx := context.Background()
	b, err := Open(filepath.Join(t.TempDir(), "index"), testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	base := fixtures()[3] // en1
	var docs []index.Doc
	for i := range 3*batchSize + 7 {
		d := base
		d.Article.ID = fmt.Sprintf("gen%d", i)
		d.Article.Title = "routine report"
		docs = append(docs, d)
	}
	last := docs[0]
	last.Article.Title = "photonics breakthrough"
	docs = append(docs, last)

	bad := append([]index.Doc(nil), docs...)
	bad[len(bad)/2].Article.ID = ""
	if err := b.Put(ctx, bad); err == nil {
		t.Error("put with an empty ID succeeded")
	}
	if info, _ := b.Info(ctx); info.Docs != 0 {
		t.Errorf("docs after a failed put = %d, want 0", info.Docs)
	}

	if err := b.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if info, _ := b.Info(ctx); info.Docs != uint64(len(docs)-1) {
		t.Errorf("docs = %d, want %d", info.Docs, len(docs)-1)
	}
	if got := ids(t, b, index.Query{Text: "photonics"}); len(got) != 1 || got[0] != "gen0" {
		t.Errorf("later version: %v, want [gen0]", got)
	}
	res, err := b.Search(ctx, index.Query{Text: "routine"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(len(docs)-2) {
		t.Errorf("%d articles with the first title, want %d", res.Total, len(docs)-2)
	}
}
