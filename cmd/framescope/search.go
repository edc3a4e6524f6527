package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "search", "QUERY [filters] [--limit N] [--format table|json|csv] [--data DIR]", `
Searches the indexed articles and lists each match with its date, source,
language, title and URL, the frames coded in it and the evidence sentences
with the matched cue highlighted (bold on a terminal, [cue] otherwise).

QUERY: words and "quoted phrases" in Chinese or English, found in both
languages (AI OR 人工智能); AND (implied between terms), OR, NOT or -word,
parentheses; word* for a prefix; title:WORD or text:WORD to search one part;
lang:, source:, country:, actor:, frame: as filters. An empty QUERY or * lists
every article, newest first; otherwise the best matches come first.`)
	f := addFilterFlags(fs, true)
	limit := fs.Int("limit", index.DefaultLimit, "show at most `N` articles")
	format := addFormatFlag(fs, formatTable, formatJSON, formatCSV)
	byDate := fs.Bool("newest", false, "order by publication date, newest first, instead of by relevance")
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data); the index is DIR/index")
	engineF := addEngineFlags(fs)
	codebook := fs.String("codebook", "", "codebook `FILE` the index was built with, for its domain words (default: the embedded codebook)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *limit < 1 {
		return usageError("--limit must be at least 1")
	}
	if err := checkFormat(*format, formatTable, formatJSON, formatCSV); err != nil {
		return err
	}
	filters, err := f.filters()
	if err != nil {
		return err
	}
	idx, err := openIndexForQuery(e, engineF.engine(e), *data, *codebook)
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(ctx, index.Query{Text: strings.Join(pos, " "), Filters: filters, Limit: *limit, ByDate: *byDate})
	if err != nil {
		return queryError(err)
	}
	switch *format {
	case formatJSON:
		return writeJSON(e.stdout, res)
	case formatCSV:
		return res.WriteCSV(e.stdout)
	}
	writeSearchTable(e.stdout, res, isTerminal(e.stdout))
	if res.Total > uint64(len(res.Hits)) {
		fmt.Fprintf(e.stderr, "%d of %d matching articles shown (--limit)\n", len(res.Hits), res.Total)
	} else if res.Total == 0 {
		fmt.Fprintln(e.stderr, "no matching articles")
	}
	return nil
}

// filterFlags are the filter flags search and trend share.
type filterFlags struct {
	lang, source, country, actor, frame listFlag
	since, until                        *string
}

// addFilterFlags defines the filter flags on fs; withActor is false for
// trend, where --actor chooses the actors to count instead.
func addFilterFlags(fs *flag.FlagSet, withActor bool) *filterFlags {
	f := &filterFlags{}
	fs.Var(&f.lang, "lang", "only articles in language `CODE` (zh, en, ...); repeatable or comma-separated")
	fs.Var(&f.source, "source", "only articles from source `NAME`; repeatable or comma-separated")
	fs.Var(&f.country, "country", "only articles from outlets based in `CC` (ISO 3166, e.g. CN, US); repeatable or comma-separated")
	if withActor {
		fs.Var(&f.actor, "actor", "only articles mentioning actor `ID` (CN, US, openai, baidu, ...); with --frame, framing it so; repeatable")
	}
	fs.Var(&f.frame, "frame", "only articles with `FRAME` (leader, catching-up, race, threat); repeatable or comma-separated")
	f.since = fs.String("since", "", "only articles published on or after `DATE` (YYYY-MM-DD or RFC 3339)")
	f.until = fs.String("until", "", "only articles published up to `DATE` (YYYY-MM-DD: that day included; RFC 3339: that instant excluded)")
	return f
}

// filters converts the flags; bad dates and frames are usage errors.
func (f *filterFlags) filters() (index.Filters, error) {
	out, err := index.ParseFilters(index.FilterText{Lang: f.lang, Source: f.source, Country: f.country,
		Actor: f.actor, Frame: f.frame, Since: *f.since, Until: *f.until, Prefix: "--"})
	return out, queryError(err)
}

// parseDateFlag parses the date flag --name like the date filters.
func parseDateFlag(name, s string, endOfRange bool) (time.Time, error) {
	t, err := index.ParseDate("--"+name, s, endOfRange)
	return t, queryError(err)
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// queryError turns the index's bad-query errors into usage errors.
func queryError(err error) error {
	if errors.Is(err, index.ErrBadQuery) {
		return &exitError{exitUsage, err}
	}
	return err
}

// highlight marks the cue of an evidence sentence: ANSI bold on a
// terminal, [cue] otherwise (see corpus.Evidence.Marked).
func highlight(sentence, cue string, tty bool) string {
	if tty {
		return corpus.Evidence{Sentence: sentence, Cue: cue}.Marked("\x1b[1m", "\x1b[0m")
	}
	return corpus.Evidence{Sentence: sentence, Cue: cue}.Marked("[", "]")
}

func writeSearchTable(w io.Writer, res *index.SearchResult, tty bool) {
	for i, h := range res.Hits {
		if i > 0 {
			fmt.Fprintln(w)
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Published.Format("2006-01-02"), h.Source, h.Lang, h.Title)
		tw.Flush()
		fmt.Fprintf(w, "  %s\n", h.URL)
		if len(h.Frames) == 0 {
			fmt.Fprintln(w, "  frames: none")
			continue
		}
		fmt.Fprintf(w, "  frames: %s\n", h.FrameSummary())
		for _, a := range h.Frames {
			for _, ev := range a.Evidence {
				fmt.Fprintf(w, "    %s %s: %s\n", a.Actor, a.Frame, highlight(ev.Sentence, ev.Cue, tty))
			}
		}
	}
}
