// Package pipeline is framescope's ingest: it stores articles in the corpus
// store (the source of truth), codes new ones with the analyzer and writes
// them to the index derived from both, holding the data directory's lock
// from Open to Close. The crawl, import and index commands write through
// it; a crawler writes through it as its Sink.
//
// It knows no index engine: it writes to whatever index.Writer its
// Config opens. Scheduler runs crawls inside a server, on a schedule and
// on demand.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// indexBatch is how many analyzed articles go to the index in one batch.
const indexBatch = 500

// Follower follows a pipeline's store so that it can read the articles the
// pipeline stores while it runs, as the server's store view does during a
// crawl (corpus.View).
type Follower interface {
	// Follow is called with the store once it is open.
	Follow(*corpus.Store)
	// Stored is called with each article the store added or updated, its
	// derived fields filled in.
	Stored(corpus.Article)
	// Unfollow is called from Close before the store is closed, when it no
	// longer changes; its error is returned by Close.
	Unfollow() error
}

// Config says what Open opens.
type Config struct {
	// Dir is the data directory, locked from Open to Close.
	Dir string
	// StoreDir is the folder of the article store (opened for appending).
	StoreDir string
	// Analyzer codes the stored articles; its codebook's version is
	// recorded in the index.
	Analyzer *analyzer.Analyzer
	// OpenIndex opens the index to write to; Open calls it once the data
	// directory is locked, and Close closes what it returned.
	OpenIndex func() (index.Writer, error)
	// Follower, when not nil, is told about the store and what is put in
	// it.
	Follower Follower
	// Limits are what an article must keep to to be stored (zero:
	// corpus.DefaultLimits).
	Limits corpus.Limits
}

// Pipeline wires the stages for commands that write: the store, the
// analyzer and the index. It is safe for concurrent use by the crawler's
// workers.
type Pipeline struct {
	lock     *corpus.DirLock
	store    *corpus.Store
	an       *analyzer.Analyzer
	version  string
	limits   corpus.Limits
	idx      index.Writer
	follower Follower

	mu      sync.Mutex
	pending []index.Doc
	// inflight counts Ingests between storing an article and queueing
	// it; safe is the store position below which every stored article
	// is queued or indexed (taken when inflight was 0), and written the
	// checkpoint last recorded in the index.
	inflight int
	safe     corpus.Pos
	safeSet  bool
	written  corpus.Pos
	// behind is the index's error once a write to it failed; from then
	// on articles are stored but not indexed, and unindexed counts them.
	behind    error
	unindexed int
}

// ErrIndexBehind is wrapped by the error of Close when the index failed
// during the run: every article was stored, some are not indexed, and the
// next CatchUp (every crawl and import begins with one) indexes them.
var ErrIndexBehind = errors.New("pipeline: the index is behind the store")

// Open locks the data directory and opens the store and the index. It
// fails with an error wrapping corpus.ErrLocked when another process holds
// the data directory.
func Open(cfg Config) (*Pipeline, error) {
	if cfg.Analyzer == nil || cfg.OpenIndex == nil {
		return nil, errors.New("pipeline: Analyzer and OpenIndex are required")
	}
	lock, err := corpus.Lock(cfg.Dir)
	if err != nil {
		return nil, err
	}
	p := &Pipeline{lock: lock, an: cfg.Analyzer, version: cfg.Analyzer.Codebook().Version(), follower: cfg.Follower, limits: cfg.Limits}
	if p.store, err = corpus.Open(cfg.StoreDir); err != nil {
		p.Close()
		return nil, err
	}
	if p.follower != nil {
		p.follower.Follow(p.store)
	}
	if p.idx, err = cfg.OpenIndex(); err != nil {
		p.idx = nil
		p.Close()
		return nil, err
	}
	return p, nil
}

// Store returns the pipeline's store, open for appending until Close.
func (p *Pipeline) Store() *corpus.Store { return p.store }

// Version returns the version of the codebook the pipeline codes with.
func (p *Pipeline) Version() string { return p.version }

// StaleLock returns the PID of a previous holder of the data directory's
// lock that died without unlocking (the lock was taken over), or 0.
func (p *Pipeline) StaleLock() int { return p.lock.Stale }

