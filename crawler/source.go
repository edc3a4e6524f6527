package crawler

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/framescope/framescope/corpus"
)

// maxErrorsKept bounds the error messages kept per source in a Summary.
const maxErrorsKept = 20

// source crawls one source and counts what it yielded.
func (r *crawlRun) source(ctx context.Context, src corpus.Source) SourceSummary {
	ss := SourceSummary{Source: src.Name}
	if ctx.Err() != nil {
		return ss
	}
	l := r.c.opts.limitsFor(src.Politeness)
	ctx = withLimits(ctx, l)
	log := r.c.log.With("source", src.Name)

	var (
		items []item
		next  FeedState
		err   error
	)
	switch {
	case src.Feed != "":
		var notModified bool
		items, next, notModified, err = r.c.fetchFeed(ctx, src.Feed)
		if err == nil && notModified {
			ss.NotModified = 1
			log.Info("feed not modified", "url", src.Feed)
			return ss
		}
	case src.List != "":
		items, err = r.c.listLinks(ctx, l, src.List, src.Links)
	default:
		err = fmt.Errorf("source %s has neither feed nor list", src.Name)
	}
	if err != nil {
		if ctx.Err() == nil {
			ss.Errors = append(ss.Errors, err.Error())
			log.Warn("source failed", "err", err)
		}
		return ss
	}
	items = uniqueItems(items)
	ss.Items = len(items)
	log.Info("source read", "items", len(items))
	r.event(Event{Source: src.Name, URL: src.Feed + src.List, Outcome: Listed, Items: len(items)})

	filter := newKeywordFilter(src.Keywords)
	var mu sync.Mutex
	count := func(o Outcome, fromFeed bool, err error, link string) {
		mu.Lock()
		defer mu.Unlock()
		switch o {
		case Added:
			ss.New++
			if fromFeed {
				ss.FromFeed++
			}
		case Duplicate:
			ss.Duplicate++
		case Filtered:
			ss.Filtered++
		case Upgraded:
			ss.Upgraded++
		case Failed:
			ss.Failed++
			if len(ss.Errors) < maxErrorsKept {
				ss.Errors = append(ss.Errors, err.Error())
			}
		}
	}
	jobs := make(chan item)
	var wg sync.WaitGroup
	for range max(1, min(l.perHost, len(items))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				o, fromFeed, err := r.item(ctx, src, l, filter, it)
				if o == "" {
					continue // cancelled before anything was fetched
				}
				count(o, fromFeed, err, it.link)
				r.event(Event{Source: src.Name, URL: it.link, Outcome: o, FromFeed: fromFeed, Err: err})
			}
		}()
	}
send:
	for _, it := range items {
		select {
		case jobs <- it:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	if src.Feed != "" && ctx.Err() == nil {
		// Only now may the next crawl skip an unchanged feed.
		if err := r.c.opts.State.SetFeed(src.Feed, next); err != nil {
			log.Warn("cannot save feed state", "err", err)
		}
	}
	return ss
}

// item handles one feed item or listing link. It returns the empty
// Outcome when ctx was cancelled before the item was complete (nothing is
// stored, and the next crawl will find it again).
func (r *crawlRun) item(ctx context.Context, src corpus.Source, l limits, filter keywordFilter, it item) (Outcome, bool, error) {
	if ctx.Err() != nil {
		return "", false, nil
	}
	if it.inFeed && !filter.Match(append([]string{it.title, it.summary}, it.tags...)...) {
		return Filtered, false, nil
	}
	canon := corpus.CanonicalURL(it.link)
	upgrade := false
	if r.sink.Seen(canon) {
		if !r.sink.fromFeed(canon) {
			return Duplicate, false, nil
		}
		upgrade = true
	}
	a := corpus.Article{
		URL:          it.link,
		CanonicalURL: canon,
		Source:       src.Name,
		Country:      src.Country,
		Lang:         src.Lang,
		Title:        it.title,
		Author:       it.author,
		Published:    it.published,
	}
	f, ferr := r.c.fetchPage(ctx, l, it.link)
	if ctx.Err() != nil {
		return "", false, nil
	}
	var page Page
	if ferr == nil {
		a.URL = f.url
		page, ferr = Extract(f.body, f.contentType, f.url, src)
		if c := sameSiteCanonical(page.CanonicalURL, f.url); c != "" {
			a.CanonicalURL = c
		} else if f.url != it.link {
			a.CanonicalURL = corpus.CanonicalURL(f.url)
		}
		if a.CanonicalURL != canon && r.sink.Seen(a.CanonicalURL) && !r.sink.fromFeed(a.CanonicalURL) {
			return Duplicate, false, nil
		}
	}
	fromFeed := false
	switch {
	case ferr == nil && page.Text != "":
		a.Text = page.Text
		if page.Title != "" {
			a.Title = page.Title
		}
		if page.Author != "" && (a.Author == "" || src.Lang == corpus.Chinese) {
			a.Author = page.Author
		}
		if a.Published.IsZero() {
			a.Published = page.Published
		}
		if a.Lang == "" {
			a.Lang = page.Lang
		}
	case upgrade:
		// Still only the feed's content: keep what is stored.
		return Duplicate, false, nil
	case it.summary != "":
		// Keep the item from the feed rather than lose it; a later crawl
		// may upgrade it from the page.
		a.Text, fromFeed = it.summary, true
		r.c.log.Info("stored from feed content", "source", src.Name, "url", it.link, "page_err", ferr)
	default:
		if ferr == nil {
			ferr = fmt.Errorf("extract %s: %w", it.link, ErrNoBody)
		}
		return Failed, false, ferr
	}
	if !it.inFeed && !filter.Match(a.Title, a.Text) {
		return Filtered, false, nil
	}
	if a.Lang == "" {
		a.Lang = detectLang(a.Title + "\n" + a.Text)
	}
	a.FromFeed = fromFeed
	a.Fetched = r.c.now().UTC()
	a.Fill()
	r.c.stories.Assign(&a)
	// Store what was fetched even if the crawl is being cancelled.
	added, err := r.sink.Put(context.WithoutCancel(ctx), a)
	if err != nil {
		err = fmt.Errorf("%w: put %s: %w", errStorage, a.URL, err)
		r.cancel(err)
		return Failed, false, err
	}
	if !added {
		return Duplicate, false, nil
	}
	r.c.stories.Add(a)
	if upgrade {
		return Upgraded, false, nil
	}
	return Added, fromFeed, nil
}

// sameSiteCanonical returns the normalized rel=canonical URL when it is on
// the page's own site; copies that point to another outlet's original stay
// separate articles (grouped as one story by near-duplicate detection).
func sameSiteCanonical(canonical, pageURL string) string {
	if canonical == "" {
		return ""
	}
	cu, err1 := url.Parse(canonical)
	pu, err2 := url.Parse(pageURL)
	if err1 != nil || err2 != nil {
		return ""
	}
	host := func(u *url.URL) string { return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") }
	if host(cu) != host(pu) {
		return ""
	}
	return corpus.CanonicalURL(canonical)
}

// uniqueItems drops repeated links (same canonical URL) from a source's
// items, keeping the first.
func uniqueItems(items []item) []item {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, it := range items {
		c := corpus.CanonicalURL(it.link)
		if seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, it)
	}
	return out
}
