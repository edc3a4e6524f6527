package crawler

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/framescope/framescope/corpus"
)

// rawContentType is the response header that keeps a page's original
// Content-Type: colly would otherwise re-encode bodies that declare a
// charset, and the crawler decodes raw bytes itself (see DecodeHTML).
const rawContentType = "X-Framescope-Content-Type"

// rawCharsetTransport moves the charset out of Content-Type for colly.
type rawCharsetTransport struct{ next http.RoundTripper }

func (t rawCharsetTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		resp.Header.Set(rawContentType, ct)
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			resp.Header.Set("Content-Type", mt)
		} else {
			resp.Header.Set("Content-Type", "application/octet-stream")
		}
	}
	return resp, nil
}

// fetched is a page as fetched: the final URL after redirects, the raw
// body and its original Content-Type.
type fetched struct {
	url         string
	contentType string
	body        []byte
}

// fetchPage fetches one page with colly through the crawler's polite
// transport, limits from ctx. Non-2xx answers are ErrStatus.
func (c *Crawler) fetchPage(ctx context.Context, l limits, pageURL string) (fetched, error) {
	// Built by hand rather than with colly.NewCollector, which reads
	// COLLY_* environment variables: configuration comes from Options only.
	col := &colly.Collector{}
	col.Init()
	col.UserAgent = l.userAgent
	col.AllowURLRevisit = true
	col.IgnoreRobotsTxt = true // the transport checks robots.txt with its own cache and limits
	col.MaxBodySize = 0        // the transport enforces Options.MaxBody
	col.Context = ctx
	col.SetClient(c.pageClient())
	var (
		out  fetched
		ferr error
	)
	col.OnResponse(func(r *colly.Response) {
		out.url = r.Request.URL.String()
		out.body = r.Body
		if r.Headers != nil {
			out.contentType = r.Headers.Get(rawContentType)
		}
	})
	col.OnError(func(r *colly.Response, err error) {
		if r != nil && r.StatusCode != 0 && (r.StatusCode < 200 || r.StatusCode > 299) {
			ferr = fmt.Errorf("%w: %d %s", ErrStatus, r.StatusCode, http.StatusText(r.StatusCode))
			return
		}
		ferr = unwrapURLError(err)
	})
	err := col.Visit(pageURL)
	if ferr == nil && err != nil {
		ferr = unwrapURLError(err)
	}
	if ferr != nil {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		return out, fmt.Errorf("fetch %s: %w", pageURL, ferr)
	}
	if out.url == "" {
		out.url = pageURL
	}
	return out, nil
}

// pageClient returns the HTTP client colly uses: the crawler's client
// with the charset kept out of colly's reach.
func (c *Crawler) pageClient() *http.Client {
	c.pageOnce.Do(func() {
		c.pageHTTP = &http.Client{Transport: rawCharsetTransport{c.tr}, Jar: c.client.Jar, CheckRedirect: c.checkRedirect}
	})
	return c.pageHTTP
}

// listLinks fetches a listing page and returns the absolute http(s) URLs
// of the elements matching selector (a elements, or the first a inside
// each match), without repeats, in page order.
func (c *Crawler) listLinks(ctx context.Context, l limits, listURL, selector string) ([]item, error) {
	f, err := c.fetchPage(ctx, l, listURL)
	if err != nil {
		return nil, err
	}
	return parseList(f.body, f.contentType, f.url, selector)
}

// parseList extracts article links from a listing page body.
func parseList(body []byte, contentType, pageURL, selector string) ([]item, error) {
	text, _ := DecodeHTML(body, contentType)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse list page %s: %w", pageURL, err)
	}
	base := baseURL(doc, pageURL)
	if base == nil {
		return nil, fmt.Errorf("parse list page %s: bad URL", pageURL)
	}
	seen := map[string]bool{}
	var items []item
	doc.Find(selector).Each(func(_ int, s *goquery.Selection) {
		a := s
		if goquery.NodeName(s) != "a" {
			a = s.Find("a[href]").First()
		}
		href, ok := a.Attr("href")
		if !ok {
			return
		}
		u, err := url.Parse(strings.TrimSpace(href))
		if err != nil {
			return
		}
		u = base.ResolveReference(u)
		u.Fragment = ""
		if u.Scheme != "http" && u.Scheme != "https" || seen[u.String()] {
			return
		}
		seen[u.String()] = true
		items = append(items, item{link: u.String(), title: strings.TrimSpace(a.Text())})
	})
	return items, nil
}

// baseURL returns the URL that a page's relative links resolve against:
// pageURL, or its <base href>. It is nil when pageURL does not parse.
func baseURL(doc *goquery.Document, pageURL string) *url.URL {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	if b, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if bu, err := url.Parse(strings.TrimSpace(b)); err == nil {
			base = base.ResolveReference(bu)
		}
	}
	return base
}

// checkPage returns an error wrapping ErrNotHTML unless f is an HTML (or
// similar text) response that may hold an article: binary bodies (PDFs,
// images, whatever the server declares), media types that are no page,
// feeds, and the source's own feed (feedURL) are refused.
func checkPage(f fetched, feedURL string) error {
	notPage := func(what string) error { return fmt.Errorf("%s: %w (%s)", f.url, ErrNotHTML, what) }
	if feedURL != "" && corpus.CanonicalURL(f.url) == corpus.CanonicalURL(feedURL) {
		return notPage("the feed itself")
	}
	mt, _, _ := mime.ParseMediaType(f.contentType)
	switch {
	case mt == "", mt == "text/html", mt == "application/xhtml+xml", mt == "text/plain",
		mt == "application/octet-stream", mt == "text/xml", mt == "application/xml":
	default:
		return notPage(mt)
	}
	sniffed := http.DetectContentType(f.body)
	if !strings.HasPrefix(sniffed, "text/") {
		return notPage(sniffed)
	}
	head := f.body[:min(len(f.body), 2048)]
	lower := strings.ToLower(string(head))
	if !strings.Contains(lower, "<html") && !strings.Contains(lower, "<body") &&
		(strings.Contains(lower, "<rss") || strings.Contains(lower, "<feed") || strings.Contains(lower, "<rdf:rdf") || strings.Contains(lower, "<urlset")) {
		return notPage("a feed")
	}
	return nil
}
