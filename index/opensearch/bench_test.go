package opensearch_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/index/opensearch"
	"github.com/framescope/framescope/internal/synth"
)

// Benchmarks against the OpenSearch node at FRAMESCOPE_TEST_OPENSEARCH
// (skipped when it is unset), mirroring index/bleve's on the same
// synthetic corpus: BenchmarkIndex bulk-indexes b.N articles into a fresh
// index (use -benchtime Nx) and reports articles/s; BenchmarkSearch and
// BenchmarkTrend run Bleve's query mix over a shared index of
// FRAMESCOPE_BENCH_N articles (default 2000), named
// framescope-bench-N and kept on the node for later runs with the same N,
// and report the median and p90 latency of their iterations:
//
//	OPENSEARCH_DIR=/tmp/fs-os scripts/opensearch start   # prints the URL last
//	FRAMESCOPE_TEST_OPENSEARCH=http://127.0.0.1:PORT go test -run '^$' -bench BenchmarkIndex -benchtime 100000x ./index/opensearch/
//	FRAMESCOPE_TEST_OPENSEARCH=http://127.0.0.1:PORT FRAMESCOPE_BENCH_N=100000 go test -run '^$' -bench 'Search|Trend' -benchtime 20x ./index/opensearch/
//
// The node's memory is outside this process: read the java process's RSS
// (ps -o rss= -p PID) while they run. Peak-RSS-MiB is the Go client's.

func benchN(b *testing.B) int {
	n := 2000
	if s := os.Getenv("FRAMESCOPE_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("FRAMESCOPE_BENCH_N=%q: want a positive number", s)
		}
		n = v
	}
	return n
}

// fill indexes generated articles [from, to) in batches of 1000, as
// index/bleve's benchmarks do, generating the next batch while the
// previous one is indexed.
func fill(ctx context.Context, x *opensearch.Index, g *synth.Generator, from, to int, progress func(done int)) error {
	const batch = 1000
	next := make(chan []index.Doc, 1)
	go func() {
		defer close(next)
		for s := from; s < to; s += batch {
			docs := make([]index.Doc, 0, batch)
			for i := s; i < min(s+batch, to); i++ {
				d := g.Article(i)
				docs = append(docs, index.Doc{Article: d.Article, Analysis: d.Analysis})
			}
			next <- docs
		}
	}()
	done := 0
	for docs := range next {
		if err := x.Put(ctx, docs); err != nil {
			for range next {
			}
			return err
		}
		done += len(docs)
		if progress != nil {
			progress(done)
		}
	}
	return nil
}

var (
	benchMu  sync.Mutex
	benchIdx = map[int]*opensearch.Index{}
)

