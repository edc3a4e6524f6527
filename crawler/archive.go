package crawler

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/framescope/framescope/corpus"
)

// archive pages through a listing source's archive: it reads a listing
// page, fetches and stores its articles, and follows the link matching
// the source's Next selector, for at most Pages pages (DefaultPages when
// unset). It stops early once every dated article of a page is older
// than the window's start. Only a failure of the first page is returned;
// later failures end the paging and are counted in the summary.
func (r *crawlRun) archive(ctx context.Context, job sourceJob) error {
	src := job.src
	pages := src.Pages
	if pages <= 0 {
		pages = corpus.DefaultPages
	}
	seen := map[string]bool{}
	visited := map[string]bool{}
	next := src.List
	for n := 0; n < pages && next != "" && !visited[next] && ctx.Err() == nil; n++ {
		visited[next] = true
		f, err := r.c.fetchPage(ctx, job.l, next)
		if err == nil {
			var items []item
			items, err = parseList(f.body, f.contentType, f.url, src.Links)
			if err == nil {
				next = nextPage(f.body, f.contentType, f.url, src.Next)
				items = newItems(items, seen)
				job.t.mu.Lock()
				job.t.ss.Items += len(items)
				job.t.ss.Pages++
				job.t.mu.Unlock()
				r.c.log.Info("archive page read", "source", src.Name, "url", f.url, "page", n+1, "items", len(items))
				r.event(Event{Source: src.Name, URL: f.url, Outcome: Listed, Items: len(items)})
				if olderThan(r.items(ctx, job, items), job.w.since) {
					r.c.log.Info("archive paging stopped: articles older than since", "source", src.Name, "page", n+1)
					return nil
				}
				continue
			}
		}
		if n == 0 {
			return err
		}
		job.t.mu.Lock()
		job.t.ss.Failed++ // a later page: the source was read, in part
		job.t.ss.Errors = append(job.t.ss.Errors, fmt.Sprintf("archive page %d: %v", n+1, err))
		job.t.mu.Unlock()
		return nil
	}
	return nil
}

// newItems drops the items whose canonical URL is in seen and adds the
// others to it.
func newItems(items []item, seen map[string]bool) []item {
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

// olderThan reports whether since is set and the dates include at least
// one known date and all known dates are before it.
func olderThan(dates []time.Time, since time.Time) bool {
	if since.IsZero() {
		return false
	}
	known := 0
	for _, d := range dates {
		if d.IsZero() {
			continue
		}
		if !d.Before(since) {
			return false
		}
		known++
	}
	return known > 0
}

// nextPage returns the absolute URL of the first link matching selector
// on a listing page, "" when there is none.
func nextPage(body []byte, contentType, pageURL, selector string) string {
	text, _ := DecodeHTML(body, contentType)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return ""
	}
	base := baseURL(doc, pageURL)
	var out string
	doc.Find(selector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		a := s
		if goquery.NodeName(s) != "a" {
			a = s.Find("a[href]").First()
		}
		if href, ok := a.Attr("href"); ok {
			out = absoluteHTTP(base, href)
		}
		return out == ""
	})
	return out
}
