package index

import (
	"context"
	"errors"
	"testing"
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
