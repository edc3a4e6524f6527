package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pipeline"
	"github.com/framescope/framescope/terms"
	"github.com/framescope/framescope/web"
)

// serveFlags are the flags of serve.
type serveFlags struct {
	addr, data, tokenFile, codebook, sources, events, logFormat, baseURL *string
	every, queryTimeout                                                  *time.Duration
	cacheSize, maxQueries                                                *int
	rate                                                                 *float64
	engine                                                               *engineFlags
}

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
	f := serveFlags{
		addr:         fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`; the default accepts local connections only"),
		data:         fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)"),
		tokenFile:    fs.String("token-file", "", "`FILE` holding the admin token (first line); without it admin actions are off"),
		every:        fs.Duration("crawl-every", 0, "crawl the sources every `DURATION` (at least 1m) inside the server; 0: never"),
		codebook:     fs.String("codebook", "", "codebook `FILE` (default: the embedded codebook); reloaded by /admin/reload-codebook"),
		sources:      fs.String("sources", "", "sources `FILE` for crawls (default <data>/sources.yaml)"),
		events:       fs.String("events", "", "CSV `FILE` of date,label[,actor] events marked on charts, besides the default ones"),
		baseURL:      fs.String("base-url", "", "the `URL` (http(s)://host[:port]) readers reach the server at, for the links of its Atom feeds (default http://ADDR)"),
		queryTimeout: fs.Duration("query-timeout", 10*time.Second, "cut a search or trend off after `DURATION`"),
		cacheSize:    fs.Int("cache", 256, "keep the answers of up to `N` recent searches, trends and facet counts until the index changes; 0: none"),
		maxQueries:   fs.Int("max-queries", 0, "answer up to `N` searches, trends, article pages and other requests that query the index at once; others wait their turn (0: twice the CPUs)"),
		rate:         fs.Float64("rate", 20, "allow `N` requests per second from each client IP address, in bursts of up to 3 seconds' worth; 0 disables the limit"),
		logFormat:    fs.String("log-format", "text", "log format on stderr: text or json"),
	}
	f.engine = addEngineFlags(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	if err := f.check(); err != nil {
		return err
	}
	token, err := readToken(*f.tokenFile)
	if err != nil {
		return err
	}
	return serve(ctx, e, f, token)
}

// check rejects flag values out of range.
func (f serveFlags) check() error {
	switch {
	case *f.cacheSize < 0:
		return usageError("--cache must not be negative")
	case *f.every < 0 || (*f.every > 0 && *f.every < time.Minute):
		return usageError("--crawl-every must be at least 1m")
	case *f.queryTimeout <= 0:
		return usageError("--query-timeout must be positive")
	case *f.rate < 0:
		return usageError("--rate must not be negative")
	case *f.maxQueries < 0:
		return usageError("--max-queries must not be negative")
	}
	return nil
}

// readToken reads the admin token from the first line of file; "" when
// file is "".
func readToken(file string) (string, error) {
	if file == "" {
		return "", nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", usageError("--token-file: %v", err)
	}
	token, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if token = strings.TrimSpace(token); len(token) < 16 {
		return "", usageError("--token-file: the token must be at least 16 characters")
	}
	return token, nil
}

// serve builds the server's pieces and serves until ctx is done.
func serve(ctx context.Context, e *env, f serveFlags, token string) error {
	logger, err := newLogger(e.stderr, *f.logFormat, false)
	if err != nil {
		return err
	}
	evs, err := reportEvents(*f.events, false)
	if err != nil {
		return err
	}
	dir := dataDir(e, *f.data)
	en := f.engine.engine(e)
	cb, err := newCodebookHolder(*f.codebook)
	if err != nil {
		return err
	}
	idx := index.NewLive(func(write bool) (index.Index, error) {
		ix, err := en.open(dir, cb.get(), openMode{readOnly: !write, cache: *f.cacheSize})
		if errors.Is(err, index.ErrNoIndex) {
			return nil, fmt.Errorf("no index at %s: run 'framescope crawl', 'framescope import' or 'framescope demo' first: %w", en.where(dir), err)
		}
		return ix, err
	})
	if err := idx.Open(); err != nil && !(errors.Is(err, index.ErrNoIndex) && *f.every > 0) {
		return err
	}
	defer idx.Close()
	store, err := corpus.OpenView(storeDir(dir))
	if err != nil {
		return err
	}
	defer store.Close()

	procs, slots := serveProcs(runtime.GOMAXPROCS(0), *f.maxQueries, e.getenv("GOMAXPROCS") != "")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))

	c := &serverCrawl{e: e, engine: en, dir: dir, codebook: *f.codebook, sources: *f.sources, logger: logger, idx: idx, store: store}
	sched := pipeline.NewScheduler(c.crawl)
	seg, err := segmenterFor(cb.get())
	if err != nil {
		return err
	}
	opts := web.Options{
		Index: idx, Store: store, Codebook: cb.get, Analyze: cb.analyze, Events: evs, Tokenizer: terms.NewTokenizer(seg),
		LastCrawl:    func() *crawler.Summary { return crawler.LastCrawl(crawlLogPath(dir)) },
		QueryTimeout: *f.queryTimeout, MaxQueries: slots, RatePerSecond: *f.rate, Burst: int(3 * *f.rate), Logger: logger,
	}
	opts.BaseURL = *f.baseURL
	if opts.BaseURL == "" {
		opts.BaseURL = "http://" + defaultHost(*f.addr)
	}
	if *f.rate == 0 {
		opts.RatePerSecond = -1
	}
	if token != "" {
		opts.Admin = web.Admin{Token: token, Crawl: sched.Start, ReloadCodebook: func(context.Context) error { return cb.reload() }}
	}
	srv, err := web.New(opts)
	if err != nil {
		return err
	}
	c.srv = srv
	if idx.Ready() {
		// Index what a killed crawl or import stored but did not index.
		if err := c.converge(ctx); err != nil {
			logger.Warn("could not bring the index level with the store", "err", err)
		}
	}

	ln, err := net.Listen("tcp", *f.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *f.addr, err)
	}
	logger.Info("serving", "url", "http://"+ln.Addr().String()+"/", "data", dir)
	// The crawl loop and the HTTP server stop with ctx (SIGINT/SIGTERM).
	var wg sync.WaitGroup
	if *f.every > 0 || token != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sched.Run(ctx, *f.every, !idx.Ready())
		}()
	}
	err = serveHTTP(ctx, newHTTPServer(srv, *f.queryTimeout), ln, logger)
	wg.Wait()
	return err
}

// serveHTTP serves hs on ln until ctx is done, then shuts it down
// gracefully.
func serveHTTP(ctx context.Context, hs *http.Server, ln net.Listener, logger *slog.Logger) error {
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	var err error
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
	cb, err := loadCodebook(h.path)
	if err != nil {
		return err
	}
	seg, err := segmenterFor(cb)
	if err != nil {
		return err
	}
	h.cur.Store(&codebookState{cb: cb, an: analyzer.New(cb, seg)})
	return nil
}

func (h *codebookHolder) get() *analyzer.Codebook { return h.cur.Load().cb }

func (h *codebookHolder) analyze(a corpus.Article) corpus.Analysis { return h.cur.Load().an.Analyze(a) }

// serverCrawl is a crawl inside the server (run by a pipeline.Scheduler):
// it writes to the server's own index and store, which go on answering.
type serverCrawl struct {
	e             *env
	engine        engine
	dir, codebook string
	sources       string
	logger        *slog.Logger
	idx           *index.Live
	store         *corpus.View
	srv           *web.Server
}

// crawl runs one crawl and records its outcome for /metrics.
func (c *serverCrawl) crawl(ctx context.Context) {
	before := crawler.LastCrawl(crawlLogPath(c.dir))
	err := c.run(ctx)
	newArticles := 0
	if sum := crawler.LastCrawl(crawlLogPath(c.dir)); sum != nil && (before == nil || sum.Started.After(before.Started)) {
		newArticles = sum.Total().New
	}
	if err != nil && ctx.Err() == nil {
		c.logger.Error("crawl failed", "err", err)
	}
	c.srv.RecordCrawl(newArticles, err)
}

// run runs one crawl: it locks the data directory, borrows the index open
// for writing and lets the store view follow its store, and gives both
// back when it ends. When another process holds the data directory, it
// fails without touching either.
func (c *serverCrawl) run(ctx context.Context) error {
	cfg, err := loadSources(c.dir, c.sources, c.logger)
	if err != nil {
		return err
	}
	state, err := crawler.OpenFileState(crawlStatePath(c.dir))
	if err != nil {
		return err
	}
	job := crawlJob{engine: c.engine, dir: c.dir, codebook: c.codebook, sources: cfg.Sources, logger: c.logger,
		opts: crawler.Options{Logger: c.logger, State: state, UserAgent: cfg.Defaults.UserAgent,
			Delay: cfg.Defaults.Delay, PerHost: cfg.Defaults.PerHost, Timeout: cfg.Defaults.Timeout},
		pipeline: []pipelineConfig{func(pc *pipeline.Config) {
			pc.OpenIndex, pc.Follower = c.idx.Borrow, c.store
		}}}
	return job.run(ctx, c.e)
}

// converge indexes the stored articles the index lacks, in the server's
// own index; another process holding the data directory (a crawl) will do
// it itself.
func (c *serverCrawl) converge(ctx context.Context) error {
	an, err := newCoder(c.codebook)
	if err != nil {
		return err
	}
	p, err := openPipeline(c.engine, c.dir, an, func(pc *pipeline.Config) { pc.OpenIndex, pc.Follower = c.idx.Borrow, c.store })
	if errors.Is(err, corpus.ErrLocked) {
		c.logger.Info("the data directory is locked; not catching the index up", "err", err)
		return nil
	}
	if err != nil {
		return err
	}
	defer p.Close()
	if err := converge(ctx, p, c.e.stderr, c.logger); err != nil {
		return err
	}
	return p.Close()
}

// defaultHost returns the host:port of a listen address for links, with
// an unspecified host (":8080", "0.0.0.0:8080") as localhost.
func defaultHost(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// serveProcs returns the GOMAXPROCS the server runs with and the requests
// that query the index it answers at once (Options.MaxQueries), given the
// CPUs the runtime uses (cpus), --max-queries (0: twice the CPUs) and
// whether $GOMAXPROCS is set, which is then kept as it is.
//
// The server runs with Ps to spare beyond its query slots (as many again
// as the CPUs twice over, at most four per CPU): when every CPU is busy
// with searches, a cheap request (/healthz, a static file) or the crawl
// finds a free P at once and the kernel shares the CPUs among the
// threads, instead of the request waiting in a run queue behind the
// searches' time slices. On 2 CPUs under the soak test (scripts/soak)
// this took the slowest /healthz from 70 ms to 28 ms at the same req/s.
func serveProcs(cpus, maxQueries int, envSet bool) (procs, slots int) {
	slots = maxQueries
	if slots == 0 {
		slots = web.MaxQueriesFor(cpus)
	}
	if envSet || slots < 0 {
		return cpus, slots
	}
	return max(cpus, min(slots+2*cpus, 4*cpus)), slots
}
