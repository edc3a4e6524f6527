package crawler

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/framescope/framescope/corpus"
)

// Capture is an HTML page captured in a WARC file: the payload of a
// response record with status 200.
type Capture struct {
	// URL is the record's WARC-Target-URI.
	URL string
	// ContentType is the HTTP Content-Type of the capture.
	ContentType string
	// Body is the decoded HTTP payload (transfer and content encodings
	// undone).
	Body []byte
	// Captured is the WARC-Date: when the page was fetched, not when it
	// was published.
	Captured time.Time
	// Next is the file offset of the record after this one: reading from
	// Next again continues after this capture.
	Next int64
}

// WARCReader reads the HTML captures of a WARC file (.warc or .warc.gz),
// one record at a time: memory stays flat however large the file.
type WARCReader struct {
	r    *gowarc.WarcFileReader
	next int64
	// MaxBody bounds the payload read of one capture; larger ones are
	// skipped.
	MaxBody int64
}

// OpenWARC opens the WARC file at path for reading from offset, which is
// 0 or a Capture's Next (or Offset) from an earlier reading.
func OpenWARC(path string, offset int64) (*WARCReader, error) {
	r, err := gowarc.NewWarcFileReader(path, offset,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore), gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore), gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore))
	if err != nil {
		return nil, fmt.Errorf("open warc %s: %w", path, err)
	}
	return &WARCReader{r: r, next: offset, MaxBody: DefaultMaxBody}, nil
}

// Offset returns the file offset after the last record read.
func (w *WARCReader) Offset() int64 { return w.next }

// Close closes the file.
func (w *WARCReader) Close() error { return w.r.Close() }

// Next returns the next HTML capture, skipping other records (requests,
// metadata, revisits, other statuses and media types). It returns io.EOF
// at the end of the file, and an error wrapping ErrWARC for a record that
// cannot be read (the file is truncated or corrupt from there on).
func (w *WARCReader) Next() (Capture, error) {
	for {
		rec, err := w.r.Next()
		if errors.Is(err, io.EOF) || err == nil && rec.WarcRecord == nil {
			return Capture{}, io.EOF
		}
		if err != nil {
			rec.Close()
			return Capture{}, fmt.Errorf("%w at offset %d: %v", ErrWARC, w.next, err)
		}
		w.next = rec.Offset + rec.Size
		c, ok, err := w.capture(rec.WarcRecord)
		rec.Close()
		if err != nil {
			return Capture{}, fmt.Errorf("%w at offset %d: %v", ErrWARC, rec.Offset, err)
		}
		if ok {
			c.Next = w.next
			return c, nil
		}
	}
}

// capture returns the HTML capture in rec, ok false for other records.
func (w *WARCReader) capture(rec gowarc.WarcRecord) (Capture, bool, error) {
	if rec.Type() != gowarc.Response {
		return Capture{}, false, nil
	}
	block, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP || block.HttpStatusCode() != 200 || block.HttpHeader() == nil {
		return Capture{}, false, nil
	}
	h := block.HttpHeader()
	ct := h.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && (err != nil || mt != "text/html" && mt != "application/xhtml+xml") {
		return Capture{}, false, nil
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return Capture{}, false, err
	}
	// The payload is as the server sent it.
	var r io.Reader = bufio.NewReader(payload)
	if strings.EqualFold(h.Get("Transfer-Encoding"), "chunked") {
		r = httputil.NewChunkedReader(r)
	}
	body, err := io.ReadAll(io.LimitReader(r, w.MaxBody+1))
	if err != nil || int64(len(body)) > w.MaxBody {
		return Capture{}, false, nil // a broken or huge capture: skip it, not the file
	}
	if body, err = decodeContent(body, h.Get("Content-Encoding")); err != nil {
		return Capture{}, false, nil
	}
	c := Capture{URL: strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>"), ContentType: ct, Body: body}
	c.Captured, _ = rec.Date()
	return c, c.URL != "", nil
}

// decodeContent undoes a gzip or deflate Content-Encoding.
func decodeContent(body []byte, encoding string) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(io.LimitReader(zr, DefaultMaxBody))
	case "deflate":
		return io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(body)), DefaultMaxBody))
	}
	return nil, fmt.Errorf("content encoding %q", encoding)
}

// ArticleFromPage turns a page fetched elsewhere (a WARC capture, an
// archive) into an article of src, extracted as a crawled page is: the
// canonical URL from the page when it is on the same site, the date from
// the page, the language detected when src has none. It returns Filtered
// when the article matches none of the source's keywords (keep all with
// an empty non-nil src.Keywords), and an error wrapping ErrNoBody when the
// page has no article text. The article's Fetched is fetched.
func ArticleFromPage(body []byte, contentType, pageURL string, src corpus.Source, fetched time.Time) (corpus.Article, Outcome, error) {
	page, err := Extract(body, contentType, pageURL, src)
	if err != nil {
		return corpus.Article{}, Failed, err
	}
	if page.Text == "" {
		return corpus.Article{}, Failed, fmt.Errorf("extract %s: %w", pageURL, ErrNoBody)
	}
	a := corpus.Article{URL: pageURL, CanonicalURL: corpus.CanonicalURL(pageURL), Source: src.Name, Country: src.Country,
		Lang: src.Lang, Title: page.Title, Text: page.Text, Author: page.Author, Published: page.Published, Fetched: fetched.UTC()}
	if c := sameSiteCanonical(page.CanonicalURL, pageURL); c != "" {
		a.CanonicalURL = c
	}
	if !newKeywordFilter(src.Keywords).Match(a.Title, a.Text) {
		return a, Filtered, nil
	}
	if a.Lang == "" {
		a.Lang = cmp.Or(page.Lang, detectLang(a.Title+"\n"+a.Text))
	}
	a.Fill()
	return a, Added, nil
}
