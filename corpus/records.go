package corpus

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Formats ReadArticles reads.
const (
	// JSONL is one JSON object a line.
	JSONL = "jsonl"
	// CSV has a header row naming the keys of its columns.
	CSV = "csv"
)

// maxRecordLine is the longest JSONL line ReadArticles accepts.
const maxRecordLine = 64 << 20

// ReadArticles reads articles exported from elsewhere, for example from a
// news database: JSONL objects, or CSV rows under a header, with the keys
// of the store's records (id, url, canonical_url, source, country, lang,
// title, text, author, story, published, fetched). JSON values that are
// not strings are taken as their JSON text. published and fetched are RFC
// 3339, "YYYY-MM-DD HH:MM:SS" or YYYY-MM-DD (UTC when no zone is given).
// Country is upper-cased, lang lower-cased, and every value trimmed;
// nothing is checked or derived otherwise.
//
// fn is called with every row and its 1-based line number, or with the
// row's decoding error instead of an article; blank JSONL lines are
// skipped. An error from fn, or ctx being done, stops the reading. A CSV
// without a header row or a text column is an error.
func ReadArticles(ctx context.Context, r io.Reader, format string, fn func(line int, a Article, err error) error) error {
	switch format {
	case JSONL:
		return readJSONLRecords(ctx, r, fn)
	case CSV:
		return readCSVRecords(r, fn)
	}
	return fmt.Errorf("corpus: unknown record format %q", format)
}

func readJSONLRecords(ctx context.Context, r io.Reader, fn func(line int, a Article, err error) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxRecordLine)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		rec := map[string]json.RawMessage{}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			if ferr := fn(lineNo, Article{}, fmt.Errorf("not a JSON object: %v", err)); ferr != nil {
				return ferr
			}
			continue
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
		if err := fn(lineNo, a, err); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input line %d: %w", lineNo+1, err)
	}
	return nil
}

func readCSVRecords(r io.Reader, fn func(line int, a Article, err error) error) error {
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
		var a Article
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
func articleFromFields(get func(string) (string, bool)) (Article, error) {
	str := func(k string) string { v, _ := get(k); return strings.TrimSpace(v) }
	a := Article{
		ID: str("id"), URL: str("url"), CanonicalURL: str("canonical_url"), Source: str("source"),
		Country: strings.ToUpper(str("country")), Lang: Lang(strings.ToLower(str("lang"))),
		Title: str("title"), Text: str("text"), Author: str("author"), Story: str("story"),
	}
	for _, k := range []string{"published", "fetched"} {
		v := str(k)
		if v == "" {
			continue
		}
		t, err := parseRecordTime(v)
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

// parseRecordTime reads RFC 3339, "YYYY-MM-DD HH:MM:SS" or YYYY-MM-DD (UTC
// when no zone is given).
func parseRecordTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read date %q (want RFC 3339 or YYYY-MM-DD)", s)
}
