package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// BenchmarkCrawlReplay crawls the bundled sample site, served on
// 127.0.0.1, into a fresh data directory per iteration through the whole
// ingest (fetch, extraction, store, analysis, index, close), with a 1 ms
// politeness delay. It reports articles/s and the process's CPU time
// (user and system) per article, which says how well the stages use the
// cores.
func BenchmarkCrawlReplay(b *testing.B) {
	srv := httptest.NewServer(samplesite.Handler())
	defer srv.Close()
	benchCrawl(b, samplesite.Sources(srv.URL))
}

// BenchmarkCrawlRealPages is BenchmarkCrawlReplay over a replay of real
// pages: the 130 pages of the shared evaluation folder (extract-en and
// extract-zh, read at run time; skipped when the folder is absent), sent
// as their servers sent them (raw bytes, "text/html" without a charset)
// from one host on 127.0.0.1, in 16 outlets of one RSS feed each (8 of
// each folder). Compare with BenchmarkExtractRealPages, the extraction
// alone.
func BenchmarkCrawlRealPages(b *testing.B) {
	r := loadRealReplay(b)
	srv := httptest.NewServer(r)
	defer srv.Close()
	benchCrawl(b, r.sources(srv.URL))
}

// BenchmarkExtractRealPages runs the crawler's extraction alone over the
// pages of BenchmarkCrawlRealPages, on every core: the floor under the
// crawl's CPU per article.
func BenchmarkExtractRealPages(b *testing.B) {
	r := loadRealReplay(b)
	n := 0
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		jobs := make(chan realPage)
		done := make(chan struct{})
		workers := runtime.GOMAXPROCS(0)
		for range workers {
			go func() {
				for p := range jobs {
					_, _ = crawler.Extract(p.body, "text/html", "", corpus.Source{Lang: p.lang})
				}
				done <- struct{}{}
			}()
		}
		for _, o := range r.outlets {
			for _, p := range o.pages {
				jobs <- p
				n++
			}
		}
		close(jobs)
		for range workers {
			<-done
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "cpu-ms/page")
}

// benchCrawl crawls sources (with a 1 ms delay) into a fresh data
// directory per iteration and reports articles/s and CPU per article.
func benchCrawl(b *testing.B, sources []corpus.Source) {
	b.Helper()
	an, err := newCoder("")
	if err != nil {
		b.Fatal(err)
	}
	for i := range sources {
		sources[i].Politeness.Delay = time.Millisecond
	}
	c := crawler.New(crawler.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	articles := 0
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		dir := b.TempDir()
		p, err := openPipeline(engine{}, dir, an)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := c.Crawl(context.Background(), sources, p)
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
		articles += sum.Total().New
	}
	if articles == 0 {
		b.Fatal("the crawl stored no articles")
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(articles), "cpu-ms/article")
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
