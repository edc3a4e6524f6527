package web

import (
	"context"
	"encoding/xml"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/framescope/framescope/index"
)

// schemeIndex answers searches from the fixture's index with the first
// hit's URL replaced, as an index built before URLs were checked holds.
type schemeIndex struct {
	index.Reader
	url string
}

func (x schemeIndex) Search(ctx context.Context, q index.Query) (*index.SearchResult, error) {
	res, err := x.Reader.Search(ctx, q)
	if err == nil && len(res.Hits) > 0 {
		res.Hits[0].URL = x.url
	}
	return res, err
}

// The feed's own links come from Options.BaseURL, never from the Host
// header, and an article link that is not http(s) is left out.
func TestFeedLinks(t *testing.T) {
	f := testFixture(t)
	opts := f.options(schemeIndex{Reader: f.idx, url: "javascript:alert(document.cookie)"})
	opts.BaseURL = "https://news.example.org/"
	s := newServer(t, opts)
	req := httptest.NewRequest(http.MethodGet, "/feed?q=DeepSeek", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	if strings.Contains(body, "evil.example") || strings.Contains(body, "javascript:") {
		t.Errorf("feed carries the Host header or a javascript: link:\n%.600s", body)
	}
	var feed atomFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil || len(feed.Entries) < 2 {
		t.Fatalf("feed: %v, %d entries", err, len(feed.Entries))
	}
	for _, l := range feed.Links {
		if !strings.HasPrefix(l.Href, "https://news.example.org/") {
			t.Errorf("feed link %q not under the base URL", l.Href)
		}
	}
	for _, l := range feed.Entries[0].Links {
		if l.Rel == "alternate" {
			t.Errorf("entry with a javascript: URL keeps an alternate link %q", l.Href)
		}
	}
	alt := 0
	for _, l := range feed.Entries[1].Links {
		if l.Rel == "alternate" && strings.HasPrefix(l.Href, "http") {
			alt++
		}
	}
	if alt != 1 {
		t.Errorf("entry with an http(s) URL: links %+v, want its alternate link", feed.Entries[1].Links)
	}
	if _, err := New(Options{Index: f.idx, Store: opts.Store, Codebook: opts.Codebook, BaseURL: "javascript:x"}); err == nil {
		t.Errorf("New accepted a javascript: BaseURL")
	}
}

// A static path with an overlong UTF-8 encoding of dots is not found,
// not a server error.
func TestStaticOverlongPath(t *testing.T) {
	s := newServer(t, testFixture(t).options(nil))
	for _, target := range []string{"/static/%c0%ae%c0%ae/etc/passwd", "/static/%c0%ae%c0%ae/", "/static/..%2f..%2fetc/passwd", "/static/%00"} {
		if rec := get(t, s, target); rec.Code != http.StatusNotFound && rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 404", target, rec.Code)
		}
	}
}

// An error after the response began (a client gone during a CSV export)
// adds no second status line and no error page to what was sent.
func TestErrorAfterResponseBegan(t *testing.T) {
	s := newServer(t, testFixture(t).options(nil))
	h := s.errors(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/csv")
		w.Write([]byte("id,title\n"))
		return errors.New("write tcp 127.0.0.1:8080: broken pipe")
	})
	cw := &countingWriter{ResponseRecorder: httptest.NewRecorder()}
	h.ServeHTTP(cw, httptest.NewRequest(http.MethodGet, "/api/search?format=csv", nil))
	if cw.headers > 1 || cw.Body.String() != "id,title\n" || cw.Code != http.StatusOK {
		t.Errorf("%d WriteHeader calls, status %d, body %q; want the CSV begun and nothing more", cw.headers, cw.Code, cw.Body)
	}
}

type countingWriter struct {
	*httptest.ResponseRecorder
	headers int
}

func (w *countingWriter) WriteHeader(code int) { w.headers++; w.ResponseRecorder.WriteHeader(code) }