// Ingest checks a against the limits (an error wrapping
// corpus.ErrRejected), stores it and, when it is new (or upgrades a feed-only copy),
// analyzes it and queues it for the index. When writing to the index
// fails (a cluster down), Ingest goes on storing without indexing, and
// Close returns an error wrapping ErrIndexBehind.
func (p *Pipeline) Ingest(ctx context.Context, a corpus.Article) (corpus.PutResult, error) {
	if err := p.limits.Check(a, time.Now()); err != nil {
		return 0, err
	}
	p.mu.Lock()
	p.inflight++
	p.mu.Unlock()
	res, err := p.store.Put(a)
	if err != nil || (res != corpus.Added && res != corpus.Updated) {
		p.enqueue(nil)
		return res, err
	}
	a.Fill()
	if p.follower != nil {
		p.follower.Stored(a)
	}
	if p.isBehind() {
		p.enqueue(nil)
		return res, nil
	}
	d := index.Doc{Article: a, Analysis: p.an.Analyze(a)}
	if p.enqueue(&d) {
		return res, p.fallBehind(ctx, p.flush(ctx))
	}
	return res, nil
}

// isBehind reports whether a write to the index failed, and counts one
// more article stored without indexing if so.
func (p *Pipeline) isBehind() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.behind != nil {
		p.unindexed++
	}
	return p.behind != nil
}

// fallBehind records err, a failed write to the index, unless it is nil
// or the run was cancelled, and returns what Ingest returns: nil, as the
// articles are stored (the index's checkpoint stays where the last
// successful write left it, so the next CatchUp finds them).
func (p *Pipeline) fallBehind(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.behind == nil {
		p.behind = err
	}
	p.unindexed += len(p.pending) // queued since the batch that failed
	p.pending = nil
	return nil
}

// enqueue ends an Ingest, queueing d unless it is nil, and reports whether
// the queue is full. When no other Ingest is between storing and queueing,
// everything stored so far is queued or indexed: the store's end becomes
// the checkpoint the next flush records.
func (p *Pipeline) enqueue(d *index.Doc) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight--
	if d != nil {
		p.pending = append(p.pending, *d)
	}
	if p.inflight == 0 {
		p.safe, p.safeSet = p.store.End(), true
	}
	return len(p.pending) >= indexBatch
}

// Seen reports a stored article as seen unless its stored copy came from a
// feed only, so that a crawler tries its page again (crawler.Sink).
func (p *Pipeline) Seen(canonicalURL string) bool {
	id := corpus.IDFor(corpus.CanonicalURL(canonicalURL))
	return p.store.Has(id) && !p.store.IsFromFeed(id)
}

// Put ingests a and reports whether it was added or updated (crawler.Sink).
func (p *Pipeline) Put(ctx context.Context, a corpus.Article) (bool, error) {
	res, err := p.Ingest(ctx, a)
	return res == corpus.Added || res == corpus.Updated, err
}

func (p *Pipeline) queue(ctx context.Context, d index.Doc) error {
	p.mu.Lock()
	p.pending = append(p.pending, d)
	full := len(p.pending) >= indexBatch
	p.mu.Unlock()
	if full {
		return p.flush(ctx)
	}
	return nil
}

// flush writes queued documents to the index, then the checkpoint they
// bring the index to.
func (p *Pipeline) flush(ctx context.Context) error {
	p.mu.Lock()
	docs := p.pending
	p.pending = nil
	cp, cpSet := p.safe, p.safeSet
	p.mu.Unlock()
	if len(docs) > 0 {
		if err := p.idx.Put(ctx, docs); err != nil {
			p.mu.Lock()
			p.unindexed += len(docs)
			p.mu.Unlock()
			return fmt.Errorf("index %d articles: %w", len(docs), err)
		}
		if err := p.idx.SetCodebookVersion(ctx, p.version); err != nil {
			return err
		}
	}
	return p.checkpoint(ctx, cp, cpSet)
}

