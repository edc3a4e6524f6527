package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/framescope/framescope/corpus"
)

// Sitemap limits: how deep sitemap indexes nest, how many sitemaps one
// source reads and how large one may be once unzipped (the protocol's
// limit is 50 MB).
const (
	maxSitemapDepth = 4
	maxSitemaps     = 2000
	maxSitemapBytes = 64 << 20
)

// window is the range of publication dates a crawl of one source keeps;
// zero bounds are open.
type window struct{ since, until time.Time }

// windowFor intersects the crawl's window with the source's own.
func (o Options) windowFor(src corpus.Source) window {
	w := window{since: o.Since, until: o.Until}
	if src.Since.After(w.since) {
		w.since = src.Since
	}
	if !src.Until.IsZero() && (w.until.IsZero() || src.Until.Before(w.until)) {
		w.until = src.Until
	}
	return w
}

// contains reports whether t is inside the window (an unknown date is).
func (w window) contains(t time.Time) bool { return corpus.InWindow(t, w.since, w.until) }

// sitemapEntry is one <url> or <sitemap> element of a sitemap.
type sitemapEntry struct {
	loc     string
	lastmod time.Time
	// news is the Google News publication date, title its news:title.
	news  time.Time
	title string
}

// sitemapDoc is a parsed sitemap: either URLs (a urlset) or the sitemaps
// of a sitemap index.
type sitemapDoc struct {
	urls     []sitemapEntry
	sitemaps []sitemapEntry
}

// sitemapURLs reads the sitemap (or sitemap index, followed recursively;
// or the sitemaps that the source's robots.txt lists) of src and returns
// the article URLs that may fall inside w: entries whose news date is
// outside w, or whose lastmod is before w.since, are left out without
// being fetched (an article is published before it is last modified, so a
// later lastmod says nothing). Child sitemaps last modified before w.since
// are not read either. It fails only when no sitemap could be read.
// It also returns the number of entries left out and of sitemaps read.
func (c *Crawler) sitemapURLs(ctx context.Context, src corpus.Source, w window) (items []item, skipped, read int, err error) {
	roots := []string{src.Sitemap}
	if src.Sitemap == corpus.SitemapRobots {
		if roots, err = c.robotsSitemaps(ctx, src.Site); err != nil {
			return nil, 0, 0, err
		}
	}
	var firstErr error
	seen := map[string]bool{}
	var walk func(u string, depth int)
	walk = func(u string, depth int) {
		if seen[u] || depth > maxSitemapDepth || len(seen) >= maxSitemaps || ctx.Err() != nil {
			return
		}
		seen[u] = true
		doc, err := c.fetchSitemap(ctx, u)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			c.log.Warn("sitemap failed", "source", src.Name, "url", u, "err", err)
			return
		}
		read++
		for _, e := range doc.urls {
			switch {
			case !e.news.IsZero() && !w.contains(e.news),
				e.news.IsZero() && !e.lastmod.IsZero() && !w.since.IsZero() && e.lastmod.Before(w.since):
				skipped++
				continue
			}
			items = append(items, item{link: e.loc, title: e.title, hint: e.news})
		}
		for _, e := range doc.sitemaps {
			if !e.lastmod.IsZero() && !w.since.IsZero() && e.lastmod.Before(w.since) {
				continue
			}
			walk(e.loc, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	if read == 0 && firstErr != nil {
		return nil, skipped, 0, firstErr
	}
	if read == 0 && ctx.Err() != nil {
		return nil, skipped, 0, ctx.Err()
	}
	return items, skipped, read, nil
}

// robotsSitemaps returns the Sitemap lines of site's robots.txt.
func (c *Crawler) robotsSitemaps(ctx context.Context, site string) ([]string, error) {
	u, err := url.Parse(site)
	if err != nil {
		return nil, fmt.Errorf("sitemaps of %s: %w", site, err)
	}
	robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
	body, err := c.fetchBody(ctx, robotsURL, "text/plain")
	if err != nil {
		return nil, fmt.Errorf("sitemaps of %s: %w", site, err)
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		return nil, fmt.Errorf("sitemaps of %s: parse %s: %w", site, robotsURL, err)
	}
	if len(data.Sitemaps) == 0 {
		return nil, fmt.Errorf("sitemaps of %s: %w", site, ErrNoSitemap)
	}
	return data.Sitemaps, nil
}

// fetchSitemap fetches and parses one sitemap, unzipping it when it is
// gzip-compressed (whatever its name or Content-Type says).
func (c *Crawler) fetchSitemap(ctx context.Context, u string) (sitemapDoc, error) {
	body, err := c.fetchBody(ctx, u, "application/xml, text/xml;q=0.9, */*;q=0.5")
	if err != nil {
		return sitemapDoc{}, err
	}
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return sitemapDoc{}, fmt.Errorf("sitemap %s: %w", u, err)
		}
		body, err = io.ReadAll(io.LimitReader(zr, maxSitemapBytes))
		if err != nil {
			return sitemapDoc{}, fmt.Errorf("sitemap %s: %w", u, err)
		}
	}
	doc, err := parseSitemap(body, u)
	if err != nil {
		return sitemapDoc{}, fmt.Errorf("sitemap %s: %w", u, err)
	}
	return doc, nil
}

