package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Live is a swappable handle on an index, as a server that answers
// queries while crawls write holds it. Between writes it is open
// read-only, so that other processes may read the index too. Borrow swaps
// the read-only handle for one open for writing, which the writer writes
// to while queries go on through the same Live and see each batch once it
// is written; closing what Borrow returned swaps the read-only handle back.
// Queries that arrive during a swap wait for it. While Live holds no open
// index (none yet, reopening it failed, or Live was closed) every Reader
// method fails with an error wrapping ErrClosed.
//
// Live is safe for concurrent use.
type Live struct {
	open func(write bool) (Index, error)

	mu      sync.RWMutex
	idx     Index
	writing bool // idx is open for writing, lent out
	// last is the Info the index last gave, with the count of writes
	// begun and ended through the lent writer when it was asked for:
	// InfoNoWait answers with it while no write came since.
	last   atomic.Pointer[liveInfo]
	writes atomic.Uint64
}

type liveInfo struct {
	info   Info
	writes uint64
}

var _ Reader = (*Live)(nil)

// NewLive returns a Live handle that opens the index with open: read-only
// when write is false (failing with an error wrapping ErrNoIndex when
// there is none), for writing (creating it when absent) otherwise. It
// holds no open index until Open or Borrow.
func NewLive(open func(write bool) (Index, error)) *Live {
	return &Live{open: open}
}

// Open opens the index read-only, closing any handle held. It fails with
// an error wrapping ErrNoIndex when there is none.
func (l *Live) Open() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.closeHandle(); err != nil {
		return err
	}
	l.writing = false
	l.last.Store(nil)
	return l.openReadOnly()
}

// openReadOnly opens the index read-only; l.mu must be held for writing
// and l.idx be nil.
func (l *Live) openReadOnly() error {
	idx, err := l.open(false)
	if err != nil {
		return err
	}
	l.idx = idx
	return nil
}

// Borrow swaps the read-only handle for one open for writing, creating the
// index when there is none, and returns it for a writer; its Close swaps
// the read-only handle back instead of closing the index for good. The
// caller must be the only writer (framescope holds the data directory's
// lock). When the index cannot be opened for writing, the read-only handle
// is reopened (queries go on) and the error returned.
func (l *Live) Borrow() (Writer, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.writing {
		return nil, errors.New("index: the live index is already lent to a writer")
	}
	var errs []error
	if err := l.closeHandle(); err != nil {
		errs = append(errs, fmt.Errorf("close the read-only index: %w", err))
	}
	idx, err := l.open(true)
	if err != nil {
		errs = append(errs, fmt.Errorf("open the index for writing: %w", err))
		if rerr := l.openReadOnly(); rerr != nil && !errors.Is(rerr, ErrNoIndex) {
			errs = append(errs, fmt.Errorf("reopen the index read-only: %w", rerr))
		}
		return nil, errors.Join(errs...)
	}
	l.idx, l.writing = idx, true
	return &lent{Writer: idx, l: l}, nil
}

// lent is the writer Borrow returns.
type lent struct {
	Writer
	l *Live
}

// Close gives the index back to its Live handle.
func (w *lent) Close() error { return w.l.giveBack() }

// Put writes docs to the lent index, making the Info Live keeps stale.
func (w *lent) Put(ctx context.Context, docs []Doc) error {
	w.l.writes.Add(1)
	defer w.l.writes.Add(1)
	return w.Writer.Put(ctx, docs)
}

// SetCodebookVersion records v in the lent index, making the Info Live
// keeps stale unless it is current and holds v already: recording the
// version the index has (as every crawl does) changes nothing Info
// answers, and the lent writer is the only one.
func (w *lent) SetCodebookVersion(ctx context.Context, v string) error {
	if last := w.l.last.Load(); last != nil && last.writes == w.l.writes.Load() && last.info.Codebook == v {
		return w.Writer.SetCodebookVersion(ctx, v)
	}
	w.l.writes.Add(1)
	defer w.l.writes.Add(1)
	return w.Writer.SetCodebookVersion(ctx, v)
}

// Checkpoint returns the lent index's checkpoint, "" when its engine keeps
// none (Checkpointer).
func (w *lent) Checkpoint(ctx context.Context) (string, error) {
	if c, ok := w.Writer.(Checkpointer); ok {
		return c.Checkpoint(ctx)
	}
	return "", nil
}

