package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pairs"
	"github.com/framescope/framescope/report"
	"github.com/framescope/framescope/terms"
)

// reportHelp is the report command's description.
const reportHelp = `
Writes a self-contained report folder for researchers: report.html (opens
offline: inline CSS, charts as relative SVG files, no scripts), report.md,
report.json, a CSV and a JSON file per table, and SVG and PNG charts.

It shows (1) each actor's catching-up share over time per language with 95%
Wilson bands, event markers and coverage volume as counts and as a share of
all articles; (2) the actor x frame x language table with a chi-square test of
frame against language and Cramér's V per actor; (3) catching-up shares in
the --window days before and after each event with a two-proportion test;
(4) the perception gap, each actor's catching-up share in Chinese against
English outlets, and coverage of each launch; (5) the codebook version;
(6) the validation table with --gold; (7) sample evidence sentences per
actor, frame and language with the cue highlighted.

Events default to ChatGPT 2022-11-30, GPT-4 2023-03-14, ERNIE Bot 2023-03-16
and DeepSeek-R1 2025-01-20; --events adds a CSV of date,label[,actor] lines
(YYYY-MM-DD; the actor is the launching company, for launch coverage).

--reference reads a CSV with the header date,series,value,source (dates
YYYY-MM-DD, YYYY-MM or YYYY; # starts a comment) and sets every series
against the catching-up share of --ref-actor per language: values per bucket,
linearly interpolated between measured buckets, the Pearson correlation and
the lag (in buckets, up to --max-lag either way) with the largest |r|. An
example with the Stanford AI Index 2025 figures on the US-China model
performance gap is cmd/framescope/examples/reference-gap.csv.`

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "report", "[--data DIR] [--from DATE] [--to DATE] [--actors CN,US] [--by month|quarter] [--query Q] [--out DIR] [--events FILE] [--reference FILE.csv] [--gold FILE]", reportHelp)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data); the index is DIR/index")
	engineF := addEngineFlags(fs)
	from := fs.String("from", "", "only articles published on or after `DATE` (YYYY-MM-DD or RFC 3339)")
	to := fs.String("to", "", "only articles published up to `DATE` (YYYY-MM-DD: that day included; RFC 3339: that instant excluded)")
	var actors listFlag
	fs.Var(&actors, "actors", "report on actor `IDs` (CN, US, openai, baidu, ...); comma-separated or repeated (default CN,US)")
	by := fs.String("by", "month", "time bucket `width`: day, week, month, quarter or year")
	query := fs.String("query", "", "restrict the report to articles matching `Q` (as for 'framescope search'; default every article)")
	out := fs.String("out", "report", "write the report into folder `DIR` (created if missing; files in it are overwritten)")
	events := fs.String("events", "", "CSV `FILE` of date,label[,actor] events added to the default ones")
	noDefaults := fs.Bool("no-default-events", false, "leave out the default events (ChatGPT, GPT-4, ERNIE Bot, DeepSeek-R1)")
	window := fs.Int("window", report.DefaultWindow, "compare `N` days before and after each event")
	reference := fs.String("reference", "", "CSV `FILE` of measured series (date,series,value,source) to set against the framing")
	refActor := fs.String("ref-actor", "", "actor `ID` whose catching-up share the reference series are compared with (default: the first of --actors)")
	maxLag := fs.Int("max-lag", report.DefaultMaxLag, "try lags of up to `N` buckets either way for the reference correlation")
	gold := fs.String("gold", "", "hand-coded gold JSONL `FILE` (as for 'framescope validate'): adds the validation table")
	codebook := fs.String("codebook", "", "codebook YAML `FILE` the index was built with, for its domain words and for --gold (default: the embedded codebook)")
	samples := fs.Int("samples", report.DefaultSamples, "show up to `N` evidence sentences per actor, frame and language (0: none)")
	pairsFile := fs.String("pairs", "", "CSV `FILE` of comparable launches (western_date,western_label,western_actor,chinese_date,chinese_label,chinese_actor) instead of the default pairs")
	noTerms := fs.Bool("no-terms", false, "leave out the distinctive words per language (they read up to 2000 articles per language from the store)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("unexpected argument %q (use --query to restrict the report)", pos[0])
	}
	opts, err := reportOptions(reportFlags{from: *from, to: *to, by: *by, query: *query, events: *events, reference: *reference,
		refActor: *refActor, actors: actors, window: *window, maxLag: *maxLag, samples: *samples, noDefaults: *noDefaults})
	if err != nil {
		return err
	}
	if *pairsFile != "" {
		if opts.Pairs, err = readReportFile(*pairsFile, pairs.Read); err != nil {
			return err
		}
	}
	if *gold != "" {
		if opts.Validation, opts.ValidationByLang, err = validateGold(ctx, e, *gold, *codebook); err != nil {
			return err
		}
	}
	idx, err := openIndexForQuery(e, engineF.engine(e), *data, *codebook)
	if err != nil {
		return err
	}
	defer idx.Close()
	if !*noTerms {
		// The words need the article store; without one the report goes
		// on without them.
		if src, done, err := termsSourceOn(e, idx, *data, *codebook, terms.DefaultMax); err != nil {
			fmt.Fprintf(e.stderr, "note: no distinctive words: %v\n", err)
		} else {
			defer done()
			opts.Terms = &src
		}
	}
	fmt.Fprintf(e.stderr, "computing the report...\n")
	rep, err := report.Build(ctx, idx, opts)
	if errors.Is(err, report.ErrOption) {
		return &exitError{exitUsage, err}
	}
	if err != nil {
		return queryError(err)
	}
	files, err := rep.Write(*out)
	if err != nil {
		return err
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stderr, "note: %s\n", n)
	}
	fmt.Fprintf(e.stdout, "wrote %d files to %s; open %s\n", len(files), *out, filepath.Join(*out, report.HTMLFile))
	return nil
}

