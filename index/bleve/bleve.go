package bleve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// batchSize is the largest number of documents Put sends to Bleve in one
// batch.
const batchSize = 500

// maxSegmentDocs caps the number of documents in a segment that Bleve's
// merger writes (see Open).
const maxSegmentDocs = 200000

// Internal keys: the codebook version (SetCodebookVersion) and the version
// of the document layout the index was created with.
var (
	codebookKey = []byte("framescope.codebook")
	layoutKey   = []byte("framescope.layout")
	// checkpointKey holds the store position up to which every article
	// is indexed (index.Checkpointer).
	checkpointKey = []byte("framescope.checkpoint")
)

// layoutVersion changes whenever the mapping or the fields Put writes
// change, so that an index written by another version is rebuilt rather
// than silently missing fields.
const layoutVersion = "6"

// sortKeyLayout formats publication times as fixed-width text that sorts
// in time order.
const sortKeyLayout = "20060102T150405.000000000"

// ErrLayout is returned by Open for an index written with another document
// layout by another version of framescope; rebuild it from the store.
var ErrLayout = errors.New("index: built by another version of framescope")

// Index is an index.Index kept in a Bleve scorch index on disk. It is safe for
// concurrent use.
type Index struct {
	mu  sync.RWMutex // held for writing by Close and fail only
	idx blevesearch.Index
	dir string
	// seg and opts are what the index was opened with, to reopen it
	// read-only after a failed write (see fail).
	seg  *analyzer.Segmenter
	opts options
	// failed is the first write that failed, nil while none did.
	failMu sync.Mutex
	failed error
	// persist is told when Bleve's persister fails (see failure.go).
	persist *persistWatch
	// path makes Trend take one way of counting wherever it can;
	// byTermsMin and topMin are the numbers of hits from which newest and
	// topScored take their fast ways. Tests change them to compare the
	// ways.
	path       trendPath
	byTermsMin int
	topMin     int
	// cache keeps recent answers (see CacheSize); nil keeps none.
	cache *resultCache
	// columns holds the segments' columns for trends (see columns.go).
	columns columnCache
	// impacts holds the impact lists of terms for relevance pages (see
	// topscore.go).
	impacts *impactCache
}

// trendPath is a way Trend counts: see Trend.
type trendPath int

const (
	pathAuto    trendPath = iota // the cheapest that answers the query
	pathVisit                    // visit every matching document
	pathColumns                  // bitmaps and columns, never count terms alone
)

var _ index.Index = (*Index)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	readOnly, recreate bool
	lockTimeout        time.Duration
	cache              int
}

// ReadOnly opens an existing index for searching only; several read-only
// processes may share it. Open fails with ErrNoIndex when there is none.
func ReadOnly() Option { return func(o *options) { o.readOnly = true } }

// Recreate deletes the index in dir, if any, and creates a new one, as a
// rebuild from the store does. It is ignored with ReadOnly.
func Recreate() Option { return func(o *options) { o.recreate = true } }

// CacheSize keeps the answers of up to n recent searches, trends and facet
// counts until the index changes (default 0: none). Cached answers are
// shared: callers must not modify what Search, Trend and Facets return.
func CacheSize(n int) Option { return func(o *options) { o.cache = n } }

// LockTimeout sets how long Open waits for another process that holds the
// index (default 5s) before it fails.
func LockTimeout(d time.Duration) Option { return func(o *options) { o.lockTimeout = d } }

