package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/terms"
)

func runTerms(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "terms", "[QUERY] [--vs QUERY2 | --split lang|source|country] [filters] [--format table|json|csv] [--data DIR]", `
Lists the words that distinguish the articles matching QUERY (every article
when empty) from the rest of the articles, from those matching --vs QUERY2,
or, with --split, each language, source or outlet country from the others.
Words are ranked by the log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi and Quinn 2008), as a z-score: the prior is the two sides
together. Chinese is segmented as the index segments it (no single
characters); stop words of both languages are left out. Up to --sample
articles are read per side: the best matches, or the newest for *.`)
	f := addFilterFlags(fs, true)
	vs := fs.String("vs", "", "compare with the articles matching `QUERY2` (same filters) instead of the rest")
	split := fs.String("split", "", "compare each `VALUE` of lang, source or country with the others")
	limit := fs.Int("limit", 30, "list at most `N` words per side")
	minCount := fs.Int("min-count", 3, "rank only words found at least `N` times on both sides together")
	sample := fs.Int("sample", terms.DefaultMax, "read at most `N` articles per side")
	format := addFormatFlag(fs, formatTable, formatJSON, formatCSV)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	codebook := fs.String("codebook", "", "codebook `FILE` the index was built with, for its domain words (default: the embedded codebook)")
	engineF := addEngineFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, formatTable, formatJSON, formatCSV); err != nil {
		return err
	}
	if *vs != "" && *split != "" {
		return usageError("--vs and --split do not go together")
	}
	if *limit < 1 || *sample < 1 {
		return usageError("--limit and --sample must be at least 1")
	}
	sp, err := index.ParseSplit(*split)
	if err != nil {
		return usageError("%s", err)
	}
	filters, err := f.filters()
	if err != nil {
		return err
	}
	src, done, err := openTermsSource(e, engineF.engine(e), *data, *codebook, *sample)
	if err != nil {
		return err
	}
	defer done()
	q := index.Query{Text: strings.Join(pos, " "), Filters: filters}
	o := terms.Options{Limit: *limit, MinCount: *minCount}
	var res *terms.Result
	switch {
	case sp != index.SplitNone:
		res, err = terms.SplitBy(ctx, src, q, sp, o)
	case *vs != "":
		res, err = terms.Compare(ctx, src, q, &index.Query{Text: *vs, Filters: filters}, o)
	default:
		res, err = terms.Compare(ctx, src, q, nil, o)
	}
	if err != nil {
		return queryError(err)
	}
	switch *format {
	case formatJSON:
		return writeJSON(e.stdout, res)
	case formatCSV:
		return res.WriteCSV(e.stdout)
	}
	return writeTermsTable(e.stdout, res)
}

// openTermsSource opens the index read-only and the store for the texts;
// done closes both.
func openTermsSource(e *env, en engine, data, codebook string, sample int) (terms.Source, func(), error) {
	idx, err := openIndexForQuery(e, en, data, codebook)
	if err != nil {
		return terms.Source{}, nil, err
	}
	src, done, err := termsSourceOn(e, idx, data, codebook, sample)
	if err != nil {
		idx.Close()
		return terms.Source{}, nil, err
	}
	return src, func() { done(); idx.Close() }, nil
}

// termsSourceOn opens the store for the texts of the articles of idx;
// done closes it.
func termsSourceOn(e *env, idx index.Reader, data, codebook string, sample int) (terms.Source, func(), error) {
	store, err := corpus.OpenReadOnly(storeDir(dataDir(e, data)))
	if err != nil {
		return terms.Source{}, nil, fmt.Errorf("open the article store: %w", err)
	}
	cb, err := loadCodebook(codebook)
	if err == nil {
		var seg *analyzer.Segmenter
		if seg, err = segmenterFor(cb); err == nil {
			src := terms.Source{Index: idx, Get: store.Get, Tok: terms.NewTokenizer(seg), Max: sample}
			return src, func() { store.Close() }, nil
		}
	}
	store.Close()
	return terms.Source{}, nil, err
}

func writeTermsTable(w io.Writer, res *terms.Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	list := func(title string, n int, ts []terms.Term) {
		fmt.Fprintf(tw, "%s (%d articles)\n", title, n)
		fmt.Fprintln(tw, "term\tcount\tdocs\tother\tscore\t")
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t\n", t.Term, t.Count, t.Docs, t.Other, t.Score)
		}
		if len(ts) == 0 {
			fmt.Fprintln(tw, "(no distinctive words)")
		}
		fmt.Fprintln(tw)
	}
	if res.Split != index.SplitNone {
		for _, s := range res.Splits {
			list(string(res.Split)+" "+s.Value, s.Articles, s.Terms)
		}
		return tw.Flush()
	}
	q := res.Query
	if q == "" {
		q = "*"
	}
	list(q, res.Articles, res.Terms)
	list(res.Vs, res.VsArticles, res.VsTerms)
	return tw.Flush()
}
