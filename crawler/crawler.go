package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/framescope/framescope/corpus"
)

// Sink is where the crawler puts articles: the corpus store, or anything
// that can answer for it. The crawler never calls a Sink's methods
// concurrently.
type Sink interface {
	// Seen reports whether an article with this canonical URL is stored;
	// the crawler does not fetch such pages again.
	Seen(canonicalURL string) bool
	// Put stores a; added is false when it was already there (same
	// canonical URL or same content). An error is a storage failure and
	// stops the crawl.
	Put(ctx context.Context, a corpus.Article) (added bool, err error)
}

// Upgrader is an optional interface of a Sink: a sink that can replace an
// article stored from feed content (Article.FromFeed) with the version
// extracted from its page reports such articles here, and the crawler
// fetches their pages again and Puts the full article when that works.
type Upgrader interface {
	// FromFeed reports whether the article stored under canonicalURL holds
	// feed content only.
	FromFeed(canonicalURL string) bool
}

// Outcome is what became of one crawled item.
type Outcome string

// Outcomes reported in Events and counted in Summaries.
const (
	Added     Outcome = "new"
	Duplicate Outcome = "duplicate"
	Failed    Outcome = "failed"
	Filtered  Outcome = "filtered" // no keyword of the source matched
	Upgraded  Outcome = "upgraded" // a feed-only article replaced by its page
	// OutOfWindow reports an article dated outside the crawl's since and
	// until, not stored.
	OutOfWindow Outcome = "out-of-window"
	// Listed reports a source's feed or listing page read: Event.Items
	// items follow. Progress displays add them to their total.
	Listed Outcome = "listed"
)

// Event reports one item handled, for progress displays.
type Event struct {
	Source  string
	URL     string
	Outcome Outcome
	// FromFeed is true when a new article was stored from feed content.
	FromFeed bool
	// Err is set for Failed items.
	Err error
	// Items is the number of items listed (Listed events only).
	Items int
}

// Crawler fetches sources politely and hands their articles to a Sink. A
// Crawler is safe for concurrent use; its robots.txt cache and per-host
// limits are shared by all its crawls.
type Crawler struct {
	opts   Options
	log    *slog.Logger
	tr     *transport
	client *http.Client
	now    func() time.Time
	// stories groups near-duplicates across the crawls of this Crawler.
	stories *Stories

	progressMu sync.Mutex

	pageOnce sync.Once
	pageHTTP *http.Client
}

// New returns a Crawler with opts (zero fields take the defaults).
func New(opts Options) *Crawler {
	opts = opts.withDefaults()
	var base http.RoundTripper
	var jar http.CookieJar
	if opts.Client != nil {
		base, jar = opts.Client.Transport, opts.Client.Jar
	}
	c := &Crawler{opts: opts, log: opts.Logger, now: opts.Now, stories: opts.Stories}
	if c.stories == nil {
		c.stories = NewStories()
	}
	c.tr = newTransport(base, opts)
	c.client = &http.Client{Transport: c.tr, Jar: jar, CheckRedirect: c.checkRedirect}
	return c
}

// checkRedirect stops after MaxRedirects redirects.
func (c *Crawler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w: %d redirects, last to %s", ErrTooManyRedirects, len(via), req.URL)
	}
	return nil
}

// Crawl fetches every source once and puts their new articles into sink:
// feed items (or listing-page links) that pass the source's keywords and
// are not yet Seen are fetched, extracted and Put; an item whose page
// cannot be fetched or has no text is stored from the feed's own content
// (FromFeed). A failing source never stops the others: its problems are
// counted in the Summary. Crawl returns a non-nil error only when the sink
// fails to store or the State to save (the crawl stops) or ctx is
// cancelled; it then stops
// between articles, having stored everything it had fetched, and the
// Summary covers what was done.
func (c *Crawler) Crawl(ctx context.Context, sources []corpus.Source, sink Sink) (Summary, error) {
	sum := Summary{Started: c.now().UTC(), Sources: make([]SourceSummary, len(sources))}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	run := &crawlRun{c: c, sink: &lockedSink{sink: sink}, cancel: cancel}

	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(c.opts.Parallel, max(1, len(sources))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				sum.Sources[i] = run.source(ctx, sources[i])
			}
		}()
	}
feed:
	for i := range sources {
		select {
		case jobs <- i:
		case <-ctx.Done():
			for j := i; j < len(sources); j++ {
				sum.Sources[j] = SourceSummary{Source: sources[j].Name}
			}
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	sum.Finished = c.now().UTC()
	if err := context.Cause(ctx); err != nil {
		if errors.Is(err, errStorage) {
			return sum, err
		}
		return sum, fmt.Errorf("crawl: %w", err)
	}
	return sum, nil
}

// errStorage marks a sink failure that stops a crawl.
var errStorage = errors.New("crawler: storage failed")

// errorsIsStorage reports whether err is a sink failure.
func errorsIsStorage(err error) bool { return errors.Is(err, errStorage) }

// crawlRun is the state of one Crawl call.
type crawlRun struct {
	c      *Crawler
	sink   *lockedSink
	cancel context.CancelCauseFunc
}

// event reports an item to the progress callback and the log.
func (r *crawlRun) event(ev Event) {
	switch ev.Outcome {
	case Failed:
		r.c.log.Warn("item failed", "source", ev.Source, "url", ev.URL, "err", ev.Err)
	default:
		r.c.log.Debug("item", "source", ev.Source, "url", ev.URL, "outcome", ev.Outcome, "from_feed", ev.FromFeed)
	}
	if r.c.opts.Progress != nil {
		r.c.progressMu.Lock()
		defer r.c.progressMu.Unlock()
		r.c.opts.Progress(ev)
	}
}

// lockedSink serializes calls to a Sink.
type lockedSink struct {
	mu   sync.Mutex
	sink Sink
}

func (s *lockedSink) Seen(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sink.Seen(u)
}

// fromFeed reports whether the sink holds only feed content for u.
func (s *lockedSink) fromFeed(u string) bool {
	up, ok := s.sink.(Upgrader)
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return up.FromFeed(u)
}

func (s *lockedSink) Put(ctx context.Context, a corpus.Article) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sink.Put(ctx, a)
}
