package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
)

// indexBatch is how many analyzed articles go to the index in one batch.
const indexBatch = 500

// pipeline wires the stages for commands that write: the store (source of
// truth), the analyzer and the index derived from both. It holds the data
// directory's lock from open to Close.
type pipeline struct {
	data    string
	lock    *corpus.DirLock
	store   *corpus.Store
	an      *analyzer.Analyzer
	version string
	idx     index.Index
	// lender, when not nil, lent idx: Close gives it back instead of
	// closing it.
	lender indexLender
	// follower, when not nil, is told about the store and what is put in it.
	follower storeFollower

	mu      sync.Mutex
	pending []index.Doc
}

// indexLender lends a pipeline an index that its owner keeps open, as the
// server does with the index it answers queries from while a crawl writes
// to it.
type indexLender interface {
	// borrow returns the index to write to, open for writing. The
	// pipeline calls it once the data directory is locked.
	borrow() (index.Index, error)
	// giveBack ends the loan; the pipeline calls it from Close after its
	// last write, instead of closing the index.
	giveBack() error
}

// storeFollower follows a pipeline's store so that it can read the articles
// the pipeline stores while it runs, as the server's article store does
// during a crawl.
type storeFollower interface {
	// follow is called with the store once it is open.
	follow(*corpus.Store)
	// stored is called with each article the store added or updated,
	// its derived fields filled in.
	stored(corpus.Article)
	// unfollow is called from Close before the store is closed, when it
	// no longer changes; its error is returned by Close.
	unfollow() error
}

// pipelineOption changes what openPipeline opens.
type pipelineOption func(*pipeline)

// withIndex makes the pipeline write to the index that l lends instead of
// opening (and closing) its own.
func withIndex(l indexLender) pipelineOption { return func(p *pipeline) { p.lender = l } }

// withStoreFollower tells f about the pipeline's store.
func withStoreFollower(f storeFollower) pipelineOption {
	return func(p *pipeline) { p.follower = f }
}

// openPipeline locks the data directory and opens the store, the analyzer
// (codebook "" = embedded default) and the index (or borrows it, see
// withIndex). It fails with an error wrapping corpus.ErrLocked when another
// process holds the data directory.
func openPipeline(data, codebook string, opts ...pipelineOption) (*pipeline, error) {
	lock, err := corpus.Lock(data)
	if err != nil {
		return nil, err
	}
	p := &pipeline{data: data, lock: lock}
	for _, opt := range opts {
		opt(p)
	}
	if p.store, err = corpus.Open(filepath.Join(data, "corpus")); err != nil {
		p.Close()
		return nil, err
	}
	if p.follower != nil {
		p.follower.follow(p.store)
	}
	if p.an, err = newCoder(codebook); err != nil {
		p.Close()
		return nil, err
	}
	p.version = p.an.Codebook().Version()
	if p.lender != nil {
		p.idx, err = p.lender.borrow()
	} else {
		p.idx, err = bleve.Open(indexDir(data))
	}
	if err != nil {
		p.idx = nil
		p.Close()
		return nil, err
	}
	return p, nil
}

func indexDir(data string) string { return filepath.Join(data, "index") }

// ingest stores a and, when it is new (or upgrades a feed-only copy),
// analyzes it and queues it for the index.
func (p *pipeline) ingest(ctx context.Context, a corpus.Article) (corpus.PutResult, error) {
	res, err := p.store.Put(a)
	if err != nil {
		return res, err
	}
	if res != corpus.Added && res != corpus.Updated {
		return res, nil
	}
	a.Fill()
	if p.follower != nil {
		p.follower.stored(a)
	}
	return res, p.queue(ctx, index.Doc{Article: a, Analysis: p.an.Analyze(a)})
}

func (p *pipeline) queue(ctx context.Context, d index.Doc) error {
	p.mu.Lock()
	p.pending = append(p.pending, d)
	full := len(p.pending) >= indexBatch
	p.mu.Unlock()
	if full {
		return p.flush(ctx)
	}
	return nil
}

// flush writes queued documents to the index.
func (p *pipeline) flush(ctx context.Context) error {
	p.mu.Lock()
	docs := p.pending
	p.pending = nil
	p.mu.Unlock()
	if len(docs) == 0 {
		return nil
	}
	if err := p.idx.Put(ctx, docs); err != nil {
		return fmt.Errorf("index %d articles: %w", len(docs), err)
	}
	return p.idx.SetCodebookVersion(ctx, p.version)
}

// catchUp analyzes and indexes every stored article the index lacks (all of
// them when all is true), with NumCPU analyzers in parallel, streaming the
// store so that memory does not grow with its size. progress, when not nil,
// is called after each article with the count done and the total.
func (p *pipeline) catchUp(ctx context.Context, all bool, progress func(done, total int)) (int, error) {
	var want map[string]bool // nil: every article
	total := p.store.Len()
	if !all {
		missing, err := p.idx.Missing(ctx, p.store.IDs())
		if err != nil {
			return 0, err
		}
		want = make(map[string]bool, len(missing))
		for _, id := range missing {
			want[id] = true
		}
		total = len(want)
	}
	if total == 0 {
		// Record the codebook even when nothing was new, so a fresh
		// index built with this codebook is not reported stale.
		return 0, p.idx.SetCodebookVersion(ctx, p.version)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan corpus.Article)
	docs := make(chan index.Doc)
	scanned := make(chan error, 1)
	go func() {
		defer close(jobs)
		scanned <- p.store.Scan(func(a corpus.Article) error {
			if want != nil && !want[a.ID] {
				return nil
			}
			select {
			case jobs <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				select {
				case docs <- index.Doc{Article: a, Analysis: p.an.Analyze(a)}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()
	done := 0
	var qerr error
	for d := range docs {
		if qerr = p.queue(ctx, d); qerr != nil {
			cancel()
			break
		}
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	for range docs {
		// Drain what the workers still send after a failure.
	}
	scanErr := <-scanned
	if qerr != nil {
		return done, qerr
	}
	if scanErr != nil && !errors.Is(scanErr, context.Canceled) {
		return done, scanErr
	}
	if err := p.flush(ctx); err != nil {
		return done, err
	}
	return done, ctx.Err()
}

// resetIndex deletes the index so that catchUp rebuilds it from the store.
func (p *pipeline) resetIndex() error {
	if p.lender != nil {
		return errors.New("reset index: the index is borrowed")
	}
	if err := p.idx.Close(); err != nil {
		return err
	}
	if err := os.RemoveAll(indexDir(p.data)); err != nil {
		return fmt.Errorf("remove index: %w", err)
	}
	var err error
	p.idx, err = bleve.Open(indexDir(p.data))
	return err
}

// Close flushes what is queued and closes every stage (gives a borrowed
// index back), releasing the lock. Closing again does nothing.
func (p *pipeline) Close() error {
	var errs []error
	if p.idx != nil {
		errs = append(errs, p.flush(context.Background()))
		if p.lender != nil {
			errs = append(errs, p.lender.giveBack())
		} else {
			errs = append(errs, p.idx.Close())
		}
		p.idx = nil
	}
	if p.store != nil {
		if p.follower != nil {
			errs = append(errs, p.follower.unfollow())
		}
		errs = append(errs, p.store.Close())
		p.store = nil
	}
	if p.lock != nil {
		errs = append(errs, p.lock.Unlock())
		p.lock = nil
	}
	return errors.Join(errs...)
}
