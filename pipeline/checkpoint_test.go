package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// checkpointIndex is a fakeIndex that keeps a checkpoint and counts the
// IDs Missing is asked about.
type checkpointIndex struct {
	fakeIndex
	cp    string
	asked int
}

func (f *checkpointIndex) Checkpoint(context.Context) (string, error) { return f.cp, nil }

func (f *checkpointIndex) SetCheckpoint(_ context.Context, cp string) error {
	f.cp = cp
	return nil
}

func (f *checkpointIndex) Missing(ctx context.Context, ids []string) ([]string, error) {
	f.asked += len(ids)
	return f.fakeIndex.Missing(ctx, ids)
}

// TestCatchUpFromCheckpoint: articles stored by a process killed before
// it indexed them are indexed by the next CatchUp, which reads only the
// store after the checkpoint.
func TestCatchUpFromCheckpoint(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	storeDir := filepath.Join(data, "corpus")
	an := testAnalyzer(t)
	fake := &checkpointIndex{fakeIndex: fakeIndex{docs: map[string]index.Doc{}}}
	open := func() *Pipeline {
		t.Helper()
		p, err := Open(Config{Dir: data, StoreDir: storeDir, Analyzer: an,
			OpenIndex: func() (index.Writer, error) { return fake, nil }})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	p := open()
	for _, n := range []string{"a", "b", "c"} {
		if _, err := p.Ingest(ctx, article(n)); err != nil {
			t.Fatal(err)
		}
	}
	end := p.Store().End()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if fake.cp != end.String() || len(fake.docs) != 3 {
		t.Fatalf("after a clean close: checkpoint %q (want %q), %d indexed", fake.cp, end, len(fake.docs))
	}

	// A crawl killed between storing and indexing: stored, not indexed.
	s, err := corpus.Open(storeDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"d", "e"} {
		if _, err := s.Put(article(n)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	p = open()
	defer p.Close()
	n, err := p.CatchUp(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || len(fake.docs) != 5 {
		t.Errorf("CatchUp indexed %d (index holds %d), want 2 (5)", n, len(fake.docs))
	}
	if fake.asked != 2 {
		t.Errorf("CatchUp looked up %d IDs, want only the 2 after the checkpoint", fake.asked)
	}
	if fake.cp != p.Store().End().String() {
		t.Errorf("checkpoint %q after CatchUp, want the store's end %q", fake.cp, p.Store().End())
	}
	fake.asked = 0
	if n, err := p.CatchUp(ctx, false, nil); err != nil || n != 0 || fake.asked != 0 {
		t.Errorf("second CatchUp: %d indexed, %d looked up, %v; want nothing", n, fake.asked, err)
	}

	// A checkpoint past the store's end (another store) is ignored.
	fake.cp = "9:0"
	fake.asked = 0
	if n, err := p.CatchUp(ctx, false, nil); err != nil || n != 0 || fake.asked != 5 {
		t.Errorf("CatchUp with a foreign checkpoint: %d indexed, %d looked up, %v; want 0, 5", n, fake.asked, err)
	}
}
