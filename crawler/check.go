package crawler

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/framescope/framescope/corpus"
)

// SourceStatus is what checking one source found.
type SourceStatus struct {
	Source string `json:"source"`
	// Kind is "feed", "list", "archive" (a list with next) or "sitemap".
	Kind string `json:"kind"`
	URL  string `json:"url"`
	// OK is true when the feed or listing page was fetched and parsed.
	OK bool `json:"ok"`
	// Items is the number of feed items or article links found.
	Items int `json:"items"`
	// Matching is the number of feed items that pass the source's keywords
	// (for listing pages, where keywords are applied to the fetched
	// articles, it equals Items).
	Matching int `json:"matching"`
	// Sitemaps is the number of sitemaps read (sitemap sources), and
	// OutOfWindow the sitemap entries dated outside since and until.
	Sitemaps    int `json:"sitemaps,omitempty"`
	OutOfWindow int `json:"out_of_window,omitempty"`
	// NextPage is the archive's second page (list sources with next), ""
	// when the first page has no link matching next.
	NextPage string `json:"next_page,omitempty"`
	// Newest is the date of the newest feed item, zero when unknown.
	Newest time.Time `json:"newest,omitzero"`
	// Elapsed is how long the check took, waits included.
	Elapsed time.Duration `json:"elapsed_ns"`
	Error   string        `json:"error,omitempty"`
}

// Check fetches each source's feed or listing page, politely and without
// conditional GET, and reports whether it is reachable and how many items
// it lists. It stores nothing and fetches no articles. It returns an error
// only when ctx is cancelled; the statuses of sources not yet checked then
// carry the cancellation as their error.
func (c *Crawler) Check(ctx context.Context, sources []corpus.Source) ([]SourceStatus, error) {
	out := make([]SourceStatus, len(sources))
	sem := make(chan struct{}, c.opts.Parallel)
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
				out[i] = c.check(ctx, src)
			case <-ctx.Done():
				out[i] = SourceStatus{Source: src.Name, Error: ctx.Err().Error()}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return out, fmt.Errorf("check sources: %w", err)
	}
	return out, nil
}

// check checks one source.
func (c *Crawler) check(ctx context.Context, src corpus.Source) SourceStatus {
	st := SourceStatus{Source: src.Name}
	start := time.Now()
	l := c.opts.limitsFor(src.Politeness)
	ctx = withLimits(ctx, l)
	var (
		items []item
		err   error
	)
	switch {
	case src.Feed != "":
		st.Kind, st.URL = "feed", src.Feed
		items, err = c.fetchFeedOnce(ctx, src.Feed)
	case src.List != "" && src.Next != "":
		st.Kind, st.URL = "archive", src.List
		var f fetched
		if f, err = c.fetchPage(ctx, l, src.List); err == nil {
			items, err = parseList(f.body, f.contentType, f.url, src.Links)
			st.NextPage = nextPage(f.body, f.contentType, f.url, src.Next)
		}
	case src.List != "":
		st.Kind, st.URL = "list", src.List
		items, err = c.listLinks(ctx, l, src.List, src.Links)
	case src.Sitemap != "":
		st.Kind, st.URL = "sitemap", src.Sitemap
		if src.Sitemap == corpus.SitemapRobots {
			st.URL = src.Site
		}
		items, st.OutOfWindow, st.Sitemaps, err = c.sitemapURLs(ctx, src, c.opts.windowFor(src))
	default:
		err = fmt.Errorf("source %s has neither feed, list nor sitemap", src.Name)
	}
	st.Elapsed = time.Since(start)
	if err != nil {
		st.Error = err.Error()
		return st
	}
	st.OK = true
	st.Items = len(items)
	filter := newKeywordFilter(src.Keywords)
	for _, it := range items {
		if !it.inFeed || filter.Match(append([]string{it.title, it.summary}, it.tags...)...) {
			st.Matching++
		}
		if d := cmp.Or(it.published, it.hint); d.After(st.Newest) {
			st.Newest = d
		}
	}
	return st
}

// fetchFeedOnce fetches and parses a feed unconditionally, leaving the
// crawl state alone.
func (c *Crawler) fetchFeedOnce(ctx context.Context, feedURL string) ([]item, error) {
	items, _, _, err := c.fetchFeedConditional(ctx, feedURL, FeedState{})
	return items, err
}
