package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/crawler"
)

// BenchmarkCrawlReplay crawls the bundled sample site, served on
// 127.0.0.1, into a fresh data directory per iteration through the whole
// ingest (fetch, extraction, store, analysis, index, close), with a 1 ms
// politeness delay. It reports articles/s and the process's CPU time
// (user and system) per article, which says how well the stages use the
// cores.
func BenchmarkCrawlReplay(b *testing.B) {
	an, err := newCoder("")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(samplesite.Handler())
	defer srv.Close()
	sources := samplesite.Sources(srv.URL)
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
