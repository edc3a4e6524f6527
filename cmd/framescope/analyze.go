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
	bad := 0
	n, err := codeLines(ctx, an, r, bw, func(lineNo int, err error) {
		fmt.Fprintf(e.stderr, "framescope analyze: %s:%d: %v (line skipped)\n", *in, lineNo, err)
		bad++
	})
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

// codeLines codes the JSONL articles of r and writes their output lines to
// w in input order, calling skipped (in input order too) for each line that
// cannot be coded. The lines are read in chunks that one worker per CPU
// codes while the next are read and the previous written. It returns the
// number of lines written and the first read or write error.
func codeLines(ctx context.Context, an *analyzer.Analyzer, r io.Reader, w io.Writer, skipped func(lineNo int, err error)) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *lineChunk, workers)
	done := make(chan *lineChunk, workers)
	// At most this many chunks are read and not yet written.
	inFlight := make(chan struct{}, 4*workers)

	var readErr error
	var reader sync.WaitGroup
	reader.Go(func() {
		defer close(todo)
		seq := 0
		c := &lineChunk{}
		send := func() error {
			select {
			case inFlight <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			c.seq, seq = seq, seq+1
			todo <- c
			c = &lineChunk{}
			return nil
		}
		readErr = eachLine(ctx, r, func(lineNo int, line []byte) error {
			c.add(lineNo, line)
			if c.full() {
				return send()
			}
			return nil
		})
		if readErr == nil && len(c.lines) > 0 {
			readErr = send()
		}
	})
	var coders sync.WaitGroup
	for range workers {
		coders.Go(func() {
			var enc lineEncoder
			for c := range todo {
				c.code(an, &enc)
				done <- c
			}
		})
	}
	go func() {
		coders.Wait()
		close(done)
	}()

	n := 0
	var writeErr error
	pending := map[int]*lineChunk{}
	next := 0
	for c := range done {
		pending[c.seq] = c
		for c = pending[next]; c != nil; c = pending[next] {
			delete(pending, next)
			next++
			<-inFlight
			if writeErr != nil {
				continue
			}
			for _, l := range c.lines {
				if l.err != nil {
					skipped(l.lineNo, l.err)
					continue
				}
				if _, err := w.Write(c.out[l.outStart:l.outEnd]); err != nil {
					writeErr = fmt.Errorf("write output: %w", err)
					cancel()
					break
				}
				n++
			}
		}
	}
	reader.Wait()
	if writeErr != nil {
		return n, writeErr
	}
	return n, readErr
}

// lineChunk is a run of input lines of analyze and their output lines.
type lineChunk struct {
	seq   int
	in    []byte // the input lines, one after the other
	out   []byte // the output lines, one after the other
	lines []chunkLine
}

// chunkLine is one line of a lineChunk: its number, where it is in the
// chunk's input and output, and why it was not coded.
type chunkLine struct {
	lineNo           int
	inStart, inEnd   int
	outStart, outEnd int
	err              error
}

// Chunks are sent to the coders once they hold this many lines or bytes.
const (
	chunkLines = 256
	chunkBytes = 256 << 10
)

func (c *lineChunk) add(lineNo int, line []byte) {
	start := len(c.in)
	c.in = append(c.in, line...)
	c.lines = append(c.lines, chunkLine{lineNo: lineNo, inStart: start, inEnd: len(c.in)})
}

func (c *lineChunk) full() bool { return len(c.lines) >= chunkLines || len(c.in) >= chunkBytes }

// code codes every line of the chunk into its output.
func (c *lineChunk) code(an *analyzer.Analyzer, enc *lineEncoder) {
	for i := range c.lines {
		l := &c.lines[i]
		l.outStart = len(c.out)
		c.out, l.err = codeLine(an, c.in[l.inStart:l.inEnd], enc, c.out)
		l.outEnd = len(c.out)
	}
}

// lineEncoder encodes output lines with one buffer, reused.
type lineEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// codeLine decodes one input line, codes it and appends the output line to
// out.
func codeLine(an *analyzer.Analyzer, line []byte, e *lineEncoder, out []byte) ([]byte, error) {
	var l articleLine
	if err := decodeObject(line, &l); err != nil {
		return out, err
	}
	lim := corpus.DefaultLimits()
	if len(l.Text) > lim.MaxText || len(l.Title) > lim.MaxTitle {
		return out, fmt.Errorf("article %q: text of %d bytes or title of %d bytes is larger than the limit of %d and %d bytes", l.ID, len(l.Text), len(l.Title), lim.MaxText, lim.MaxTitle)
	}
	res := an.Analyze(l.article())
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.buf)
		e.enc.SetEscapeHTML(false)
	}
	e.buf.Reset()
	if err := e.enc.Encode(analyzeLine{ID: l.ID, Lang: res.Lang, Frames: res.Frames, Actors: res.Actors, Codebook: res.Codebook}); err != nil {
		return out, fmt.Errorf("encode result: %w", err)
	}
	return append(out, e.buf.Bytes()...), nil
}

// decodeObject decodes one JSON object line into v.
func decodeObject(line []byte, v any) error {
	s := bytes.TrimSpace(line)
	if !bytes.HasPrefix(s, []byte("{")) {
		return errors.New("not a JSON object")
	}
	if err := json.Unmarshal(s, v); err != nil {
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