// reportFlags are the flags of report that make its options.
type reportFlags struct {
	from, to, by, query, events, reference, refActor string
	actors                                           []string
	window, maxLag, samples                          int
	noDefaults                                       bool
}

// reportOptions checks the flags and builds the report's options (but
// for the validation); bad values are usage errors.
func reportOptions(f reportFlags) (report.Options, error) {
	opts := report.Options{Query: f.query, Actors: f.actors, Window: f.window, MaxLag: f.maxLag, RefActor: f.refActor, Samples: f.samples, Generated: time.Now()}
	var err error
	if f.samples == 0 {
		opts.Samples = -1
	}
	if opts.From, err = parseDateFlag("from", f.from, false); err != nil {
		return report.Options{}, err
	}
	if opts.To, err = parseDateFlag("to", f.to, true); err != nil {
		return report.Options{}, err
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.From.Before(opts.To) {
		return report.Options{}, usageError("--from %s is not before --to %s", f.from, f.to)
	}
	if opts.By, err = index.ParsePeriod(f.by); err != nil {
		return report.Options{}, usageError("--by: %v", err)
	}
	if f.window < 1 {
		return report.Options{}, usageError("--window must be at least 1 day")
	}
	if f.maxLag < 1 {
		return report.Options{}, usageError("--max-lag must be at least 1")
	}
	if f.samples < 0 {
		return report.Options{}, usageError("--samples must not be negative")
	}
	if opts.Events, err = reportEvents(f.events, f.noDefaults); err != nil {
		return report.Options{}, err
	}
	if f.reference != "" {
		if opts.Reference, err = readReportFile(f.reference, report.ReadReference); err != nil {
			return report.Options{}, err
		}
	}
	return opts, nil
}

// reportEvents returns the default events (unless noDefaults) and those
// of the events file, if any.
func reportEvents(file string, noDefaults bool) ([]corpus.Event, error) {
	evs := []corpus.Event{}
	if !noDefaults {
		evs = report.DefaultEvents()
	}
	if file == "" {
		return evs, nil
	}
	more, err := readReportFile(file, report.ReadEvents)
	if err != nil {
		return nil, err
	}
	return append(evs, more...), nil
}

// readReportFile opens name and parses it with read; a malformed file is
// a usage error.
func readReportFile[T any](name string, read func(io.Reader) ([]T, error)) ([]T, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, usageError("%v", err)
	}
	defer f.Close()
	v, err := read(f)
	if errors.Is(err, report.ErrInput) || errors.Is(err, pairs.ErrInput) {
		return nil, usageError("%s: %v", name, err)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return v, nil
}

// validateGold scores the coder against a gold file as 'framescope
// validate' does; bad gold lines are reported and skipped.
//
// It also scores the passages of each language apart (the article's
// language, detected where the gold line gives none), for the shares
// corrected for the coder's error.
func validateGold(ctx context.Context, e *env, file, codebook string) (*analyzer.Report, map[string]*analyzer.Report, error) {
	an, err := newCoder(codebook)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, usageError("--gold: %v", err)
	}
	defer f.Close()
	gr := goldReader{cmd: "report", texts: textsDir(e, ""), an: an}
	gold, _, err := gr.read(ctx, e, file, f)
	if err != nil {
		return nil, nil, err
	}
	if len(gold) == 0 {
		return nil, nil, usageError("--gold: no gold passages in %s", file)
	}
	rep := an.Validate(gold)
	byLang := map[string][]analyzer.GoldArticle{}
	for _, g := range gold {
		l := g.Article.Lang
		if l == "" {
			l = analyzer.DetectLang(g.Article.Title + "\n" + g.Article.Text)
		}
		byLang[string(l)] = append(byLang[string(l)], g)
	}
	reps := make(map[string]*analyzer.Report, len(byLang))
	for l, gs := range byLang {
		r := an.Validate(gs)
		reps[l] = &r
	}
	return &rep, reps, nil
}