// Open opens the index in dir, creating it (and dir) when absent unless
// ReadOnly is given; Recreate deletes an index there first. It fails when
// dir holds something that is not a Bleve scorch index, with an error
// wrapping index.ErrNoIndex when ReadOnly finds none, with ErrLayout when
// the index was written by an incompatible version, or when another
// process holds the index longer than the lock timeout.
//
// Chinese text is segmented with seg, at indexing and at query time. Its
// domain words (the codebook's, Codebook.DomainWords) must be the same both
// times: re-index after they change (the codebook version recorded with
// SetCodebookVersion tells when).
func Open(dir string, seg *analyzer.Segmenter, opts ...Option) (*Index, error) {
	o := options{lockTimeout: 5 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	if seg == nil {
		return nil, errors.New("index: open: no segmenter")
	}
	if err := register(); err != nil {
		return nil, err
	}
	if o.recreate && !o.readOnly {
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("index: remove %s: %w", dir, err)
		}
	}
	// The persister reports its errors to the writes waiting for it.
	persist := newPersistWatch()
	if !o.readOnly {
		persist = watchPersister(dir)
	}
	idx, err := openOrCreate(dir, seg, o)
	if err != nil {
		unwatchPersister(dir, persist)
		return nil, err
	}
	return &Index{idx: idx, dir: dir, seg: seg, opts: o, persist: persist, cache: newResultCache(o.cache), impacts: newImpactCache(), byTermsMin: defaultByTermsMin, topMin: defaultTopMin}, nil
}

// openOrCreate opens the Bleve index in dir, creating it when absent and
// allowed to.
func openOrCreate(dir string, seg *analyzer.Segmenter, o options) (blevesearch.Index, error) {
	var idx blevesearch.Index
	var err error
	if _, statErr := os.Stat(filepath.Join(dir, "index_meta.json")); statErr == nil {
		idx, err = withSegmenter(seg, func() (blevesearch.Index, error) { return openExisting(dir, o) })
	} else if o.readOnly {
		return nil, fmt.Errorf("%w at %s", index.ErrNoIndex, dir)
	} else {
		idx, err = withSegmenter(seg, func() (blevesearch.Index, error) { return create(dir, o) })
	}
	if err != nil {
		return nil, err
	}
	// Bitmaps, columns and impact lists read Scorch snapshots; an index
	// of another kind is refused here, once.
	if adv, err := idx.Advanced(); err != nil || !isScorch(adv) {
		idx.Close()
		return nil, fmt.Errorf("index: open %s: not a scorch index", dir)
	}
	return idx, nil
}

// config returns Bleve's configuration for opening or creating an index.
func config(o options) map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout": o.lockTimeout.String(),
		// Bleve merges segments up to 5 million documents by default; a
		// merge maps and reads all of its input segments, so indexing a
		// million articles reached 2.2 GiB resident. Segments stop growing
		// at maxSegmentDocs (merged segments hold fewer documents, those
		// of half as many are left alone), which bounds the memory and the
		// rewriting a merge does (1.4 GiB at a million articles); searches
		// visit more segments (about twenty at a million articles).
		"scorchMergePlanOptions": map[string]interface{}{
			"MaxSegmentSize": maxSegmentDocs,
		},
		// Errors of the background persister and merger (see failure.go).
		"asyncErrorCallbackName": asyncErrorCallback,
	}
}

// openExisting opens the index in dir and checks its layout version.
func openExisting(dir string, o options) (blevesearch.Index, error) {
	cfg := config(o)
	if o.readOnly {
		cfg["read_only"] = true
	} else {
		// Batches do not wait for persistence inside Bleve; Index.batch
		// waits (see failure.go).
		cfg["unsafe_batch"] = true
	}
	var idx blevesearch.Index
	err := guard(func() (err error) { idx, err = blevesearch.OpenUsing(dir, cfg); return err })
	if err != nil {
		return nil, fmt.Errorf("index: open %s (is another framescope process writing it?): %w", dir, err)
	}
	v, err := idx.GetInternal(layoutKey)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	if string(v) != layoutVersion {
		idx.Close()
		return nil, fmt.Errorf("%w (layout %q, want %q): rebuild %s", ErrLayout, v, layoutVersion, dir)
	}
	return idx, nil
}

