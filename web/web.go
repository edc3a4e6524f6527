// Package web serves framescope's index to people and programs: server
// rendered HTML pages (search, trend charts, articles, sources, codebook),
// an Atom feed per search and a JSON API with the same shapes as the
// command line's --format json. Templates, styles and the small script that
// enhances the pages are embedded; nothing is loaded from elsewhere.
//
// The package runs no query of its own: every page calls the index.Reader
// it is given, the way the search and trend commands do. It reads no
// configuration: the command builds an Options and passes it to New.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pairs"
	"github.com/framescope/framescope/terms"
)

// ErrUnavailable is wrapped by the errors of an index that is briefly out
// of service (a crawl is writing it), as index.ErrClosed is by those of an
// index.Live without an open index; pages answer 503 with Retry-After.
var ErrUnavailable = errors.New("web: index unavailable")

// Store is the article store as the web pages need it.
type Store interface {
	// Get returns the stored article with this ID and whether it exists.
	Get(id string) (corpus.Article, bool, error)
	// Copies returns the IDs of the articles of a story (near-duplicate
	// copies), the article itself included; nil when unknown.
	Copies(story string) []string
}

// Admin holds the actions only a holder of the token may trigger. A nil
// function disables its action.
type Admin struct {
	// Token must be sent as "Authorization: Bearer TOKEN"; empty disables
	// every admin action.
	Token string
	// Crawl starts a crawl now and returns without waiting for it; it
	// fails when one is running.
	Crawl func(ctx context.Context) error
	// ReloadCodebook reads the codebook file again.
	ReloadCodebook func(ctx context.Context) error
}

// Options configure a Server. Index, Store and Codebook are required.
type Options struct {
	Index index.Reader
	Store Store
	// Codebook returns the current codebook (it may change on reload).
	Codebook func() *analyzer.Codebook
	// Analyze codes an article that the index does not hold (yet); nil
	// leaves such an article's frames out.
	Analyze func(corpus.Article) corpus.Analysis
	// LastCrawl returns the newest crawl summary, nil when none.
	LastCrawl func() *crawler.Summary
	// Events are marked on trend charts.
	Events []corpus.Event
	// Tokenizer splits article text for the distinctive words (/terms,
	// /api/terms), which read TermsSample articles per side (default
	// DefaultTermsSample); nil disables them.
	Tokenizer   *terms.Tokenizer
	TermsSample int
	// Pairs are the comparable launches of /api/pairs; nil means
	// pairs.Default().
	Pairs []pairs.Pair
	Admin Admin
	// QueryTimeout cuts off the queries of one request: a search, a
	// trend, the distinctive words (default 10s).
	QueryTimeout time.Duration
	// MaxTrendCells bounds the cells (time buckets × split values ×
	// actors) of one trend a request asks for (default
	// DefaultMaxTrendCells); MaxAnswerBytes the bytes of a JSON, CSV or
	// HTML answer (default DefaultMaxAnswerBytes), MaxBodyBytes those of
	// a request's body (default DefaultMaxBodyBytes). See limits.go.
	MaxTrendCells  int
	MaxAnswerBytes int
	MaxBodyBytes   int
	// RatePerSecond and Burst set each client's token bucket (defaults
	// 20 and 60); a negative RatePerSecond disables the limit.
	RatePerSecond float64
	Burst         int
	// MaxQueries bounds the requests that query the index or the store
	// answered at once; others wait for one to end (default
	// DefaultMaxQueries(); negative: no bound). See admission.go.
	MaxQueries int
	// Logger receives server errors (default: discarded).
	Logger *slog.Logger
	// BaseURL is the absolute URL the server is reached at
	// (scheme://host[:port], no path), used for the links of Atom feeds
	// (default http://127.0.0.1:8080). The request's Host header is never
	// used: a client could make the feed link anywhere.
	BaseURL string
	// Now returns the current time (default time.Now); tests fix it.
	Now func() time.Time
}

// Server answers the pages and the API. It is an http.Handler.
type Server struct {
	opts    Options
	mux     *http.ServeMux
	handler http.Handler
	tmpl    *templates
	metrics *metrics
	limiter *limiter
	// slots holds a token per request admitted to query (admission.go);
	// nil when unbounded.
	slots chan struct{}

	mu      sync.Mutex
	crawls  crawlCounters
	started time.Time
}

