package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

// crawl runs one crawl with a generous safety deadline.
func crawl(t *testing.T, c *Crawler, sink Sink, sources ...corpus.Source) Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sum, err := c.Crawl(ctx, sources, sink)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	return sum
}

// summaryOf returns the summary of the named source.
func summaryOf(t *testing.T, sum Summary, name string) SourceSummary {
	t.Helper()
	for _, s := range sum.Sources {
		if s.Source == name {
			return s
		}
	}
	t.Fatalf("no summary for source %q", name)
	return SourceSummary{}
}

var (
	day1 = time.Date(2024, 3, 5, 2, 20, 0, 0, time.UTC)
	day2 = time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC)
)

func TestCrawlFeedFormats(t *testing.T) {
	s := newSite(t)
	for _, p := range []string{"rss", "atom", "json"} {
		s.serve("/"+p+"/a1", "text/html; charset=utf-8", []byte(articlePage("OpenAI model leads "+p, "March 5, 2024", "By Jane Doe", "", enParagraphs)))
		s.serve("/"+p+"/a2", "text/html; charset=utf-8", []byte(articlePage("Chinese labs catch up "+p, "March 6, 2024", "By John Roe", "", enParagraphs[1:])))
	}
	items := func(p string) []feedItem {
		return []feedItem{
			{title: "OpenAI model leads " + p, link: s.url("/" + p + "/a1"), description: "AI news", author: "Jane Doe", published: day1},
			{title: "Chinese labs catch up " + p, link: s.url("/" + p + "/a2"), description: "AI news", published: day2},
		}
	}
	s.serve("/rss.xml", "application/rss+xml", rss(items("rss")...))
	s.serve("/atom.xml", "application/atom+xml", atomFeed(items("atom")...))
	s.serve("/feed.json", "application/feed+json", jsonFeed(items("json")...))

	sink := newMemSink()
	c := New(testOptions(t))
	sum := crawl(t, c, sink,
		corpus.Source{Name: "rss", Lang: corpus.English, Country: "US", Feed: s.url("/rss.xml")},
		corpus.Source{Name: "atom", Lang: corpus.English, Country: "GB", Feed: s.url("/atom.xml")},
		corpus.Source{Name: "json", Lang: corpus.English, Country: "US", Feed: s.url("/feed.json")},
	)
	for _, p := range []string{"rss", "atom", "json"} {
		t.Run(p, func(t *testing.T) {
			ss := summaryOf(t, sum, p)
			if ss.Items != 2 || ss.New != 2 || ss.Failed != 0 || len(ss.Errors) != 0 {
				t.Errorf("summary = %+v, want 2 items, 2 new", ss)
			}
			a := sink.get(t, "/"+p+"/a1")
			if a.Source != p || a.Lang != corpus.English || a.Title != "OpenAI model leads "+p {
				t.Errorf("article = %q %q %q", a.Source, a.Lang, a.Title)
			}
			if !strings.Contains(a.Text, enParagraphs[0]) || !strings.Contains(a.Text, enParagraphs[3]) {
				t.Errorf("text lacks the article paragraphs:\n%s", a.Text)
			}
			if strings.Contains(a.Text, "All rights reserved") || strings.Contains(a.Text, "Privacy") {
				t.Errorf("text has page furniture:\n%s", a.Text)
			}
			if !a.Published.Equal(day1) {
				t.Errorf("published = %v, want the feed's %v", a.Published, day1)
			}
			if a.ID != corpus.IDFor(a.CanonicalURL) || a.Hash != corpus.ContentHash(a.Title, a.Text) || a.Fetched.IsZero() || a.FromFeed {
				t.Errorf("derived fields wrong: %+v", a)
			}
			if a.Author != "Jane Doe" {
				t.Errorf("author = %q, want Jane Doe", a.Author)
			}
		})
	}
	if country := sink.get(t, "/atom/a2").Country; country != "GB" {
		t.Errorf("country = %q, want the source's GB", country)
	}
	if !s.agents[testOptions(t).UserAgent] || len(s.agents) != 1 {
		t.Errorf("user agents seen = %v, want only the configured one", s.agents)
	}
	if b, err := json.Marshal(sum); err != nil || !strings.Contains(string(b), `"new":2`) {
		t.Errorf("summary JSON = %s, %v", b, err)
	}
}

