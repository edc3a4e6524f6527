package index

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

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
	bt, err := newCompiler(idx).build(q.Text, q.Filters)
	if err != nil {
		return nil, err
	}
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", ErrBadQuery)
	}
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	var res *bleve.SearchResult
	if bt.textAll || q.ByDate {
		res, err = newest(ctx, idx, bt, q)
	} else {
		// Secondary sort keys would read doc values or stored IDs for
		// every hit, which triples the cost of a search; ties keep index
		// order.
		req := bleve.NewSearchRequestOptions(bt.q, q.Limit, q.Offset, false)
		req.Fields = storedFields
		res, err = idx.SearchInContext(ctx, req)
	}
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

// newest returns a page of the hits of bt, newest first. Sorting by date
// reads a doc value for every hit, so it first tries the most recent
// months only: enough of them to fill the page, plus one more, since
// months are local dates and time zones shift instants by up to a day.
// Total is counted over all hits.
func newest(ctx context.Context, idx bleve.Index, bt built, q Query) (*bleve.SearchResult, error) {
	byDate := func(bq query.Query) (*bleve.SearchResult, error) {
		req := bleve.NewSearchRequestOptions(bq, q.Limit, q.Offset, false)
		req.Fields = storedFields
		req.SortBy([]string{"-" + fSortKey})
		return idx.SearchInContext(ctx, req)
	}
	var total uint64
	var err error
	if bt.everything {
		total, err = idx.DocCount()
	} else {
		req := bleve.NewSearchRequestOptions(bt.q, 0, 0, false)
		req.Score = "none"
		var res *bleve.SearchResult
		if res, err = idx.SearchInContext(ctx, req); err == nil {
			total = res.Total
		}
	}
	if err != nil {
		return nil, err
	}
	need := uint64(q.Offset + q.Limit)
	months, err := fieldTerms(idx, fMonth)
	if err != nil {
		return nil, err
	}
	// Without a restriction when the months would be most of them anyway.
	for k := 1; need < total && k+1 < len(months)/2; k *= 2 {
		n, err := countIn(ctx, idx, bt, months[len(months)-k:])
		if err != nil {
			return nil, err
		}
		if n < need {
			continue
		}
		var rq query.Query = query.NewConjunctionQuery([]query.Query{bt.q, inMonths(months[len(months)-k-1:])})
		if bt.everything {
			rq = inMonths(months[len(months)-k-1:])
		}
		res, err := byDate(rq)
		if err != nil {
			return nil, err
		}
		res.Total = total
		return res, nil
	}
	res, err := byDate(bt.q)
	if err != nil {
		return nil, err
	}
	res.Total = total
	return res, nil
}

// inMonths returns a query for the articles of the given months.
func inMonths(months []string) query.Query {
	terms := make([]query.Query, len(months))
	for i, m := range months {
		terms[i] = termQuery(fMonth, m)
	}
	return query.NewDisjunctionQuery(terms)
}

// countIn counts the hits of bt in the given months.
func countIn(ctx context.Context, idx bleve.Index, bt built, months []string) (uint64, error) {
	var q query.Query = query.NewConjunctionQuery([]query.Query{bt.q, inMonths(months)})
	if bt.everything {
		q = inMonths(months)
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
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
