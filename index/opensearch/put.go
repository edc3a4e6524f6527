package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Put indexes docs with bulk requests of BulkDocs documents, one at a time
// (the cluster's answer is the back-pressure), replacing documents with the
// same article ID. Documents the cluster refuses with 429 are sent again
// with backoff, and so are those refused while a shard is unavailable (a
// node lost, its replicas being promoted); a document the mapping refuses is an error wrapping
// ErrMapping. The index is refreshed at the end, so that searches see the
// documents. Put returns early with ctx's error when ctx is cancelled
// between requests; documents already sent stay indexed.
func (x *Index) Put(ctx context.Context, docs []index.Doc) error {
	if err := x.writable(); err != nil {
		return err
	}
	for _, d := range docs {
		if d.Article.ID == "" {
			return fmt.Errorf("opensearch: put: article %q has no ID", d.Article.URL)
		}
	}
	for start := 0; start < len(docs); start += x.o.bulkDocs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("opensearch: put: %w", err)
		}
		if err := x.bulk(ctx, docs[start:min(start+x.o.bulkDocs, len(docs))]); err != nil {
			return err
		}
	}
	if len(docs) == 0 {
		return nil
	}
	return x.Refresh(ctx)
}

// Refresh makes what was indexed visible to searches.
func (x *Index) Refresh(ctx context.Context) error {
	st, body, err := x.do(ctx, http.MethodPost, "/"+x.name+"/_refresh", nil)
	if err != nil {
		return err
	}
	if st != http.StatusOK {
		return x.fail("refresh", st, body)
	}
	return nil
}

