package index

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/framescope/framescope/corpus"
)

// DefaultLimit is the number of hits Search returns when Query.Limit is 0.
const DefaultLimit = 20

// Query is a search: a query string in the query language (see the top of
// query.go; "" and "*" match everything) and filters.
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

// storedFields are the fields a hit is filled from.
var storedFields = []string{fTitle, fURL, fSource, fCountry, fLang, fPubStored, fFrames}

// Search returns the articles matching q. Errors from the query string or
// filters wrap ErrBadQuery.
func (b *Bleve) Search(ctx context.Context, q Query) (*SearchResult, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, err
	}
	defer b.mu.RUnlock()
	bq, all, err := newCompiler(idx).build(q.Text, q.Filters)
	if err != nil {
		return nil, err
	}
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", ErrBadQuery)
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	req := bleve.NewSearchRequestOptions(bq, limit, q.Offset, false)
	req.Fields = storedFields
	// Secondary sort keys would read doc values or stored IDs for every
	// hit, which triples the cost of a search; ties keep index order.
	if all || q.ByDate {
		req.SortBy([]string{"-" + fPublished})
	}
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	out := &SearchResult{Total: res.Total, Took: res.Took, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit := Hit{
			ID:      h.ID,
			Score:   h.Score,
			Title:   fieldString(h.Fields, fTitle),
			URL:     fieldString(h.Fields, fURL),
			Source:  fieldString(h.Fields, fSource),
			Country: fieldString(h.Fields, fCountry),
			Lang:    corpus.Lang(fieldString(h.Fields, fLang)),
		}
		if s := fieldString(h.Fields, fPubStored); s != "" {
			if hit.Published, err = time.Parse(time.RFC3339, s); err != nil {
				return nil, fmt.Errorf("index: hit %s: published: %w", h.ID, err)
			}
		}
		if s := fieldString(h.Fields, fFrames); s != "" {
			if err := json.Unmarshal([]byte(s), &hit.Frames); err != nil {
				return nil, fmt.Errorf("index: hit %s: frames: %w", h.ID, err)
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// fieldString returns a stored string field of a hit, "" when absent.
func fieldString(fields map[string]interface{}, name string) string {
	switch v := fields[name].(type) {
	case string:
		return v
	case []interface{}:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}
