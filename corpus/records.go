package corpus

import (
	"bufio"
	"bytes"
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

// MaxRecordLine is the longest JSONL line ReadArticles decodes (room for
// a text at the default limit written with JSON escapes); a longer line is
// reported as a bad row and skipped without being held in memory.
const MaxRecordLine = 8 << 20

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
	lines := newLineReader(r, MaxRecordLine)
	lineNo := 0
	for {
		line, size, rerr := lines.next()
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("read input line %d: %w", lineNo+1, rerr)
		}
		lineNo++
		if err := ctx.Err(); err != nil {
			return err
		}
		if line == nil {
			if ferr := fn(lineNo, Article{}, fmt.Errorf("line of %d bytes is longer than the limit of %d", size, MaxRecordLine)); ferr != nil {
				return ferr
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec := map[string]json.RawMessage{}
		if err := json.Unmarshal(line, &rec); err != nil {
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
}

// lineReader reads lines up to a limit; longer ones are skipped.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its newline and its size, or a nil
// line (and its size) when it is longer than the limit, or io.EOF.
func (l *lineReader) next() ([]byte, int, error) {
	l.buf = l.buf[:0]
	size := 0
	for {
		chunk, err := l.r.ReadSlice('\n')
		size += len(chunk)
		if size <= l.max {
			l.buf = append(l.buf, chunk...)
		} else {
			l.buf = l.buf[:0]
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && size == 0:
			return nil, 0, io.EOF
		case err != nil && err != io.EOF:
			return nil, size, err
		}
		if size > l.max {
			return nil, size, nil
		}
		return bytes.TrimSuffix(l.buf, []byte{'\n'}), size, nil
	}
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
		var a Article
		if err != nil {
			// FieldPos is only valid for a record read without error.
			var perr *csv.ParseError
			if !errors.As(err, &perr) {
				return fmt.Errorf("read CSV: %w", err)
			}
			if ferr := fn(perr.StartLine, a, err); ferr != nil {
				return ferr
			}
			continue
		}
		line, _ := cr.FieldPos(0)
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
