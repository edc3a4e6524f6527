package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/pipeline"
)

// importHelp is the import command's description.
const importHelp = `
Adds existing articles to the store — for example a corpus exported from a
news database — and analyzes and indexes them. A FILE is JSONL with the
corpus record keys (see README: url, source, country, lang, title, text,
published, author, ...) or CSV (name ending in .csv) whose header row names
those keys. Without url a row needs an id. lang is detected when absent.
published is RFC 3339, "YYYY-MM-DD HH:MM:SS" or YYYY-MM-DD (read as UTC when
it has no zone). Importing the same rows again is a no-op. Bad rows are
reported with their line number and skipped (exit code 3).

With --warc the FILEs are WARC files (.warc or .warc.gz, as Common Crawl's
CC-NEWS and wget --warc-file write them): the HTML responses with status 200
are extracted as crawled pages are, under their WARC-Target-URI (the capture
date is not taken for the publication date), kept when they match the
default AI keywords (all of them with --all) and stored under the source
that --sources maps their host to, or else under the host's name. The files
are read record by record; a checkpoint per file in <data>/import-state.json
lets an interrupted or killed import resume where it stopped.

With --urls the FILEs list URLs to fetch: one a line, or a CSV with a url
column (Media Cloud and GDELT exports: url, SOURCEURL or DocumentIdentifier),
whose title, date, language and outlet columns are used when present. They
are fetched as crawl fetches (robots.txt, a delay and a limit per host);
stored URLs are not fetched again, so a second run adds nothing.`

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import", "[--data DIR] [--source NAME] [--country CC] [--format table|json] [--warc | --urls] FILE...", importHelp)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	codebook := fs.String("codebook", "", "codebook `FILE` (default: the embedded codebook)")
	engineF := addEngineFlags(fs)
	source := fs.String("source", "", "source `NAME` for rows without one (default: the file name)")
	country := fs.String("country", "", "source country `CC` for rows without one")
	earliest := fs.String("earliest", "1990-01-01", "reject rows published before `DATE` (or more than a day after now)")
	format := addFormatFlag(fs, formatTable, formatJSON)
	var bf backfillFlags
	bf.add(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError("no files to import (see framescope import --help)")
	}
	if err := checkFormat(*format, formatTable, formatJSON); err != nil {
		return err
	}
	limits := corpus.DefaultLimits()
	if limits.Earliest, err = time.Parse(time.DateOnly, *earliest); err != nil {
		return usageError("--earliest: want YYYY-MM-DD, not %q", *earliest)
	}
	if bf.warc || bf.urls {
		return runBackfill(ctx, e, bf, engineF.engine(e), dataDir(e, *data), *codebook, *source, *country, *format, files)
	}
	an, err := newCoder(*codebook)
	if err != nil {
		return err
	}
	p, err := openPipeline(engineF.engine(e), dataDir(e, *data), an, func(c *pipeline.Config) { c.Limits = limits })
	if err != nil {
		return err
	}
	defer p.Close()
	if err := converge(ctx, p, e.stderr, slog.New(slog.NewTextHandler(e.stderr, nil))); err != nil {
		return err
	}
	var n importCounts
	for _, name := range files {
		defSource := *source
		if defSource == "" {
			defSource = strings.TrimSuffix(strings.TrimSuffix(baseName(name), ".jsonl"), ".csv")
		}
		err := readImportFile(ctx, name, func(line int, a corpus.Article, rerr error) error {
			if rerr == nil {
				rerr = prepareImported(&a, defSource, *country, limits)
			}
			if rerr != nil {
				n.Rejected++
				fmt.Fprintf(e.stderr, "%s:%d: %v\n", name, line, rerr)
				return nil
			}
			res, err := p.Ingest(ctx, a)
			if err != nil {
				return err
			}
			switch res {
			case corpus.Added:
				n.Added++
			case corpus.Updated:
				n.Updated++
			default:
				n.Duplicate++
			}
			return ctx.Err()
		})
		if err != nil {
			// What the index lacks (a full disk fails both) is said too.
			return errors.Join(err, p.Close())
		}
	}
	if err := p.Close(); err != nil {
		return err
	}
	if *format == formatJSON {
		if err := writeJSON(e.stdout, n); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "added %d, updated %d, duplicate %d, rejected %d\n", n.Added, n.Updated, n.Duplicate, n.Rejected)
	}
	if n.Rejected > 0 {
		return &exitError{exitPartial, errors.New("")}
	}
	return nil
}

// importCounts are what import did with the rows (import --format json).
type importCounts struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Duplicate int `json:"duplicate"`
	Rejected  int `json:"rejected"`
	// Filtered (no AI keyword), NoArticle (no article text) and Failed
	// (not fetched) count what --warc and --urls left out.
	Filtered  int `json:"filtered,omitempty"`
	NoArticle int `json:"no_article,omitempty"`
	Failed    int `json:"failed,omitempty"`
	// OutOfWindow counts articles dated outside --since and --until.
	OutOfWindow int `json:"out_of_window,omitempty"`
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// readImportFile calls fn for every row of a JSONL or CSV file (a name
// ending in .csv) with its 1-based line number, passing a decoding error
// instead of an article for a bad row. An error from fn stops the reading.
func readImportFile(ctx context.Context, name string, fn func(line int, a corpus.Article, err error) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	format := corpus.JSONL
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		format = corpus.CSV
	}
	return corpus.ReadArticles(ctx, f, format, fn)
}

// prepareImported checks an imported row and fills what can be derived.
func prepareImported(a *corpus.Article, source, country string, limits corpus.Limits) error {
	if err := limits.Check(*a, time.Now()); err != nil {
		return err
	}
	if a.Text == "" {
		return errors.New("no text")
	}
	if a.URL == "" && a.ID == "" {
		return errors.New("neither url nor id")
	}
	if a.Source == "" {
		a.Source = source
	}
	if a.Country == "" {
		a.Country = country
	}
	if a.Lang == "" {
		a.Lang = analyzer.DetectLang(a.Title + "\n" + a.Text)
	}
	if a.Fetched.IsZero() {
		a.Fetched = time.Now().UTC().Truncate(time.Second)
	}
	return nil
}
