package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// extractRecord is the JSON line printed for each file.
type extractRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Author    string `json:"author"`
	Lang      string `json:"lang"`
}

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "extract", "[--url URL] [--lang zh|en] [--country CC] FILE...", `
Extract the title, main text, author, publication date and language from saved
article pages (.html or .html.gz) with the crawler's own extraction code, and
print one JSON object per file on stdout:
  {"id": <file name without .html/.html.gz>, "title", "text", "published", "author", "lang"}
"published" is RFC 3339 with zone, or "" when the page shows no date. A file
that cannot be read is reported on stderr and the command exits with code 3.`)
	pageURL := fs.String("url", "", "`URL` the page(s) were fetched from (resolves relative links such as rel=canonical)")
	lang := fs.String("lang", "", "language of the pages (zh, en, ...); detected from the text when empty")
	country := fs.String("country", "", "home country (ISO 3166) of the outlet; CN reads zone-less dates as Asia/Shanghai")
	tz := fs.String("tz", "", "IANA `zone` for dates printed without one (default: by --country, Asia/Shanghai for Chinese pages, else UTC)")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError("extract: no files given (see framescope extract --help)")
	}
	if *tz != "" {
		if _, err := time.LoadLocation(*tz); err != nil {
			return usageError("extract: --tz %q: %v", *tz, err)
		}
	}
	src := corpus.Source{Lang: corpus.Lang(*lang), Country: strings.ToUpper(*country), TimeZone: *tz}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := extractFile(path, *pageURL, src)
		if err != nil {
			fmt.Fprintf(e.stderr, "framescope extract: %v\n", err)
			failed++
			continue
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("write result: %w", err)
		}
	}
	if failed > 0 {
		return &exitError{exitPartial, fmt.Errorf("%d of %d files could not be read", failed, len(files))}
	}
	return nil
}

// extractFile reads one saved page and extracts it. A page without article
// text is still a result (with empty text); only unreadable files fail.
func extractFile(path, pageURL string, src corpus.Source) (extractRecord, error) {
	body, err := readPage(path)
	if err != nil {
		return extractRecord{}, err
	}
	p, err := crawler.Extract(body, "", pageURL, src)
	if err != nil && !errors.Is(err, crawler.ErrNoBody) {
		return extractRecord{}, fmt.Errorf("%s: %w", path, err)
	}
	rec := extractRecord{ID: pageID(path), Title: p.Title, Text: p.Text, Author: p.Author, Lang: string(p.Lang)}
	if !p.Published.IsZero() {
		rec.Published = p.Published.Format(time.RFC3339)
	}
	return rec, nil
}

// readPage reads a saved page, gunzipping .gz files.
func readPage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read page %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return nil, fmt.Errorf("read page %s: %w", path, err)
	}
	return buf.Bytes(), nil
}

// pageID is the file name without its .html / .htm / .gz extensions.
func pageID(path string) string {
	name := filepath.Base(path)
	for _, ext := range []string{".gz", ".html", ".htm"} {
		if strings.HasSuffix(strings.ToLower(name), ext) {
			name = name[:len(name)-len(ext)]
		}
	}
	return name
}