// fetchBody GETs u through the crawler's polite client and returns the
// body of a 2xx answer.
func (c *Crawler) fetchBody(ctx context.Context, u, accept string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	req.Header.Set("Accept", accept)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: %w: %d %s", u, ErrStatus, resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	return body, nil
}

// parseSitemap parses a urlset or sitemapindex document, namespaces
// ignored, keeping absolute http(s) locations only, resolved against base.
func parseSitemap(body []byte, base string) (sitemapDoc, error) {
	var doc sitemapDoc
	bu, _ := url.Parse(base)
	dec := xml.NewDecoder(bytes.NewReader(feedToUTF8(body, "")))
	dec.Strict = false
	var (
		cur   *sitemapEntry
		field string
		text  strings.Builder
		root  string
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("parse: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch {
			case root == "":
				root = name
				if root != "urlset" && root != "sitemapindex" {
					return doc, fmt.Errorf("%w: root element <%s>", ErrNoSitemap, root)
				}
			case (name == "url" || name == "sitemap") && cur == nil:
				cur = &sitemapEntry{}
			case cur != nil:
				field = name
				text.Reset()
			}
		case xml.CharData:
			if field != "" {
				text.Write(t)
			}
		case xml.EndElement:
			name := t.Name.Local
			if cur == nil {
				continue
			}
			if name == field {
				v := strings.TrimSpace(text.String())
				switch field {
				case "loc":
					cur.loc = v
				case "lastmod":
					cur.lastmod = parseW3CDate(v)
				case "publication_date":
					cur.news = parseW3CDate(v)
				case "title":
					cur.title = v
				}
				field = ""
				continue
			}
			if name != "url" && name != "sitemap" {
				continue
			}
			if loc := absoluteHTTP(bu, cur.loc); loc != "" {
				cur.loc = loc
				if name == "url" {
					doc.urls = append(doc.urls, *cur)
				} else {
					doc.sitemaps = append(doc.sitemaps, *cur)
				}
			}
			cur = nil
		}
	}
	if root == "" {
		return doc, fmt.Errorf("%w: empty document", ErrNoSitemap)
	}
	return doc, nil
}

// parseW3CDate parses a sitemap date (W3C Datetime: YYYY, YYYY-MM,
// YYYY-MM-DD or a full RFC 3339 time, seconds optional); zero when it is
// none of them.
func parseW3CDate(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", time.DateOnly, "2006-01", "2006",
		"2006-01-02T15:04:05", time.DateTime} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// absoluteHTTP resolves ref against base and returns it when it is an
// http(s) URL, "" otherwise.
func absoluteHTTP(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || ref == "" {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}
