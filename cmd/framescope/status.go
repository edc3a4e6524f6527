package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
)

// statusReport is what 'framescope status --format json' prints.
type statusReport struct {
	Data     string `json:"data"`
	Articles int    `json:"articles"`
	// Indexed is the number of indexed articles; Missing the stored
	// articles the index lacks.
	Indexed uint64 `json:"indexed"`
	Missing int    `json:"missing"`
	// IndexCodebook is the codebook version the index was built with,
	// Codebook the current one; Stale is true when they differ.
	IndexCodebook string `json:"index_codebook"`
	Codebook      string `json:"codebook"`
	Stale         bool   `json:"stale"`
	// Lock is the PID holding the data directory, 0 when free.
	Lock      int              `json:"lock_pid"`
	LastCrawl *crawler.Summary `json:"last_crawl,omitempty"`
}

func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "status", "[--data DIR] [--codebook FILE] [--format table|json]", `
Reports the state of a data directory: how many articles are stored and
indexed, whether the index is stale (built with another codebook than the
current one: run 'framescope index --reanalyze'), whether another process
holds the directory, and what the last crawl did. Reads only; safe while a
crawl runs.`)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	codebook := fs.String("codebook", "", "the current codebook `FILE` (default: the embedded codebook)")
	format := addFormatFlag(fs, formatTable, formatJSON)
	engineF := addEngineFlags(fs)
	asJSON := fs.Bool("json", false, "the same as --format json")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	if err := jsonAlias(fs, format, *asJSON); err != nil {
		return err
	}
	if err := checkFormat(*format, formatTable, formatJSON); err != nil {
		return err
	}
	dir := dataDir(e, *data)
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("no data directory at %s (run 'framescope crawl', 'import' or 'demo' first)", dir)
	}
	st := statusReport{Data: dir}
	// Status only compares versions: the embedded codebook's is known
	// without parsing it, and reading the index's count needs none of its
	// words (cb stays nil).
	var cb *analyzer.Codebook
	if *codebook == "" {
		st.Codebook = analyzer.DefaultCodebookVersion()
	} else {
		if cb, err = loadCodebook(*codebook); err != nil {
			return err
		}
		st.Codebook = cb.Version()
	}

	store, err := corpus.OpenReadOnly(storeDir(dir))
	if err == nil {
		st.Articles = store.Len()
		store.Close()
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	idx, err := engineF.engine(e).open(dir, cb, openMode{readOnly: true})
	switch {
	case err == nil:
		info, err := idx.Info(ctx)
		idx.Close()
		if err != nil {
			return err
		}
		st.Indexed, st.IndexCodebook, st.Stale = info.Docs, info.Codebook, info.Stale(st.Codebook)
	case !errors.Is(err, index.ErrNoIndex):
		return err
	}
	st.Missing = max(0, st.Articles-int(st.Indexed))
	if st.Lock, err = corpus.LockHolder(dir); err != nil {
		return err
	}
	st.LastCrawl = crawler.LastCrawl(crawlLogPath(dir))

	if *format == formatJSON {
		return writeJSON(e.stdout, st)
	}
	writeStatus(e.stdout, st)
	return nil
}

// writeStatus prints the status for people.
func writeStatus(w io.Writer, st statusReport) {
	fmt.Fprintf(w, "data directory  %s\n", st.Data)
	fmt.Fprintf(w, "store           %d articles\n", st.Articles)
	fmt.Fprintf(w, "index           %d articles, codebook %s\n", st.Indexed, orNone(st.IndexCodebook))
	switch {
	case st.Stale:
		fmt.Fprintf(w, "                STALE: the current codebook is %s; run 'framescope index --reanalyze'\n", st.Codebook)
	case st.Missing > 0:
		fmt.Fprintf(w, "                %d stored articles are not indexed; run 'framescope index'\n", st.Missing)
	default:
		fmt.Fprintf(w, "                up to date with the store and the current codebook\n")
	}
	if st.Lock != 0 {
		fmt.Fprintf(w, "lock            held by process %d\n", st.Lock)
	} else {
		fmt.Fprintf(w, "lock            free\n")
	}
	if c := st.LastCrawl; c != nil {
		t := c.Total()
		fmt.Fprintf(w, "last crawl      %s, %s: %d sources, %d new, %d duplicate, %d failed (%d sources), %d not modified\n",
			c.Started.Local().Format(time.DateTime), c.Finished.Sub(c.Started).Round(time.Second), len(c.Sources), t.New, t.Duplicate, t.Failed, t.FailedSources, t.NotModified)
		for _, s := range c.Sources {
			if len(s.Errors) > 0 {
				fmt.Fprintf(w, "                %s: %s\n", s.Source, s.Errors[0])
			}
		}
	} else {
		fmt.Fprintf(w, "last crawl      none\n")
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none recorded)"
	}
	return s
}
