package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framescope/framescope/index"
)

// downIndex is a fakeIndex whose writes fail once down is set.
type downIndex struct {
	fakeIndex
	down bool
}

var errDown = errors.New("cluster unreachable at http://127.0.0.1:9")

func (f *downIndex) Put(ctx context.Context, docs []index.Doc) error {
	if f.down {
		return errDown
	}
	return f.fakeIndex.Put(ctx, docs)
}

// TestIndexBehind: when the index fails mid-run, Ingest goes on storing,
// Close reports ErrIndexBehind with the index's error and how many stored
// articles are not indexed, and the next CatchUp indexes them.
func TestIndexBehind(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	fake := &downIndex{fakeIndex: fakeIndex{docs: map[string]index.Doc{}}}
	open := func() *Pipeline {
		t.Helper()
		p, err := Open(Config{Dir: data, StoreDir: filepath.Join(data, "corpus"), Analyzer: testAnalyzer(t),
			OpenIndex: func() (index.Writer, error) { return fake, nil }})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := open()
	const n = indexBatch*2 + 7
	for i := range n {
		if i == indexBatch+3 {
			fake.down = true
		}
		if _, err := p.Ingest(ctx, article(fmt.Sprint(i))); err != nil {
			t.Fatalf("ingest %d: %v", i, err)
		}
	}
	err := p.Close()
	want := fmt.Sprintf("%d stored articles are not indexed", n-indexBatch)
	if !errors.Is(err, ErrIndexBehind) || !errors.Is(err, errDown) || !strings.Contains(fmt.Sprint(err), want) {
		t.Fatalf("close: %v; want ErrIndexBehind wrapping the index's error, saying %q", err, want)
	}
	if len(fake.docs) != indexBatch {
		t.Errorf("%d indexed before the index failed, want %d", len(fake.docs), indexBatch)
	}

	fake.down = false
	p = open()
	defer p.Close()
	if p.Store().Len() != n {
		t.Errorf("%d stored, want %d", p.Store().Len(), n)
	}
	if got, err := p.CatchUp(ctx, false, nil); err != nil || got != n-indexBatch || len(fake.docs) != n {
		t.Errorf("catch-up: %d indexed (%v), index holds %d; want %d and %d", got, err, len(fake.docs), n-indexBatch, n)
	}
}
