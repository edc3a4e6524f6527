package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Failed writes. When Bleve cannot persist a batch (the disk is full, the
// folder is gone), a batch that waits for persistence inside Bleve (its
// default) closes its new segment although the snapshot in memory still
// holds it: the next batch, the persister's retry or a search then panics
// deep inside the segment code (zapx's "assignment to entry in nil map"),
// partly in Bleve's own goroutines, where no caller can recover it.
//
// So an Index opened for writing runs Bleve's batches without that wait
// (scorch's unsafe_batch) and waits itself, on the batch's persisted
// callback or the first error Bleve's persister reports for the index
// (asyncErrorCallbackName), which leaves the segment alone. After the
// first failed write it closes its Bleve index, reopens what is on disk
// (the last persisted snapshot) read-only for queries, and fails every
// later write with the first error. The next process to open the index
// for writing finds the last persisted batch and its checkpoint, from
// which the pipeline catches up. Panics inside Bleve's calls are
// recovered at this boundary too and returned as errors.

// ErrWriteFailed is wrapped by the errors of writes to an Index after an
// earlier write failed; the error also wraps that earlier failure.
var ErrWriteFailed = errors.New("index: an earlier write failed; the index is read-only until it is opened again")

// asyncErrorCallback is the name under which Bleve's background persister
// and merger report errors to framescope (scorch's asyncErrorCallbackName).
const asyncErrorCallback = "framescope"

// persisters routes the errors Bleve's persister reports to the Index
// open for writing in the folder it names.
var persisters struct {
	mu    sync.Mutex
	byDir map[string]*persistWatch
}

// persistWatch is closed when the persister of one index fails.
type persistWatch struct {
	once   sync.Once
	failed chan struct{}
	err    error
}

func newPersistWatch() *persistWatch { return &persistWatch{failed: make(chan struct{})} }

// fail records err unless an error was recorded before, and wakes every
// write waiting for persistence.
func (w *persistWatch) fail(err error) {
	w.once.Do(func() {
		w.err = err
		close(w.failed)
	})
}

// registerAsyncErrors registers the callback behind persisters; it runs
// once, from register, before any index is opened.
func registerAsyncErrors() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		var se *scorch.ScorchError
		if errors.As(err, &se) && se.Source == "merger" {
			return // a failed merge leaves the segments it read in place
		}
		persisters.mu.Lock()
		w := persisters.byDir[path]
		persisters.mu.Unlock()
		if w != nil {
			w.fail(err)
		}
	}
}

// storePath is the folder of the Scorch index of the Bleve index in dir,
// as Bleve names it and its persister reports it.
func storePath(dir string) string { return dir + string(os.PathSeparator) + "store" }

// watchPersister returns the watch of the persister of the index in dir,
// open for writing, until unwatchPersister.
func watchPersister(dir string) *persistWatch {
	w := newPersistWatch()
	persisters.mu.Lock()
	defer persisters.mu.Unlock()
	if persisters.byDir == nil {
		persisters.byDir = map[string]*persistWatch{}
	}
	persisters.byDir[storePath(dir)] = w
	return w
}

func unwatchPersister(dir string, w *persistWatch) {
	persisters.mu.Lock()
	defer persisters.mu.Unlock()
	if persisters.byDir[storePath(dir)] == w {
		delete(persisters.byDir, storePath(dir))
	}
}

// batch runs batch on idx and waits until it is persisted, or until the
// persister of the index fails.
func (b *Index) batch(idx blevesearch.Index, batch *blevesearch.Batch) error {
	persisted := make(chan error, 1)
	batch.SetPersistedCallback(func(err error) { persisted <- err })
	if err := guard(func() error { return idx.Batch(batch) }); err != nil {
		return err
	}
	select {
	case err := <-persisted:
		return err
	case <-b.persist.failed:
		return b.persist.err
	}
}

// panicError is a panic inside Bleve turned into an error.
type panicError struct {
	value any
}

func (e *panicError) Error() string { return fmt.Sprintf("bleve panicked: %v", e.value) }

// guard runs f, a call into Bleve, and returns its error, or a panic in f
// as an error.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{value: r}
		}
	}()
	return f()
}

// guarded returns what f, a query of b, returns, with a panic inside Bleve
// turned into an error as guard does: a query can meet the broken state
// a failed write leaves in memory before fail replaces it.
func guarded[T any](f func() (T, error)) (v T, err error) {
	err = guard(func() (err error) { v, err = f(); return err })
	return v, err
}

// isPanic reports whether err is a panic inside Bleve turned into an error.
func isPanic(err error) bool {
	var p *panicError
	return errors.As(err, &p)
}

// isCancel reports whether err says that a context ended.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// write runs f, a write to the Bleve index, with the read lock held and
// guarded against panics. When f fails for another reason than ctx ending,
// the index is put in the failed state (see fail). After a failed write,
// write returns an error wrapping ErrWriteFailed and the first failure
// without calling f.
func (b *Index) write(f func(idx blevesearch.Index) error) error {
	if err := b.failure(); err != nil {
		return err
	}
	idx, err := b.reader()
	if err != nil {
		return err
	}
	err = guard(func() error { return f(idx) })
	b.mu.RUnlock()
	if err != nil && !isCancel(err) {
		b.fail(err)
	}
	return err
}

// failure returns the error later writes fail with, nil while no write
// failed.
func (b *Index) failure() error {
	b.failMu.Lock()
	defer b.failMu.Unlock()
	if b.failed == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrWriteFailed, b.failed)
}

// fail records err as the first failed write, and replaces the Bleve index,
// whose state in memory may be broken, with the one on disk opened
// read-only, so that queries go on with what was persisted. When reopening
// fails, queries fail with index.ErrClosed until Close.
func (b *Index) fail(err error) {
	b.failMu.Lock()
	first := b.failed == nil
	if first {
		b.failed = err
	}
	b.failMu.Unlock()
	if !first {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.idx == nil {
		return
	}
	_ = guard(b.idx.Close) // its error is the failure already recorded
	b.idx = nil
	unwatchPersister(b.dir, b.persist)
	b.cache.invalidate()
	b.columns.reset()
	b.impacts = newImpactCache()
	o := b.opts
	o.readOnly = true
	idx, oerr := withSegmenter(b.seg, func() (blevesearch.Index, error) { return openExisting(b.dir, o) })
	if oerr == nil {
		b.idx = idx
	}
}
