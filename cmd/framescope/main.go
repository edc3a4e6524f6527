// Command framescope crawls Chinese- and English-language AI news, codes
// which actors each sentence frames as leader or catching-up, and answers
// how that framing changes over time from a full-text index.
//
// This package is flags and wiring only, one file per command: it reads
// the flags and the environment, opens the pieces (open.go: the codebook,
// the segmenter with its domain words, the index engine, the pipeline),
// calls the libraries and prints their results.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// env is what a subcommand may touch of the process: its streams and
// environment. Tests pass their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// command is one subcommand: one file per command in this folder.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []command {
	return []command{
		{"demo", "serve the bundled sample news site, crawl, analyze and index it, print a framing table", runDemo},
		{"crawl", "fetch new articles from the sources file into the store, analyze and index them", runCrawl},
		{"sources", "check the sources file and report each source's status (sources check)", runSources},
		{"extract", "extract title, text, date and author from saved HTML files, one JSON line each", runExtract},
		{"analyze", "code frames of articles given as JSONL (stdin or --in) and write JSONL", runAnalyze},
		{"validate", "score the coder against a hand-coded gold file", runValidate},
		{"codebook", "dump the default codebook for editing", runCodebook},
		{"segment", "show how Chinese text is segmented, with the codebook's domain words", runSegment},
		{"import", "add articles from JSONL or CSV files to the store, analyze and index them", runImport},
		{"index", "bring the index up to date with the store (--rebuild, --reanalyze)", runIndex},
		{"status", "show the store, the index (stale after a codebook change?), the lock and the last crawl", runStatus},
		{"search", "search indexed articles and show their frames and evidence", runSearch},
		{"trend", "count leader / catching-up attributions over time", runTrend},
		{"terms", "list the words that distinguish matching articles (log-odds with an informative prior)", runTerms},
		{"serve", "serve search, trend charts, articles and a JSON API over HTTP (web UI for journalists)", runServe},
		{"report", "write a report folder (HTML, Markdown, CSV/JSON tables, SVG/PNG charts) of framing over time", runReport},
	}
}

// exitError carries a specific exit code out of a subcommand.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command failed (storage, configuration, I/O)
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // the command finished but skipped some input
	exitLocked  = 4 // another process holds the data directory
	// exitSourcesFailed: a crawl finished, but sources (or items) failed
	// as its --fail-on policy counts them.
	exitSourcesFailed = 5

	exitInterrupted = 130 // stopped by SIGINT/SIGTERM before finishing
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: safeStdout(os.Stdout), stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			return run(ctx, e, []string{args[1], "--help"})
		}
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		if err == nil || errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil && ee.err.Error() != "" {
				fmt.Fprintf(e.stderr, "framescope %s: %v\n", c.name, ee.err)
			}
			return ee.code
		}
		fmt.Fprintf(e.stderr, "framescope %s: %v\n", c.name, err)
		return exitFailure
	}
	fmt.Fprintf(e.stderr, "framescope: unknown command %q (see framescope --help)\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `framescope measures how AI news frames who is ahead: it crawls Chinese and
English news, codes each actor (country, company, product) as framed leader or
catching-up sentence by sentence, and indexes the result for search and trends.

Usage: framescope COMMAND [flags] [arguments]

Commands:
`)
	cmds := commands()
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.name))
	}
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(w, `
Run 'framescope COMMAND --help' for the flags of a command.

Environment:
  FRAMESCOPE_DATA  data directory (default ./framescope-data; --data wins)

Exit codes: 0 ok, 1 failure, 2 usage error, 3 finished but skipped bad input,
4 data directory locked by another process, 5 a crawl finished but sources
failed (crawl --fail-on), 130 interrupted.
`)
}

// newFlagSet returns a flag set whose --help prints the command's synopsis,
// description and every flag to stdout.
func newFlagSet(e *env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: framescope %s %s\n\n%s\n\nFlags:\n", name, synopsis, strings.TrimSpace(description))
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
	}
	return fs
}

// parseArgs parses flags that may come before or after positional
// arguments ("search DeepSeek --lang en" and "search --lang en DeepSeek"),
// and returns the positional ones. A bad flag is a usage error.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &exitError{exitUsage, err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// usageError returns an error that exits with the usage code.
func usageError(format string, a ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, a...)}
}

// dataDir resolves the data directory: the flag, then FRAMESCOPE_DATA, then
// ./framescope-data.
func dataDir(e *env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := e.getenv("FRAMESCOPE_DATA"); v != "" {
		return v
	}
	return "framescope-data"
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
