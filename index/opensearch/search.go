package opensearch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/framescope/framescope/index"
)

// searchResponse is the part of a _search answer the engine reads.
type searchResponse struct {
	Hits struct {
		Total struct {
			Value uint64 `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID     string          `json:"_id"`
			Score  *float64        `json:"_score"`
			Source json.RawMessage `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
	Aggs map[string]aggResult `json:"aggregations"`
}

// aggResult is a terms, filters or composite aggregation's answer.
type aggResult struct {
	Buckets  []aggBucket          `json:"-"`
	Keyed    map[string]aggBucket `json:"-"`
	AfterKey map[string]any       `json:"after_key"`
}

// UnmarshalJSON reads buckets as a list (terms, composite) or keyed by
// name (filters).
func (a *aggResult) UnmarshalJSON(b []byte) error {
	var raw struct {
		Buckets  json.RawMessage `json:"buckets"`
		AfterKey map[string]any  `json:"after_key"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	a.AfterKey = raw.AfterKey
	if len(raw.Buckets) == 0 {
		// A filter aggregation: one bucket, its sub-aggregations inline.
		var one aggBucket
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		a.Buckets = []aggBucket{one}
		return nil
	}
	if raw.Buckets[0] == '{' {
		return json.Unmarshal(raw.Buckets, &a.Keyed)
	}
	return json.Unmarshal(raw.Buckets, &a.Buckets)
}

// aggBucket is one bucket, with its sub-aggregations.
type aggBucket struct {
	Key      string
	Keys     map[string]string // a composite bucket's key
	DocCount int
	Sub      map[string]aggResult
}

func (b *aggBucket) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	b.Sub = map[string]aggResult{}
	for k, v := range m {
		switch k {
		case "key":
			var s string
			if json.Unmarshal(v, &s) == nil {
				b.Key = s
				continue
			}
			var keys map[string]any
			if err := json.Unmarshal(v, &keys); err != nil {
				return err
			}
			b.Keys = map[string]string{}
			for kk, vv := range keys {
				b.Keys[kk] = fmt.Sprint(vv)
			}
		case "doc_count":
			if err := json.Unmarshal(v, &b.DocCount); err != nil {
				return err
			}
		case "key_as_string", "doc_count_error_upper_bound", "sum_other_doc_count":
		default:
			if len(v) == 0 || v[0] != '{' {
				continue
			}
			var r aggResult
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			b.Sub[k] = r
		}
	}
	return nil
}

// search runs a _search request and decodes its answer into out. A query
// the cluster refuses as malformed wraps index.ErrBadQuery.
func (x *Index) search(ctx context.Context, body q, out *searchResponse) error {
	st, raw, err := x.do(ctx, http.MethodPost, "/"+x.name+"/_search", body)
	if err != nil {
		return err
	}
	switch {
	case st == http.StatusNotFound:
		return fmt.Errorf("%w: no index %q at %s", index.ErrNoIndex, x.name, x.url)
	case st == http.StatusBadRequest:
		return fmt.Errorf("%w: %w", index.ErrBadQuery, x.fail("search", st, raw))
	case st != http.StatusOK:
		return x.fail("search", st, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("opensearch: search answer: %w", err)
	}
	return nil
}

// Search returns the articles matching q, by relevance (OpenSearch's BM25,
// titles counting double) or, with ByDate or a query that matches
// everything, newest first. Errors from the query string or filters wrap
// index.ErrBadQuery; so does a page beyond the 100,000th hit.
func (x *Index) Search(ctx context.Context, qu index.Query) (*index.SearchResult, error) {
	start := time.Now()
	if qu.Limit < 0 || qu.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", index.ErrBadQuery)
	}
	if qu.Limit == 0 {
		qu.Limit = index.DefaultLimit
	}
	if qu.Offset+qu.Limit > maxResultWindow {
		return nil, fmt.Errorf("%w: pages end at hit %d", index.ErrBadQuery, maxResultWindow)
	}
	bt, err := x.compiler(ctx).build(qu.Text, qu.Filters)
	if err != nil {
		return nil, err
	}
	body := q{"query": bt.query(), "from": qu.Offset, "size": qu.Limit, "track_total_hits": true}
	if bt.textAll || qu.ByDate {
		body["sort"] = []q{
			{fPublished: q{"order": "desc", "missing": "_last"}},
			{fID: q{"order": "asc"}},
		}
	}
	var res searchResponse
	if err := x.search(ctx, body, &res); err != nil {
		return nil, fmt.Errorf("opensearch: search %q: %w", qu.Text, err)
	}
	out := &index.SearchResult{Total: res.Hits.Total.Value, Hits: make([]index.Hit, 0, len(res.Hits.Hits))}
	for _, h := range res.Hits.Hits {
		score := 0.0
		if h.Score != nil {
			score = *h.Score
		}
		hit, err := hitOf(h.ID, score, h.Source)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	out.Took = time.Since(start)
	return out, nil
}
