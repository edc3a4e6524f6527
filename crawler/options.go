package crawler

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/framescope/framescope/corpus"
)

// Defaults used for zero Options fields.
const (
	DefaultUserAgent    = "framescope/0.1 (+https://github.com/framescope/framescope)"
	DefaultDelay        = time.Second
	DefaultPerHost      = 2
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBody      = 10 << 20
	DefaultMaxRedirects = 10
	DefaultRetries      = 3
	DefaultBackoff      = time.Second
	DefaultMaxWait      = 2 * time.Minute
	DefaultParallel     = 4
)

// Options configure a Crawler. Zero fields take the defaults above; a
// source's own politeness settings (delay, per_host, timeout, user_agent)
// override Delay, PerHost, Timeout and UserAgent for its requests.
type Options struct {
	// UserAgent is sent with every request and matched against robots.txt;
	// it should name the program and a contact URL.
	UserAgent string
	// Delay is the pause between the starts of two requests to one host.
	Delay time.Duration
	// PerHost is the number of requests in flight to one host. The limit
	// of a host is fixed by the first request made to it (sources sharing
	// a host share its limit).
	PerHost int
	// Timeout bounds one request attempt, headers and body.
	Timeout time.Duration
	// MaxBody is the largest response body read, in bytes; a larger one
	// fails with ErrTooLarge.
	MaxBody int64
	// MaxRedirects is the number of redirects followed before
	// ErrTooManyRedirects.
	MaxRedirects int
	// Retries is how often a request answered with 429 or 5xx, or failing
	// to connect, is tried again. Negative means never.
	Retries int
	// Backoff is the first wait before a retry when the server sends no
	// Retry-After; it doubles with each retry.
	Backoff time.Duration
	// MaxWait caps one wait before a retry; a Retry-After beyond it gives up.
	MaxWait time.Duration
	// Parallel is the number of sources crawled at once.
	Parallel int
	// Logger receives structured logs; nil discards them.
	Logger *slog.Logger
	// State keeps feed validators (ETag, Last-Modified) between runs for
	// conditional GET; nil keeps them for the life of the Crawler only.
	State State
	// Client is the HTTP client to build on (its Transport and Jar are
	// used); nil means a fresh one. Its CheckRedirect and Timeout are
	// replaced by the crawler's own.
	Client *http.Client
	// Progress, when set, is called after each item with what became of
	// it. It is called from the crawling goroutines, one call at a time.
	Progress func(Event)
	// Stories groups syndicated copies (near-duplicate texts) under one
	// Article.Story; seed it with the stored articles so that copies found
	// in later crawls join their story. Nil means a fresh index per Crawler.
	Stories *Stories
	// Since and Until, when not zero, bound the publication dates of the
	// articles stored, as a source's own since and until do (both apply):
	// sitemap entries dated outside are not fetched, archive pages stop
	// once a page holds only older articles, and fetched articles dated
	// outside are counted as OutOfWindow and not stored.
	Since, Until time.Time
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Limits bound the articles handed to the Sink (zero:
	// corpus.DefaultLimits): a publication date out of them is dropped
	// (the article is kept undated), an article too large fails.
	Limits corpus.Limits
}

// withDefaults returns o with zero fields filled in.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Delay == 0 {
		o.Delay = DefaultDelay
	}
	if o.Delay < 0 {
		o.Delay = 0
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Retries == 0 {
		o.Retries = DefaultRetries
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.State == nil {
		o.State = NewMemoryState()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// limits are the politeness settings in force for one request.
type limits struct {
	userAgent string
	delay     time.Duration
	perHost   int
	timeout   time.Duration
}

// limitsFor merges a source's politeness settings over the options.
func (o Options) limitsFor(p corpus.Politeness) limits {
	l := limits{userAgent: o.UserAgent, delay: o.Delay, perHost: o.PerHost, timeout: o.Timeout}
	if p.UserAgent != "" {
		l.userAgent = p.UserAgent
	}
	if p.Delay != 0 {
		l.delay = max(p.Delay, 0) // NoDelay: no pause
	}
	if p.PerHost > 0 {
		l.perHost = p.PerHost
	}
	if p.Timeout > 0 {
		l.timeout = p.Timeout
	}
	return l
}
