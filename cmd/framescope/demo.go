package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo", "[--data DIR] [--by quarter|month]", `
Runs the whole pipeline on the bundled sample news site (fictional outlets and
articles written for this demo): serves the site on 127.0.0.1 on a free port,
crawls its RSS/Atom feeds and its listing page with the real crawler, stores,
analyzes and indexes the articles, and prints how often CN and US are framed as
leader and as catching-up per quarter, split by article language.

The data directory is kept, so the search and trend commands printed at the
end work on it. Running the demo again on the same directory adds nothing new.`)
	data := fs.String("data", "", "data `DIR` to fill (default: a new folder under the system temp folder)")
	by := fs.String("by", "quarter", "table rows: quarter or month")
	codebook := fs.String("codebook", "", "codebook `FILE` for analysis (default: the embedded codebook)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	period, err := index.ParsePeriod(*by)
	if err != nil || (period != index.Quarter && period != index.Month) {
		return usageError("--by must be quarter or month")
	}
	dir := *data
	if dir == "" {
		if dir, err = os.MkdirTemp("", "framescope-demo-"); err != nil {
			return err
		}
	}
	start := time.Now()

	an, err := newCoder(*codebook)
	if err != nil {
		return err
	}
	total, err := crawlSampleSite(ctx, e, dir, an)
	if err != nil {
		return err
	}

	idx, err := openBleve(dir, an.Codebook(), bleve.ReadOnly())
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Trend(ctx, index.TrendQuery{Text: "*", By: period, Actors: []string{"CN", "US"}, Split: index.SplitLang})
	if err != nil {
		return err
	}
	info, err := idx.Info(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nHow %d sample articles frame CN and US: articles per %s and language that frame each\nas leader or as catching-up (sample data: fictional outlets and articles).\n\n", info.Docs, period)
	if err := writeTrendTable(e.stdout, res); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nstored %d new articles in %s (took %s)\n", total.New, dir, time.Since(start).Round(100*time.Millisecond))
	fmt.Fprintf(e.stdout, `
Next, try:
  framescope search --data %[1]s DeepSeek --lang en
  framescope search --data %[1]s 文心一言 --frame catching-up
  framescope trend --data %[1]s "AI OR 人工智能" --by quarter --actor CN --actor US --split lang
  framescope trend --data %[1]s --actor deepseek --actor openai --by year --format csv
`, shellQuote(dir))
	return nil
}

// crawlSampleSite serves the sample news site on a free local port, crawls
// it into the data directory dir through a pipeline coding with an, and
// returns the crawl's totals. It fails when a sample article failed.
func crawlSampleSite(ctx context.Context, e *env, dir string, an *analyzer.Analyzer) (crawler.SourceSummary, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return crawler.SourceSummary{}, fmt.Errorf("serve sample site: %w", err)
	}
	srv := &http.Server{Handler: samplesite.Handler(), ReadHeaderTimeout: 5 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		<-served
	}()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stderr, "serving the sample news site (%d fictional articles) at %s\n", samplesite.Count(), base)

	p, err := openPipeline(engine{}, dir, an)
	if err != nil {
		if errors.Is(err, corpus.ErrLocked) {
			return crawler.SourceSummary{}, &exitError{exitLocked, err}
		}
		return crawler.SourceSummary{}, err
	}
	defer p.Close()
	logger, _ := newLogger(e.stderr, "text", false)
	c := crawler.New(crawler.Options{Logger: logger, Progress: crawlProgress(e.stderr, logger)})
	sum, err := c.Crawl(ctx, samplesite.Sources(base), p)
	if isTerminal(e.stderr) {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return crawler.SourceSummary{}, err
	}
	if err := p.Close(); err != nil {
		return crawler.SourceSummary{}, err
	}
	sum.WriteTable(e.stderr)
	if err := crawler.AppendLog(crawlLogPath(dir), sum); err != nil {
		return crawler.SourceSummary{}, err
	}
	total := sum.Total()
	if total.Failed > 0 {
		return total, fmt.Errorf("%d sample articles failed to crawl", total.Failed)
	}
	return total, nil
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	safe := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/.-_+:,", r)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !safe(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
