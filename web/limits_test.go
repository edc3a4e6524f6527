package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/terms"
)

// Whatever the index holds and whatever a URL asks for, one request's
// work and answer are bounded: a trend of too many cells, an answer of too
// many bytes and a request body too large are refused with a 4xx that
// says what to ask for instead, before the work is done.

func TestTrendCellLimit(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	// 36 years by day for 3 actors: 13,000 days × 3 actors, well over
	// DefaultMaxTrendCells.
	const wide = "by=day&since=1990-01-01&until=2026-01-01&split=none&actor=CN,US,EU"
	for _, target := range []string{"/api/trend?" + wide, "/api/trend?format=csv&" + wide, "/trend?" + wide, "/trend.svg?" + wide} {
		rec := get(t, s, target)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "cells") {
			t.Errorf("%s: %d %.300s, want 400 naming the cells", target, rec.Code, rec.Body)
		}
	}
	var e struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}
	rec := get(t, s, "/api/trend?"+wide)
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Status != 400 || !strings.Contains(e.Error, "wider period") {
		t.Errorf("API error %v: %+v", err, e)
	}
	// A year by day for the same actors is within the limit.
	rec = get(t, s, "/api/trend?by=day&since=2024-01-01&until=2025-01-01&split=none&actor=CN,US,EU")
	if rec.Code != http.StatusOK {
		t.Errorf("a year by day: %d %.300s", rec.Code, rec.Body)
	}
	// The limit is the server's to set.
	opts := f.options(nil)
	opts.MaxTrendCells = 100
	s = newServer(t, opts)
	if rec := get(t, s, "/api/trend?by=month&since=2023-01-01&until=2025-01-01&split=lang&actor=CN,US,EU"); rec.Code != http.StatusBadRequest {
		t.Errorf("24 months × 2 languages × 3 actors with MaxTrendCells 100: %d, want 400", rec.Code)
	}
}

func TestAnswerByteLimit(t *testing.T) {
	f := testFixture(t)
	opts := f.options(nil)
	opts.MaxAnswerBytes = 8 << 10
	s := newServer(t, opts)
	for _, target := range []string{"/api/search?per=100", "/api/search?per=100&format=csv", "/search?per=100", "/api/trend?by=week&actor=CN,US,EU,openai"} {
		rec := get(t, s, target)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "larger than 8 KiB") {
			t.Errorf("%s: %d %.300s, want 400: larger than 8 KiB", target, rec.Code, rec.Body)
		}
		if cd := rec.Header().Get("Content-Disposition"); cd != "" {
			t.Errorf("%s: an error answered as a download (%s)", target, cd)
		}
	}
	for _, target := range []string{"/api/search?per=1", "/api/search?per=1&format=csv", "/api/trend?by=year"} {
		if rec := get(t, s, target); rec.Code != http.StatusOK || rec.Body.Len() > 8<<10 {
			t.Errorf("%s: %d, %d bytes, want 200 within 8 KiB", target, rec.Code, rec.Body.Len())
		}
	}
}

func TestRequestBodyLimit(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		req := httptest.NewRequest(method, "/admin/crawl", strings.NewReader(strings.Repeat("x", DefaultMaxBodyBytes+1)))
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s with a body of %d bytes: %d, want 413", method, DefaultMaxBodyBytes+1, rec.Code)
		}
	}
	// A body that does not say its length is cut off where it passes
	// the limit.
	var read error
	h := s.limitBody(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, read = r.Body.Read(make([]byte, 2*DefaultMaxBodyBytes))
		for read == nil {
			_, read = r.Body.Read(make([]byte, 4096))
		}
	}))
	req := httptest.NewRequest(http.MethodPost, "/admin/crawl", strings.NewReader(strings.Repeat("x", 2*DefaultMaxBodyBytes)))
	req.ContentLength = -1
	h.ServeHTTP(httptest.NewRecorder(), req)
	var tooLarge *http.MaxBytesError
	if !errorsAs(read, &tooLarge) {
		t.Errorf("reading a body of unknown length past the limit: %v, want *http.MaxBytesError", read)
	}
}

// slowIndex answers every query only when its context ends.
type slowIndex struct{ index.Reader }

func (slowIndex) Search(ctx context.Context, q index.Query) (*index.SearchResult, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("index: search: %w", ctx.Err())
}

func (slowIndex) Trend(ctx context.Context, q index.TrendQuery) (*index.TrendResult, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("index: trend: %w", ctx.Err())
}

func (slowIndex) Facets(ctx context.Context, q index.Query) (*index.Facets, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("index: facets: %w", ctx.Err())
}

func (slowIndex) Get(ctx context.Context, id string) (*index.Hit, bool, error) {
	<-ctx.Done()
	return nil, false, fmt.Errorf("index: get: %w", ctx.Err())
}

func (slowIndex) Info(ctx context.Context) (index.Info, error) {
	<-ctx.Done()
	return index.Info{}, fmt.Errorf("index: info: %w", ctx.Err())
}

// Every route that queries the index is cut off by the query timeout
// with a 503, not left hanging.
func TestEveryQueryTimesOut(t *testing.T) {
	f := testFixture(t)
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	opts := f.options(slowIndex{f.idx})
	opts.Tokenizer = terms.NewTokenizer(seg)
	opts.QueryTimeout = 20 * time.Millisecond
	s := newServer(t, opts)
	for _, target := range []string{
		"/", "/search?q=AI", "/api/search?q=AI", "/api/search?q=AI&format=csv",
		"/trend", "/api/trend", "/trend.svg", "/terms?q=AI", "/api/terms?q=AI", "/api/pairs",
		"/feed?q=AI", "/sources", "/api/sources", "/articles/" + f.hostileID, "/api/articles/" + f.hostileID,
		"/healthz",
	} {
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() { done <- get(t, s, target) }()
		select {
		case rec := <-done:
			if rec.Code != http.StatusServiceUnavailable {
				t.Errorf("%s with a query that never ends: %d %.200s, want 503", target, rec.Code, rec.Body)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s: no answer after a minute with a 20ms query timeout", target)
		}
	}
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