// crawlCounters count the crawls the server ran or was told about.
type crawlCounters struct {
	runs, failed, articles int64
}

// New returns a server for opts, or an error when a required option is
// missing or the embedded templates do not parse.
func New(opts Options) (*Server, error) {
	if opts.Index == nil || opts.Store == nil || opts.Codebook == nil {
		return nil, errors.New("web: Index, Store and Codebook are required")
	}
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.MaxTrendCells <= 0 {
		opts.MaxTrendCells = DefaultMaxTrendCells
	}
	if opts.MaxAnswerBytes <= 0 {
		opts.MaxAnswerBytes = DefaultMaxAnswerBytes
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.RatePerSecond == 0 {
		opts.RatePerSecond = 20
	}
	if opts.Burst <= 0 {
		opts.Burst = 60
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if opts.BaseURL == "" {
		opts.BaseURL = "http://127.0.0.1:8080"
	}
	if u, err := url.Parse(opts.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" {
		return nil, fmt.Errorf("web: BaseURL %q: want http(s)://host[:port]", opts.BaseURL)
	}
	if opts.LastCrawl == nil {
		opts.LastCrawl = func() *crawler.Summary { return nil }
	}
	if opts.MaxQueries == 0 {
		opts.MaxQueries = DefaultMaxQueries()
	}
	t, err := parseTemplates(opts.MaxAnswerBytes)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, mux: http.NewServeMux(), tmpl: t, metrics: newMetrics(), started: opts.Now()}
	if opts.RatePerSecond > 0 {
		s.limiter = newLimiter(opts.RatePerSecond, opts.Burst, opts.Now)
	}
	if opts.MaxQueries > 0 {
		s.slots = make(chan struct{}, opts.MaxQueries)
	}
	s.routes()
	s.handler = s.secure(s.limit(s.limitBody(s.mux)))
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// RecordCrawl counts a finished crawl for /metrics: the new articles it
// stored and whether it failed.
func (s *Server) RecordCrawl(newArticles int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.crawls.runs++
	s.crawls.articles += int64(newArticles)
	if err != nil {
		s.crawls.failed++
	}
}

// routes registers every page and API route, each wrapped to count its
// requests and latencies under its pattern.
func (s *Server) routes() {
	handle := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		s.mux.Handle(pattern, s.metrics.wrap(pattern, s.errors(h)))
	}
	// Routes that query the index or the store wait for a query slot.
	query := func(pattern string, h func(http.ResponseWriter, *http.Request) error) { handle(pattern, s.admit(h)) }
	query("GET /{$}", s.searchPage)
	query("GET /search", s.searchPage)
	query("GET /trend", s.trendPage)
	query("GET /trend.svg", s.trendSVG)
	query("GET /terms", s.termsPage)
	query("GET /articles/{id}", s.articlePage)
	query("GET /sources", s.sourcesPage)
	handle("GET /codebook", s.codebookPage)
	handle("GET /codebook.yaml", s.codebookYAML)
	query("GET /feed", s.feed)
	query("GET /api/search", s.apiSearch)
	query("GET /api/trend", s.apiTrend)
	query("GET /api/terms", s.apiTerms)
	query("GET /api/pairs", s.apiPairs)
	query("GET /api/articles/{id}", s.apiArticle)
	query("GET /api/sources", s.apiSources)
	handle("GET /api/openapi.json", s.openAPI)
	handle("GET /healthz", s.healthz)
	handle("GET /metrics", s.metricsPage)
	handle("POST /admin/crawl", s.adminCrawl)
	handle("POST /admin/reload-codebook", s.adminReload)
	s.mux.Handle("GET /static/", s.metrics.wrap("GET /static/", staticHandler()))
	s.mux.Handle("/", s.metrics.wrap("other", s.errors(func(w http.ResponseWriter, r *http.Request) error {
		return &httpError{code: http.StatusNotFound, msg: fmt.Sprintf("no page at %s", r.URL.Path)}
	})))
}