// create creates a new index in dir: in a folder beside it, renamed to
// dir once it records its layout, so that a process killed while creating
// it leaves no index without a layout (which would have to be rebuilt).
func create(dir string, o options) (blevesearch.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	tmp := dir + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	var idx blevesearch.Index
	err = guard(func() (err error) {
		idx, err = blevesearch.NewUsing(tmp, m, scorch.Name, scorch.Name, config(o))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	err = guard(func() error { return idx.SetInternal(layoutKey, []byte(layoutVersion)) })
	if cerr := guard(idx.Close); err == nil {
		err = cerr
	}
	if err == nil {
		// An empty dir is replaced; one holding anything else is
		// not an index to remove.
		if err = os.Remove(dir); err == nil || errors.Is(err, os.ErrNotExist) {
			err = os.Rename(tmp, dir)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	return openExisting(dir, o)
}

// Close closes the index. Later calls return an error.
func (b *Index) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.idx == nil {
		if b.failure() != nil {
			return nil // closed by the failed write, which reported it
		}
		return errors.New("index: already closed")
	}
	err := guard(b.idx.Close)
	b.idx = nil
	unwatchPersister(b.dir, b.persist)
	if err != nil {
		return fmt.Errorf("index: close %s: %w", b.dir, err)
	}
	return nil
}

// reader returns the open Bleve index with the read lock held; the caller
// must call b.mu.RUnlock.
func (b *Index) reader() (blevesearch.Index, error) {
	b.mu.RLock()
	if b.idx == nil {
		b.mu.RUnlock()
		return nil, index.ErrClosed
	}
	return b.idx, nil
}

// Put indexes docs in batches, replacing documents with the same article
// ID; when docs holds an ID more than once, the last one is indexed. A doc
// without an article ID is an error and nothing is indexed. Put returns
// early with ctx's error when ctx is cancelled between batches; batches
// already written stay indexed.
//
// Up to putWorkers batches are indexed at once, so that one batch is
// analyzed while another's segment is built: Bleve builds a batch's
// segment on one core after analyzing its documents on all of them.
//
// When Bleve fails to write a batch (a full disk), Put returns its error
// (a panic inside Bleve becomes an error too); the batches written before
// stay indexed, queries go on with them, and every later write fails with
// an error wrapping ErrWriteFailed (see failure.go).
func (b *Index) Put(ctx context.Context, docs []index.Doc) error {
	for _, d := range docs {
		if d.Article.ID == "" {
			return fmt.Errorf("index: put: article %q has no ID", d.Article.URL)
		}
	}
	return b.write(func(idx blevesearch.Index) error { return b.put(ctx, idx, docs) })
}

// put indexes docs as Put describes, with b.mu held for reading.
func (b *Index) put(ctx context.Context, idx blevesearch.Index, docs []index.Doc) error {
	// Concurrent batches must not share IDs, or which version wins would
	// depend on timing.
	docs = lastByID(docs)
	// Batches of at most batchSize documents, but at least putWorkers of
	// them when each can have minBatchSize.
	parts := (len(docs) + batchSize - 1) / batchSize
	if parts < putWorkers {
		parts = max(1, min(putWorkers, len(docs)/minBatchSize))
	}
	size := (len(docs) + parts - 1) / max(parts, 1)
	workers := min(putWorkers, parts)
	if workers <= 1 {
		for start := 0; start < len(docs); start += size {
			if err := b.putBatch(ctx, idx, docs[start:min(start+size, len(docs))]); err != nil {
				return err
			}
		}
		return nil
	}
	next := make(chan []index.Doc)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for part := range next {
				if err := b.putBatch(ctx, idx, part); err != nil {
					errs <- err
					for range next { // let the sender finish
					}
					return
				}
			}
		}()
	}
	var failed []error
send:
	for start := 0; start < len(docs); start += size {
		select {
		case next <- docs[start:min(start+size, len(docs))]:
		case err := <-errs:
			failed = append(failed, err)
			break send
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		failed = append(failed, err)
	}
	return firstCause(failed)
}

// firstCause returns the first of errs that is not a panic, since a batch
// that fails to persist leaves Bleve in a state where a batch written at
// the same time panics; the first error when all are panics, nil when
// errs is empty.
func firstCause(errs []error) error {
	for _, err := range errs {
		if !isPanic(err) {
			return err
		}
	}
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// putWorkers is the number of batches Put indexes at once, and
// minBatchSize the smallest batch it splits docs into to have that many.
const (
	putWorkers   = 2
	minBatchSize = 100
)

// putBatch indexes docs as one Bleve batch.
func (b *Index) putBatch(ctx context.Context, idx blevesearch.Index, docs []index.Doc) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: put: %w", err)
	}
	// Whatever the batch did, answers cached before it may be stale.
	defer b.cache.invalidate()
	batch := idx.NewBatch()
	for _, d := range docs {
		if err := batch.Index(d.Article.ID, bleveDoc(d)); err != nil {
			return fmt.Errorf("index: put %s: %w", d.Article.ID, err)
		}
	}
	if err := b.batch(idx, batch); err != nil {
		return fmt.Errorf("index: put batch: %w", err)
	}
	return nil
}

// lastByID returns docs without the docs whose ID occurs again later,
// keeping the order of the rest; docs itself when all IDs differ.
func lastByID(docs []index.Doc) []index.Doc {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		last[d.Article.ID] = i
	}
	if len(last) == len(docs) {
		return docs
	}
	out := make([]index.Doc, 0, len(last))
	for i, d := range docs {
		if last[d.Article.ID] == i {
			out = append(out, d)
		}
	}
	return out
}