// bulk sends docs in one bulk request, then again those refused with 429
// or 502-504.
func (x *Index) bulk(ctx context.Context, docs []index.Doc) error {
	wait := x.o.backoff
	for try := 0; ; try++ {
		var buf bytes.Buffer
		for _, d := range docs {
			meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_id": d.Article.ID}})
			buf.Write(meta)
			buf.WriteByte('\n')
			src, err := json.Marshal(x.source(d))
			if err != nil {
				return fmt.Errorf("opensearch: put %s: %w", d.Article.ID, err)
			}
			buf.Write(src)
			buf.WriteByte('\n')
		}
		st, body, err := x.do(ctx, http.MethodPost, "/"+x.name+"/_bulk", buf.Bytes())
		if err != nil {
			return err
		}
		if st != http.StatusOK {
			return x.fail("bulk", st, body)
		}
		var res struct {
			Errors bool `json:"errors"`
			Items  []map[string]struct {
				ID     string `json:"_id"`
				Status int    `json:"status"`
				Error  struct {
					Type   string `json:"type"`
					Reason string `json:"reason"`
				} `json:"error"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			return fmt.Errorf("opensearch: bulk answer: %w", err)
		}
		if !res.Errors {
			return nil
		}
		var again []index.Doc
		for i, item := range res.Items {
			for _, r := range item {
				switch {
				case r.Status < 300:
				case retryable(r.Status) && i < len(docs):
					again = append(again, docs[i])
				case strings.Contains(r.Error.Type, "mapping") || strings.Contains(r.Error.Type, "mapper") || r.Error.Type == "illegal_argument_exception":
					return fmt.Errorf("%w: index %q at %s refuses article %s: %s: %s (rebuild the index with framescope index --rebuild, or choose another --opensearch-index)",
						ErrMapping, x.name, x.url, r.ID, r.Error.Type, r.Error.Reason)
				default:
					return fmt.Errorf("opensearch: put %s in %s at %s: status %d: %s: %s", r.ID, x.name, x.url, r.Status, r.Error.Type, r.Error.Reason)
				}
			}
		}
		if len(again) == 0 {
			return nil
		}
		if try >= x.o.retries {
			return fmt.Errorf("opensearch: put: %s at %s still refuses %d documents (too many requests or shards unavailable) after %d tries", x.name, x.url, len(again), try+1)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("opensearch: put: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Second)
		docs = again
	}
}

// source returns the document OpenSearch indexes for d.
func (x *Index) source(d index.Doc) map[string]any {
	a := d.Article
	doc := map[string]any{
		fID: a.ID, fTitle: a.Title, fURL: a.URL,
		fSource: a.Source, fCountry: a.Country, fLang: string(a.Lang),
	}
	if a.Lang == corpus.Chinese {
		doc[fTitleZH], doc[fTitleZHS] = x.segment(a.Title)
		doc[fBodyZH], doc[fBodyZHS] = x.segment(a.Text)
	} else {
		doc[fTitleEN], doc[fBodyEN] = x.englishText(a.Title), x.englishText(a.Text)
	}
	if d.Analysis.Codebook != "" {
		doc[fCodebook] = d.Analysis.Codebook
	}
	actors := map[string]bool{}
	for _, id := range d.Analysis.Actors {
		actors[id] = true
	}
	frames := map[string]bool{}
	framed := map[string]bool{}
	pairs := map[string]int{}
	for _, at := range d.Analysis.Frames {
		actors[at.Actor] = true
		framed[at.Actor] = true
		frames[string(at.Frame)] = true
		n := len(at.Evidence)
		if n == 0 {
			n = 1 // an attribution counts once even without evidence text
		}
		pairs[at.Actor+":"+string(at.Frame)] += n
	}
	doc[fActors] = keys(actors)
	doc[fFrameSet] = keys(frames)
	doc[fFramed] = keys(framed)
	ps := make([]string, 0, len(pairs))
	pn := make([]string, 0, len(pairs))
	for p, n := range pairs {
		ps = append(ps, p)
		pn = append(pn, p+"="+strconv.Itoa(n))
	}
	sort.Strings(ps)
	sort.Strings(pn)
	doc[fPairs], doc[fPairN] = ps, pn
	story := a.Story
	if story == "" {
		story = a.ID
	}
	doc[fStory] = story
	if len(d.Analysis.Frames) > 0 {
		doc[fAttrib] = d.Analysis.Frames
	}
	if !a.Published.IsZero() {
		doc[fPublished] = a.Published.Format(time.RFC3339Nano)
		doc[fDay] = a.Published.Format("2006-01-02")
	}
	return doc
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortStrings(s []string) { sort.Strings(s) }

// Missing returns those of ids that are not indexed, in their order, asking
// the cluster for a thousand at a time.
func (x *Index) Missing(ctx context.Context, ids []string) ([]string, error) {
	var out []string
	for start := 0; start < len(ids); start += 1000 {
		part := ids[start:min(start+1000, len(ids))]
		st, body, err := x.do(ctx, http.MethodPost, "/"+x.name+"/_mget?_source=false&realtime=true", map[string]any{"ids": part})
		if err != nil {
			return nil, err
		}
		if st != http.StatusOK {
			return nil, x.fail("look up ids", st, body)
		}
		var res struct {
			Docs []struct {
				ID    string `json:"_id"`
				Found bool   `json:"found"`
			} `json:"docs"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			return nil, fmt.Errorf("opensearch: look up ids: %w", err)
		}
		found := make(map[string]bool, len(res.Docs))
		for _, d := range res.Docs {
			if d.Found {
				found[d.ID] = true
			}
		}
		for _, id := range part {
			if !found[id] {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// Get returns the indexed article with an ID as a search hit (score 0), or
// false when the index does not hold it.
func (x *Index) Get(ctx context.Context, id string) (*index.Hit, bool, error) {
	st, body, err := x.do(ctx, http.MethodPost, "/"+x.name+"/_mget", map[string]any{"ids": []string{id}})
	if err != nil {
		return nil, false, err
	}
	if st != http.StatusOK {
		return nil, false, x.fail("get "+id, st, body)
	}
	var res struct {
		Docs []struct {
			ID     string          `json:"_id"`
			Found  bool            `json:"found"`
			Source json.RawMessage `json:"_source"`
		} `json:"docs"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, false, fmt.Errorf("opensearch: get %s: %w", id, err)
	}
	if len(res.Docs) == 0 || !res.Docs[0].Found {
		return nil, false, nil
	}
	h, err := hitOf(res.Docs[0].ID, 0, res.Docs[0].Source)
	if err != nil {
		return nil, false, err
	}
	return &h, true, nil
}

// hitOf reads a hit from a document's _source.
func hitOf(id string, score float64, src json.RawMessage) (index.Hit, error) {
	var s struct {
		Title     string               `json:"title"`
		URL       string               `json:"url"`
		Source    string               `json:"source"`
		Country   string               `json:"country"`
		Lang      corpus.Lang          `json:"lang"`
		Published string               `json:"published"`
		Frames    []corpus.Attribution `json:"attributions"`
	}
	if err := json.Unmarshal(src, &s); err != nil {
		return index.Hit{}, fmt.Errorf("opensearch: hit %s: %w", id, err)
	}
	h := index.Hit{ID: id, Score: score, Title: s.Title, URL: s.URL, Source: s.Source, Country: s.Country, Lang: s.Lang, Frames: s.Frames}
	if s.Published != "" {
		t, err := time.Parse(time.RFC3339Nano, s.Published)
		if err != nil {
			return index.Hit{}, fmt.Errorf("opensearch: hit %s: published: %w", id, err)
		}
		h.Published = t
	}
	return h, nil
}
