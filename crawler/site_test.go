package crawler

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a test news site on 127.0.0.1 that counts requests per path.
type site struct {
	t   *testing.T
	mux *http.ServeMux
	srv *httptest.Server

	mu       sync.Mutex
	hits     map[string]int
	agents   map[string]bool
	inFlight int
	maxIn    int
}

func newSite(t *testing.T) *site {
	s := &site{t: t, mux: http.NewServeMux(), hits: map[string]int{}, agents: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.agents[r.UserAgent()] = true
		s.inFlight++
		s.maxIn = max(s.maxIn, s.inFlight)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.inFlight--
			s.mu.Unlock()
		}()
		s.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// url returns the absolute URL of path on the site.
func (s *site) url(path string) string { return s.srv.URL + path }

// hitsOf returns how often path was requested.
func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// serve registers a fixed response.
func (s *site) serve(path, contentType string, body []byte) {
	s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

// feedItem is one entry of a test feed.
type feedItem struct {
	title, link, description, author string
	published                        time.Time
}

// rss renders an RSS 2.0 feed.
func rss(items ...feedItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>Test</title><link>http://example.invalid/</link><description>t</description>` + "\n")
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><description>%s</description>", html.EscapeString(it.title), html.EscapeString(it.link), html.EscapeString(it.description))
		if it.author != "" {
			fmt.Fprintf(&b, "<author>%s</author>", html.EscapeString(it.author))
		}
		if !it.published.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.published.Format(time.RFC1123Z))
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// atomFeed renders an Atom feed.
func atomFeed(items ...feedItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom"><title>Test</title><id>urn:test</id><updated>2024-03-05T00:00:00Z</updated>` + "\n")
	for _, it := range items {
		fmt.Fprintf(&b, `<entry><title>%s</title><link href="%s"/><id>%s</id><summary>%s</summary>`, html.EscapeString(it.title), html.EscapeString(it.link), html.EscapeString(it.link), html.EscapeString(it.description))
		if it.author != "" {
			fmt.Fprintf(&b, "<author><name>%s</name></author>", html.EscapeString(it.author))
		}
		if !it.published.IsZero() {
			fmt.Fprintf(&b, "<published>%s</published><updated>%s</updated>", it.published.Format(time.RFC3339), it.published.Format(time.RFC3339))
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return []byte(b.String())
}

// jsonFeed renders a JSON Feed 1.1.
func jsonFeed(items ...feedItem) []byte {
	var parts []string
	for _, it := range items {
		p := fmt.Sprintf(`{"id": %q, "url": %q, "title": %q, "content_text": %q`, it.link, it.link, it.title, it.description)
		if it.author != "" {
			p += fmt.Sprintf(`, "authors": [{"name": %q}]`, it.author)
		}
		if !it.published.IsZero() {
			p += fmt.Sprintf(`, "date_published": %q`, it.published.Format(time.RFC3339))
		}
		parts = append(parts, p+"}")
	}
	return []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "Test", "items": [` + strings.Join(parts, ",\n") + "]}\n")
}
