package crawler

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/framescope/framescope/corpus"
)

// Target is one URL to fetch outside any feed: a line of a URL list (a
// Media Cloud or GDELT export).
type Target struct {
	URL string
	// Title and Published are what the list says; the page's own title
	// and date win when it has them.
	Title     string
	Published time.Time
	// Source is the outlet the article is stored under.
	Source corpus.Source
}

// CrawlURLs fetches targets as Crawl fetches a source's items — politely,
// robots.txt obeyed, stored URLs not fetched again, the window of
// Options.Since and Until applied — and puts the articles into sink. The
// Summary has one entry per target source, in order of first appearance.
// Errors are those of Crawl.
func (c *Crawler) CrawlURLs(ctx context.Context, targets []Target, sink Sink) (Summary, error) {
	sum := Summary{Started: c.now().UTC()}
	var (
		srcs  []corpus.Source
		items [][]item
	)
	at := map[string]int{}
	for _, t := range targets {
		i, ok := at[t.Source.Name]
		if !ok {
			i = len(srcs)
			at[t.Source.Name] = i
			srcs = append(srcs, t.Source)
			items = append(items, nil)
		}
		items[i] = append(items[i], item{link: t.URL, title: t.Title, hint: t.Published})
	}
	sum.Sources = make([]SourceSummary, len(srcs))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	run := &crawlRun{c: c, sink: &lockedSink{sink: sink}, cancel: cancel}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(c.opts.Parallel, max(1, len(srcs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				sum.Sources[i] = run.list(ctx, srcs[i], items[i])
			}
		}()
	}
send:
	for i := range srcs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	for i := range sum.Sources {
		sum.Sources[i].Source = srcs[i].Name
	}
	sum.Finished = c.now().UTC()
	if err := context.Cause(ctx); err != nil {
		if errorsIsStorage(err) {
			return sum, err
		}
		return sum, fmt.Errorf("crawl urls: %w", err)
	}
	return sum, nil
}

// list fetches given items of src.
func (r *crawlRun) list(ctx context.Context, src corpus.Source, items []item) SourceSummary {
	ss := SourceSummary{Source: src.Name}
	l := r.c.opts.limitsFor(src.Politeness)
	ctx = withLimits(ctx, l)
	items = uniqueItems(items)
	ss.Items = len(items)
	r.event(Event{Source: src.Name, Outcome: Listed, Items: len(items)})
	job := sourceJob{src: src, l: l, w: r.c.opts.windowFor(src), filter: newKeywordFilter(src.Keywords), t: &tally{ss: &ss}}
	r.items(ctx, job, items)
	return ss
}
