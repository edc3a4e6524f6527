package crawler

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

// datedStory is an article page dated day (YYYY-MM-DD).
func datedStory(title, day string) []byte {
	return []byte(articlePage(title, `<time datetime="`+day+`T09:00:00Z">`+day+`</time>`, "", "", enParagraphs))
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sitemapSite serves a sitemap index of a plain sitemap, a gzipped one
// and a Google News sitemap, and robots.txt naming the index.
func sitemapSite(t *testing.T) *site {
	s := newSite(t)
	const ns = `xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"`
	s.serve("/robots.txt", "text/plain", []byte("User-agent: *\nAllow: /\nSitemap: "+s.url("/sitemap_index.xml")+"\n"))
	s.serve("/sitemap_index.xml", "application/xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex `+ns+`>
<sitemap><loc>`+s.url("/sitemap-2022.xml")+`</loc><lastmod>2022-12-31</lastmod></sitemap>
<sitemap><loc>/sitemap-2023.xml.gz</loc><lastmod>2023-12-31T10:00:00Z</lastmod></sitemap>
<sitemap><loc>`+s.url("/news-sitemap.xml")+`</loc></sitemap></sitemapindex>`))
	s.serve("/sitemap-2022.xml", "application/xml", []byte(`<urlset `+ns+`>
<url><loc>`+s.url("/2022/a")+`</loc><lastmod>2022-03-01</lastmod></url>
<url><loc>`+s.url("/2022/b")+`</loc><lastmod>2022-12-06</lastmod></url></urlset>`))
	s.serve("/sitemap-2023.xml.gz", "application/gzip", gzipped(t, `<urlset `+ns+`>
<url><loc>`+s.url("/2023/c")+`</loc><lastmod>2023-03-16</lastmod></url></urlset>`))
	s.serve("/news-sitemap.xml", "application/xml", []byte(`<urlset `+ns+`>
<url><loc>`+s.url("/2025/d")+`</loc><news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-01-20T08:00:00+08:00</news:publication_date><news:title>DeepSeek R1</news:title></news:news></url></urlset>`))
	s.serve("/2022/a", "text/html", datedStory("AI story A", "2022-03-01"))
	s.serve("/2022/b", "text/html", datedStory("AI story B", "2022-12-05"))
	s.serve("/2023/c", "text/html", datedStory("AI story C", "2023-03-16"))
	s.serve("/2025/d", "text/html", []byte(articlePage("AI story D", "", "", "", enParagraphs)))
	return s
}

func TestCrawlSitemap(t *testing.T) {
	for _, tc := range []struct {
		name         string
		sitemap      string
		since, until string
		want         []string
		outOfWindow  int
		notFetched   []string
	}{
		{name: "index", sitemap: "/sitemap_index.xml", want: []string{"/2022/a", "/2022/b", "/2023/c", "/2025/d"}},
		{name: "robots", sitemap: corpus.SitemapRobots, want: []string{"/2022/a", "/2022/b", "/2023/c", "/2025/d"}},
		// The 2022 sitemap was last modified before since: not read at all.
		// The news date of d is after until: d is not fetched.
		{name: "window", sitemap: "/sitemap_index.xml", since: "2023-01-01", until: "2024-01-01",
			want: []string{"/2023/c"}, outOfWindow: 1, notFetched: []string{"/sitemap-2022.xml", "/2022/a", "/2025/d"}},
		// b's lastmod is inside, its page date is not: fetched, not stored.
		{name: "page date", sitemap: "/sitemap-2022.xml", since: "2022-12-06",
			want: []string{}, outOfWindow: 2, notFetched: []string{"/2022/a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sitemapSite(t)
			src := corpus.Source{Name: "sm", Lang: corpus.English, Country: "US", Keywords: []string{}, Sitemap: tc.sitemap}
			if tc.sitemap == corpus.SitemapRobots {
				src.Site = s.url("/")
			} else {
				src.Sitemap = s.url(tc.sitemap)
			}
			opts := testOptions(t)
			opts.Since, _ = ParseDay(tc.since)
			opts.Until, _ = ParseDay(tc.until)
			sink := newMemSink()
			sum := crawl(t, New(opts), sink, src)
			ss := summaryOf(t, sum, "sm")
			if ss.New != len(tc.want) || ss.OutOfWindow != tc.outOfWindow || len(ss.Errors) > 0 {
				t.Fatalf("summary = %+v, want %d new, %d out of window", ss, len(tc.want), tc.outOfWindow)
			}
			for _, p := range tc.want {
				sink.get(t, p)
			}
			for _, p := range tc.notFetched {
				if s.hitsOf(p) != 0 {
					t.Errorf("%s was fetched", p)
				}
			}
			if len(tc.want) == 4 {
				// Dates come from the pages, not from lastmod.
				if got := sink.get(t, "/2022/b").Published.Format(time.DateOnly); got != "2022-12-05" {
					t.Errorf("b published %s, want the page's 2022-12-05 (not lastmod)", got)
				}
			}
			// A second crawl fetches no page again and adds nothing.
			again := summaryOf(t, crawl(t, New(opts), sink, src), "sm")
			if again.New != 0 || again.Duplicate != len(tc.want) {
				t.Errorf("second crawl = %+v, want %d duplicates", again, len(tc.want))
			}
		})
	}
}

func TestParseSitemap(t *testing.T) {
	doc, err := parseSitemap([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc> /rel </loc><lastmod>2023-05</lastmod></url><url><loc>mailto:x@y</loc></url><url><loc>https://a.example/x#top</loc><lastmod>2023-05-06T07:08+02:00</lastmod></url></urlset>`), "https://a.example/sitemap.xml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range doc.urls {
		got = append(got, e.loc+" "+e.lastmod.UTC().Format(time.RFC3339))
	}
	want := "https://a.example/rel 2023-05-01T00:00:00Z|https://a.example/x 2023-05-06T05:08:00Z"
	if strings.Join(got, "|") != want {
		t.Errorf("entries = %q, want %q", strings.Join(got, "|"), want)
	}
	if _, err := parseSitemap([]byte(`<html><body>not a sitemap</body></html>`), ""); err == nil {
		t.Error("an HTML page parsed as a sitemap")
	}
}

