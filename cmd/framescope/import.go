package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import", "[--data DIR] [--source NAME] [--country CC] FILE...", `
Adds existing articles to the store — for example a corpus exported from a
news database — and analyzes and indexes them. A FILE is JSONL with the
corpus record keys (see README: url, source, country, lang, title, text,
published, author, ...) or CSV (name ending in .csv) whose header row names
those keys. Without url a row needs an id. lang is detected when absent.
published is RFC 3339, "YYYY-MM-DD HH:MM:SS" or YYYY-MM-DD (read as UTC when
it has no zone). Importing the same rows again is a no-op. Bad rows are
reported with their line number and skipped (exit code 3).`)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	codebook := fs.String("codebook", "", "codebook `FILE` (default: the embedded codebook)")
	source := fs.String("source", "", "source `NAME` for rows without one (default: the file name)")
	country := fs.String("country", "", "source country `CC` for rows without one")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError("no files to import (see framescope import --help)")
	}
	p, err := openPipeline(dataDir(e, *data), *codebook)
	if err != nil {
		return err
	}
	defer p.Close()
	var added, updated, dup, rejected int
	for _, name := range files {
		defSource := *source
		if defSource == "" {
			defSource = strings.TrimSuffix(strings.TrimSuffix(baseName(name), ".jsonl"), ".csv")
		}
		err := readImportFile(ctx, name, func(line int, a corpus.Article, rerr error) error {
			if rerr == nil {
				rerr = prepareImported(&a, defSource, *country)
			}
			if rerr != nil {
				rejected++
				fmt.Fprintf(e.stderr, "%s:%d: %v\n", name, line, rerr)
				return nil
			}
			res, err := p.ingest(ctx, a)
			if err != nil {
				return err
			}
			switch res {
			case corpus.Added:
				added++
			case corpus.Updated:
				updated++
			default:
				dup++
			}
			return ctx.Err()
		})
		if err != nil {
			return err
		}
	}
	if err := p.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %d, updated %d, duplicate %d, rejected %d\n", added, updated, dup, rejected)
	if rejected > 0 {
		return &exitError{exitPartial, errors.New("")}
	}
	return nil
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// readImportFile calls fn for every row of a JSONL or CSV file with its
// 1-based line number, passing a decoding error instead of an article for a
// bad row. An error from fn stops the reading.
func readImportFile(ctx context.Context, name string, fn func(line int, a corpus.Article, err error) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		return readImportCSV(f, fn)
	}
	return eachLine(ctx, f, func(line int, b []byte) error {
		rec := map[string]json.RawMessage{}
		if err := json.Unmarshal(b, &rec); err != nil {
			return fn(line, corpus.Article{}, fmt.Errorf("not a JSON object: %v", err))
		}
		a, err := articleFromFields(func(k string) (string, bool) {
			v, ok := rec[k]
			if !ok || string(v) == "null" {
				return "", false
			}
			var s string
			if json.Unmarshal(v, &s) != nil {
				return string(v), true
			}
			return s, true
		})
		return fn(line, a, err)
	})
}

func readImportCSV(r io.Reader, fn func(line int, a corpus.Article, err error) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("read CSV header: %w", err)
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if _, ok := cols["text"]; !ok {
		return errors.New("CSV header names no text column")
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		var a corpus.Article
		if err != nil {
			if ferr := fn(line, a, err); ferr != nil {
				return ferr
			}
			continue
		}
		a, aerr := articleFromFields(func(k string) (string, bool) {
			i, ok := cols[k]
			if !ok || i >= len(row) {
				return "", false
			}
			return row[i], true
		})
		if ferr := fn(line, a, aerr); ferr != nil {
			return ferr
		}
	}
}

// articleFromFields builds an article from named string fields.
func articleFromFields(get func(string) (string, bool)) (corpus.Article, error) {
	str := func(k string) string { v, _ := get(k); return strings.TrimSpace(v) }
	a := corpus.Article{
		ID: str("id"), URL: str("url"), CanonicalURL: str("canonical_url"), Source: str("source"),
		Country: strings.ToUpper(str("country")), Lang: corpus.Lang(strings.ToLower(str("lang"))),
		Title: str("title"), Text: str("text"), Author: str("author"), Story: str("story"),
	}
	for _, k := range []string{"published", "fetched"} {
		v := str(k)
		if v == "" {
			continue
		}
		t, err := parseTime(v)
		if err != nil {
			return a, fmt.Errorf("%s: %v", k, err)
		}
		if k == "published" {
			a.Published = t
		} else {
			a.Fetched = t
		}
	}
	return a, nil
}

// parseTime reads RFC 3339, "YYYY-MM-DD HH:MM:SS" or YYYY-MM-DD (UTC when
// no zone is given).
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read date %q (want RFC 3339 or YYYY-MM-DD)", s)
}

// prepareImported checks an imported row and fills what can be derived.
func prepareImported(a *corpus.Article, source, country string) error {
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
