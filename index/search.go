package index

import (
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