// checkpoint records cp in the index when it is set and moves the
// checkpoint on.
func (p *Pipeline) checkpoint(ctx context.Context, cp corpus.Pos, set bool) error {
	c, ok := p.idx.(index.Checkpointer)
	if !ok || !set {
		return nil
	}
	p.mu.Lock()
	moved := p.written.Before(cp)
	p.mu.Unlock()
	if !moved {
		return nil
	}
	if err := c.SetCheckpoint(ctx, cp.String()); err != nil {
		return err
	}
	p.mu.Lock()
	if p.written.Before(cp) {
		p.written = cp
	}
	p.mu.Unlock()
	return nil
}

// CatchUp analyzes and indexes every stored article the index lacks (all
// of them when all is true), with NumCPU analyzers in parallel, streaming
// the store so that memory does not grow with its size, and records in the
// index (when it is an index.Checkpointer) the store position it is then
// known to hold everything below. Without all, only the store after the
// checkpoint is read, so that catching up after an interruption costs what
// was stored since, not the whole store. It returns the number of articles
// indexed. progress, when not nil, is called after each article with the
// count done and the total. CatchUp must not run while articles are being
// ingested.
func (p *Pipeline) CatchUp(ctx context.Context, all bool, progress func(done, total int)) (int, error) {
	end := p.store.End()
	var want map[string]bool // nil: every article
	var from corpus.Pos
	total := p.store.Len()
	if !all {
		var err error
		if from, err = p.recordedCheckpoint(ctx); err != nil {
			return 0, err
		}
		missing, err := p.idx.Missing(ctx, p.store.IDsFrom(from))
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
		if err := p.idx.SetCodebookVersion(ctx, p.version); err != nil {
			return 0, err
		}
		return 0, p.checkpoint(ctx, end, true)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	docs, scanned := p.analyzeStored(ctx, from, want)
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
	if err := ctx.Err(); err != nil {
		return done, err
	}
	// Everything below end is queued now.
	p.mu.Lock()
	if p.inflight == 0 {
		p.safe, p.safeSet = end, true
	}
	p.mu.Unlock()
	return done, p.flush(ctx)
}

// recordedCheckpoint returns the checkpoint recorded in the index, the
// start of the store when there is none or it does not fit the store.
func (p *Pipeline) recordedCheckpoint(ctx context.Context) (corpus.Pos, error) {
	c, ok := p.idx.(index.Checkpointer)
	if !ok {
		return corpus.Pos{}, nil
	}
	s, err := c.Checkpoint(ctx)
	if err != nil || s == "" {
		return corpus.Pos{}, err
	}
	cp, err := corpus.ParsePos(s)
	if err != nil || !p.store.Contains(cp) {
		// A checkpoint of another store, or of one cut shorter: start over.
		return corpus.Pos{}, nil
	}
	p.mu.Lock()
	if p.written.Before(cp) {
		p.written = cp
	}
	p.mu.Unlock()
	return cp, nil
}

// analyzeStored streams the stored articles from from in want (every one when nil)
// through NumCPU analyzers until ctx is done. It returns the analyzed
// documents, closed when all are sent, and the store scan's error, sent
// once the scan ends.
func (p *Pipeline) analyzeStored(ctx context.Context, from corpus.Pos, want map[string]bool) (<-chan index.Doc, <-chan error) {
	jobs := make(chan corpus.Article)
	docs := make(chan index.Doc)
	scanned := make(chan error, 1)
	go func() {
		defer close(jobs)
		scanned <- p.store.ScanFrom(from, func(a corpus.Article) error {
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
	return docs, scanned
}

// Close flushes what is queued and closes the index and the store,
// releasing the lock. Closing again does nothing.
func (p *Pipeline) Close() error {
	var errs []error
	if p.idx != nil {
		p.mu.Lock()
		behind := p.behind != nil
		p.mu.Unlock()
		if !behind {
			errs = append(errs, p.fallBehind(context.Background(), p.flush(context.Background())))
		}
		errs = append(errs, p.idx.Close())
		p.idx = nil
		p.mu.Lock()
		if p.behind != nil {
			errs = append(errs, fmt.Errorf("%w: %d stored articles are not indexed: %w; the next crawl or import, or framescope index, indexes them",
				ErrIndexBehind, p.unindexed, p.behind))
		}
		p.mu.Unlock()
	}
	if p.store != nil {
		if p.follower != nil {
			errs = append(errs, p.follower.Unfollow())
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