// benchIndex returns the shared benchmark index of n articles, filling
// framescope-bench-N on the node up to n articles when it has fewer.
func benchIndex(b *testing.B, n int) *opensearch.Index {
	b.Helper()
	u := testURL(b)
	seg := segmenter(b)
	benchMu.Lock()
	defer benchMu.Unlock()
	if x, ok := benchIdx[n]; ok {
		return x
	}
	ctx := context.Background()
	x, err := opensearch.Open(ctx, u, fmt.Sprintf("framescope-bench-%d", n), seg, bleve.EnglishTerms)
	if err != nil {
		b.Fatal(err)
	}
	info, err := x.Info(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have := int(info.Docs); have < n {
		start, cpu0 := time.Now(), cpuTime()
		fmt.Fprintf(os.Stderr, "bench: indexing articles %d..%d into %s\n", have, n, x.Name())
		err := fill(ctx, x, synth.New(1), have, n, func(done int) {
			if done%50000 == 0 {
				fmt.Fprintf(os.Stderr, "bench: %d articles, %.0f/s\n", have+done, float64(done)/time.Since(start).Seconds())
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		wall, cpu := time.Since(start), cpuTime()-cpu0
		fmt.Fprintf(os.Stderr, "bench: indexed %d articles in %v (%.0f/s, client %.0f cpu-µs/article, client peak VmRSS %.0f MiB)\n",
			n-have, wall.Round(time.Second), float64(n-have)/wall.Seconds(), float64(cpu.Microseconds())/float64(n-have), peakRSS())
	}
	benchIdx[n] = x
	return x
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, x := range benchIdx {
		x.Close()
	}
	os.Exit(code)
}

// peakRSS returns the process's peak resident set size in MiB (Linux).
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// latencies times each run of f over the benchmark's loop and reports the
// median and p90 in milliseconds.
func latencies(b *testing.B, f func()) {
	var d []time.Duration
	for b.Loop() {
		t := time.Now()
		f()
		d = append(d, time.Since(t))
	}
	slices.Sort(d)
	at := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.9), "p90-ms")
}

// BenchmarkIndex bulk-indexes b.N synthetic articles into a fresh index
// (use -benchtime Nx), deleted at the end, and reports articles per second
// and the Go client's CPU time per article and peak RSS.
func BenchmarkIndex(b *testing.B) {
	u := testURL(b)
	seg := segmenter(b)
	ctx := context.Background()
	x, err := opensearch.Open(ctx, u, fmt.Sprintf("framescope-bench-index-%d", os.Getpid()), seg, bleve.EnglishTerms, opensearch.Recreate())
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		x.Delete(ctx)
		x.Close()
	}()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	if err := fill(ctx, x, synth.New(2), 0, b.N, nil); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	wall, cpu := time.Since(start), cpuTime()-cpu0
	b.ReportMetric(float64(b.N)/wall.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "client-cpu-µs/article")
	b.ReportMetric(peakRSS(), "client-peak-RSS-MiB")
}

// BenchmarkTrend runs index/bleve's trend queries over the shared index.
func BenchmarkTrend(b *testing.B) {
	n := benchN(b)
	x := benchIndex(b, n)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		q    index.TrendQuery
	}{
		{"month/actor=CN", index.TrendQuery{By: index.Month, Actors: []string{"CN"}}},
		{"month/CN,US/split=lang", index.TrendQuery{By: index.Month, Actors: []string{"CN", "US"}, Split: index.SplitLang}},
		{"month/filter=actor:CN", index.TrendQuery{By: index.Month, Actors: []string{"CN"}, Filters: index.Filters{Actor: []string{"CN"}}}},
		{"quarter/query=AI OR 人工智能", index.TrendQuery{Text: "AI OR 人工智能", By: index.Quarter, Actors: []string{"CN", "US"}}},
		{"week/lang=en/unit=attribution", index.TrendQuery{By: index.Week, Actors: []string{"CN"}, Unit: index.UnitAttribution, Filters: index.Filters{Lang: []corpus.Lang{"en"}}}},
		{"month/unit=story", index.TrendQuery{By: index.Month, Actors: []string{"CN"}, Unit: index.UnitStory}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			latencies(b, func() {
				res, err := x.Trend(ctx, tc.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Buckets) == 0 {
					b.Fatal("no buckets")
				}
			})
		})
	}
}

// BenchmarkSearch runs index/bleve's searches (20 hits) over the shared
// index; "*" lists the newest articles.
func BenchmarkSearch(b *testing.B) {
	n := benchN(b)
	x := benchIndex(b, n)
	ctx := context.Background()
	for _, q := range []string{"*", "DeepSeek", "人工智能", `"closing the gap"`, "追赶 美国", "chips NOT Nvidia", "文心一言 OR ERNIE"} {
		b.Run(q, func(b *testing.B) {
			latencies(b, func() {
				res, err := x.Search(ctx, index.Query{Text: q, Limit: 20})
				if err != nil {
					b.Fatal(err)
				}
				if res.Total == 0 {
					b.Fatalf("%q: no hits", q)
				}
			})
		})
	}
}
