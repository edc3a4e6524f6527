package crawler

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// item is one article to fetch: a feed entry or a link of a listing page.
type item struct {
	link      string
	title     string
	summary   string // feed content as plain text, "" for listing links
	author    string
	published time.Time
	tags      []string
	inFeed    bool
	// hint is a date the listing gave (a Google News sitemap's
	// publication date), used when the page has none.
	hint time.Time
}

// fetchFeed fetches a feed with a conditional GET. It returns the items,
// the validators to remember once they are all handled, and notModified
// when the server answered 304.
func (c *Crawler) fetchFeed(ctx context.Context, feedURL string) (items []item, next FeedState, notModified bool, err error) {
	return c.fetchFeedConditional(ctx, feedURL, c.opts.State.Feed(feedURL))
}

// fetchFeedConditional fetches a feed, sending prev's validators.
func (c *Crawler) fetchFeedConditional(ctx context.Context, feedURL string, prev FeedState) (items []item, next FeedState, notModified bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return nil, next, false, fmt.Errorf("fetch feed %s: %w", feedURL, err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, next, false, fmt.Errorf("fetch feed %s: %w", feedURL, unwrapURLError(err))
	}
	defer resp.Body.Close()
	next = FeedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Checked: c.now().UTC()}
	if resp.StatusCode == http.StatusNotModified {
		if next.ETag == "" && next.LastModified == "" {
			next.ETag, next.LastModified = prev.ETag, prev.LastModified
		}
		return nil, next, true, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, next, false, fmt.Errorf("fetch feed %s: %w: %d %s", feedURL, ErrStatus, resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, next, false, fmt.Errorf("fetch feed %s: %w", feedURL, err)
	}
	base := feedURL
	if resp.Request != nil && resp.Request.URL != nil {
		base = resp.Request.URL.String()
	}
	items, err = parseFeed(body, resp.Header.Get("Content-Type"), base, c.now())
	if err != nil {
		return nil, next, false, fmt.Errorf("fetch feed %s: %w", feedURL, err)
	}
	return items, next, false, nil
}

// xmlEncodingRE finds the encoding of an XML declaration.
var xmlEncodingRE = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)(["'])`)

// parseFeed parses an RSS, Atom or JSON feed body into items with absolute
// links, in feed order. Non-UTF-8 bodies, declared or not, are decoded
// first (GB2312 and GBK as GB18030).
func parseFeed(body []byte, contentType, feedURL string, now time.Time) (items []item, err error) {
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, fmt.Errorf("parse feed: parser panic: %v", r)
		}
	}()
	body = feedToUTF8(body, contentType)
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	base, _ := url.Parse(feedURL)
	if feed.Link != "" && base == nil {
		base, _ = url.Parse(feed.Link)
	}
	for _, fi := range feed.Items {
		if fi == nil {
			continue
		}
		link := strings.TrimSpace(fi.Link)
		if link == "" && strings.HasPrefix(fi.GUID, "http") {
			link = strings.TrimSpace(fi.GUID)
		}
		if link == "" {
			continue
		}
		u, err := url.Parse(link)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			continue
		}
		it := item{link: u.String(), title: htmlToText(fi.Title), inFeed: true, tags: fi.Categories}
		content := fi.Content
		if len(htmlToText(content)) < len(htmlToText(fi.Description)) {
			content = fi.Description
		}
		it.summary = htmlToText(content)
		for _, a := range fi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				it.author = strings.TrimSpace(a.Name)
				break
			}
		}
		if it.author == "" && fi.DublinCoreExt != nil && len(fi.DublinCoreExt.Creator) > 0 {
			it.author = strings.TrimSpace(fi.DublinCoreExt.Creator[0])
		}
		switch {
		case fi.PublishedParsed != nil && saneDate(*fi.PublishedParsed, now):
			it.published = *fi.PublishedParsed
		case fi.UpdatedParsed != nil && saneDate(*fi.UpdatedParsed, now):
			it.published = *fi.UpdatedParsed
		case fi.Published != "":
			it.published, _ = ParseDate(fi.Published, time.UTC, now)
		}
		items = append(items, it)
	}
	return items, nil
}

// feedToUTF8 returns an XML feed body in UTF-8 with its declaration saying
// so. JSON feeds and UTF-8 bodies that declare nothing else pass unchanged.
func feedToUTF8(body []byte, contentType string) []byte {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	head := body[:min(len(body), 200)]
	declared := ""
	if m := xmlEncodingRE.FindSubmatch(head); m != nil {
		declared = strings.ToLower(string(m[2]))
	}
	if declared == "" {
		declared = labelFromContentType(contentType)
	}
	name := normalizeLabel(declared)
	if name == "" || name == "utf-8" {
		if bytes.Contains(head, []byte("<")) && !utf8.Valid(body) {
			s, _ := decodeBody(body, declared)
			return setXMLEncoding([]byte(s))
		}
		return body
	}
	s, _ := decodeBody(body, declared)
	return setXMLEncoding([]byte(s))
}

// setXMLEncoding rewrites the XML declaration's encoding to UTF-8.
func setXMLEncoding(b []byte) []byte {
	if loc := xmlEncodingRE.FindSubmatchIndex(b[:min(len(b), 200)]); loc != nil {
		out := make([]byte, 0, len(b))
		out = append(out, b[:loc[4]]...)
		out = append(out, "UTF-8"...)
		return append(out, b[loc[5]:]...)
	}
	return b
}

// htmlToText turns a feed's HTML snippet into plain text.
func htmlToText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return cleanLines(s)
	}
	doc, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		return cleanLines(s)
	}
	return visibleText(doc)
}

// unwrapURLError drops the *url.Error wrapper the HTTP client adds, whose
// message repeats the method and URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
