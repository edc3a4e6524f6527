package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// builtinSources names the shipped sources file in messages.
const builtinSources = "(built-in sources.yaml)"

// loadSourcesFile reads the sources file: the --sources flag, else
// <data>/sources.yaml when it exists, else the shipped default. It returns
// the configuration and the name of the file read. A bad file is an error
// naming the file, line, source and key.
func loadSourcesFile(flagValue, data string) (*crawler.Config, string, error) {
	path := flagValue
	if path == "" {
		candidate := filepath.Join(data, "sources.yaml")
		if _, err := os.Stat(candidate); err == nil {
			path = candidate
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, candidate, fmt.Errorf("sources file: %w", err)
		}
	}
	if path == "" {
		cfg, err := crawler.ParseSources(bytes.NewReader(crawler.DefaultSourcesYAML), builtinSources)
		return cfg, builtinSources, err
	}
	cfg, err := crawler.LoadSources(path)
	return cfg, path, err
}

func runSources(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "sources", "check|default [flags]", `
Work with the sources file (YAML: a defaults section and a list of sources, each
with name, lang, country and a feed or a listing page with its links selector).

  sources check     validate the file, then fetch each source's feed or listing
                    page (politely, honouring robots.txt) and report whether it
                    is reachable and how many items it lists (a table, or JSON
                    with --format json). Nothing is stored.
                    Exit code 1 for an invalid file, 3 when a source failed.
  sources default   print the shipped sources file, to copy and edit:
                    framescope sources default > framescope-data/sources.yaml

The file is --sources, else <data>/sources.yaml, else the shipped default.`)
	dataFlag := fs.String("data", "", "data `directory` whose sources.yaml is used (default $FRAMESCOPE_DATA or ./framescope-data)")
	sourcesFlag := fs.String("sources", "", "sources `file` (default <data>/sources.yaml, else the shipped list)")
	format := fs.String("format", formatTable, "check results `format`: table or json")
	jsonOut := fs.Bool("json", false, "the same as --format json")
	timeout := fs.Duration("timeout", 0, "per-request `timeout`, overriding the file's (0 = the file's, default 30s)")
	verbose := fs.Bool("v", false, "log each request's retries and failures on stderr")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("sources: want one of: check, default (see framescope sources --help)")
	}
	if err := jsonAlias(fs, format, *jsonOut); err != nil {
		return err
	}
	if err := checkFormat(*format, formatTable, formatJSON); err != nil {
		return err
	}
	switch pos[0] {
	case "default":
		_, err := e.stdout.Write(crawler.DefaultSourcesYAML)
		return err
	case "check":
	default:
		return usageError("sources: unknown subcommand %q (want check or default)", pos[0])
	}

	cfg, name, err := loadSourcesFile(*sourcesFlag, dataDir(e, *dataFlag))
	if err != nil {
		return &exitError{exitFailure, err}
	}
	fmt.Fprintf(e.stderr, "%s: %d sources, valid\n", name, len(cfg.Sources))
	level := slog.LevelError
	if *verbose {
		level = slog.LevelDebug
	}
	opts := crawler.Options{
		UserAgent: cfg.Defaults.UserAgent,
		Delay:     cfg.Defaults.Delay,
		PerHost:   cfg.Defaults.PerHost,
		Timeout:   cfg.Defaults.Timeout,
		Parallel:  8,
		Logger:    slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})),
	}
	sources := cfg.Sources
	if *timeout > 0 {
		opts.Timeout = *timeout
		sources = make([]corpus.Source, len(cfg.Sources))
		for i, s := range cfg.Sources {
			s.Timeout = *timeout
			sources[i] = s
		}
	}
	statuses, checkErr := crawler.New(opts).Check(ctx, sources)
	failed := 0
	for _, st := range statuses {
		if !st.OK {
			failed++
		}
	}
	if *format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			File    string                 `json:"file"`
			Sources []crawler.SourceStatus `json:"sources"`
		}{name, statuses}); err != nil {
			return fmt.Errorf("write results: %w", err)
		}
	} else if err := writeStatusTable(e, cfg.Sources, statuses); err != nil {
		return err
	}
	if checkErr != nil {
		return checkErr
	}
	if failed > 0 {
		return &exitError{exitPartial, fmt.Errorf("%d of %d sources failed", failed, len(statuses))}
	}
	return nil
}

// writeStatusTable prints one row per source, then the errors.
func writeStatusTable(e *env, sources []corpus.Source, statuses []crawler.SourceStatus) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tLANG\tCOUNTRY\tKIND\tSTATUS\tITEMS\tMATCHING\tNEWEST\tTIME")
	for i, st := range statuses {
		status, newest := "ok", "-"
		if !st.OK {
			status = "FAILED"
		}
		if !st.Newest.IsZero() {
			newest = st.Newest.UTC().Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", st.Source, sources[i].Lang, sources[i].Country, st.Kind, status,
			st.Items, st.Matching, newest, st.Elapsed.Round(10*time.Millisecond))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	for _, st := range statuses {
		if st.Error != "" {
			fmt.Fprintf(e.stdout, "%s: %s\n", st.Source, st.Error)
		}
	}
	return nil
}
