package bleve

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// storedFields are the fields a hit is filled from.
var storedFields = []string{fTitle, fURL, fSource, fCountry, fLang, fPubStored, fFrames}

// Search returns the articles matching q. Errors from the query string or
// filters wrap ErrBadQuery. With CacheSize, the answer may be shared.
func (b *Index) Search(ctx context.Context, q index.Query) (*index.SearchResult, error) {
	return cached(b.cache, "search", q, func() (*index.SearchResult, error) {
		return guarded(func() (*index.SearchResult, error) { return b.search(ctx, q) })
	})
}

// Get returns the indexed article with the given ID as a search hit (score
// 0), or false when the index does not hold it.
func (b *Index) Get(ctx context.Context, id string) (hit *index.Hit, ok bool, err error) {
	err = guard(func() (err error) { hit, ok, err = b.get(ctx, id); return err })
	return hit, ok, err
}

func (b *Index) get(ctx context.Context, id string) (*index.Hit, bool, error) {
	idx, err := b.reader()
	if err != nil {
		return nil, false, err
	}
	defer b.mu.RUnlock()
	req := blevesearch.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = storedFields
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, fmt.Errorf("index: get %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, false, nil
	}
	h, err := hitOf(res.Hits[0])
	if err != nil {
		return nil, false, err
	}
	h.Score = 0
	return &h, true, nil
}