// SetCheckpoint records cp in the lent index when its engine keeps
// checkpoints (Checkpointer).
func (w *lent) SetCheckpoint(ctx context.Context, cp string) error {
	if c, ok := w.Writer.(Checkpointer); ok {
		return c.SetCheckpoint(ctx, cp)
	}
	return nil
}

// giveBack closes the handle open for writing and reopens the index
// read-only. When reopening fails, queries fail with ErrClosed until the
// next Open or Borrow.
func (l *Live) giveBack() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.writing {
		return nil
	}
	l.writing = false
	var errs []error
	if err := l.closeHandle(); err != nil {
		errs = append(errs, fmt.Errorf("close the index after writing: %w", err))
	}
	if err := l.openReadOnly(); err != nil {
		errs = append(errs, fmt.Errorf("reopen the index read-only: %w", err))
	}
	return errors.Join(errs...)
}

// Ready reports whether an index is open.
func (l *Live) Ready() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.idx != nil
}

// Close closes the index; queries fail with ErrClosed until Open is called
// again. Running queries finish first.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writing = false
	return l.closeHandle()
}

// closeHandle closes the open handle, if any, and forgets it (even when
// closing fails); l.mu must be held for writing.
func (l *Live) closeHandle() error {
	if l.idx == nil {
		return nil
	}
	err := l.idx.Close()
	l.idx = nil
	return err
}

// with runs f on the open index.
func (l *Live) with(f func(Index) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.idx == nil {
		return fmt.Errorf("index: live: %w", ErrClosed)
	}
	return f(l.idx)
}

// Search answers from the open index.
func (l *Live) Search(ctx context.Context, q Query) (res *SearchResult, err error) {
	err = l.with(func(x Index) error { res, err = x.Search(ctx, q); return err })
	return res, err
}

// Trend answers from the open index.
func (l *Live) Trend(ctx context.Context, q TrendQuery) (res *TrendResult, err error) {
	err = l.with(func(x Index) error { res, err = x.Trend(ctx, q); return err })
	return res, err
}

// Facets answers from the open index.
func (l *Live) Facets(ctx context.Context, q Query) (res *Facets, err error) {
	err = l.with(func(x Index) error { res, err = x.Facets(ctx, q); return err })
	return res, err
}

// Get answers from the open index.
func (l *Live) Get(ctx context.Context, id string) (h *Hit, ok bool, err error) {
	err = l.with(func(x Index) error { h, ok, err = x.Get(ctx, id); return err })
	return h, ok, err
}

// Info answers from the open index.
func (l *Live) Info(ctx context.Context) (info Info, err error) {
	writes := l.writes.Load()
	err = l.with(func(x Index) error { info, err = x.Info(ctx); return err })
	l.remember(info, writes, err)
	return info, err
}

// remember keeps info, asked for when writes writes had been counted, for
// InfoNoWait; a failed Info is not kept.
func (l *Live) remember(info Info, writes uint64, err error) {
	if err == nil {
		l.last.Store(&liveInfo{info: info, writes: writes})
	}
}

// InfoNoWait answers like Info, but at once: with the Info last answered
// when nothing was written through the lent writer since (reopening the
// index changes nothing), else from the open index unless it is being
// swapped (Borrow and the writer's Close wait for running queries to end,
// then close and open the index), when it answers with the last Info even
// if stale. It fails with an error wrapping ErrClosed when there is no
// open index and no Info to answer with. A health check polls it: it
// costs nothing however busy the index is.
func (l *Live) InfoNoWait(ctx context.Context) (Info, error) {
	last := l.last.Load()
	if last != nil && last.writes == l.writes.Load() {
		return last.info, nil
	}
	if !l.mu.TryRLock() {
		if last != nil {
			return last.info, nil
		}
		return Info{}, fmt.Errorf("index: live: %w", ErrClosed)
	}
	defer l.mu.RUnlock()
	if l.idx == nil {
		return Info{}, fmt.Errorf("index: live: %w", ErrClosed)
	}
	writes := l.writes.Load()
	info, err := l.idx.Info(ctx)
	l.remember(info, writes, err)
	return info, err
}
