package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/framescope/framescope/index"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histograms.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests and latencies per route.
type metrics struct {
	mu       sync.Mutex
	requests map[routeCode]int64
	latency  map[string]*histogram
	limitedN int64
}

type routeCode struct {
	route string
	code  int
}

type histogram struct {
	counts []int64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      int64
}

func newMetrics() *metrics {
	return &metrics{requests: map[routeCode]int64{}, latency: map[string]*histogram{}}
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// wrap counts the requests of a route by status code and their latency.
func (m *metrics) wrap(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		m.observe(route, sw.code, time.Since(start))
	})
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[routeCode{route, code}]++
	h, ok := m.latency[route]
	if !ok {
		h = &histogram{counts: make([]int64, len(latencyBuckets)+1)}
		m.latency[route] = h
	}
	sec := d.Seconds()
	i := sort.SearchFloat64s(latencyBuckets, sec)
	h.counts[i]++
	h.sum += sec
	h.n++
}

func (m *metrics) limited() {
	m.mu.Lock()
	m.limitedN++
	m.mu.Unlock()
}

// write prints the counters in the Prometheus text format.
func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP framescope_http_requests_total HTTP requests answered, by route and status code.")
	fmt.Fprintln(w, "# TYPE framescope_http_requests_total counter")
	keys := make([]routeCode, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].route != keys[j].route {
			return keys[i].route < keys[j].route
		}
		return keys[i].code < keys[j].code
	})
	for _, k := range keys {
		fmt.Fprintf(w, "framescope_http_requests_total{route=%q,code=\"%d\"} %d\n", k.route, k.code, m.requests[k])
	}
	fmt.Fprintln(w, "# HELP framescope_http_request_duration_seconds Time to answer a request, by route.")
	fmt.Fprintln(w, "# TYPE framescope_http_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h := m.latency[r]
		var cum int64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "framescope_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", r, strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		cum += h.counts[len(latencyBuckets)]
		fmt.Fprintf(w, "framescope_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", r, cum)
		fmt.Fprintf(w, "framescope_http_request_duration_seconds_sum{route=%q} %g\n", r, h.sum)
		fmt.Fprintf(w, "framescope_http_request_duration_seconds_count{route=%q} %d\n", r, h.n)
	}
	fmt.Fprintln(w, "# HELP framescope_http_rate_limited_total Requests refused by the per-client rate limit.")
	fmt.Fprintln(w, "# TYPE framescope_http_rate_limited_total counter")
	fmt.Fprintf(w, "framescope_http_rate_limited_total %d\n", m.limitedN)
}

// metricsPage answers /metrics: request counters and latency histograms,
// crawl counters and the index size.
func (s *Server) metricsPage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w)
	s.mu.Lock()
	c := s.crawls
	s.mu.Unlock()
	fmt.Fprintln(w, "# HELP framescope_crawls_total Crawls run by this server.")
	fmt.Fprintln(w, "# TYPE framescope_crawls_total counter")
	fmt.Fprintf(w, "framescope_crawls_total %d\n", c.runs)
	fmt.Fprintln(w, "# HELP framescope_crawls_failed_total Crawls that ended with an error.")
	fmt.Fprintln(w, "# TYPE framescope_crawls_failed_total counter")
	fmt.Fprintf(w, "framescope_crawls_failed_total %d\n", c.failed)
	fmt.Fprintln(w, "# HELP framescope_crawled_articles_total New articles stored by this server's crawls.")
	fmt.Fprintln(w, "# TYPE framescope_crawled_articles_total counter")
	fmt.Fprintf(w, "framescope_crawled_articles_total %d\n", c.articles)
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	up := 1
	info, err := s.opts.Index.Info(ctx)
	if err != nil {
		up = 0
	}
	fmt.Fprintln(w, "# HELP framescope_index_up Whether the index answered.")
	fmt.Fprintln(w, "# TYPE framescope_index_up gauge")
	fmt.Fprintf(w, "framescope_index_up %d\n", up)
	fmt.Fprintln(w, "# HELP framescope_index_documents Articles in the index.")
	fmt.Fprintln(w, "# TYPE framescope_index_documents gauge")
	fmt.Fprintf(w, "framescope_index_documents %d\n", info.Docs)
	return nil
}

// healthz answers whether the server and its index work.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	var (
		info index.Info
		err  error
	)
	if nw, ok := s.opts.Index.(noWaitInfo); ok {
		info, err = nw.InfoNoWait(ctx)
	} else {
		info, err = s.opts.Index.Info(ctx)
	}
	if err != nil {
		return err
	}
	return s.writeJSON(w, map[string]any{"status": "ok", "docs": info.Docs, "codebook": info.Codebook,
		"uptime_s": int64(s.opts.Now().Sub(s.started).Seconds())})
}

// noWaitInfo is an index whose Info can be had without waiting while it is
// swapped (index.Live), as /healthz wants.
type noWaitInfo interface {
	InfoNoWait(ctx context.Context) (index.Info, error)
}