func TestCrawlChineseCharsets(t *testing.T) {
	s := newSite(t)
	dateLine := "发布时间：2024-03-05 10:20 来源：新华社"
	byline := "作者：张三 责任编辑：李四"
	// 镕 is in GBK but not in GB2312.
	paras := append([]string{"朱镕基曾经说过，科技是第一生产力。"}, zhParagraphs...)
	s.serve("/zh/gbk-undeclared", "text/html", gbk(t, articlePage("国产大模型加速追赶", dateLine, byline, "", paras)))
	s.serve("/zh/gb2312-declared", "text/html", gbk(t, articlePage("百度发布文心大模型", dateLine, byline, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, paras)))
	s.serve("/zh/wrong-header", "text/html; charset=iso-8859-1", gbk(t, articlePage("人工智能芯片之争", dateLine, byline, "", paras)))
	s.serve("/zh/wrong-meta", "text/html", gbk(t, articlePage("智能体成为新热点", dateLine, byline, `<meta charset="utf-8">`, paras)))
	var items []feedItem
	for _, p := range []string{"gbk-undeclared", "gb2312-declared", "wrong-header", "wrong-meta"} {
		items = append(items, feedItem{title: "人工智能 " + p, link: s.url("/zh/" + p)})
	}
	s.serve("/zh.xml", "application/rss+xml", rss(items...))

	sink := newMemSink()
	sum := crawl(t, New(testOptions(t)), sink, corpus.Source{Name: "zh", Lang: corpus.Chinese, Country: "CN", Feed: s.url("/zh.xml")})
	if ss := summaryOf(t, sum, "zh"); ss.New != 4 {
		t.Fatalf("summary = %+v, want 4 new", ss)
	}
	want := time.Date(2024, 3, 5, 10, 20, 0, 0, shanghai())
	titles := map[string]string{"gbk-undeclared": "国产大模型加速追赶", "gb2312-declared": "百度发布文心大模型", "wrong-header": "人工智能芯片之争", "wrong-meta": "智能体成为新热点"}
	for p, title := range titles {
		t.Run(p, func(t *testing.T) {
			a := sink.get(t, "/zh/"+p)
			if a.Title != title {
				t.Errorf("title = %q, want %q", a.Title, title)
			}
			for _, para := range paras {
				if !strings.Contains(a.Text, para) {
					t.Errorf("text lacks %q:\n%s", para, a.Text)
				}
			}
			if !a.Published.Equal(want) || a.Published.Format("-07:00") != "+08:00" {
				t.Errorf("published = %v, want %v in Asia/Shanghai", a.Published, want)
			}
			if a.Author != "张三" {
				t.Errorf("author = %q, want 张三", a.Author)
			}
		})
	}
}