func (b *Index) search(ctx context.Context, q index.Query) (*index.SearchResult, error) {
	start := time.Now()
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
		return nil, fmt.Errorf("%w: negative limit or offset", index.ErrBadQuery)
	}
	if q.Limit == 0 {
		q.Limit = index.DefaultLimit
	}
	var res *blevesearch.SearchResult
	if bt.textAll || q.ByDate {
		res, err = b.newest(ctx, idx, bt, q)
	} else {
		var ok bool
		if res, ok, err = b.topScored(ctx, idx, bt, q); err == nil && !ok {
			// Secondary sort keys would read doc values or stored IDs
			// for every hit, which triples the cost of a search; ties
			// keep index order.
			req := blevesearch.NewSearchRequestOptions(bt.scored(), q.Limit, q.Offset, false)
			req.Fields = storedFields
			res, err = idx.SearchInContext(ctx, req)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	// Took is the whole search's: some pages come from a last Bleve
	// search for their stored fields alone.
	out := &index.SearchResult{Total: res.Total, Took: time.Since(start), Hits: make([]index.Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit, err := hitOf(h)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// hitOf reads a hit from Bleve's stored fields.
func hitOf(h *search.DocumentMatch) (index.Hit, error) {
	hit := index.Hit{
		ID:      h.ID,
		Score:   h.Score,
		Title:   fieldString(h.Fields, fTitle),
		URL:     fieldString(h.Fields, fURL),
		Source:  fieldString(h.Fields, fSource),
		Country: fieldString(h.Fields, fCountry),
		Lang:    corpus.Lang(fieldString(h.Fields, fLang)),
	}
	if s := fieldString(h.Fields, fPubStored); s != "" {
		var err error
		if hit.Published, err = time.Parse(time.RFC3339, s); err != nil {
			return index.Hit{}, fmt.Errorf("index: hit %s: published: %w", h.ID, err)
		}
	}
	if s := fieldString(h.Fields, fFrames); s != "" {
		if err := json.Unmarshal([]byte(s), &hit.Frames); err != nil {
			return index.Hit{}, fmt.Errorf("index: hit %s: frames: %w", h.ID, err)
		}
	}
	return hit, nil
}

// newest returns a page of the hits of bt, newest first. It first finds,
// with bitmaps (see bitmap.go), the fewest most recent days that hold
// enough hits to fill the page, and orders only the hits of those days and
// of the two before: days are local dates, and time zones shift instants
// by up to 14 hours either way. A few hundred such hits are sorted by
// Bleve, which reads a doc value for each; more are ordered by the sort
// key terms from the start of those days on (see byTerms). Total is
// counted over all hits.
func (b *Index) newest(ctx context.Context, idx blevesearch.Index, bt built, q index.Query) (*blevesearch.SearchResult, error) {
	r, err := openReader(idx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	bm, err := newBitmaps(ctx, r, idx.Mapping())
	if err != nil {
		return nil, err
	}
	hits, err := bm.eval(bt.q)
	if err != nil {
		return nil, err
	}
	total := uint64(hits.count())
	var days []string
	if need := uint64(q.Offset + q.Limit); need < total {
		if days, err = recentDays(idx, bm, hits, need); err != nil {
			return nil, err
		}
	}
	var rq query.Query = bitmapFilter{bt.q}
	if len(days) > 0 {
		terms := make([]query.Query, len(days))
		sets := make([]docSet, len(days))
		for i, d := range days {
			terms[i] = termQuery(fDV, d)
			if sets[i], err = bm.postings(fDV, d, false); err != nil {
				return nil, err
			}
		}
		if candidates := hits.and(union(len(bm.segs), sets)); candidates.count() > b.byTermsMin {
			first, err := time.Parse("2006-01-02", days[0][2:])
			if err != nil {
				return nil, fmt.Errorf("index: bad day term %q", days[0])
			}
			res, ok, err := byTerms(ctx, idx, bm, candidates, first.Add(-maxZoneAhead), q)
			if err != nil || ok {
				if res != nil {
					res.Total = total
				}
				return res, err
			}
		}
		var dq query.Query = query.NewDisjunctionQuery(terms)
		if !bt.everything {
			dq = query.NewConjunctionQuery([]query.Query{bt.q, dq})
		}
		rq = bitmapFilter{dq}
	}
	req := blevesearch.NewSearchRequestOptions(rq, q.Limit, q.Offset, false)
	req.Fields = storedFields
	req.SortBy([]string{"-" + fSortKey})
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	res.Total = total
	return res, nil
}

// defaultByTermsMin is the number of hits to order above which byTerms is
// cheaper than Bleve's sort: Bleve decompresses a doc-value chunk for
// about every hit (some 13 µs when hits are spread over the index),
// byTerms looks up one posting list per article published since the start
// of the days (some 2 µs); Index.byTermsMin holds it.
const defaultByTermsMin = 400

// byTerms returns the page q asks for of the hits in candidates, newest
// first, which must all be published at or after from. It walks the sort
// key terms (publication instants, see sortKeyLayout) from there on, keeps
// the candidates' documents in that order and fetches the page's stored
// fields. False means a page's article was replaced meanwhile: sort
// otherwise.
func byTerms(ctx context.Context, idx blevesearch.Index, bm *bitmaps, candidates docSet, from time.Time, q index.Query) (*blevesearch.SearchResult, bool, error) {
	type dated struct {
		key string
		seg int
		doc uint32
	}
	var all []dated
	dicts, err := bm.dict(fSortKey)
	if err != nil {
		return nil, false, err
	}
	start := []byte(from.UTC().Format(sortKeyLayout))
	for i, d := range dicts {
		if candidates[i] == nil || candidates[i].IsEmpty() {
			continue
		}
		err := termPostings(d, start, nil, nil, func(term string, docs *roaring.Bitmap) error {
			for it := docs.Iterator(); it.HasNext(); {
				if doc := it.Next(); candidates[i].Contains(doc) {
					all = append(all, dated{term, i, doc})
				}
			}
			return nil
		})
		if err != nil {
			return nil, false, fmt.Errorf("index: publication times: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].key > all[b].key })
	page := all[min(q.Offset, len(all)):min(q.Offset+q.Limit, len(all))]
	ids := make([]string, len(page))
	for i, p := range page {
		id, err := bm.segs[p.seg].DocID(uint64(p.doc))
		if err != nil {
			return nil, false, fmt.Errorf("index: document %d: %w", p.doc, err)
		}
		ids[i] = string(id)
	}
	return withFields(ctx, idx, ids, make([]float64, len(ids)))
}

// withFields returns the articles with the given IDs as hits in that order,
// with the given scores and their stored fields. False means one of them
// was replaced or deleted since the IDs were read.
func withFields(ctx context.Context, idx blevesearch.Index, ids []string, scores []float64) (*blevesearch.SearchResult, bool, error) {
	req := blevesearch.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = storedFields
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, err
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	ordered := make(search.DocumentMatchCollection, 0, len(ids))
	for i, id := range ids {
		h, ok := byID[id]
		if !ok {
			return nil, false, nil
		}
		h.Score = scores[i]
		ordered = append(ordered, h)
	}
	res.Hits = ordered
	return res, true, nil
}

// dayMargin is the number of days before the newest days holding a page
// that newest also sorts: an article of local date D was published
// between D-1 10:00 and D+1 12:00 UTC.
const dayMargin = 2

// recentDays returns the dv day terms (see dvTerms) of the most recent
// days that hold at least need of the hits (fewer than there are) and of
// the dayMargin days before them, or none when that would be most days
// anyway.
func recentDays(idx blevesearch.Index, bm *bitmaps, hits docSet, need uint64) ([]string, error) {
	months, err := fieldTerms(idx, fMonth)
	if err != nil {
		return nil, err
	}
	// Newest month first, and newest day first within each; only the
	// months needed are listed.
	var days []string
	n := uint64(0)
	for m := len(months) - 1; m >= 0 && len(months)-m <= len(months)/2+1; m-- {
		// A month whose hits cannot fill the page is counted whole, with
		// one posting list rather than one per day, and a month without
		// hits adds no days: ordering the hits of its days orders none.
		ms, err := bm.postings(fMonth, months[m], false)
		if err != nil {
			return nil, err
		}
		c := uint64(hits.countIn(ms))
		if c == 0 {
			continue
		}
		inMonth, err := dayTermsOf(idx, months[m])
		if err != nil {
			return nil, err
		}
		days = append(inMonth, days...)
		if n+c < need {
			n += c
			continue
		}
		for k := len(inMonth) - 1; k >= 0; k-- {
			ds, err := bm.postings(fDV, inMonth[k], false)
			if err != nil {
				return nil, err
			}
			if n += uint64(hits.countIn(ds)); n < need {
				continue
			}
			// The day that fills the page and dayMargin days before it.
			i := k // days begins with this month's
			if i < dayMargin {
				more, err := earlierDays(idx, months[:m], dayMargin-i)
				if err != nil {
					return nil, err
				}
				days, i = append(more, days...), i+len(more)
			}
			return days[max(0, i-dayMargin):], nil
		}
	}
	return nil, nil
}

// dayTermsOf returns the dv day terms of a month (YYYY-MM), oldest first.
func dayTermsOf(idx blevesearch.Index, month string) ([]string, error) {
	prefix := termSep + string(dvDay) + month
	return dictTerms(idx.FieldDictRange(fDV, []byte(prefix+"-01"), []byte(prefix+"-31")))
}

// earlierDays returns up to n of the latest day terms of the months,
// oldest first.
func earlierDays(idx blevesearch.Index, months []string, n int) ([]string, error) {
	var out []string
	for m := len(months) - 1; m >= 0 && len(out) < n; m-- {
		days, err := dayTermsOf(idx, months[m])
		if err != nil {
			return nil, err
		}
		out = append(days, out...)
	}
	return out[max(0, len(out)-n):], nil
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
