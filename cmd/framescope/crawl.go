package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// crawlHelp is the crawl command's description.
const crawlHelp = `
Fetches the sources once (or every DURATION with --every) and stores their new
articles, which are analyzed and indexed as part of the crawl, so a search
right after a crawl sees them. Polite: robots.txt, a delay and a concurrency
limit per host, conditional GET on feeds, no re-fetch of stored articles.
Safe to interrupt: SIGINT/SIGTERM stop between articles, keeping everything
fetched. A lock in the data directory keeps two crawls from writing at once.

The sources file defaults to <data>/sources.yaml; when it does not exist the
default list of outlets is written there first.

A summary per source (new, duplicate, failed, not modified) goes to stderr,
and to stdout as JSON with --format json (or --json). A source fails as a
whole when its feed, listing page or sitemap cannot be read (unreachable,
refused by robots.txt, an HTTP error after retries, a redirect loop, too
large, unparsable); it counts in "failed" and "failed sources".

Exit codes: 0 when the crawl finished and nothing failed that --fail-on
counts, 5 when it did (--fail-on source, the default: a source failed as a
whole; any: a source or an item failed; none: never), 1 for configuration
or storage errors, 2 for bad flags, 4 when another process holds the data
directory, 130 when interrupted (a one-off crawl only). With --every a
crawl with such failures is logged as a warning and the command keeps running
(it stops with 0).`

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "crawl", "[--data DIR] [--sources FILE] [--every DURATION] [--format table|json]", crawlHelp)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	sourcesFile := fs.String("sources", "", "sources `FILE` (default <data>/sources.yaml)")
	codebook := fs.String("codebook", "", "codebook `FILE` for analysis (default: the embedded codebook)")
	engineF := addEngineFlags(fs)
	shard := fs.String("shard", "", "crawl only the `K/N`-th of N disjoint parts of the sources (by a hash of their names), so that N machines share the sources")
	every := fs.Duration("every", 0, "keep running and crawl every `DURATION` (e.g. 1h); 0 crawls once")
	format := fs.String("format", formatTable, "summary `format`: table (on stderr only) or json (also on stdout)")
	asJSON := fs.Bool("json", false, "the same as --format json")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	verbose := fs.Bool("v", false, "log every item, not only problems and the summary")
	since := fs.String("since", "", "store only articles published on or after `DATE` (YYYY-MM-DD or RFC 3339); sitemap entries dated before are not fetched")
	until := fs.String("until", "", "store only articles published before `DATE`")
	failOn := fs.String("fail-on", failOnSource, "exit 5 when a crawl finished with failures of this `kind`: source (a source failed as a whole), any (a source or an item), none")
	var only listFlag
	fs.Var(&only, "source", "crawl only the source called `NAME`; repeatable or comma-separated")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	if *every < 0 || (*every > 0 && *every < time.Minute) {
		return usageError("--every must be at least 1m")
	}
	if err := jsonAlias(fs, format, *asJSON); err != nil {
		return err
	}
	if err := checkFormat(*format, formatTable, formatJSON); err != nil {
		return err
	}
	if err := checkFormat(*failOn, failOnSource, failOnAny, failOnNone); err != nil {
		return usageError("--fail-on must be source, any or none, not %q", *failOn)
	}
	from, to, err := parseWindow(*since, *until)
	if err != nil {
		return err
	}
	logger, err := newLogger(e.stderr, *logFormat, *verbose)
	if err != nil {
		return err
	}
	dir := dataDir(e, *data)
	cfg, err := loadSources(dir, *sourcesFile, logger)
	if err != nil {
		return err
	}
	sources, err := selectSources(cfg, only, *shard)
	if err != nil {
		return err
	}
	state, err := crawler.OpenFileState(crawlStatePath(dir))
	if err != nil {
		return err
	}
	job := crawlJob{engine: engineF.engine(e), dir: dir, codebook: *codebook, sources: sources, asJSON: *format == formatJSON, logger: logger, failOn: *failOn,
		opts: crawler.Options{Logger: logger, State: state, UserAgent: cfg.Defaults.UserAgent,
			Delay: cfg.Defaults.Delay, PerHost: cfg.Defaults.PerHost, Timeout: cfg.Defaults.Timeout,
			Since: from, Until: to}}
	return job.repeat(ctx, e, *every)
}