// bleveDoc returns the document Bleve indexes for d.
func bleveDoc(d index.Doc) map[string]interface{} {
	a := d.Article
	doc := map[string]interface{}{
		fTitle:   a.Title,
		fURL:     a.URL,
		fSource:  a.Source,
		fCountry: a.Country,
		fLang:    string(a.Lang),
	}
	if a.Lang == corpus.Chinese {
		doc[fTitleZH], doc[fBodyZH] = a.Title, a.Text
	} else {
		doc[fTitleEN], doc[fBodyEN] = a.Title, a.Text
	}
	if d.Analysis.Codebook != "" {
		doc[fCodebook] = d.Analysis.Codebook
	}
	actors := map[string]bool{}
	for _, id := range d.Analysis.Actors {
		actors[id] = true
	}
	frames := map[corpus.Frame]bool{}
	pairs := map[string]int{}
	for _, at := range d.Analysis.Frames {
		actors[at.Actor] = true
		frames[at.Frame] = true
		n := len(at.Evidence)
		if n == 0 {
			n = 1 // an attribution counts once even without evidence text
		}
		pairs[at.Actor+":"+string(at.Frame)] += n
	}
	mentioned := sortedSet(actors)
	doc[fActors] = joinList(mentioned)
	fs := make([]string, 0, len(frames))
	for f := range frames {
		fs = append(fs, string(f))
	}
	sort.Strings(fs)
	doc[fFrameSet] = joinList(fs)
	ps := make([]string, 0, len(pairs))
	for p := range pairs {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	doc[fPairs] = joinList(ps)
	if len(d.Analysis.Frames) > 0 {
		js, _ := json.Marshal(d.Analysis.Frames) // plain structs: cannot fail
		doc[fFrames] = string(js)
	}
	if !a.Published.IsZero() {
		doc[fPubStored] = a.Published.Format(time.RFC3339)
		doc[fSortKey] = a.Published.UTC().Format(sortKeyLayout)
		month := index.Month.Key(a.Published)
		doc[fMonth] = month
		doc[fCounts] = joinList(countTerms(month, a, pairs, mentioned))
	}
	doc[fDV] = joinList(dvTerms(a, pairs, mentioned))
	return doc
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Missing returns those of ids that are not indexed, in their order, so a
// caller can index only new articles. It reads one index snapshot for all
// of them.
func (b *Index) Missing(ctx context.Context, ids []string) ([]string, error) {
	return guarded(func() ([]string, error) { return b.missing(ctx, ids) })
}

func (b *Index) missing(ctx context.Context, ids []string) ([]string, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, err
	}
	defer b.mu.RUnlock()
	r, err := openReader(idx)
	if err != nil {
		return nil, fmt.Errorf("index: look up ids: %w", err)
	}
	defer r.Close()
	var out []string
	for i, id := range ids {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("index: look up ids: %w", err)
			}
		}
		iid, err := r.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("index: look up %s: %w", id, err)
		}
		if iid == nil {
			out = append(out, id)
		}
	}
	return out, nil
}