func TestCrawlListingPage(t *testing.T) {
	s := newSite(t)
	list := `<html><body><div class="nav"><a href="/">Home</a><a href="/about">About</a></div>
<h2><a href="/story/1">First story</a></h2><h2><a href="/story/2?utm_source=list">Second story</a></h2>
<h2><a href="/story/1#comments">First story again</a></h2><h2><a href="mailto:x@example.org">mail</a></h2></body></html>`
	s.serve("/ai/", "text/html; charset=utf-8", []byte(list))
	story := func(title, date string) []byte {
		return []byte(`<html><head><title>` + title + ` | Site</title></head><body><div class="nav"><a href="/">Home</a></div>
<h1 class="headline">` + title + `</h1><p class="by">Reporter: <span class="byline">Ann Lee</span></p><time datetime="` + date + `">yesterday</time>
<div class="story"><p>` + strings.Join(enParagraphs, "</p><p>") + `</p></div><div class="related"><p>Unrelated teaser text.</p></div></body></html>`)
	}
	s.serve("/story/1", "text/html; charset=utf-8", story("Nvidia chips lead the market", "2024-03-05T10:00:00Z"))
	s.serve("/story/2", "text/html; charset=utf-8", story("Europe is catching up on AI", "2024-03-06T11:30:00+01:00"))

	sink := newMemSink()
	src := corpus.Source{Name: "list", Lang: corpus.English, Country: "US", List: s.url("/ai/"), Links: "h2 a",
		Select:   corpus.Selectors{Title: "h1.headline", Body: "div.story", Date: "time", Author: ".byline"},
		Keywords: []string{}}
	sum := crawl(t, New(testOptions(t)), sink, src)
	if ss := summaryOf(t, sum, "list"); ss.Items != 2 || ss.New != 2 {
		t.Fatalf("summary = %+v, want 2 links, 2 new", ss)
	}
	a := sink.get(t, "/story/2")
	if a.Title != "Europe is catching up on AI" || a.Author != "Ann Lee" {
		t.Errorf("title, author = %q, %q", a.Title, a.Author)
	}
	if want := strings.Join(enParagraphs, "\n"); a.Text != want {
		t.Errorf("text = %q, want exactly the selected body %q", a.Text, want)
	}
	if want := time.Date(2024, 3, 6, 10, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published = %v, want %v", a.Published, want)
	}
	if s.hitsOf("/about") != 0 || s.hitsOf("/") != 0 {
		t.Errorf("navigation links were fetched")
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	s := newSite(t)
	s.serve("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\n"))
	s.serve("/private/a", "text/html", []byte(articlePage("Secret AI", "", "", "", enParagraphs)))
	s.serve("/private/b", "text/html", []byte(articlePage("Secret AI 2", "", "", "", enParagraphs)))
	s.serve("/public/c", "text/html", []byte(articlePage("Open AI news", "", "", "", enParagraphs)))
	s.serve("/feed.xml", "application/rss+xml", rss(
		feedItem{title: "AI item with summary", link: s.url("/private/a"), description: "The AI summary from the feed."},
		feedItem{title: "AI item without summary", link: s.url("/private/b")},
		feedItem{title: "AI public item", link: s.url("/public/c")},
	))
	sink := newMemSink()
	var events []Event
	opts := testOptions(t)
	opts.Progress = func(ev Event) { events = append(events, ev) }
	sum := crawl(t, New(opts), sink, corpus.Source{Name: "r", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if s.hitsOf("/private/a") != 0 || s.hitsOf("/private/b") != 0 {
		t.Errorf("disallowed pages were fetched")
	}
	if s.hitsOf("/robots.txt") != 1 {
		t.Errorf("robots.txt fetched %d times, want once", s.hitsOf("/robots.txt"))
	}
	ss := summaryOf(t, sum, "r")
	if ss.New != 2 || ss.FromFeed != 1 || ss.Failed != 1 {
		t.Errorf("summary = %+v, want 2 new (1 from feed), 1 failed", ss)
	}
	if a := sink.get(t, "/private/a"); !a.FromFeed || a.Text != "The AI summary from the feed." {
		t.Errorf("disallowed item stored as %+v, want the feed summary marked FromFeed", a)
	}
	var failed *Event
	for i := range events {
		if events[i].Outcome == Failed {
			failed = &events[i]
		}
	}
	if failed == nil || !errors.Is(failed.Err, ErrRobotsDisallowed) {
		t.Errorf("failed event = %+v, want ErrRobotsDisallowed", failed)
	}
}

func TestFetchErrors(t *testing.T) {
	s := newSite(t)
	s.mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	s.mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	s.mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/final", http.StatusMovedPermanently)
	})
	s.serve("/final", "text/html", []byte("<html><body><p>final</p></body></html>"))
	s.mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	big := []byte(strings.Repeat("<p>AI</p>", 64<<10)) // 576 KiB, over the 256 KiB test limit
	s.serve("/big", "text/html", big)
	s.mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 64; i++ {
			w.Write(big[:len(big)/64])
			w.(http.Flusher).Flush()
		}
	})
	s.mux.HandleFunc("/missing", http.NotFound)
	s.serve("/exact", "text/html", big[:256<<10])

	opts := testOptions(t)
	opts.Timeout = 300 * time.Millisecond // /slow never answers within it
	c := New(opts)
	l := c.opts.limitsFor(corpus.Politeness{})
	ctx := withLimits(context.Background(), l)
	tests := []struct {
		path string
		want error
	}{
		{"/loop/a", ErrTooManyRedirects},
		{"/slow", context.DeadlineExceeded},
		{"/big", ErrTooLarge},
		{"/big-chunked", ErrTooLarge},
		{"/missing", ErrStatus},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := c.fetchPage(ctx, l, s.url(tt.path))
			if !errors.Is(err, tt.want) {
				t.Errorf("fetchPage(%s) error = %v, want %v", tt.path, err, tt.want)
			}
		})
	}
	t.Run("redirect followed", func(t *testing.T) {
		f, err := c.fetchPage(ctx, l, s.url("/moved"))
		if err != nil || f.url != s.url("/final") || !strings.Contains(string(f.body), "final") {
			t.Errorf("fetchPage(/moved) = %q, %v; want the final page", f.url, err)
		}
	})
	t.Run("body of exactly the limit", func(t *testing.T) {
		f, err := c.fetchPage(ctx, l, s.url("/exact"))
		if err != nil || len(f.body) != 256<<10 {
			t.Errorf("fetchPage(/exact) = %d bytes, %v; want the whole body", len(f.body), err)
		}
	})
	if n := s.hitsOf("/loop/a") + s.hitsOf("/loop/b"); n > c.opts.MaxRedirects+2 {
		t.Errorf("redirect loop requested %d times, want at most %d", n, c.opts.MaxRedirects+2)
	}

	// In a crawl, each of these items is kept from the feed's own text.
	var items []feedItem
	for _, p := range []string{"/loop/a", "/slow", "/big", "/big-chunked", "/missing"} {
		items = append(items, feedItem{title: "AI item " + p, link: s.url(p), description: "Feed text about AI for " + p + "."})
	}
	s.serve("/feed.xml", "application/rss+xml", rss(items...))
	sink := newMemSink()
	sum := crawl(t, c, sink, corpus.Source{Name: "e", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if ss := summaryOf(t, sum, "e"); ss.New != 5 || ss.FromFeed != 5 {
		t.Errorf("summary = %+v, want all 5 stored from the feed", ss)
	}
	for _, p := range []string{"/loop/a", "/slow", "/big", "/big-chunked", "/missing"} {
		if a := sink.get(t, p); !a.FromFeed || a.Text != "Feed text about AI for "+p+"." {
			t.Errorf("%s stored as %+v, want the feed text marked FromFeed", p, a)
		}
	}
}

func TestCrawlRetries(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	var times []time.Time
	s.mux.HandleFunc("/rate-limited", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		n := len(times)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		w.Write([]byte(articlePage("AI rate limits", "", "", "", enParagraphs)))
	})
	fails := 0
	s.mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fails++
		n := fails
		mu.Unlock()
		if n <= 2 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(articlePage("AI flaky server", "", "", "", enParagraphs[1:])))
	})
	s.mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	s.serve("/feed.xml", "application/rss+xml", rss(
		feedItem{title: "AI one", link: s.url("/rate-limited")},
		feedItem{title: "AI two", link: s.url("/flaky")},
		feedItem{title: "AI three", link: s.url("/down"), description: "AI summary kept from the feed."},
	))
	sink := newMemSink()
	sum := crawl(t, New(testOptions(t)), sink, corpus.Source{Name: "s", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	ss := summaryOf(t, sum, "s")
	if ss.New != 3 || ss.FromFeed != 1 {
		t.Errorf("summary = %+v, want 3 new, 1 from the feed", ss)
	}
	if got := s.hitsOf("/rate-limited"); got != 2 {
		t.Errorf("429 page requested %d times, want 2", got)
	}
	if len(times) == 2 && times[1].Sub(times[0]) < 900*time.Millisecond {
		t.Errorf("retried after %v, want Retry-After's 1s honoured", times[1].Sub(times[0]))
	}
	if got := s.hitsOf("/flaky"); got != 3 {
		t.Errorf("500 page requested %d times, want 3 (two failures, then success)", got)
	}
	if got := s.hitsOf("/down"); got != 3 {
		t.Errorf("503 page requested %d times, want 1 + 2 retries", got)
	}
	if a := sink.get(t, "/down"); !a.FromFeed {
		t.Errorf("item of a failing page not stored from the feed: %+v", a)
	}
}

func TestCrawlFailingSourceDoesNotStopOthers(t *testing.T) {
	s := newSite(t)
	s.serve("/bad.xml", "application/rss+xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>AI<title></item>`))
	s.mux.HandleFunc("/gone.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	s.serve("/good/a", "text/html", []byte(articlePage("Good AI story", "", "", "", enParagraphs)))
	s.serve("/good.xml", "application/rss+xml", rss(feedItem{title: "Good AI story", link: s.url("/good/a")}))
	sink := newMemSink()
	sum := crawl(t, New(testOptions(t)), sink,
		corpus.Source{Name: "bad", Lang: corpus.English, Country: "US", Feed: s.url("/bad.xml")},
		corpus.Source{Name: "gone", Lang: corpus.English, Country: "US", Feed: s.url("/gone.xml")},
		corpus.Source{Name: "unreachable", Lang: corpus.English, Country: "US", Feed: "http://127.0.0.1:1/feed.xml"},
		corpus.Source{Name: "good", Lang: corpus.English, Country: "US", Feed: s.url("/good.xml")},
	)
	for _, name := range []string{"bad", "gone", "unreachable"} {
		if ss := summaryOf(t, sum, name); len(ss.Errors) == 0 || ss.New != 0 {
			t.Errorf("%s: summary = %+v, want an error and nothing new", name, ss)
		}
	}
	if ss := summaryOf(t, sum, "good"); ss.New != 1 {
		t.Errorf("good: summary = %+v, want 1 new", ss)
	}
}

func TestCrawlDedup(t *testing.T) {
	s := newSite(t)
	s.serve("/a", "text/html", []byte(articlePage("AI story A", "", "", `<link rel="canonical" href="/a">`, enParagraphs)))
	s.serve("/b", "text/html", []byte(articlePage("AI story B", "", "", "", enParagraphs[1:])))
	s.serve("/feed.xml", "application/rss+xml", rss(
		feedItem{title: "AI story A", link: s.url("/a?utm_source=rss")},
		feedItem{title: "AI story A again", link: s.url("/a?utm_medium=email#top")},
		feedItem{title: "AI story B", link: s.url("/b")},
	))
	src := corpus.Source{Name: "d", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")}
	sink := newMemSink()
	c := New(testOptions(t))
	sum := crawl(t, c, sink, src)
	if ss := summaryOf(t, sum, "d"); ss.Items != 2 || ss.New != 2 {
		t.Errorf("first crawl: %+v, want 2 items (the repeated link dropped), 2 new", ss)
	}
	if got := s.hitsOf("/a"); got != 1 {
		t.Errorf("page linked twice fetched %d times, want once", got)
	}
	if a := sink.get(t, "/a"); a.CanonicalURL != corpus.CanonicalURL(s.url("/a")) {
		t.Errorf("canonical URL = %q", a.CanonicalURL)
	}
	pageHits := s.hitsOf("/a") + s.hitsOf("/b")
	sum = crawl(t, c, sink, src)
	if ss := summaryOf(t, sum, "d"); ss.New != 0 || ss.Duplicate != 2 {
		t.Errorf("second crawl: %+v, want 2 duplicates", ss)
	}
	if got := s.hitsOf("/a") + s.hitsOf("/b"); got != pageHits {
		t.Errorf("stored articles fetched again: %d page requests, want %d", got, pageHits)
	}
}

func TestCrawlSyndication(t *testing.T) {
	s := newSite(t)
	wire := []string{
		"Chinese artificial intelligence developers are closing the gap with their American rivals faster than expected, according to a report published on Monday by a group of researchers at a leading university.",
		"The report found that open models released by companies in Beijing, Hangzhou and Shanghai now perform within a few points of the best closed systems on common benchmarks for reasoning, coding and mathematics.",
		"The authors said export controls on advanced chips had slowed but not stopped progress, as engineers found ways to train large models more efficiently on older hardware and to share their work openly.",
		"Officials in Washington said the findings would be studied carefully, while industry groups warned that the race to build ever larger systems carried risks that governments had barely begun to address.",
	}
	leads := []string{"(Wire) ", "By a staff reporter with wire services. ", "Updated 10:00. "}
	var items []feedItem
	for i, outlet := range []string{"one", "two", "three"} {
		paras := append([]string{leads[i] + wire[0]}, wire[1:]...)
		s.serve("/"+outlet+"/story", "text/html", []byte(articlePage("AI gap narrows, report says ("+outlet+")", "", "", "", paras)))
		items = append(items, feedItem{title: "AI gap narrows", link: s.url("/" + outlet + "/story")})
	}
	s.serve("/other", "text/html", []byte(articlePage("Another AI story", "", "", "", enParagraphs)))
	items = append(items, feedItem{title: "Another AI story", link: s.url("/other")})
	s.serve("/feed.xml", "application/rss+xml", rss(items...))
	sink := newMemSink()
	sum := crawl(t, New(testOptions(t)), sink, corpus.Source{Name: "w", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if ss := summaryOf(t, sum, "w"); ss.New != 4 {
		t.Fatalf("summary = %+v, want all 4 copies stored", ss)
	}
	stories := map[string]int{}
	for _, outlet := range []string{"one", "two", "three"} {
		a := sink.get(t, "/"+outlet+"/story")
		key := a.Story
		if key == "" {
			key = a.ID
		}
		stories[key]++
	}
	if len(stories) != 1 {
		t.Errorf("syndicated copies fall into %d stories, want 1: %v", len(stories), stories)
	}
	if other := sink.get(t, "/other"); other.Story != "" {
		t.Errorf("unrelated article joined story %q", other.Story)
	}
}

func TestCrawlKeywords(t *testing.T) {
	s := newSite(t)
	s.serve("/ai", "text/html", []byte(articlePage("DeepSeek releases model", "", "", "", enParagraphs)))
	s.serve("/football", "text/html", []byte(articlePage("Cup final", "", "", "", enParagraphs)))
	s.serve("/feed.xml", "application/rss+xml", rss(
		feedItem{title: "DeepSeek releases a new model", link: s.url("/ai")},
		feedItem{title: "Late goal decides the cup final", link: s.url("/football"), description: "Sport said the coach."},
	))
	sink := newMemSink()
	sum := crawl(t, New(testOptions(t)), sink, corpus.Source{Name: "k", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if ss := summaryOf(t, sum, "k"); ss.New != 1 || ss.Filtered != 1 {
		t.Errorf("summary = %+v, want 1 new, 1 filtered", ss)
	}
	if s.hitsOf("/football") != 0 {
		t.Errorf("filtered item's page was fetched")
	}
}

func TestCrawlConditionalGet(t *testing.T) {
	s := newSite(t)
	s.serve("/a", "text/html", []byte(articlePage("AI story", "", "", "", enParagraphs)))
	var conditional []string
	s.mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		conditional = append(conditional, r.Header.Get("If-None-Match"))
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Tue, 05 Mar 2024 10:00:00 GMT")
		w.Write(rss(feedItem{title: "AI story", link: s.url("/a")}))
	})
	path := filepath.Join(t.TempDir(), "crawl-state.json")
	src := corpus.Source{Name: "c", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")}
	sink := newMemSink()
	for run := 0; run < 2; run++ {
		st, err := OpenFileState(path)
		if err != nil {
			t.Fatal(err)
		}
		opts := testOptions(t)
		opts.State = st
		sum := crawl(t, New(opts), sink, src)
		ss := summaryOf(t, sum, "c")
		if run == 0 && (ss.New != 1 || ss.NotModified != 0) {
			t.Errorf("first run: %+v", ss)
		}
		if run == 1 && (ss.NotModified != 1 || ss.Items != 0) {
			t.Errorf("second run: %+v, want not modified", ss)
		}
	}
	if len(conditional) != 2 || conditional[0] != "" || conditional[1] != `"v1"` {
		t.Errorf("If-None-Match sent = %q, want none then the stored ETag", conditional)
	}
}

func TestCrawlFeedFallback(t *testing.T) {
	s := newSite(t)
	s.mux.HandleFunc("/404", http.NotFound)
	s.serve("/empty", "text/html", []byte("<html><body><div class=nav><a href=/>Home</a></div></body></html>"))
	s.serve("/feed.xml", "application/rss+xml", rss(
		feedItem{title: "AI page gone", link: s.url("/404"), description: "<p>The <b>AI</b> story as the feed tells it.</p>", published: day1},
		feedItem{title: "AI page empty", link: s.url("/empty"), description: "Another AI story from the feed.", published: day2},
		feedItem{title: "AI nothing at all", link: s.url("/404?x=1")},
	))
	sink := newMemSink()
	sum := crawl(t, New(testOptions(t)), sink, corpus.Source{Name: "f", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if ss := summaryOf(t, sum, "f"); ss.New != 2 || ss.FromFeed != 2 || ss.Failed != 1 {
		t.Errorf("summary = %+v, want 2 new from the feed, 1 failed", ss)
	}
	a := sink.get(t, "/404")
	if !a.FromFeed || a.Text != "The AI story as the feed tells it." || !a.Published.Equal(day1) || a.Title != "AI page gone" {
		t.Errorf("fallback article = %+v", a)
	}
}

func TestCrawlInterruptedThenResumed(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var items []feedItem
	for i := range 6 {
		p := "/story/" + string(rune('a'+i))
		s.serve(p, "text/html", []byte(articlePage("AI story "+p, "", "", "", append([]string{"Story " + p + "."}, enParagraphs...))))
		items = append(items, feedItem{title: "AI story " + p, link: s.url(p)})
	}
	var stopped atomic.Bool
	s.mux.HandleFunc("/story/stop", func(w http.ResponseWriter, r *http.Request) {
		if stopped.Swap(true) {
			http.NotFound(w, r) // the next crawl: the page is gone
			return
		}
		cancel() // the user presses Ctrl-C while this page loads
		<-r.Context().Done()
	})
	items = append(items[:3], append([]feedItem{{title: "AI stop", link: s.url("/story/stop")}}, items[3:]...)...)
	s.serve("/feed.xml", "application/rss+xml", rss(items...))
	src := corpus.Source{Name: "i", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")}
	sink := newMemSink()
	opts := testOptions(t)
	opts.PerHost = 1
	c := New(opts)

	_, err := c.Crawl(ctx, []corpus.Source{src}, sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted crawl error = %v, want context.Canceled", err)
	}
	first := sink.len()
	if first >= 6 {
		t.Fatalf("interrupted crawl stored %d articles, want it to stop early", first)
	}
	// The stop page now fails; the others are stored.
	sum := crawl(t, c, sink, src)
	if ss := summaryOf(t, sum, "i"); ss.New != 6-first {
		t.Errorf("resumed crawl: %+v, want the %d remaining articles", ss, 6-first)
	}
	for i := range 6 {
		p := "/story/" + string(rune('a'+i))
		if n := sink.puts[corpus.CanonicalURL(s.url(p))]; n != 1 {
			t.Errorf("%s stored %d times, want exactly once", p, n)
		}
	}
}

func TestCrawlStorageErrorStops(t *testing.T) {
	s := newSite(t)
	s.serve("/a", "text/html", []byte(articlePage("AI story", "", "", "", enParagraphs)))
	s.serve("/feed.xml", "application/rss+xml", rss(feedItem{title: "AI story", link: s.url("/a")}))
	sink := newMemSink()
	diskFull := errors.New("disk full")
	sink.fail = diskFull
	_, err := New(testOptions(t)).Crawl(context.Background(), []corpus.Source{{Name: "x", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")}}, sink)
	if !errors.Is(err, diskFull) {
		t.Errorf("Crawl error = %v, want the sink's error", err)
	}
}

func TestPerHostLimits(t *testing.T) {
	s := newSite(t)
	var items []feedItem
	for i := range 8 {
		p := "/p/" + string(rune('a'+i))
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(20 * time.Millisecond)
			w.Write([]byte(articlePage("AI "+p, "", "", "", append([]string{p}, enParagraphs...))))
		})
		items = append(items, feedItem{title: "AI " + p, link: s.url(p)})
	}
	s.serve("/feed.xml", "application/rss+xml", rss(items...))
	opts := testOptions(t)
	opts.PerHost = 2
	opts.Delay = time.Millisecond
	sink := newMemSink()
	crawl(t, New(opts), sink, corpus.Source{Name: "h", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml"), Politeness: corpus.Politeness{PerHost: 2}})
	if s.maxIn > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", s.maxIn)
	}
	if sink.len() != 8 {
		t.Errorf("stored %d, want 8", sink.len())
	}
}

func TestHostGateDelay(t *testing.T) {
	g := &hostGate{slots: make(chan struct{}, 4)}
	const delay = 30 * time.Millisecond
	before := time.Now()
	for range 3 {
		if err := g.acquire(context.Background(), delay); err != nil {
			t.Fatal(err)
		}
		g.release()
	}
	// The third request may start no sooner than two delays after the first.
	if elapsed := time.Since(before); elapsed < 2*delay {
		t.Errorf("three requests started within %v, want at least %v", elapsed, 2*delay)
	}
	ctx, cancel := context.WithCancel(context.Background())
	g.pushBack(time.Now().Add(time.Hour))
	cancel()
	if err := g.acquire(ctx, delay); !errors.Is(err, context.Canceled) {
		t.Errorf("acquire on a cancelled context = %v, want context.Canceled", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{"Tue, 05 Mar 2024 10:00:30 GMT", 30 * time.Second, true},
		{"Tue, 05 Mar 2024 09:00:00 GMT", 0, true},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// upgradeSink is a memSink that replaces articles stored from feed content.
type upgradeSink struct{ *memSink }

func (s upgradeSink) FromFeed(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.byURL[u]
	return ok && a.FromFeed
}

func (s upgradeSink) Put(ctx context.Context, a corpus.Article) (bool, error) {
	s.mu.Lock()
	if old, ok := s.byURL[a.CanonicalURL]; ok && old.FromFeed && !a.FromFeed {
		s.byURL[a.CanonicalURL] = a
		s.puts[a.CanonicalURL]++
		s.mu.Unlock()
		return true, nil
	}
	s.mu.Unlock()
	return s.memSink.Put(ctx, a)
}

func TestCrawlUpgradesFeedOnlyArticles(t *testing.T) {
	s := newSite(t)
	var up atomic.Bool
	s.mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		if !up.Load() {
			http.Error(w, "down", http.StatusNotFound)
			return
		}
		w.Write([]byte(articlePage("AI story", "", "", "", enParagraphs)))
	})
	s.serve("/feed.xml", "application/rss+xml", rss(feedItem{title: "AI story", link: s.url("/a"), description: "Short AI summary."}))
	src := corpus.Source{Name: "u", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")}
	sink := upgradeSink{newMemSink()}
	c := New(testOptions(t))
	crawl(t, c, sink, src)
	if a := sink.get(t, "/a"); !a.FromFeed {
		t.Fatalf("first crawl stored %+v, want the feed version", a)
	}
	sum := crawl(t, c, sink, src) // page still down: nothing changes
	if ss := summaryOf(t, sum, "u"); ss.Upgraded != 0 || ss.Duplicate != 1 {
		t.Errorf("second crawl: %+v, want 1 duplicate", ss)
	}
	up.Store(true)
	sum = crawl(t, c, sink, src)
	if ss := summaryOf(t, sum, "u"); ss.Upgraded != 1 {
		t.Errorf("third crawl: %+v, want 1 upgraded", ss)
	}
	if a := sink.get(t, "/a"); a.FromFeed || !strings.Contains(a.Text, enParagraphs[0]) {
		t.Errorf("upgraded article = %+v", a)
	}
}

func TestCrawlRobotsAgentGroup(t *testing.T) {
	s := newSite(t)
	s.serve("/robots.txt", "text/plain", []byte("User-agent: framescope-test\nDisallow: /\n\nUser-agent: *\nAllow: /\n"))
	s.serve("/a", "text/html", []byte(articlePage("AI story", "", "", "", enParagraphs)))
	s.serve("/feed.xml", "application/rss+xml", rss(feedItem{title: "AI story", link: s.url("/a")}))
	sum := crawl(t, New(testOptions(t)), newMemSink(), corpus.Source{Name: "g", Lang: corpus.English, Country: "US", Feed: s.url("/feed.xml")})
	if ss := summaryOf(t, sum, "g"); len(ss.Errors) == 0 || !strings.Contains(ss.Errors[0], ErrRobotsDisallowed.Error()) {
		t.Errorf("summary = %+v, want the feed refused by robots.txt for our user agent", ss)
	}
	if s.hitsOf("/feed.xml") != 0 || s.hitsOf("/a") != 0 {
		t.Errorf("fetched despite robots.txt")
	}
}
