package crawler

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

// A source whose feed cannot be read counts as failed, with its error, in
// the summary (and so in the table, the JSON and the crawl log).
func TestCrawlFeedFailuresCounted(t *testing.T) {
	s := newSite(t)
	s.serve("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\n"))
	s.mux.HandleFunc("/loop.xml", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop.xml?again", http.StatusFound) })
	s.mux.HandleFunc("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	s.mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	s.mux.HandleFunc("/stalled.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	s.serve("/huge.xml", "application/rss+xml", bytes.Repeat([]byte("<!-- AI -->"), 64<<10))
	s.serve("/malformed.xml", "application/rss+xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>AI<title></item>`))
	s.serve("/private/feed.xml", "application/rss+xml", rss(feedItem{title: "AI", link: s.url("/private/a")}))
	s.serve("/good/a", "text/html", []byte(articlePage("Good AI story", "", "", "", enParagraphs)))
	s.serve("/good.xml", "application/rss+xml", rss(feedItem{title: "Good AI story", link: s.url("/good/a")}))

	opts := testOptions(t)
	opts.Timeout = 300 * time.Millisecond
	opts.Retries = 1
	failing := map[string]error{
		"loop": ErrTooManyRedirects, "busy": ErrStatus, "broken": ErrStatus, "stalled": nil,
		"huge": ErrTooLarge, "malformed": nil, "private": ErrRobotsDisallowed,
	}
	var sources []corpus.Source
	for name := range failing {
		path := "/" + name + ".xml"
		if name == "private" {
			path = "/private/feed.xml"
		}
		sources = append(sources, corpus.Source{Name: name, Lang: corpus.English, Country: "US", Feed: s.url(path)})
	}
	sources = append(sources, corpus.Source{Name: "good", Lang: corpus.English, Country: "US", Feed: s.url("/good.xml")})
	sum := crawl(t, New(opts), newMemSink(), sources...)
	for name, want := range failing {
		ss := summaryOf(t, sum, name)
		if ss.Failed != 1 || ss.FailedSources != 1 || len(ss.Errors) == 0 {
			t.Errorf("%s: summary = %+v, want 1 failed, the source failed, with its error", name, ss)
			continue
		}
		if want != nil && !strings.Contains(ss.Errors[0], want.Error()) {
			t.Errorf("%s: error %q, want %q", name, ss.Errors[0], want)
		}
	}
	if ss := summaryOf(t, sum, "good"); ss.Failed != 0 || ss.FailedSources != 0 || ss.New != 1 {
		t.Errorf("good: summary = %+v, want 1 new and nothing failed", ss)
	}
	tot := sum.Total()
	if tot.Failed != len(failing) || tot.FailedSources != len(failing) {
		t.Errorf("total failed = %d, failed sources = %d; want %d each", tot.Failed, tot.FailedSources, len(failing))
	}
	var table strings.Builder
	if err := sum.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "failed sources") {
		t.Errorf("table does not show the failed sources:\n%s", table.String())
	}
}

// Feed items that are PDFs, images or the feed itself are no articles: they
// are not stored from their response.
func TestCrawlNonHTMLItemsNotStored(t *testing.T) {
	s := newSite(t)
	s.serve("/paper.pdf", "application/pdf", append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 4096)...))
	s.serve("/pdf-as-html", "text/html", append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 4096)...))
	s.serve("/chart.png", "image/png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 9}, 4096)...))
	s.serve("/good/a", "text/html", []byte(articlePage("Good AI story", "", "", "", enParagraphs)))
	var feed []byte
	s.mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write(feed)
	})
	s.mux.HandleFunc("/other-feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // a feed that says it is a page
		w.Write(feed)
	})
	feed = rss(
		feedItem{title: "AI paper", link: s.url("/paper.pdf")},
		feedItem{title: "AI paper mislabelled", link: s.url("/pdf-as-html")},
		feedItem{title: "AI chart", link: s.url("/chart.png")},
		feedItem{title: "AI feed itself", link: s.url("/feed.xml")},
		feedItem{title: "AI another feed", link: s.url("/other-feed")},
		feedItem{title: "Good AI story", link: s.url("/good/a")},
	)
	sink := newMemSink()
	var events []Event
	opts := testOptions(t)
	opts.Progress = func(ev Event) { events = append(events, ev) }
	sum := crawl(t, New(opts), sink, corpus.Source{Name: "n", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if ss := summaryOf(t, sum, "n"); ss.New != 1 || ss.Failed != 5 || ss.FailedSources != 0 {
		t.Errorf("summary = %+v, want 1 new and 5 failed items", ss)
	}
	if sink.len() != 1 {
		t.Errorf("%d articles stored, want only the HTML one", sink.len())
	}
	sink.get(t, "/good/a")
	for _, ev := range events {
		if ev.Outcome == Failed && !errors.Is(ev.Err, ErrNotHTML) {
			t.Errorf("%s failed with %v, want ErrNotHTML", ev.URL, ev.Err)
		}
	}
}
