package crawler

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

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
	t := &tally{ss: &ss}
	job := sourceJob{src: src, l: l, w: r.c.opts.windowFor(src), filter: newKeywordFilter(src.Keywords), t: t}

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
	case src.List != "" && src.Next != "":
		if err := r.archive(ctx, job); err != nil && ctx.Err() == nil {
			t.sourceFailed(err)
			log.Warn("source failed", "err", err)
		}
		return ss
	case src.List != "":
		items, err = r.c.listLinks(ctx, l, src.List, src.Links)
	case src.Sitemap != "":
		items, ss.OutOfWindow, ss.Pages, err = r.c.sitemapURLs(ctx, src, job.w)
	default:
		err = fmt.Errorf("source %s has neither feed, list nor sitemap", src.Name)
	}
	if err != nil {
		if ctx.Err() == nil {
			t.sourceFailed(err)
			log.Warn("source failed", "err", err)
		}
		return ss
	}
	items = uniqueItems(items)
	ss.Items = len(items)
	log.Info("source read", "items", len(items), "out_of_window", ss.OutOfWindow)
	r.event(Event{Source: src.Name, URL: src.Feed + src.List + src.Sitemap, Outcome: Listed, Items: len(items)})
	r.items(ctx, job, items)
	if src.Feed != "" && ctx.Err() == nil {
		// Only now may the next crawl skip an unchanged feed.
		// A state that cannot be saved (a full disk) stops the crawl
		// as a store that cannot be written does.
		if err := r.c.opts.State.SetFeed(src.Feed, next); err != nil {
			err = fmt.Errorf("%w: %w", errStorage, err)
			log.Warn("cannot save feed state", "err", err)
			r.cancel(err)
		}
	}
	return ss
}

// sourceJob is what handling the items of one source needs.
type sourceJob struct {
	src    corpus.Source
	l      limits
	w      window
	filter keywordFilter
	t      *tally
}

// tally counts outcomes into a SourceSummary from several goroutines.
type tally struct {
	mu sync.Mutex
	ss *SourceSummary
}

// sourceFailed counts the failure of the source as a whole: one failed
// thing, and its error first among the errors kept.
func (t *tally) sourceFailed(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ss.Failed++
	t.ss.FailedSources = 1
	t.ss.Errors = append([]string{err.Error()}, t.ss.Errors[:min(len(t.ss.Errors), maxErrorsKept-1)]...)
}

func (t *tally) count(res itemResult) {
	t.mu.Lock()
	defer t.mu.Unlock()
	ss := t.ss
	switch res.outcome {
	case Added:
		ss.New++
		if res.fromFeed {
			ss.FromFeed++
		}
	case Duplicate:
		ss.Duplicate++
	case Filtered:
		ss.Filtered++
	case OutOfWindow:
		ss.OutOfWindow++
	case Upgraded:
		ss.Upgraded++
	case Failed:
		ss.Failed++
		if len(ss.Errors) < maxErrorsKept {
			ss.Errors = append(ss.Errors, res.err.Error())
		}
	}
}

// items fetches and stores items, PerHost at a time, and returns the
// publication dates of the articles it fetched (zero when unknown).
func (r *crawlRun) items(ctx context.Context, job sourceJob, items []item) []time.Time {
	jobs := make(chan item)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		dates []time.Time
	)
	for range max(1, min(job.l.perHost, len(items))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				res := r.item(ctx, job, it)
				if res.outcome == "" {
					continue // cancelled before anything was fetched
				}
				job.t.count(res)
				mu.Lock()
				dates = append(dates, res.published)
				mu.Unlock()
				r.event(Event{Source: job.src.Name, URL: it.link, Outcome: res.outcome, FromFeed: res.fromFeed, Err: res.err})
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
	return dates
}

// itemResult is what became of one item.
type itemResult struct {
	outcome  Outcome
	fromFeed bool
	err      error
	// published is the article's date when its page was fetched.
	published time.Time
}

// item handles one feed item or listing link. It returns the empty
// Outcome when ctx was cancelled before the item was complete (nothing is
// stored, and the next crawl will find it again).
func (r *crawlRun) item(ctx context.Context, job sourceJob, it item) itemResult {
	if ctx.Err() != nil {
		return itemResult{}
	}
	canon, upgrade, res, done := r.screenItem(job, it)
	if done {
		return res
	}
	a, page, res, done, ferr := r.fetchItem(ctx, job, it, canon)
	if done {
		return res
	}
	fromFeed, res, done := r.fillItem(job, it, &a, page, ferr, upgrade)
	if done {
		return res
	}
	return r.storeItem(ctx, job, it, a, fromFeed, upgrade)
}

// screenItem decides what can be decided about it before fetching its
// page: filtered by its feed entry, out of the window by its known date,
// or already stored. done reports that res is the outcome; otherwise
// canon is the item's canonical URL and upgrade reports that it is stored
// from feed content only, so that its page may upgrade it.
func (r *crawlRun) screenItem(job sourceJob, it item) (canon string, upgrade bool, res itemResult, done bool) {
	if it.inFeed && !job.filter.Match(append([]string{it.title, it.summary}, it.tags...)...) {
		return "", false, itemResult{outcome: Filtered, published: it.published}, true
	}
	if known := cmp.Or(it.published, it.hint); !job.w.contains(known) {
		return "", false, itemResult{outcome: OutOfWindow, published: known}, true
	}
	canon = corpus.CanonicalURL(it.link)
	if r.sink.Seen(canon) {
		if !r.sink.fromFeed(canon) {
			return "", false, itemResult{outcome: Duplicate, published: it.published}, true
		}
		upgrade = true
	}
	return canon, upgrade, itemResult{}, false
}

