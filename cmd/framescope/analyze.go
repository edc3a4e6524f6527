package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
)

// maxLine is the longest JSONL line analyze and validate accept: an
// article of the largest text and title the store takes, JSON-escaped.
const maxLine = 8 << 20

// articleLine is one input line of analyze (and the article part of a gold
// line). Published is accepted in any form and not used for coding.
type articleLine struct {
	ID        string          `json:"id"`
	Lang      corpus.Lang     `json:"lang"`
	Country   string          `json:"country"`
	Title     string          `json:"title"`
	Text      string          `json:"text"`
	Published json.RawMessage `json:"published"`
}

func (l articleLine) article() corpus.Article {
	return corpus.Article{ID: l.ID, Lang: l.Lang, Country: l.Country, Title: l.Title, Text: l.Text}
}

// analyzeLine is one output line of analyze.
type analyzeLine struct {
	ID       string               `json:"id"`
	Lang     corpus.Lang          `json:"lang"`
	Frames   []corpus.Attribution `json:"frames"`
	Actors   []string             `json:"actors"`
	Codebook string               `json:"codebook"`
}

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "analyze", "[--in FILE|-] [--out FILE|-] [--codebook FILE]", `
Code the frames of articles. Reads JSONL, one article a line:
  {"id", "lang" (optional: detected), "country" (optional: the outlet's home
   country, CN assumed for Chinese text), "title" (optional), "text",
   "published" (optional)}
and writes JSONL, one line per article in input order:
  {"id", "lang", "frames": [{"actor", "frame", "score", "evidence":
   [{"sentence", "cue", "mention", "rule"}]}], "actors", "codebook"}
Frames are leader, catching-up, race and threat; actors are country codes
(US, CN, EU...) and organisation slugs, products reported as their maker.
A line that is not a JSON object is reported on stderr with its line number
and skipped; the exit code is then 3.`)
	in := fs.String("in", "-", "input JSONL `file`, - for stdin")
	out := fs.String("out", "-", "output JSONL `file`, - for stdout")
	codebook := fs.String("codebook", "", "codebook YAML `file` (default: the embedded codebook, see 'framescope codebook dump')")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("unexpected argument %q (input is --in FILE or stdin)", pos[0])
	}
	an, err := newCoder(*codebook)
	if err != nil {
		return err
	}
	r, closeIn, err := openIn(e, *in)
	if err != nil {
		return err
	}
	defer closeIn()
	w, closeOut, err := openOut(e, *out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	n, bad := 0, 0
	// Lines are coded in batches by one worker per CPU and written in input
	// order.
	batch := make([]codedLine, 0, 64*runtime.NumCPU())
	flush := func() error {
		codeBatch(an, batch)
		for _, c := range batch {
			if c.err != nil {
				fmt.Fprintf(e.stderr, "framescope analyze: %s:%d: %v (line skipped)\n", *in, c.lineNo, c.err)
				bad++
				continue
			}
			n++
			if _, err := bw.Write(c.out); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		}
		batch = batch[:0]
		return nil
	}
	err = eachLine(ctx, r, func(lineNo int, line []byte) error {
		batch = append(batch, codedLine{lineNo: lineNo, in: append([]byte(nil), line...)})
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write output: %w", ferr)
	}
	if cerr := closeOut(); err == nil && cerr != nil {
		err = fmt.Errorf("write output: %w", cerr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "framescope analyze: coded %d articles with codebook %s\n", n, an.Codebook().Version())
	if bad > 0 {
		return &exitError{exitPartial, fmt.Errorf("skipped %d bad input line(s)", bad)}
	}
	return nil
}

// codedLine is one input line of analyze and its coded output line.
type codedLine struct {
	lineNo int
	in     []byte
	out    []byte
	err    error
}

// codeBatch codes the lines of batch in parallel, one worker per CPU.
func codeBatch(an *analyzer.Analyzer, batch []codedLine) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.NumCPU(), len(batch)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				batch[i].out, batch[i].err = codeLine(an, batch[i].in)
			}
		}()
	}
	for i := range batch {
		next <- i
	}
	close(next)
	wg.Wait()
}

// codeLine decodes one input line, codes it and returns the output line.
func codeLine(an *analyzer.Analyzer, line []byte) ([]byte, error) {
	var l articleLine
	if err := decodeObject(line, &l); err != nil {
		return nil, err
	}
	lim := corpus.DefaultLimits()
	if len(l.Text) > lim.MaxText || len(l.Title) > lim.MaxTitle {
		return nil, fmt.Errorf("article %q: text of %d bytes or title of %d bytes is larger than the limit of %d and %d bytes", l.ID, len(l.Text), len(l.Title), lim.MaxText, lim.MaxTitle)
	}
	res := an.Analyze(l.article())
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(analyzeLine{ID: l.ID, Lang: res.Lang, Frames: res.Frames, Actors: res.Actors, Codebook: res.Codebook}); err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return b.Bytes(), nil
}

// decodeObject decodes one JSON object line into v.
func decodeObject(line []byte, v any) error {
	s := strings.TrimSpace(string(line))
	if !strings.HasPrefix(s, "{") {
		return errors.New("not a JSON object")
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	return nil
}

// eachLine calls fn with every non-blank line of r and its 1-based number,
// stopping at the first error of fn or when ctx is cancelled.
func eachLine(ctx context.Context, r io.Reader, fn func(lineNo int, line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(lineNo, sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input line %d: %w", lineNo+1, err)
	}
	return nil
}

// openIn opens name for reading; "-" or "" is stdin.
func openIn(e *env, name string) (io.Reader, func(), error) {
	if name == "" || name == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("open input: %w", err)
	}
	return f, func() { f.Close() }, nil
}

// openOut opens name for writing; "-" or "" is stdout.
func openOut(e *env, name string) (io.Writer, func() error, error) {
	if name == "" || name == "-" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, fmt.Errorf("create output: %w", err)
	}
	return f, f.Close, nil
}