// crawlJob is one crawl of sources into the data directory dir through a
// pipeline coding with the codebook file (read anew for each crawl; ""
// is the embedded one).
type crawlJob struct {
	engine        engine
	dir, codebook string
	sources       []corpus.Source
	opts          crawler.Options
	// asJSON prints the summary as JSON on stdout.
	asJSON bool
	// failOn is the --fail-on policy; "" is none.
	failOn string
	logger *slog.Logger
	// pipeline changes the pipeline's config (the server lends its index
	// and lets its store view follow the crawl's store).
	pipeline []pipelineConfig
}

// run runs the crawl under the data directory's lock. It returns an
// *exitError with exitLocked when another process holds the data
// directory and with exitInterrupted when ctx is cancelled.
func (j crawlJob) run(ctx context.Context, e *env) error {
	an, err := newCoder(j.codebook)
	if err != nil {
		return err
	}
	p, err := openPipeline(j.engine, j.dir, an, j.pipeline...)
	if err != nil {
		if errors.Is(err, corpus.ErrLocked) {
			return &exitError{exitLocked, err}
		}
		return err
	}
	defer p.Close()
	if pid := p.StaleLock(); pid != 0 {
		j.logger.Warn("took over the lock of a process that died", "pid", pid)
	}
	if err := converge(ctx, p, e.stderr, j.logger); err != nil {
		return err
	}
	opts := j.opts
	opts.Stories = crawler.NewStories()
	if err := p.Store().Scan(func(a corpus.Article) error { opts.Stories.Add(a); return nil }); err != nil {
		return err
	}
	opts.Progress = crawlProgress(e.stderr, j.logger)
	sum, err := crawler.New(opts).Crawl(ctx, j.sources, p)
	if cerr := p.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if isTerminal(e.stderr) {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	sum.WriteTable(e.stderr)
	if lerr := crawler.AppendLog(crawlLogPath(j.dir), sum); lerr != nil {
		j.logger.Warn("could not record the crawl summary", "err", lerr)
		if err == nil {
			err = fmt.Errorf("record the crawl summary: %w", lerr)
		}
	}
	if j.asJSON {
		if jerr := writeJSON(e.stdout, sum); jerr != nil {
			return jerr
		}
	}
	t := sum.Total()
	j.logger.Info("crawl finished", "sources", len(sum.Sources), "new", t.New, "duplicate", t.Duplicate,
		"failed", t.Failed, "failed_sources", t.FailedSources, "not_modified", t.NotModified, "took", sum.Finished.Sub(sum.Started).Round(time.Millisecond))
	if errors.Is(err, context.Canceled) {
		return &exitError{exitInterrupted, fmt.Errorf("interrupted; %d new articles stored", t.New)}
	}
	if err == nil {
		err = failurePolicy(j.failOn, sum)
	}
	return err
}

// selectSources returns the sources of cfg to crawl: those called one of
// the names in only (all when only is empty), of part shard ("K/N"; ""
// is all of them).
func selectSources(cfg *crawler.Config, only []string, shard string) ([]corpus.Source, error) {
	sources := cfg.Sources
	if len(only) > 0 {
		sources = sources[:0:0]
		for _, name := range only {
			s, ok := cfg.Source(name)
			if !ok {
				return nil, usageError("no source called %q in the sources file", name)
			}
			sources = append(sources, s)
		}
	}
	if shard != "" {
		return shardSources(sources, shard)
	}
	return sources, nil
}

// repeat runs the crawl once when every is 0, and otherwise every
// DURATION until ctx is cancelled, logging a crawl with failures that
// --fail-on counts as a warning and going on.
func (j crawlJob) repeat(ctx context.Context, e *env, every time.Duration) error {
	for {
		err := j.run(ctx, e)
		var ee *exitError
		if every > 0 && errors.As(err, &ee) && ee.code == exitSourcesFailed {
			j.logger.Warn("crawl finished with failures", "err", ee.err)
			err = nil
		}
		if every == 0 || err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		if ctx.Err() != nil {
			j.logger.Info("stopped")
			return nil
		}
		next := time.Now().Add(every)
		j.logger.Info("next crawl", "at", next.Format(time.RFC3339))
		select {
		case <-ctx.Done():
			j.logger.Info("stopped")
			return nil
		case <-time.After(time.Until(next)):
		}
	}
}

// parseWindow parses --since and --until.
func parseWindow(since, until string) (from, to time.Time, err error) {
	if from, err = crawler.ParseDay(since); err != nil {
		return from, to, usageError("--since: %v", err)
	}
	if to, err = crawler.ParseDay(until); err != nil {
		return from, to, usageError("--until: %v", err)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, usageError("--until must be after --since")
	}
	return from, to, nil
}

// loadSources reads the sources file as 'sources check' finds it, having
// first written the default one to <data>/sources.yaml when no file is
// named and none is there, so that users can edit what the crawl uses.
func loadSources(dir, path string, logger *slog.Logger) (*crawler.Config, error) {
	if path == "" {
		def := filepath.Join(dir, "sources.yaml")
		if _, err := os.Stat(def); errors.Is(err, os.ErrNotExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(def, crawler.DefaultSourcesYAML, 0o644); err != nil {
				return nil, fmt.Errorf("write default sources file: %w", err)
			}
			logger.Info("wrote the default sources file", "path", def)
		}
	}
	cfg, _, err := loadSourcesFile(path, dir)
	if err != nil {
		return nil, &exitError{exitFailure, err}
	}
	return cfg, nil
}

// crawlProgress shows a running count on a terminal and logs failed items.
func crawlProgress(w io.Writer, logger *slog.Logger) func(crawler.Event) {
	tty := isTerminal(w)
	counts := map[crawler.Outcome]int{}
	return func(ev crawler.Event) {
		counts[ev.Outcome]++
		// Failed items are logged by the crawler itself.
		logger.Debug("item", "source", ev.Source, "url", ev.URL, "outcome", ev.Outcome, "from_feed", ev.FromFeed)
		if tty {
			fmt.Fprintf(w, "\r\033[Kcrawling %s: %d new, %d duplicate, %d failed, %d filtered", ev.Source,
				counts[crawler.Added], counts[crawler.Duplicate], counts[crawler.Failed], counts[crawler.Filtered])
		}
	}
}

// newLogger returns a slog logger on w in the given format.
func newLogger(w io.Writer, format string, verbose bool) (*slog.Logger, error) {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	o := &slog.HandlerOptions{Level: level}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, o)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, o)), nil
	}
	return nil, usageError("--log-format must be text or json, not %q", format)
}

