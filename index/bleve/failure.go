package bleve

import (
	"context"
	"errors"
	"fmt"
	"sync"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Failed writes. When Bleve cannot persist a batch (the disk is full, the
// folder is gone) Batch returns the error, but the snapshot it leaves in
// memory can refer to segments already closed: the next batch, or a
// search, then panics deep inside the segment code (zapx's "assignment to
// entry in nil map" on a full disk). The index's files stay as the last
// persisted snapshot left them. So after the first failed write an Index
// closes its Bleve index, reopens what is on disk read-only for queries,
// and fails every later write with the first error; the next process to
// open the index for writing finds the last persisted batch and its
// checkpoint, from which the pipeline catches up.

// ErrWriteFailed is wrapped by the errors of writes to an Index after an
// earlier write failed; the error also wraps that earlier failure.
var ErrWriteFailed = errors.New("index: an earlier write failed; the index is read-only until it is opened again")

// asyncErrorCallback is the name under which Bleve's background persister
// and merger report errors to framescope (scorch's asyncErrorCallbackName).
const asyncErrorCallback = "framescope"

// asyncErrs keeps the last error Bleve's background work reported per
// index folder, so that a panic in a write can name what went wrong first.
var asyncErrs struct {
	mu   sync.Mutex
	last map[string]error
}

// registerAsyncErrors registers the callback behind asyncErrs; it runs
// once, from register, before any index is opened.
func registerAsyncErrors() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		asyncErrs.mu.Lock()
		defer asyncErrs.mu.Unlock()
		if asyncErrs.last == nil {
			asyncErrs.last = map[string]error{}
		}
		asyncErrs.last[path] = err
	}
}

// takeAsyncError returns and forgets the last error Bleve's background
// work reported for the index in dir, nil when none.
func takeAsyncError(dir string) error {
	asyncErrs.mu.Lock()
	defer asyncErrs.mu.Unlock()
	err := asyncErrs.last[dir]
	delete(asyncErrs.last, dir)
	return err
}

// panicError is a panic inside Bleve turned into an error.
type panicError struct {
	value any
	cause error // what Bleve reported before it panicked, or nil
}

func (e *panicError) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%v (bleve panicked: %v)", e.cause, e.value)
	}
	return fmt.Sprintf("bleve panicked: %v", e.value)
}

func (e *panicError) Unwrap() error { return e.cause }

// guard runs f, a call into Bleve on the index in dir, and returns its
// error; a panic in f is returned as an error wrapping the last error
// Bleve's background work reported for that index, when it reported one.
func guard(dir string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{value: r, cause: takeAsyncError(dir)}
		}
	}()
	return f()
}

// guarded returns what f, a query of b, returns, with a panic inside Bleve
// turned into an error as guard does: a query can meet the broken state
// a failed write leaves in memory before fail replaces it.
func guarded[T any](b *Index, f func() (T, error)) (v T, err error) {
	err = guard(b.dir, func() (err error) { v, err = f(); return err })
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
	err = guard(b.dir, func() error { return f(idx) })
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
	_ = guard(b.dir, b.idx.Close) // its error is the failure already recorded
	b.idx = nil
	b.cache.invalidate()
	b.columns.reset()
	b.impacts = newImpactCache()
	o := b.opts
	o.readOnly = true
	idx, oerr := withSegmenter(b.seg, func() (blevesearch.Index, error) { return openExisting(b.dir, o) })
	if oerr == nil {
		b.idx = idx
	}
	takeAsyncError(b.dir) // reported with the failure, or of the closed index
}
