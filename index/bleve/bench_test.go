package bleve_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/internal/synth"
)

// Benchmarks run on a synthetic index of FRAMESCOPE_BENCH_N articles
// (default 2000), built in a temporary folder or, when
// FRAMESCOPE_BENCH_DIR is set, kept there and reused by later runs with
// the same N:
//
//	FRAMESCOPE_BENCH_N=200000 FRAMESCOPE_BENCH_DIR=/tmp/fsbench go test -run '^$' -bench 'Trend|Search' -count 10 ./index/ | benchstat -
//	go test -run '^$' -bench BenchmarkIndex -benchtime 20000x ./index/
//
// BenchmarkIndex reports the indexing rate, the CPU cores it kept busy and
// those it would have on an idle machine (on a shared one, run queue wait
// counts too), and the peaks of resident memory (VmRSS), of its anonymous
// part (RssAnon, which the kernel cannot drop, unlike the mapped segment
// files) and of the Go heap. At a million articles (about a quarter of an
// hour), with the index size on disk on stderr:
//
//	go test -c -o /tmp/index.test ./index/ && cd index &&
//	/usr/bin/time -v /tmp/index.test -test.run '^$' -test.bench BenchmarkIndex -test.benchtime 1000000x -test.timeout 40m

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

var (
	segOnce  sync.Once
	benchSeg *analyzer.Segmenter
	segErr   error
)

// loadWords returns the shared segmenter with the generator's names added,
// as a codebook's are before indexing and querying.
func loadWords(b *testing.B) *analyzer.Segmenter {
	segOnce.Do(func() {
		benchSeg, segErr = analyzer.SharedSegmenter()
		if segErr == nil {
			benchSeg.AddWords(synth.Words()...)
		}
	})
	if segErr != nil {
		b.Fatal(segErr)
	}
	return benchSeg
}

// toDoc converts a generated article.
func toDoc(d synth.Doc) index.Doc { return index.Doc{Article: d.Article, Analysis: d.Analysis} }