// shardSources returns the sources of part K of N ("K/N", 1 <= K <= N): a
// source belongs to the part its name's FNV-1a hash gives modulo N, so the
// parts are disjoint, cover every source and do not move when sources are
// added or removed.
func shardSources(sources []corpus.Source, spec string) ([]corpus.Source, error) {
	ks, ns, ok := strings.Cut(spec, "/")
	k, kerr := strconv.Atoi(ks)
	n, nerr := strconv.Atoi(ns)
	if !ok || kerr != nil || nerr != nil || n < 1 || k < 1 || k > n {
		return nil, usageError("--shard %q: want K/N with 1 <= K <= N, e.g. 2/3", spec)
	}
	var out []corpus.Source
	for _, s := range sources {
		h := fnv.New32a()
		h.Write([]byte(s.Name))
		if int(h.Sum32()%uint32(n)) == k-1 {
			out = append(out, s)
		}
	}
	return out, nil
}

// The --fail-on policies of a crawl.
const (
	failOnSource = "source"
	failOnAny    = "any"
	failOnNone   = "none"
)

// failurePolicy returns an *exitError with exitSourcesFailed when sum has
// failures that the policy counts (source: a source failed as a whole;
// any: a source or an item failed; none or "": never), nil otherwise.
func failurePolicy(policy string, sum crawler.Summary) error {
	t := sum.Total()
	switch {
	case (policy == failOnSource || policy == failOnAny) && t.FailedSources > 0:
		return &exitError{exitSourcesFailed, fmt.Errorf("%d of %d sources failed", t.FailedSources, len(sum.Sources))}
	case policy == failOnAny && t.Failed > 0:
		return &exitError{exitSourcesFailed, fmt.Errorf("%d items failed", t.Failed)}
	}
	return nil
}
