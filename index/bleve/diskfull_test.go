package bleve

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/internal/smalldisk"
	"github.com/framescope/framescope/internal/synth"
)

// synthDocs returns generated articles [from, to).
func synthDocs(from, to int) []index.Doc {
	g := synth.New(7)
	docs := make([]index.Doc, 0, to-from)
	for i := from; i < to; i++ {
		d := g.Article(i)
		docs = append(docs, index.Doc{Article: d.Article, Analysis: d.Analysis})
	}
	return docs
}

// A full disk fails a Put with Bleve's "no space left on device", never a
// panic (Bleve's segment code panicked on the batch after a failed one);
// later writes fail at once, queries go on with what was persisted, and
// once space is freed the index opens with every batch written before the
// failure and takes new ones.
func TestPutDiskFull(t *testing.T) {
	ctx := context.Background()
	disk := smalldisk.Mount(t, 1<<20)
	dir := filepath.Join(disk, "index")
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	const batch = 200 // two Bleve batches written at once (putWorkers)
	persisted := 0
	var putErr error
	for persisted < 100*batch {
		if putErr = b.Put(ctx, synthDocs(persisted, persisted+batch)); putErr != nil {
			break
		}
		persisted += batch
	}
	if putErr == nil {
		t.Fatalf("%d articles fit on a 1 MiB disk", persisted)
	}
	if !strings.Contains(putErr.Error(), "no space left on device") {
		t.Fatalf("Put on a full disk: %v, want the error to say no space left on device", putErr)
	}
	if errors.Is(putErr, ErrWriteFailed) {
		t.Fatalf("the first failed Put: %v, want Bleve's error itself", putErr)
	}
	// The writer is not used again in the state the failure left.
	err = b.Put(ctx, synthDocs(persisted, persisted+batch))
	if !errors.Is(err, ErrWriteFailed) || !strings.Contains(err.Error(), "no space left on device") {
		t.Errorf("Put after the failure: %v, want ErrWriteFailed naming the first error", err)
	}
	if err := b.SetCheckpoint(ctx, "x"); !errors.Is(err, ErrWriteFailed) {
		t.Errorf("SetCheckpoint after the failure: %v, want ErrWriteFailed", err)
	}
	if err := b.SetCodebookVersion(ctx, "x"); !errors.Is(err, ErrWriteFailed) {
		t.Errorf("SetCodebookVersion after the failure: %v, want ErrWriteFailed", err)
	}
	// Queries read what is on disk: at least the batches that were
	// persisted (a batch that failed may have been partly persisted).
	info, err := b.Info(ctx)
	if err != nil {
		t.Fatalf("Info after the failure: %v", err)
	}
	if info.Docs < uint64(persisted) || info.Docs >= uint64(persisted+batch) {
		t.Errorf("after the failure the index holds %d articles, want %d to %d", info.Docs, persisted, persisted+batch-1)
	}
	res, err := b.Search(ctx, index.Query{Limit: 1})
	if err != nil || res.Total != info.Docs {
		t.Errorf("Search after the failure: %v, %+v, want %d hits", err, res, info.Docs)
	}
	if err := b.Close(); err != nil {
		t.Errorf("Close after the failure: %v", err)
	}

	smalldisk.Resize(t, disk, 64<<20)
	b, err = Open(dir, testSeg(t))
	if err != nil {
		t.Fatalf("open after space was freed: %v", err)
	}
	defer b.Close()
	if got, err := b.Info(ctx); err != nil || got.Docs != info.Docs {
		t.Errorf("reopened: %d articles (%v), want the %d persisted", got.Docs, err, info.Docs)
	}
	if err := b.Put(ctx, synthDocs(0, persisted+2*batch)); err != nil {
		t.Fatalf("Put after space was freed: %v", err)
	}
	if got, err := b.Info(ctx); err != nil || got.Docs != uint64(persisted+2*batch) {
		t.Errorf("after space was freed: %d articles (%v), want %d", got.Docs, err, persisted+2*batch)
	}
}

// A panic inside Bleve during a write is returned as an error, and the
// index is not written again in the state the panic left; queries go on.
func TestWritePanicBecomesError(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Put(ctx, fixtures()); err != nil {
		t.Fatal(err)
	}
	err = b.write(func(blevesearch.Index) error {
		var m map[int]int
		m[1] = 1 // what zapx did with a segment closed by a failed persist
		return nil
	})
	if !isPanic(err) || !strings.Contains(err.Error(), "assignment to entry in nil map") {
		t.Fatalf("write that panicked: %v, want the panic as an error", err)
	}
	if err := b.Put(ctx, fixtures()[:1]); !errors.Is(err, ErrWriteFailed) || !strings.Contains(err.Error(), "nil map") {
		t.Errorf("Put after the panic: %v, want ErrWriteFailed naming the panic", err)
	}
	res, err := b.Search(ctx, index.Query{Text: "OpenAI", Limit: 10})
	if err != nil || res.Total == 0 {
		t.Errorf("Search after the panic: %v, %+v, want hits", err, res)
	}
}

// An error Bleve's persister reports in the background wakes a write
// waiting for its batch to be persisted, and fails later writes.
func TestPersisterErrorFailsWrites(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cause := scorch.NewScorchError("persister", "got err persisting snapshot: no space left on device", scorch.ErrPersist)
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback](scorch.NewScorchError("merger", "merging err", scorch.ErrPersist), storePath(dir))
	if err := b.Put(ctx, fixtures()[:2]); err != nil {
		t.Fatalf("Put after a failed merge: %v, want nil (a merge failure loses nothing)", err)
	}
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback](cause, storePath(dir))
	if err := b.Put(ctx, fixtures()[2:]); !errors.Is(err, cause) {
		t.Errorf("Put after the persister failed: %v, want %v", err, cause)
	}
	if err := b.SetCheckpoint(ctx, "x"); !errors.Is(err, ErrWriteFailed) || !errors.Is(err, cause) {
		t.Errorf("SetCheckpoint after the persister failed: %v, want ErrWriteFailed wrapping the cause", err)
	}
	if info, err := b.Info(ctx); err != nil || info.Docs != 2 {
		t.Errorf("Info after the failure: %+v, %v, want the 2 articles persisted", info, err)
	}
}