func TestCrawlArchivePages(t *testing.T) {
	s := newSite(t)
	days := []string{"2024-03-10", "2024-03-09", "2024-02-01", "2024-01-31", "2023-12-01", "2023-11-30"}
	for p := 1; p <= 3; p++ {
		next := ""
		if p < 3 {
			next = fmt.Sprintf(`<p class="pager"><a href="/archive/%d">Older</a></p>`, p+1)
		}
		s.serve(fmt.Sprintf("/archive/%d", p), "text/html", []byte(fmt.Sprintf(
			`<html><body><h2><a href="/s/%d">one</a></h2><h2><a href="/s/%d">two</a></h2>%s</body></html>`, 2*p-2, 2*p-1, next)))
	}
	for i, d := range days {
		s.serve(fmt.Sprintf("/s/%d", i), "text/html", datedStory(fmt.Sprintf("AI story %d", i), d))
	}
	for _, tc := range []struct {
		name  string
		pages int
		since string
		want  int // articles stored
		read  int // listing pages read
	}{
		{name: "all pages", want: 6, read: 3},
		{name: "pages limit", pages: 2, want: 4, read: 2},
		// Page 2 holds only articles older than since: paging stops there.
		{name: "stop past since", since: "2024-03-01", want: 2, read: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := corpus.Source{Name: "arc", Lang: corpus.English, Country: "US", Keywords: []string{},
				List: s.url("/archive/1"), Links: "h2 a", Next: ".pager a", Pages: tc.pages}
			opts := testOptions(t)
			opts.Since, _ = ParseDay(tc.since)
			sink := newMemSink()
			ss := summaryOf(t, crawl(t, New(opts), sink, src), "arc")
			if ss.New != tc.want || ss.Pages != tc.read {
				t.Errorf("summary = %+v, want %d new from %d pages", ss, tc.want, tc.read)
			}
		})
	}
}
