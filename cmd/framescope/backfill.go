package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// backfillFlags are import's flags for WARC files and URL lists.
type backfillFlags struct {
	warc, urls, all, verbose bool
	sources, since, until    string
	logFormat                string
}

func (b *backfillFlags) add(fs *flag.FlagSet) {
	fs.BoolVar(&b.warc, "warc", false, "the FILEs are WARC files (.warc, .warc.gz)")
	fs.BoolVar(&b.urls, "urls", false, "the FILEs list URLs to fetch (text, or CSV with a url column)")
	fs.BoolVar(&b.all, "all", false, "with --warc or --urls: keep every article, not only those matching the AI keywords")
	fs.StringVar(&b.sources, "sources", "", "with --warc or --urls: sources `FILE` whose feed, list, sitemap and site hosts name the source, language and country of a page")
	fs.StringVar(&b.since, "since", "", "with --warc or --urls: store only articles published on or after `DATE`")
	fs.StringVar(&b.until, "until", "", "with --warc or --urls: store only articles published before `DATE`")
	fs.StringVar(&b.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.BoolVar(&b.verbose, "v", false, "log every item")
}

// runBackfill imports WARC files or URL lists into the data directory dir.
func runBackfill(ctx context.Context, e *env, bf backfillFlags, en engine, dir, codebook, source, country, format string, files []string) error {
	if bf.warc && bf.urls {
		return usageError("--warc and --urls cannot be combined")
	}
	if source != "" && bf.warc {
		return usageError("--source is not used with --warc: pages are named by --sources or their host")
	}
	since, until, err := parseWindow(bf.since, bf.until)
	if err != nil {
		return err
	}
	logger, err := newLogger(e.stderr, bf.logFormat, bf.verbose)
	if err != nil {
		return err
	}
	hosts := hostSources{}
	var cfg *crawler.Config
	if bf.sources != "" {
		if cfg, err = crawler.LoadSources(bf.sources); err != nil {
			return &exitError{exitFailure, err}
		}
		hosts = newHostSources(cfg.Sources)
	}
	an, err := newCoder(codebook)
	if err != nil {
		return err
	}
	p, err := openPipeline(en, dir, an)
	if err != nil {
		if errors.Is(err, corpus.ErrLocked) {
			return &exitError{exitLocked, err}
		}
		return err
	}
	defer p.Close()
	// A killed run may have stored articles it did not index.
	if err := converge(ctx, p, e.stderr, logger); err != nil {
		return err
	}
	stories := crawler.NewStories()
	if err := p.Store().Scan(func(a corpus.Article) error { stories.Add(a); return nil }); err != nil {
		return err
	}
	start := time.Now()
	var n importCounts
	if bf.warc {
		err = importWARCFiles(ctx, &warcImport{p: p, hosts: hosts, all: bf.all, country: country, stories: stories,
			logger: logger, stderr: e.stderr, since: since, until: until}, dir, files, &n)
	} else {
		opts := crawler.Options{Logger: logger, Stories: stories, Since: since, Until: until}
		if cfg != nil {
			opts.UserAgent, opts.Delay, opts.PerHost, opts.Timeout = cfg.Defaults.UserAgent, cfg.Defaults.Delay, cfg.Defaults.PerHost, cfg.Defaults.Timeout
		}
		err = importURLFiles(ctx, e, crawler.New(opts), p, hosts, bf.all, source, country, files, logger, &n)
	}
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	logger.Info("import finished", "added", n.Added, "duplicate", n.Duplicate, "filtered", n.Filtered,
		"no_article", n.NoArticle, "failed", n.Failed, "out_of_window", n.OutOfWindow, "took", importElapsed(start))
	if format == formatJSON {
		if jerr := writeJSON(e.stdout, n); jerr != nil && err == nil {
			err = jerr
		}
	} else {
		fmt.Fprintf(e.stdout, "added %d, updated %d, duplicate %d, filtered %d, no article %d, failed %d, out of window %d\n",
			n.Added, n.Updated, n.Duplicate, n.Filtered, n.NoArticle, n.Failed, n.OutOfWindow)
	}
	if errors.Is(err, context.Canceled) {
		return &exitError{exitInterrupted, fmt.Errorf("interrupted; %d new articles stored", n.Added)}
	}
	if err == nil && n.Rejected > 0 {
		return &exitError{exitPartial, fmt.Errorf("%d files ended in a bad record or line", n.Rejected)}
	}
	return err
}

// importWARCFiles imports each WARC file in turn.
func importWARCFiles(ctx context.Context, w *warcImport, dir string, files []string, n *importCounts) error {
	st, err := loadImportState(importStatePath(dir))
	if err != nil {
		return err
	}
	w.state = st
	for _, f := range files {
		if err := w.file(ctx, f, n); err != nil {
			return err
		}
	}
	return nil
}

// importURLFiles fetches the URLs listed in files.
func importURLFiles(ctx context.Context, e *env, c *crawler.Crawler, p crawler.Sink, hosts hostSources, all bool,
	source, country string, files []string, logger *slog.Logger, n *importCounts) error {
	var targets []crawler.Target
	for _, f := range files {
		ts, bad, err := readURLList(f, hosts, source, country)
		if err != nil {
			return err
		}
		for _, b := range bad {
			fmt.Fprintf(e.stderr, "%s\n", b)
			n.Rejected++
		}
		targets = append(targets, ts...)
	}
	for i := range targets {
		if all {
			targets[i].Source.Keywords = []string{}
		}
	}
	logger.Info("fetching listed urls", "urls", len(targets))
	sum, err := c.CrawlURLs(ctx, targets, p)
	t := sum.Total()
	n.Added, n.Duplicate, n.Filtered, n.Failed, n.OutOfWindow = t.New, t.Duplicate, t.Filtered, t.Failed, t.OutOfWindow
	return err
}

// URL list columns, lower case, in order of preference.
var (
	urlColumns     = []string{"url", "sourceurl", "documentidentifier", "link"}
	titleColumns   = []string{"title"}
	dateColumns    = []string{"publish_date", "published", "date", "seendate", "publication_date"}
	langColumns    = []string{"language", "lang"}
	outletColumns  = []string{"media_name", "media", "outlet", "source", "domain", "sourcecommonname"}
	countryColumns = []string{"country", "sourcecountry"}
)

// readURLList reads a URL list: a CSV (or TSV) whose header names a url
// column, or else one URL a line (blank lines and # comments skipped).
// Lines that are no http(s) URL are returned as bad, with their line
// number.
func readURLList(name string, hosts hostSources, source, country string) ([]crawler.Target, []string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(4096)
	first := strings.ToLower(strings.SplitN(string(head), "\n", 2)[0])
	sep := ','
	if strings.Count(first, "\t") > strings.Count(first, ",") {
		sep = '\t'
	}
	cols := strings.Split(strings.TrimSpace(strings.TrimPrefix(first, "\ufeff")), string(sep))
	col := func(names []string) int {
		for _, want := range names {
			for i, c := range cols {
				if strings.Trim(strings.TrimSpace(c), `"`) == want {
					return i
				}
			}
		}
		return -1
	}
	var (
		out []crawler.Target
		bad []string
	)
	add := func(line int, u, title, date, lang, outlet, cc string) {
		u = strings.TrimSpace(u)
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			bad = append(bad, fmt.Sprintf("%s:%d: not an http(s) URL: %q", name, line, u))
			return
		}
		src := hosts.sourceFor(u, country)
		if _, mapped := hosts[hostOf(u)]; !mapped {
			switch {
			case source != "":
				src.Name = source
			case outlet != "":
				src.Name = outlet
			}
			if l := strings.ToLower(strings.TrimSpace(lang)); len(l) >= 2 {
				src.Lang = corpus.Lang(l[:2])
			}
			if cc != "" && len(cc) == 2 {
				src.Country = strings.ToUpper(cc)
			}
		}
		t := crawler.Target{URL: u, Title: title, Source: src}
		t.Published, _ = crawler.ParseDate(date, time.UTC, time.Now())
		out = append(out, t)
	}
	urlCol := col(urlColumns)
	if urlCol < 0 {
		sc := bufio.NewScanner(br)
		for line := 1; sc.Scan(); line++ {
			s := strings.TrimSpace(sc.Text())
			if s == "" || strings.HasPrefix(s, "#") {
				continue
			}
			add(line, s, "", "", "", "", "")
		}
		return out, bad, sc.Err()
	}
	r := csv.NewReader(br)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	if _, err := r.Read(); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	get := func(rec []string, i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	titleCol, dateCol, langCol, outletCol, countryCol := col(titleColumns), col(dateColumns), col(langColumns), col(outletColumns), col(countryColumns)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s:%d: %v", name, line, err))
			continue
		}
		add(line, get(rec, urlCol), get(rec, titleCol), get(rec, dateCol), get(rec, langCol), get(rec, outletCol), get(rec, countryCol))
	}
	return out, bad, nil
}
