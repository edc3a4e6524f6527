package index

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
)

// DefaultLimit is the number of hits Search returns when Query.Limit is 0.
const DefaultLimit = 20

// Query is a search: a query string in the query language (see ParseQuery;
// "" and "*" match everything) and filters.
type Query struct {
	Text string
	Filters
	// Limit is the number of hits to return (DefaultLimit when 0) and
	// Offset the number to skip.
	Limit, Offset int
	// ByDate orders hits newest first instead of by relevance. Queries that
	// match everything are always ordered by date.
	ByDate bool
}

// Hit is one matching article with what a result list shows.
type Hit struct {
	ID        string               `json:"id"`
	Score     float64              `json:"score"`
	Title     string               `json:"title"`
	URL       string               `json:"url"`
	Source    string               `json:"source"`
	Country   string               `json:"country"`
	Lang      corpus.Lang          `json:"lang"`
	Published time.Time            `json:"published"`
	Frames    []corpus.Attribution `json:"frames"`
}

// SearchResult is the answer to a Query.
type SearchResult struct {
	// Total is the number of matching articles, of which Hits is a page.
	Total uint64        `json:"total"`
	Hits  []Hit         `json:"hits"`
	Took  time.Duration `json:"took_ns"`
}

// FrameSummary lists the hit's attributions as "CN catching-up, US leader".
func (h Hit) FrameSummary() string {
	parts := make([]string, 0, len(h.Frames))
	for _, a := range h.Frames {
		parts = append(parts, a.Actor+" "+string(a.Frame))
	}
	return strings.Join(parts, ", ")
}

// WriteCSV writes the hits as CSV: a header row, then one row per hit with
// published (RFC 3339, empty when unknown), source, country, lang, title,
// url, frames (FrameSummary) and evidence ("CN catching-up: the sentence
// with its [cue]", joined by " | ").
func (res *SearchResult) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"published", "source", "country", "lang", "title", "url", "frames", "evidence"})
	for _, h := range res.Hits {
		var ev []string
		for _, a := range h.Frames {
			for _, e := range a.Evidence {
				ev = append(ev, a.Actor+" "+string(a.Frame)+": "+e.Marked("[", "]"))
			}
		}
		pub := ""
		if !h.Published.IsZero() {
			pub = h.Published.Format(time.RFC3339)
		}
		cw.Write([]string{pub, corpus.SafeCell(h.Source), corpus.SafeCell(h.Country), corpus.SafeCell(string(h.Lang)),
			corpus.SafeCell(h.Title), corpus.SafeCell(h.URL), corpus.SafeCell(h.FrameSummary()), corpus.SafeCell(strings.Join(ev, " | "))})
	}
	cw.Flush()
	return cw.Error()
}
