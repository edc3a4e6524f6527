package crawler

import "errors"

// Errors a caller may need to tell apart. Fetch errors are wrapped with the
// URL they concern; test with errors.Is.
var (
	// ErrRobotsDisallowed is returned for a URL that the host's robots.txt
	// forbids to the crawler's user agent.
	ErrRobotsDisallowed = errors.New("crawler: disallowed by robots.txt")
	// ErrTooLarge is returned when a response body exceeds Options.MaxBody.
	ErrTooLarge = errors.New("crawler: response body too large")
	// ErrTooManyRedirects is returned when a URL redirects more than
	// Options.MaxRedirects times (redirect loops end here too).
	ErrTooManyRedirects = errors.New("crawler: too many redirects")
	// ErrStatus is returned for an HTTP status that is not a success after
	// all retries; the wrapped message carries the code.
	ErrStatus = errors.New("crawler: bad HTTP status")
	// ErrNotHTML is returned for a feed item or link whose response is no
	// web page: a PDF, an image, other binary data, or a feed.
	ErrNotHTML = errors.New("crawler: not a web page")
	// ErrNoBody is returned by Extract when a page yields no article text.
	ErrNoBody = errors.New("crawler: no article text found")
	// ErrNoSitemap is returned for a sitemap URL whose document is no
	// urlset or sitemapindex, and for a robots.txt that lists no sitemap.
	ErrNoSitemap = errors.New("crawler: no sitemap")
	// ErrWARC is returned for a WARC record that cannot be read.
	ErrWARC = errors.New("crawler: bad warc record")
	// ErrSources is returned (wrapped) for any problem in a sources file.
	ErrSources = errors.New("crawler: invalid sources file")
)