// fill indexes generated articles [from, to) in batches, generating the
// next batch while the previous one is indexed.
func fill(ctx context.Context, idx *bleve.Index, g *synth.Generator, from, to int, progress func(done int)) error {
	const batch = 1000
	next := make(chan []index.Doc, 1)
	go func() {
		defer close(next)
		for s := from; s < to; s += batch {
			docs := make([]index.Doc, 0, batch)
			for i := s; i < min(s+batch, to); i++ {
				docs = append(docs, toDoc(g.Article(i)))
			}
			next <- docs
		}
	}()
	done := 0
	for docs := range next {
		if err := idx.Put(ctx, docs); err != nil {
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
	benchMu   sync.Mutex
	benchIdx  = map[int]*bleve.Index{}
	benchTemp []string
)

// benchIndex returns the shared benchmark index of n articles.
func benchIndex(b *testing.B, n int) *bleve.Index {
	b.Helper()
	seg := loadWords(b)
	benchMu.Lock()
	defer benchMu.Unlock()
	if idx, ok := benchIdx[n]; ok {
		return idx
	}
	root := os.Getenv("FRAMESCOPE_BENCH_DIR")
	if root == "" {
		tmp, err := os.MkdirTemp("", "framescope-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchTemp = append(benchTemp, tmp)
		root = tmp
	}
	dir := filepath.Join(root, fmt.Sprintf("index-%d", n))
	ctx := context.Background()
	idx, err := bleve.Open(dir, seg)
	if err != nil {
		b.Fatal(err)
	}
	info, err := idx.Info(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have := int(info.Docs); have < n {
		mem := memPeaks()
		start, cpu0, wait0 := time.Now(), cpuTime(), runqWait()
		fmt.Fprintf(os.Stderr, "bench: indexing articles %d..%d into %s\n", have, n, dir)
		err := fill(ctx, idx, synth.New(1), have, n, func(done int) {
			if done%50000 == 0 {
				fmt.Fprintf(os.Stderr, "bench: %d articles, %.0f/s, peak RSS %.0f MiB\n", have+done, float64(done)/time.Since(start).Seconds(), peakRSS())
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		rss, anon, heap := mem()
		wall, cpu, wait := time.Since(start), cpuTime()-cpu0, runqWait()-wait0
		fmt.Fprintf(os.Stderr, "bench: indexed %d articles in %v (%.0f/s, %.0f cpu-µs/article, %.2f cores busy, %.2f wanted), peak VmRSS %.0f MiB (sampled %.0f), peak RssAnon %.0f MiB, peak Go heap %.0f MiB, %s on disk\n",
			n-have, wall.Round(time.Second), float64(n-have)/wall.Seconds(),
			float64(cpu.Microseconds())/float64(n-have), cpu.Seconds()/wall.Seconds(), (cpu+wait).Seconds()/wall.Seconds(),
			peakRSS(), rss, anon, heap, diskSize(dir))
	}
	benchIdx[n] = idx
	return idx
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, idx := range benchIdx {
		idx.Close()
	}
	for _, d := range benchTemp {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// diskSize returns the size of the files under dir, human readable.
func diskSize(dir string) string {
	var total int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			total += info.Size()
		}
		return nil
	})
	return fmt.Sprintf("%.1f MiB", float64(total)/(1<<20))
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

// memPeaks samples the process's memory every 100ms until stop is called
// and returns the peaks in MiB: resident set (VmRSS), its anonymous part
// (RssAnon: heap, stacks, cgo allocations; unlike RssFile, the mapped
// segment files, the kernel cannot drop it) and the Go heap in use.
func memPeaks() (stop func() (rss, anon, heap float64)) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var rss, anon, heap float64
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			if b, err := os.ReadFile("/proc/self/status"); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					f := strings.Fields(line)
					if len(f) < 2 {
						continue
					}
					kb, _ := strconv.ParseFloat(f[1], 64)
					switch f[0] {
					case "VmRSS:":
						rss = max(rss, kb/1024)
					case "RssAnon:":
						anon = max(anon, kb/1024)
					}
				}
			}
			metrics.Read(sample)
			heap = max(heap, float64(sample[0].Value.Uint64()+sample[1].Value.Uint64())/(1<<20))
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() (float64, float64, float64) {
		close(done)
		wg.Wait()
		return rss, anon, heap
	}
}

// runqWait returns the time the process's threads have spent ready to run
// but waiting for a CPU (Linux; 0 elsewhere): on a machine shared with
// other work, it tells how much faster an idle machine would have been.
func runqWait() time.Duration {
	tasks, _ := filepath.Glob("/proc/self/task/*/schedstat")
	var total time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			ns, _ := strconv.ParseInt(f[1], 10, 64)
			total += time.Duration(ns)
		}
	}
	return total
}

// latencies times each run of f over the benchmark's loop and reports the
// median and p90 in milliseconds, as index/opensearch's benchmarks do.
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

// BenchmarkIndex indexes b.N synthetic articles into a fresh index (use
// -benchtime Nx) and reports articles per second and the peak RSS.
func BenchmarkIndex(b *testing.B) {
	seg := loadWords(b)
	dir := filepath.Join(b.TempDir(), "index")
	idx, err := bleve.Open(dir, seg)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	b.ResetTimer()
	mem := memPeaks()
	start, cpu0, wait0 := time.Now(), cpuTime(), runqWait()
	if err := fill(context.Background(), idx, synth.New(2), 0, b.N, nil); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	wall, cpu, wait := time.Since(start), cpuTime()-cpu0, runqWait()-wait0
	b.ReportMetric(float64(b.N)/wall.Seconds(), "articles/s")
	// Cores busy, and cores that would have been busy had no other
	// process competed for them (CPU plus run queue wait, over wall time).
	b.ReportMetric(cpu.Seconds()/wall.Seconds(), "cores")
	b.ReportMetric((cpu+wait).Seconds()/wall.Seconds(), "cores-wanted")
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/article")
	rss, anon, heap := mem()
	b.ReportMetric(peakRSS(), "peak-RSS-MiB")
	b.ReportMetric(rss, "peak-sampled-RSS-MiB")
	b.ReportMetric(anon, "peak-RssAnon-MiB")
	b.ReportMetric(heap, "peak-heap-MiB")
	if b.N >= 10000 {
		fmt.Fprintf(os.Stderr, "bench: %d articles: %s on disk\n", b.N, diskSize(dir))
	}
}

// BenchmarkTrend runs trend queries over the shared synthetic index.
func BenchmarkTrend(b *testing.B) {
	n := benchN(b)
	idx := benchIndex(b, n)
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
				res, err := idx.Trend(ctx, tc.q)
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

// BenchmarkSearch runs searches (20 hits) over the shared index; "*" lists
// the newest articles.
func BenchmarkSearch(b *testing.B) {
	n := benchN(b)
	idx := benchIndex(b, n)
	ctx := context.Background()
	for _, q := range []string{"*", "DeepSeek", "人工智能", `"closing the gap"`, "追赶 美国", "chips NOT Nvidia", "文心一言 OR ERNIE"} {
		b.Run(q, func(b *testing.B) {
			latencies(b, func() {
				res, err := idx.Search(ctx, index.Query{Text: q, Limit: 20})
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