// fetchItem starts the article of it from its feed entry and fetches and
// extracts its page, taking the URL it was redirected to and the page's
// canonical URL. ferr is the error of fetching, checking or extracting
// the page. done reports that res is the outcome: cancelled (the zero
// result), or a duplicate under the page's canonical URL.
func (r *crawlRun) fetchItem(ctx context.Context, job sourceJob, it item, canon string) (a corpus.Article, page Page, res itemResult, done bool, ferr error) {
	src := job.src
	a = corpus.Article{
		URL:          it.link,
		CanonicalURL: canon,
		Source:       src.Name,
		Country:      src.Country,
		Lang:         src.Lang,
		Title:        it.title,
		Author:       it.author,
		Published:    it.published,
	}
	f, ferr := r.c.fetchPage(ctx, job.l, it.link)
	if ctx.Err() != nil {
		return a, page, itemResult{}, true, ferr
	}
	if ferr == nil {
		ferr = checkPage(f, src.Feed)
	}
	if ferr == nil {
		a.URL = f.url
		page, ferr = Extract(f.body, f.contentType, f.url, src)
		if c := sameSiteCanonical(page.CanonicalURL, f.url); c != "" {
			a.CanonicalURL = c
		} else if f.url != it.link {
			a.CanonicalURL = corpus.CanonicalURL(f.url)
		}
		if a.CanonicalURL != canon && r.sink.Seen(a.CanonicalURL) && !r.sink.fromFeed(a.CanonicalURL) {
			return a, page, itemResult{outcome: Duplicate, published: a.Published}, true, ferr
		}
	}
	return a, page, itemResult{}, false, ferr
}

// fillItem completes a with the text and metadata of its page or, when
// the page gave no text, with the feed's summary (fromFeed). done reports
// that res is the outcome: a duplicate when an upgrade found no better
// text, a failure when there is no text at all.
func (r *crawlRun) fillItem(job sourceJob, it item, a *corpus.Article, page Page, ferr error, upgrade bool) (fromFeed bool, res itemResult, done bool) {
	src := job.src
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
		if a.Published.IsZero() {
			a.Published = it.hint
		}
		if a.Lang == "" {
			a.Lang = page.Lang
		}
	case upgrade:
		// Still only the feed's content: keep what is stored.
		return false, itemResult{outcome: Duplicate, published: a.Published}, true
	case it.summary != "":
		// Keep the item from the feed rather than lose it; a later crawl
		// may upgrade it from the page.
		a.Text, fromFeed = it.summary, true
		r.c.log.Info("stored from feed content", "source", src.Name, "url", it.link, "page_err", ferr)
	default:
		if ferr == nil {
			ferr = fmt.Errorf("extract %s: %w", it.link, ErrNoBody)
		}
		return false, itemResult{outcome: Failed, err: ferr}, true
	}
	return fromFeed, itemResult{}, false
}

// storeItem checks the filled article a against the limits, the window
// and the source's filter, assigns it to a story and stores it.
func (r *crawlRun) storeItem(ctx context.Context, job sourceJob, it item, a corpus.Article, fromFeed, upgrade bool) itemResult {
	src := job.src
	now := r.c.now()
	if !r.c.opts.Limits.PlausibleDate(a.Published, now) {
		r.c.log.Info("dropped an implausible publication date", "source", src.Name, "url", it.link, "published", a.Published)
		a.Published = time.Time{}
	}
	if !job.w.contains(a.Published) {
		return itemResult{outcome: OutOfWindow, published: a.Published}
	}
	if !it.inFeed && !job.filter.Match(a.Title, a.Text) {
		return itemResult{outcome: Filtered, published: a.Published}
	}
	if a.Lang == "" {
		a.Lang = detectLang(a.Title + "\n" + a.Text)
	}
	a.FromFeed = fromFeed
	a.Fetched = now.UTC()
	if err := r.c.opts.Limits.Check(a, now); err != nil {
		return itemResult{outcome: Failed, err: fmt.Errorf("%s: %w", it.link, err)}
	}
	a.Fill()
	r.c.stories.Assign(&a)
	// Store what was fetched even if the crawl is being cancelled.
	added, err := r.sink.Put(context.WithoutCancel(ctx), a)
	if err != nil {
		err = fmt.Errorf("%w: put %s: %w", errStorage, a.URL, err)
		r.cancel(err)
		return itemResult{outcome: Failed, err: err}
	}
	if !added {
		return itemResult{outcome: Duplicate, published: a.Published}
	}
	r.c.stories.Add(a)
	if upgrade {
		return itemResult{outcome: Upgraded, published: a.Published}
	}
	return itemResult{outcome: Added, fromFeed: fromFeed, published: a.Published}
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
