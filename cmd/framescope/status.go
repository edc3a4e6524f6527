package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
)

// statusReport is what 'framescope status --json' prints.
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
	fs := newFlagSet(e, "status", "[--data DIR] [--codebook FILE] [--json]", `
Reports the state of a data directory: how many articles are stored and
indexed, whether the index is stale (built with another codebook than the
current one: run 'framescope index --reanalyze'), whether another process
holds the directory, and what the last crawl did. Reads only; safe while a
crawl runs.`)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	codebook := fs.String("codebook", "", "the current codebook `FILE` (default: the embedded codebook)")
	asJSON := fs.Bool("json", false, "print the status as JSON")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	dir := dataDir(e, *data)
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("no data directory at %s (run 'framescope crawl', 'import' or 'demo' first)", dir)
	}
	st := statusReport{Data: dir}
	cb, err := loadCodebook(*codebook)
	if err != nil {
		return err
	}
	st.Codebook = cb.Version()

	store, err := corpus.OpenReadOnly(filepath.Join(dir, "corpus"))
	if err == nil {
		st.Articles = store.Len()
		store.Close()
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	idx, err := bleve.Open(indexDir(dir), bleve.ReadOnly())
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
	st.Lock = lockHolder(dir)
	st.LastCrawl = lastCrawl(dir)

	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	w := e.stdout
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
		fmt.Fprintf(w, "last crawl      %s, %s: %d sources, %d new, %d duplicate, %d failed, %d not modified\n",
			c.Started.Local().Format(time.DateTime), c.Finished.Sub(c.Started).Round(time.Second), len(c.Sources), t.New, t.Duplicate, t.Failed, t.NotModified)
		for _, s := range c.Sources {
			if len(s.Errors) > 0 {
				fmt.Fprintf(w, "                %s: %s\n", s.Source, s.Errors[0])
			}
		}
	} else {
		fmt.Fprintf(w, "last crawl      none\n")
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "(none recorded)"
	}
	return s
}

// loadCodebook reads a codebook file, or the embedded default when path is
// empty. An invalid codebook is a usage error.
func loadCodebook(path string) (*analyzer.Codebook, error) {
	var (
		cb  *analyzer.Codebook
		err error
	)
	if path == "" {
		cb, err = analyzer.DefaultCodebook()
	} else {
		cb, err = analyzer.LoadCodebook(path)
	}
	if errors.Is(err, analyzer.ErrCodebook) {
		return nil, &exitError{exitUsage, err}
	}
	return cb, err
}

// lockHolder returns the PID of a live process holding the data directory.
func lockHolder(dir string) int {
	l, err := corpus.Lock(dir)
	if err == nil {
		l.Unlock()
		return 0
	}
	b, _ := os.ReadFile(filepath.Join(dir, "lock"))
	var pid int
	fmt.Sscan(string(b), &pid)
	return pid
}

// crawlLog is the file that keeps one JSON summary per crawl.
func crawlLog(dir string) string { return filepath.Join(dir, "crawls.jsonl") }

// appendCrawlLog appends a crawl's summary to the crawl log.
func appendCrawlLog(dir string, sum crawler.Summary) error {
	b, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(crawlLog(dir), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("crawl log: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("crawl log: %w", err)
	}
	return f.Close()
}

// lastCrawl returns the newest whole summary in the crawl log.
func lastCrawl(dir string) *crawler.Summary {
	f, err := os.Open(crawlLog(dir))
	if err != nil {
		return nil
	}
	defer f.Close()
	var last *crawler.Summary
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var s crawler.Summary
		if strings.TrimSpace(sc.Text()) != "" && json.Unmarshal(sc.Bytes(), &s) == nil {
			last = &s
		}
	}
	return last
}
