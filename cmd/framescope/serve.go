package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/cmd/framescope/web"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[--addr HOST:PORT] [--data DIR] [--token-file FILE] [--crawl-every DURATION]", `
Serves the index to a browser and to programs: search with filters, facet
counts and evidence sentences; trend charts of the catching-up share with
Wilson intervals and event markers, two queries or actors side by side;
each article with its evidence highlighted; the sources' last crawl; the
codebook. Exports as CSV and JSON, an Atom feed for any search (/feed?q=...),
a JSON API (/api/search, /api/trend, /api/articles/ID, /api/sources; see
/api/openapi.json), /healthz and /metrics.

Read-only for visitors. With --token-file, POST /admin/crawl and POST
/admin/reload-codebook run with "Authorization: Bearer TOKEN". With
--crawl-every the crawler runs in the server; pages and the API keep
answering while it runs and show the new articles once they are indexed (in
batches, all of them when the crawl ends). A crawl in the server holds the
data directory's lock like 'framescope crawl' does: when another process
holds it, the server's crawl fails (see /metrics) and the pages go on.
SIGINT/SIGTERM stop the server gracefully.`)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`; the default accepts local connections only")
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	tokenFile := fs.String("token-file", "", "`FILE` holding the admin token (first line); without it admin actions are off")
	every := fs.Duration("crawl-every", 0, "crawl the sources every `DURATION` (at least 1m) inside the server; 0: never")
	codebook := fs.String("codebook", "", "codebook `FILE` (default: the embedded codebook); reloaded by /admin/reload-codebook")
	sourcesFile := fs.String("sources", "", "sources `FILE` for crawls (default <data>/sources.yaml)")
	events := fs.String("events", "", "CSV `FILE` of date,label[,actor] events marked on charts, besides the default ones")
	queryTimeout := fs.Duration("query-timeout", 10*time.Second, "cut a search or trend off after `DURATION`")
	cacheSize := fs.Int("cache", 256, "keep the answers of up to `N` recent searches, trends and facet counts until the index changes; 0: none")
	rate := fs.Float64("rate", 20, "allow `N` requests per second from each client IP address, in bursts of up to 3 seconds' worth; 0 disables the limit")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	if *cacheSize < 0 {
		return usageError("--cache must not be negative")
	}
	if *every < 0 || (*every > 0 && *every < time.Minute) {
		return usageError("--crawl-every must be at least 1m")
	}
	if *queryTimeout <= 0 {
		return usageError("--query-timeout must be positive")
	}
	if *rate < 0 {
		return usageError("--rate must not be negative")
	}
	logger, err := newLogger(e.stderr, *logFormat, false)
	if err != nil {
		return err
	}
	token := ""
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return usageError("--token-file: %v", err)
		}
		token, _, _ = strings.Cut(strings.TrimSpace(string(b)), "\n")
		if token = strings.TrimSpace(token); len(token) < 16 {
			return usageError("--token-file: the token must be at least 16 characters")
		}
	}
	evs, err := reportEvents(*events, false)
	if err != nil {
		return err
	}
	dir := dataDir(e, *data)

	cb, err := newCodebookHolder(*codebook)
	if err != nil {
		return err
	}
	idx := &liveIndex{dir: indexDir(dir), cacheSize: *cacheSize}
	if err := idx.open(); err != nil && !(errors.Is(err, index.ErrNoIndex) && *every > 0) {
		return err
	}
	defer idx.Close()
	store, err := openStoreReader(filepath.Join(dir, "corpus"))
	if err != nil {
		return err
	}
	defer store.Close()

	c := &crawlRunner{e: e, dir: dir, codebook: *codebook, sources: *sourcesFile, logger: logger,
		idx: idx, store: store, trigger: make(chan struct{}, 1)}
	opts := web.Options{
		Index: idx, Store: store, Codebook: cb.get, Analyze: cb.analyze,
		LastCrawl:    func() *crawler.Summary { return lastCrawl(dir) },
		QueryTimeout: *queryTimeout, RatePerSecond: *rate, Burst: int(3 * *rate), Logger: logger,
	}
	if *rate == 0 {
		opts.RatePerSecond = -1
	}
	for _, ev := range evs {
		opts.Events = append(opts.Events, web.Event{Date: ev.Date, Label: ev.Label})
	}
	if token != "" {
		opts.Admin = web.Admin{Token: token, Crawl: c.start, ReloadCodebook: func(context.Context) error { return cb.reload() }}
	}
	srv, err := web.New(opts)
	if err != nil {
		return err
	}
	c.srv = srv

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	hs := newHTTPServer(srv, *queryTimeout)
	logger.Info("serving", "url", "http://"+ln.Addr().String()+"/", "data", dir)

	// The crawl loop and the HTTP server stop with ctx (SIGINT/SIGTERM).
	var wg sync.WaitGroup
	if *every > 0 || token != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.loop(ctx, *every, !idx.ready())
		}()
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case err = <-serveErr:
	case <-ctx.Done():
		logger.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = hs.Shutdown(sctx)
		cancel()
		if serr := <-serveErr; !errors.Is(serr, http.ErrServerClosed) && err == nil {
			err = serr
		}
	}
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// newHTTPServer returns the HTTP server for h with timeouts that let a
// query use its whole timeout and cut slow clients off.
func newHTTPServer(h http.Handler, queryTimeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      queryTimeout + 20*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// liveIndex is the server's index. Between crawls it is open read-only, so
// that other processes may read it too. A crawl in the server borrows it
// (see indexLender): for the crawl's duration the read-only handle is
// swapped for a read-write one, which the crawl writes to while queries go
// on through the same handle and see each batch once it is written; then
// it is swapped back. Queries that arrive during a swap wait for it. While
// there is no index (none yet, or reopening it failed) every method fails
// with web.ErrUnavailable.
type liveIndex struct {
	dir       string
	cacheSize int // answers each handle keeps (bleve.CacheSize)

	mu      sync.RWMutex
	idx     *bleve.Index
	writing bool // idx is open read-write, lent to a crawl
}

var (
	_ index.Index = (*liveIndex)(nil)
	_ indexLender = (*liveIndex)(nil)
)

// open opens the index read-only. It fails with an error wrapping
// index.ErrNoIndex when there is none.
func (l *liveIndex) open() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.openReadOnly()
}

// openReadOnly opens the index read-only; l.mu must be held for writing
// and l.idx be nil.
func (l *liveIndex) openReadOnly() error {
	idx, err := bleve.Open(l.dir, bleve.ReadOnly(), bleve.CacheSize(l.cacheSize))
	if err != nil {
		if errors.Is(err, index.ErrNoIndex) {
			return fmt.Errorf("no index at %s: run 'framescope crawl', 'framescope import' or 'framescope demo' first: %w", l.dir, err)
		}
		return err
	}
	l.idx = idx
	return nil
}

// borrow swaps the read-only handle for a read-write one, creating the
// index when there is none, and returns it for a crawl to write to. The
// caller must hold the data directory's lock, and call giveBack when done.
// When the index cannot be opened for writing, the read-only handle is
// reopened (queries go on) and the error returned.
func (l *liveIndex) borrow() (index.Index, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.writing {
		return nil, errors.New("serve: the index is already lent to a crawl")
	}
	var errs []error
	if err := l.closeHandle(); err != nil {
		errs = append(errs, fmt.Errorf("close the read-only index: %w", err))
	}
	idx, err := bleve.Open(l.dir, bleve.CacheSize(l.cacheSize))
	if err != nil {
		errs = append(errs, fmt.Errorf("open the index for writing: %w", err))
		if rerr := l.openReadOnly(); rerr != nil && !errors.Is(rerr, index.ErrNoIndex) {
			errs = append(errs, fmt.Errorf("reopen the index read-only: %w", rerr))
		}
		return nil, errors.Join(errs...)
	}
	l.idx, l.writing = idx, true
	return idx, nil
}

// giveBack closes the read-write handle that borrow returned and reopens
// the index read-only. When reopening fails, queries fail with
// web.ErrUnavailable until the next crawl.
func (l *liveIndex) giveBack() error {
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

// ready reports whether the index is open.
func (l *liveIndex) ready() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.idx != nil
}

// Close closes the index; queries fail with web.ErrUnavailable until
// open is called again. Running queries finish first.
func (l *liveIndex) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writing = false
	return l.closeHandle()
}

// closeHandle closes the open handle, if any, and forgets it (Bleve
// forgets it even when closing fails); l.mu must be held for writing.
func (l *liveIndex) closeHandle() error {
	if l.idx == nil {
		return nil
	}
	err := l.idx.Close()
	l.idx = nil
	return err
}

// with runs f on the open index.
func (l *liveIndex) with(f func(*bleve.Index) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.idx == nil {
		return fmt.Errorf("serve: %w", web.ErrUnavailable)
	}
	return f(l.idx)
}

// errServeReadOnly is returned by the writing methods of liveIndex: a
// crawl writes to the handle it borrowed, not through liveIndex.
var errServeReadOnly = errors.New("serve: the server's index is read-only")

func (l *liveIndex) Put(context.Context, []index.Doc) error { return errServeReadOnly }

func (l *liveIndex) SetCodebookVersion(context.Context, string) error { return errServeReadOnly }

func (l *liveIndex) Missing(ctx context.Context, ids []string) (missing []string, err error) {
	err = l.with(func(b *bleve.Index) error { missing, err = b.Missing(ctx, ids); return err })
	return missing, err
}

func (l *liveIndex) Get(ctx context.Context, id string) (h *index.Hit, ok bool, err error) {
	err = l.with(func(b *bleve.Index) error { h, ok, err = b.Get(ctx, id); return err })
	return h, ok, err
}

func (l *liveIndex) Search(ctx context.Context, q index.Query) (res *index.SearchResult, err error) {
	err = l.with(func(b *bleve.Index) error { res, err = b.Search(ctx, q); return err })
	return res, err
}

func (l *liveIndex) Trend(ctx context.Context, q index.TrendQuery) (res *index.TrendResult, err error) {
	err = l.with(func(b *bleve.Index) error { res, err = b.Trend(ctx, q); return err })
	return res, err
}

func (l *liveIndex) Facets(ctx context.Context, q index.Query) (res *index.Facets, err error) {
	err = l.with(func(b *bleve.Index) error { res, err = b.Facets(ctx, q); return err })
	return res, err
}

func (l *liveIndex) Info(ctx context.Context) (info index.Info, err error) {
	err = l.with(func(b *bleve.Index) error { info, err = b.Info(ctx); return err })
	return info, err
}

// storeReader is the article store opened read-only with a map of the
// copies of each story. During a crawl in the server it follows the crawl's
// store (see storeFollower), so that the articles the crawl indexes can be
// read at once, and reopens the store when the crawl is done.
type storeReader struct {
	dir string

	mu      sync.RWMutex
	store   *corpus.Store // opened read-only; nil when there is none
	live    *corpus.Store // a crawl's store while it runs, read instead of store
	stories map[string][]string
}

var (
	_ web.Store     = (*storeReader)(nil)
	_ storeFollower = (*storeReader)(nil)
)

// openStoreReader opens the store in dir and reads its stories. A missing
// store is an empty one.
func openStoreReader(dir string) (*storeReader, error) {
	s := &storeReader{dir: dir}
	return s, s.reopen()
}

// reopen reads the store again.
func (s *storeReader) reopen() error {
	st, err := corpus.OpenReadOnly(s.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	stories := map[string][]string{}
	err = st.Scan(func(a corpus.Article) error {
		if a.Story != "" {
			stories[a.Story] = append(stories[a.Story], a.ID)
		}
		return nil
	})
	if err != nil {
		st.Close()
		return err
	}
	s.mu.Lock()
	old := s.store
	s.store, s.stories = st, stories
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// follow reads articles from a crawl's store st (open for appending in
// this process, so it knows every article as soon as it is stored) until
// unfollow.
func (s *storeReader) follow(st *corpus.Store) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live = st
}

// stored adds an article a crawl stored to its story's copies.
func (s *storeReader) stored(a corpus.Article) {
	if a.Story == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.stories[a.Story] {
		if id == a.ID {
			return
		}
	}
	if s.stories == nil {
		s.stories = map[string][]string{}
	}
	s.stories[a.Story] = append(s.stories[a.Story], a.ID)
}

// unfollow reopens the store read-only, reading the crawl's store until
// that is done, then stops reading it.
func (s *storeReader) unfollow() error {
	err := s.reopen()
	s.mu.Lock()
	s.live = nil
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("reopen the store: %w", err)
	}
	return nil
}

// Get returns a stored article.
func (s *storeReader) Get(id string) (corpus.Article, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.live
	if st == nil {
		st = s.store
	}
	if st == nil {
		return corpus.Article{}, false, nil
	}
	return st.Get(id)
}

// Copies returns the IDs of a story's articles.
func (s *storeReader) Copies(story string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.stories[story]
}

// Close closes the store.
func (s *storeReader) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store == nil {
		return nil
	}
	err := s.store.Close()
	s.store = nil
	return err
}

// codebookHolder keeps the current codebook and an analyzer built from
// it; reload reads the file again.
type codebookHolder struct {
	path string
	cur  atomic.Pointer[codebookState]
}

type codebookState struct {
	cb *analyzer.Codebook
	an *analyzer.Analyzer
}

func newCodebookHolder(path string) (*codebookHolder, error) {
	h := &codebookHolder{path: path}
	return h, h.reload()
}

// reload reads the codebook and adds its words to the segmenter, so that
// queries segment as the text was indexed.
func (h *codebookHolder) reload() error {
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		return err
	}
	cb, err := loadCodebook(h.path)
	if err != nil {
		return err
	}
	h.cur.Store(&codebookState{cb: cb, an: analyzer.New(cb, seg)})
	return nil
}

func (h *codebookHolder) get() *analyzer.Codebook { return h.cur.Load().cb }

func (h *codebookHolder) analyze(a corpus.Article) corpus.Analysis { return h.cur.Load().an.Analyze(a) }

// crawlRunner runs crawls inside the server: on a schedule and when an
// admin asks. One crawl runs at a time.
type crawlRunner struct {
	e             *env
	dir, codebook string
	sources       string
	logger        *slog.Logger
	idx           *liveIndex
	store         *storeReader
	srv           *web.Server
	trigger       chan struct{}
	running       atomic.Bool
}

// start asks the loop for a crawl now; it fails when one is running or
// already asked for.
func (c *crawlRunner) start(context.Context) error {
	if c.running.Load() {
		return errors.New("a crawl is running")
	}
	select {
	case c.trigger <- struct{}{}:
		return nil
	default:
		return errors.New("a crawl is already queued")
	}
}

// loop crawls every interval (never when 0) and when triggered, until ctx
// is done; now crawls at once.
func (c *crawlRunner) loop(ctx context.Context, every time.Duration, now bool) {
	var tick <-chan time.Time
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	if now {
		c.crawl(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-c.trigger:
		}
		c.crawl(ctx)
	}
}

// crawl runs one crawl and records its outcome for /metrics.
func (c *crawlRunner) crawl(ctx context.Context) {
	c.running.Store(true)
	defer c.running.Store(false)
	before := lastCrawl(c.dir)
	err := c.crawlShared(ctx)
	newArticles := 0
	if sum := lastCrawl(c.dir); sum != nil && (before == nil || sum.Started.After(before.Started)) {
		newArticles = sum.Total().New
	}
	if err != nil && ctx.Err() == nil {
		c.logger.Error("crawl failed", "err", err)
	}
	c.srv.RecordCrawl(newArticles, err)
}

// crawlShared runs one crawl that writes to the server's own index and
// store, which go on answering queries: the crawl locks the data directory,
// borrows the index open for writing and lets the store reader follow its
// store, and gives both back when it ends. When another process holds the
// data directory, it fails without touching either.
func (c *crawlRunner) crawlShared(ctx context.Context) error {
	cfg, err := loadSources(c.dir, c.sources, c.logger)
	if err != nil {
		return err
	}
	state, err := crawler.OpenFileState(filepath.Join(c.dir, "crawl-state.json"))
	if err != nil {
		return err
	}
	opts := crawler.Options{Logger: c.logger, State: state, UserAgent: cfg.Defaults.UserAgent,
		Delay: cfg.Defaults.Delay, PerHost: cfg.Defaults.PerHost, Timeout: cfg.Defaults.Timeout}
	return crawlOnce(ctx, c.e, c.dir, c.codebook, cfg.Sources, opts, false, c.logger,
		withIndex(c.idx), withStoreFollower(c.store))
}
