package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/internal/synth"
)

// Benchmarks of whole requests (handler, index, template) on a synthetic
// index of FRAMESCOPE_BENCH_N articles (default 2000), built in a temporary
// folder or, with FRAMESCOPE_BENCH_DIR, kept there and reused by later
// runs with the same N. Each reports the median and 90th percentile
// latency besides ns/op:
//
//	FRAMESCOPE_BENCH_N=1000000 FRAMESCOPE_BENCH_DIR=/tmp/fswebbench go test -run '^$' -bench . -benchtime 140x ./cmd/framescope/web/
//
// scripts/loadtest measures requests per second with wrk against a server.

// emptyStore is a store without articles: the benchmarked pages do not
// read it.
type emptyStore struct{}

func (emptyStore) Get(string) (corpus.Article, bool, error) { return corpus.Article{}, false, nil }
func (emptyStore) Copies(string) []string                   { return nil }

var (
	benchOnce sync.Once
	bench     *Server
	benchErr  error
	// benchTemp is the folder of a benchmark index built without
	// FRAMESCOPE_BENCH_DIR, removed by TestMain.
	benchTemp string
	benchIdx  *bleve.Index
)

// benchServer returns a server over the benchmark index, built once per
// test binary.
func benchServer(b *testing.B) *Server {
	b.Helper()
	benchOnce.Do(func() { bench, benchErr = buildBench(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return bench
}

func buildBench(b *testing.B) (*Server, error) {
	n := 2000
	if s := os.Getenv("FRAMESCOPE_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("FRAMESCOPE_BENCH_N=%q: want a positive number", s)
		}
		n = v
	}
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		return nil, err
	}
	seg.AddWords(synth.Words()...)
	cb, err := analyzer.DefaultCodebook()
	if err != nil {
		return nil, err
	}
	dir := os.Getenv("FRAMESCOPE_BENCH_DIR")
	if dir == "" {
		if dir, err = os.MkdirTemp("", "framescope-web-bench"); err != nil {
			return nil, err
		}
		benchTemp = dir
	}
	path := filepath.Join(dir, "web-index-"+strconv.Itoa(n))
	idx, err := bleve.Open(path, seg)
	if err != nil {
		return nil, err
	}
	benchIdx = idx
	ctx := context.Background()
	info, err := idx.Info(ctx)
	if err != nil {
		return nil, err
	}
	if info.Docs != uint64(n) {
		start := time.Now()
		g := synth.New(1)
		for lo := 0; lo < n; lo += 1000 {
			docs := make([]index.Doc, 0, 1000)
			for i := lo; i < min(n, lo+1000); i++ {
				d := g.Article(i)
				docs = append(docs, index.Doc{Article: d.Article, Analysis: d.Analysis})
			}
			if err := idx.Put(ctx, docs); err != nil {
				return nil, err
			}
		}
		b.Logf("indexed %d articles in %s", n, time.Since(start).Round(time.Millisecond))
	}
	return New(Options{Index: idx, Store: emptyStore{}, Codebook: func() *analyzer.Codebook { return cb }, RatePerSecond: -1})
}

// benchRequests answers the targets in turn b.N times and reports the
// median and 90th percentile latency.
func benchRequests(b *testing.B, targets []string) {
	s := benchServer(b)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, targets[i%len(targets)], nil)
		start := time.Now()
		s.ServeHTTP(rec, req)
		lat = append(lat, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %.300s", req.URL, rec.Code, rec.Body)
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "p90-ms")
}

// searchTargets mix a match-all listing, names, words in either language
// (人工智能 is in half of the synthetic articles, AI in most), filters,
// date order and a second page.
var searchTargets = []string{
	"/search",
	"/search?q=DeepSeek",
	"/search?q=DeepSeek&lang=en&since=2025-01-01&until=2025-02-01",
	"/search?q=文心一言",
	"/search?q=人工智能&lang=zh",
	"/search?q=chips+OR+芯片&frame=catching-up&sort=date",
	"/search?q=AI&country=US&page=2",
}

func BenchmarkSearchPage(b *testing.B) { benchRequests(b, searchTargets) }

func BenchmarkTrendPage(b *testing.B) {
	benchRequests(b, []string{
		"/trend",
		"/trend?actor=CN,US&by=quarter",
		"/trend?q=DeepSeek&actor=deepseek,openai&compare=actors",
		"/trend?q=chips&q2=芯片&compare=queries&split=none",
	})
}

func BenchmarkAPISearch(b *testing.B) {
	var api []string
	for _, t := range searchTargets {
		api = append(api, "/api"+t)
	}
	benchRequests(b, api)
}
