package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/framescope/framescope/index"
)

func runTrend(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "trend", "QUERY [filters] [--by day|week|month|quarter|year] [--actor ID]... [--split lang|source|country] [--unit article|attribution|story] [--format table|json|csv] [--data DIR]", `
Counts, per time bucket (and per language, source or source country with
--split), the articles matching QUERY and, for each actor, how many frame it
as leader and as catching-up, with the catching-up share of the two and its
95% Wilson interval. QUERY is as for 'framescope search' (* or empty: every
article; actor:ID keeps articles mentioning an actor). Buckets follow the
date each outlet printed; empty buckets between the first and the last are
listed too.

JSON output: {"buckets": [{"start", "end", "split", "articles", "actors":
{"<ID>": {"leader", "catching-up", "leader_share", "catching_up_share",
"ci_low", "ci_high"}}}]}, start and end being the first and last day.`)
	f := addFilterFlags(fs, false)
	var actors listFlag
	fs.Var(&actors, "actor", "count actor `ID` (CN, US, openai, baidu, ...); repeatable or comma-separated (default CN and US)")
	by := fs.String("by", "month", "bucket `width`: day, week, month, quarter or year")
	split := fs.String("split", "", "break buckets down by `DIM`: lang, source or country")
	unit := fs.String("unit", "article", "what to count: article (articles framing the actor so), attribution (evidence sentences) or story (distinct stories, syndicated copies once)")
	format := addFormatFlag(fs, formatTable, formatJSON, formatCSV)
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data); the index is DIR/index")
	engineF := addEngineFlags(fs)
	codebook := fs.String("codebook", "", "codebook `FILE` the index was built with, for its domain words (default: the embedded codebook)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, formatTable, formatJSON, formatCSV); err != nil {
		return err
	}
	q := index.TrendQuery{Text: strings.Join(pos, " "), Actors: actors}
	if q.By, err = index.ParsePeriod(*by); err != nil {
		return usageError("--by: %v", err)
	}
	if q.Split, err = index.ParseSplit(*split); err != nil {
		return usageError("--split: %v", err)
	}
	if q.Unit, err = index.ParseUnit(*unit); err != nil {
		return usageError("--unit: %v", err)
	}
	if q.Filters, err = f.filters(); err != nil {
		return err
	}
	idx, err := openIndexForQuery(e, engineF.engine(e), *data, *codebook)
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Trend(ctx, q)
	if err != nil {
		return queryError(err)
	}
	switch *format {
	case formatJSON:
		return writeJSON(e.stdout, res)
	case formatCSV:
		return res.WriteCSV(e.stdout)
	}
	if len(res.Buckets) == 0 {
		fmt.Fprintln(e.stderr, "no matching articles")
		return nil
	}
	return writeTrendTable(e.stdout, res)
}

// bucketLabel names a bucket for people: 2024-03, 2024-Q1, 2024, or the
// first day for days and weeks.
func bucketLabel(by index.Period, b index.Bucket) string {
	switch by {
	case index.Month:
		return b.Start[:7]
	case index.Quarter:
		m, _ := strconv.Atoi(b.Start[5:7])
		return fmt.Sprintf("%s-Q%d", b.Start[:4], (m-1)/3+1)
	case index.Year:
		return b.Start[:4]
	}
	return b.Start
}

// percent formats a share as a whole percentage.
func percent(x float64) string { return strconv.FormatFloat(100*x, 'f', 0, 64) + "%" }

func writeTrendTable(w io.Writer, res *index.TrendResult) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	head := []string{string(res.By)}
	if res.Split != index.SplitNone {
		head = append(head, string(res.Split))
	}
	head = append(head, "articles")
	for _, a := range res.Actors {
		head = append(head, a+" mentions (attention)", a+" leader", a+" catching-up", a+" catching-up share (95% CI)")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, b := range res.Buckets {
		row := []string{bucketLabel(res.By, b)}
		if res.Split != index.SplitNone {
			row = append(row, b.Split)
		}
		row = append(row, strconv.Itoa(b.Articles))
		for _, a := range res.Actors {
			c := b.Actors[a]
			share := "-"
			if c.Leader+c.CatchingUp > 0 {
				share = fmt.Sprintf("%s (%s–%s)", percent(c.CatchingUpShare), percent(c.CILow), percent(c.CIHigh))
			}
			attention := strconv.Itoa(c.Mentions)
			if b.Articles > 0 {
				attention += " (" + percent(c.MentionShare) + ")"
			}
			row = append(row, attention, strconv.Itoa(c.Leader), strconv.Itoa(c.CatchingUp), share)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	return tw.Flush()
}