// Info returns the number of documents and the codebook versions.
func (b *Index) Info(ctx context.Context) (index.Info, error) {
	return guarded(func() (index.Info, error) { return b.info(ctx) })
}

func (b *Index) info(ctx context.Context) (index.Info, error) {
	idx, err := b.reader()
	if err != nil {
		return index.Info{}, err
	}
	defer b.mu.RUnlock()
	var info index.Info
	if info.Docs, err = idx.DocCount(); err != nil {
		return index.Info{}, fmt.Errorf("index: count: %w", err)
	}
	v, err := idx.GetInternal(codebookKey)
	if err != nil {
		return index.Info{}, fmt.Errorf("index: read codebook version: %w", err)
	}
	info.Codebook = string(v)
	// The documents' versions take a search each: they are kept in the
	// result cache until the index changes, so that a health check
	// polling Info costs a count.
	key, gen, cached := b.cache.lookup("info", struct{}{})
	if dcs, ok := cached.([]string); ok {
		info.DocCodebooks = dcs
		return info, nil
	}
	if info.DocCodebooks, err = docCodebooks(ctx, idx); err != nil {
		return index.Info{}, err
	}
	b.cache.store(key, gen, info.DocCodebooks)
	return info, nil
}

// docCodebooks returns the distinct codebook versions of the documents in
// idx, sorted.
func docCodebooks(ctx context.Context, idx blevesearch.Index) ([]string, error) {
	// The term dictionary may still list versions of replaced documents
	// until segments merge; a count per version tells which are live.
	versions, err := fieldTerms(idx, fCodebook)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range versions {
		tq := query.NewTermQuery(v)
		tq.SetField(fCodebook)
		req := blevesearch.NewSearchRequestOptions(tq, 0, 0, false)
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: count codebook %s: %w", v, err)
		}
		if res.Total > 0 {
			out = append(out, v)
		}
	}
	return out, nil
}

// SetCodebookVersion records v as the codebook version the index was built
// with; Info returns it.
func (b *Index) SetCodebookVersion(ctx context.Context, v string) error {
	return b.write(func(idx blevesearch.Index) error {
		if err := b.setInternal(idx, codebookKey, []byte(v)); err != nil {
			return fmt.Errorf("index: record codebook version: %w", err)
		}
		return nil
	})
}

// openReader opens a reader on the current snapshot of idx; the caller
// must close it.
func openReader(idx blevesearch.Index) (bleveindex.IndexReader, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open reader: %w", err)
	}
	return r, nil
}

// fieldTerms returns the terms of a keyword field that occur in at least
// one live document, sorted.
func fieldTerms(idx blevesearch.Index, field string) ([]string, error) {
	l, ok := inDV[field]
	if !ok {
		return dictTerms(idx.FieldDict(field))
	}
	p := dvPrefix(l)
	terms, err := dictTerms(idx.FieldDictPrefix(fDV, []byte(p)))
	for i, t := range terms {
		terms[i] = t[len(p):]
	}
	return terms, err
}

// dictTerms returns the terms of a field dictionary (opened with err)
// that occur in a document, in its order, and closes it.
func dictTerms(d bleveindex.FieldDict, err error) ([]string, error) {
	if err != nil {
		return nil, fmt.Errorf("index: terms: %w", err)
	}
	defer d.Close()
	var out []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("index: terms: %w", err)
		}
		if e == nil {
			return out, nil
		}
		if e.Count > 0 {
			out = append(out, e.Term)
		}
	}
}

// setInternal records an internal value and waits until it is persisted.
func (b *Index) setInternal(idx blevesearch.Index, key, val []byte) error {
	batch := idx.NewBatch()
	batch.SetInternal(key, val)
	return b.batch(idx, batch)
}
