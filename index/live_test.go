package index

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fakeEngine is an Index handle that says how it was opened.
type fakeEngine struct {
	write  bool
	closed *int
}

func (f *fakeEngine) Search(context.Context, Query) (*SearchResult, error) {
	return &SearchResult{Total: map[bool]uint64{false: 1, true: 2}[f.write]}, nil
}
func (f *fakeEngine) Trend(context.Context, TrendQuery) (*TrendResult, error) {
	return &TrendResult{}, nil
}
func (f *fakeEngine) Facets(context.Context, Query) (*Facets, error)  { return &Facets{}, nil }
func (f *fakeEngine) Get(context.Context, string) (*Hit, bool, error) { return nil, false, nil }
func (f *fakeEngine) Info(context.Context) (Info, error)              { return Info{}, nil }
func (f *fakeEngine) Put(context.Context, []Doc) error {
	if !f.write {
		return errors.New("read-only")
	}
	return nil
}
func (f *fakeEngine) Missing(context.Context, []string) ([]string, error) { return nil, nil }
func (f *fakeEngine) SetCodebookVersion(context.Context, string) error    { return nil }
func (f *fakeEngine) Close() error                                        { *f.closed++; return nil }

func TestLive(t *testing.T) {
	ctx := context.Background()
	exists, failWrite, closed := false, false, 0
	l := NewLive(func(write bool) (Index, error) {
		switch {
		case !exists && !write:
			return nil, ErrNoIndex
		case write && failWrite:
			return nil, errors.New("locked")
		}
		exists = true
		return &fakeEngine{write: write, closed: &closed}, nil
	})
	total := func() (uint64, error) {
		res, err := l.Search(ctx, Query{})
		if err != nil {
			return 0, err
		}
		return res.Total, nil
	}
	if err := l.Open(); !errors.Is(err, ErrNoIndex) || l.Ready() {
		t.Fatalf("Open without an index: %v, ready %v", err, l.Ready())
	}
	if _, err := total(); !errors.Is(err, ErrClosed) {
		t.Errorf("search without an index: %v, want ErrClosed", err)
	}
	// A first write creates the index; queries go through the writer.
	w, err := l.Borrow()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := total(); n != 2 || err != nil {
		t.Errorf("search while lent: %d, %v; want the writer's answer", n, err)
	}
	if _, err := l.Borrow(); err == nil {
		t.Error("second Borrow succeeded")
	}
	if err := w.Put(ctx, nil); err != nil {
		t.Errorf("Put through the lent writer: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n, err := total(); n != 1 || err != nil || closed != 1 {
		t.Errorf("after giving back: %d, %v, %d closed; want the read-only answer, the writer closed", n, err, closed)
	}
	if err := w.Close(); err != nil || closed != 1 {
		t.Errorf("second Close of the lent writer: %v, %d closed", err, closed)
	}
	// When the index cannot be opened for writing, reads go on.
	failWrite = true
	if _, err := l.Borrow(); err == nil {
		t.Error("Borrow succeeded though opening for writing failed")
	}
	if n, err := total(); n != 1 || err != nil {
		t.Errorf("after a failed Borrow: %d, %v", n, err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := total(); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v, want ErrClosed", err)
	}
}

// slowEngine is an index whose Search holds the Live handle until release
// is closed, and whose Info counts its calls and the documents put.
type slowEngine struct {
	fakeEngine
	release  chan struct{}
	infos    *int
	docs     *uint64
	codebook string
}

func (s *slowEngine) Search(ctx context.Context, q Query) (*SearchResult, error) {
	<-s.release
	return &SearchResult{}, nil
}
func (s *slowEngine) Info(context.Context) (Info, error) {
	*s.infos++
	return Info{Docs: *s.docs, Codebook: s.codebook}, nil
}
func (s *slowEngine) SetCodebookVersion(_ context.Context, v string) error {
	s.codebook = v
	return nil
}
func (s *slowEngine) Put(_ context.Context, docs []Doc) error {
	*s.docs += uint64(len(docs))
	return nil
}

// TestLiveInfoNoWait: a health check's Info answers at once while a crawl
// waits to swap the index behind a slow query, and reads the index again
// only after a write.
func TestLiveInfoNoWait(t *testing.T) {
	ctx := context.Background()
	release, closed, infos, docs := make(chan struct{}), 0, 0, uint64(3)
	l := NewLive(func(write bool) (Index, error) {
		return &slowEngine{fakeEngine: fakeEngine{write: write, closed: &closed}, release: release, infos: &infos, docs: &docs}, nil
	})
	if err := l.Open(); err != nil {
		t.Fatal(err)
	}
	if info, err := l.InfoNoWait(ctx); err != nil || info.Docs != 3 || infos != 1 {
		t.Fatalf("InfoNoWait = %+v, %v after %d Info calls; want 3 docs after 1", info, err, infos)
	}
	if _, err := l.InfoNoWait(ctx); err != nil || infos != 1 {
		t.Errorf("a second InfoNoWait read the index (%d Info calls, %v)", infos, err)
	}
	searched := make(chan struct{})
	go func() { l.Search(ctx, Query{}); close(searched) }()
	borrowed := make(chan Writer)
	go func() {
		for !l.mu.TryRLock() {
		}
		l.mu.RUnlock()
		w, err := l.Borrow()
		if err != nil {
			t.Error(err)
		}
		borrowed <- w
	}()
	// Wait until Borrow waits behind the search.
	for l.mu.TryRLock() {
		l.mu.RUnlock()
	}
	done := make(chan error)
	go func() { _, err := l.InfoNoWait(ctx); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("InfoNoWait during a swap: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("InfoNoWait waited for the swap")
	}
	close(release)
	<-searched
	w := <-borrowed
	if err := w.Put(ctx, []Doc{{}, {}}); err != nil {
		t.Fatal(err)
	}
	if info, err := l.InfoNoWait(ctx); err != nil || info.Docs != 5 {
		t.Errorf("InfoNoWait after a write = %+v, %v; want 5 docs", info, err)
	}
	// Recording the codebook the index has changes nothing Info
	// answers; recording another does.
	n := infos
	if err := w.SetCodebookVersion(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	if info, err := l.InfoNoWait(ctx); err != nil || info.Codebook != "v1" || infos != n+1 {
		t.Errorf("InfoNoWait after a new codebook = %+v, %v after %d Info calls; want v1 after %d", info, err, infos, n+1)
	}
	if err := w.SetCodebookVersion(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.InfoNoWait(ctx); err != nil || infos != n+1 {
		t.Errorf("InfoNoWait read the index again after the same codebook was recorded (%d Info calls, %v)", infos, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
