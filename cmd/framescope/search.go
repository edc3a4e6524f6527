package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

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
	format := fs.String("format", "table", "output `format`: table, json or csv")
	byDate := fs.Bool("newest", false, "order by publication date, newest first, instead of by relevance")
	data := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data); the index is DIR/index")
	codebook := fs.String("codebook", "", "codebook `FILE` the index was built with, for its domain words (default: the embedded codebook)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *limit < 1 {
		return usageError("--limit must be at least 1")
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	filters, err := f.filters()
	if err != nil {
		return err
	}
	idx, err := openIndexForQuery(e, *data, *codebook)
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(ctx, index.Query{Text: strings.Join(pos, " "), Filters: filters, Limit: *limit, ByDate: *byDate})
	if err != nil {
		return queryError(err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "csv":
		return writeSearchCSV(e.stdout, res)
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

func checkFormat(f string) error {
	switch f {
	case "table", "json", "csv":
		return nil
	}
	return usageError("--format %q: want table, json or csv", f)
}

// queryError turns the index's bad-query errors into usage errors.
func queryError(err error) error {
	if errors.Is(err, index.ErrBadQuery) {
		return &exitError{exitUsage, err}
	}
	return err
}

// highlight marks the first occurrence of cue in sentence: ANSI bold on a
// terminal, [cue] otherwise. A cue not found verbatim is matched without
// regard to case, and appended when absent.
func highlight(sentence, cue string, tty bool) string {
	open, close := "[", "]"
	if tty {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	if cue == "" {
		return sentence
	}
	i := strings.Index(sentence, cue)
	if i < 0 {
		i = strings.Index(strings.ToLower(sentence), strings.ToLower(cue))
		if i >= 0 && len(strings.ToLower(sentence)) != len(sentence) {
			i = -1 // lower-casing moved the offsets
		}
	}
	if i < 0 {
		return sentence + " " + open + cue + close
	}
	return sentence[:i] + open + sentence[i:i+len(cue)] + close + sentence[i+len(cue):]
}

// frameSummary lists a hit's attributions as "CN catching-up, US leader".
func frameSummary(h index.Hit) string {
	parts := make([]string, 0, len(h.Frames))
	for _, a := range h.Frames {
		parts = append(parts, a.Actor+" "+string(a.Frame))
	}
	return strings.Join(parts, ", ")
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
		fmt.Fprintf(w, "  frames: %s\n", frameSummary(h))
		for _, a := range h.Frames {
			for _, ev := range a.Evidence {
				fmt.Fprintf(w, "    %s %s: %s\n", a.Actor, a.Frame, highlight(ev.Sentence, ev.Cue, tty))
			}
		}
	}
}

func writeSearchCSV(w io.Writer, res *index.SearchResult) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"published", "source", "country", "lang", "title", "url", "frames", "evidence"})
	for _, h := range res.Hits {
		var ev []string
		for _, a := range h.Frames {
			for _, e := range a.Evidence {
				ev = append(ev, a.Actor+" "+string(a.Frame)+": "+highlight(e.Sentence, e.Cue, false))
			}
		}
		pub := ""
		if !h.Published.IsZero() {
			pub = h.Published.Format(time.RFC3339)
		}
		cw.Write([]string{pub, h.Source, h.Country, string(h.Lang), h.Title, h.URL, frameSummary(h), strings.Join(ev, " | ")})
	}
	cw.Flush()
	return cw.Error()
}
