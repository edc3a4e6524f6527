package terms

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// DefaultMax is the number of articles Source reads per side by default.
const DefaultMax = 2000

// Source reads the articles to count: the best matches of a query from an
// index, their text from the article store.
type Source struct {
	Index index.Reader
	// Get returns a stored article by ID (corpus.Store.Get).
	Get func(id string) (corpus.Article, bool, error)
	Tok *Tokenizer
	// Max is the number of articles read per query (DefaultMax when 0):
	// the best matches, or the newest for a query that matches every
	// article.
	Max int
}

// sample is the counted articles of one query.
type sample struct {
	articles []corpus.Article
	words    [][]string
	total    uint64
}

func (s Source) sample(ctx context.Context, q index.Query) (*sample, error) {
	q.Limit, q.Offset = s.Max, 0
	if q.Limit <= 0 {
		q.Limit = DefaultMax
	}
	res, err := s.Index.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("terms: search: %w", err)
	}
	out := &sample{total: res.Total}
	for _, h := range res.Hits {
		a, ok, err := s.Get(h.ID)
		if err != nil {
			return nil, fmt.Errorf("terms: read article %s: %w", h.ID, err)
		}
		if !ok {
			continue // indexed but no longer stored
		}
		out.articles = append(out.articles, a)
		out.words = append(out.words, s.Tok.Words(a.Title+"\n"+a.Text))
	}
	return out, nil
}

func (sm *sample) counts(keep func(i int) bool) *Counts {
	c := NewCounts()
	for i, w := range sm.words {
		if keep == nil || keep(i) {
			c.Add(w)
		}
	}
	return c
}

// Result is a comparison's distinctive words.
type Result struct {
	Query string `json:"query"`
	// Articles is the number of articles counted for the query, Matching
	// the number that match it (more when Source.Max cut the sample).
	Articles int    `json:"articles"`
	Matching uint64 `json:"matching"`
	Terms    []Term `json:"terms"`
	// Vs is the other side: the --vs query, or "the rest" (the other
	// articles of a sample of every article).
	Vs         string `json:"vs,omitempty"`
	VsArticles int    `json:"vs_articles"`
	VsTerms    []Term `json:"vs_terms,omitempty"`
	// Split and Splits hold, for a split, each value's terms against the
	// other values'.
	Split  index.Split `json:"split,omitempty"`
	Splits []SplitTerm `json:"splits,omitempty"`
}

// SplitTerm is one split value's distinctive words.
type SplitTerm struct {
	Value    string `json:"value"`
	Articles int    `json:"articles"`
	Terms    []Term `json:"terms"`
}

// RestLabel names the other side of a comparison without a --vs query.
const RestLabel = "(the rest)"

// Compare returns the words distinguishing the articles matching q from
// those matching vs, or with vs nil from the rest of the articles (a
// sample of every article within q's dates, without those matching q).
// The prior is the two sides together.
func Compare(ctx context.Context, src Source, q index.Query, vs *index.Query, o Options) (*Result, error) {
	a, err := src.sample(ctx, q)
	if err != nil {
		return nil, err
	}
	res := &Result{Query: q.Text, Articles: len(a.articles), Matching: a.total}
	var b *Counts
	if vs != nil {
		bs, err := src.sample(ctx, *vs)
		if err != nil {
			return nil, err
		}
		res.Vs, b = vs.Text, bs.counts(nil)
	} else {
		all, err := src.sample(ctx, index.Query{Text: "*", Filters: index.Filters{Since: q.Since, Until: q.Until}})
		if err != nil {
			return nil, err
		}
		in := make(map[string]bool, len(a.articles))
		for _, x := range a.articles {
			in[x.ID] = true
		}
		res.Vs = RestLabel
		b = all.counts(func(i int) bool { return !in[all.articles[i].ID] })
	}
	ac := a.counts(nil)
	prior := NewCounts()
	prior.Merge(ac)
	prior.Merge(b)
	res.VsArticles = b.Articles
	res.Terms, res.VsTerms = LogOdds(ac, b, prior, o)
	return res, nil
}

// SplitBy returns, for each language, source or source country of the
// articles matching q, the words distinguishing its articles from the
// other values' articles; the prior is all of them.
func SplitBy(ctx context.Context, src Source, q index.Query, split index.Split, o Options) (*Result, error) {
	if split == index.SplitNone {
		return nil, fmt.Errorf("%w: terms: no split", index.ErrBadQuery)
	}
	sm, err := src.sample(ctx, q)
	if err != nil {
		return nil, err
	}
	value := func(a corpus.Article) string {
		switch split {
		case index.SplitLang:
			return string(a.Lang)
		case index.SplitSource:
			return a.Source
		}
		return a.Country
	}
	values := map[string]bool{}
	for _, a := range sm.articles {
		values[value(a)] = true
	}
	vs := make([]string, 0, len(values))
	for v := range values {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	prior := sm.counts(nil)
	res := &Result{Query: q.Text, Articles: len(sm.articles), Matching: sm.total, Terms: []Term{}, Split: split}
	for _, v := range vs {
		in := sm.counts(func(i int) bool { return value(sm.articles[i]) == v })
		rest := sm.counts(func(i int) bool { return value(sm.articles[i]) != v })
		ts, _ := LogOdds(in, rest, prior, o)
		res.Splits = append(res.Splits, SplitTerm{Value: v, Articles: in.Articles, Terms: ts})
	}
	return res, nil
}

// WriteCSV writes the terms as CSV: a header, then one row per term with
// side (query, vs or the split value), term, count, docs, other_count,
// log_odds and score.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"side", "term", "count", "docs", "other_count", "log_odds", "score"})
	row := func(side string, ts []Term) {
		for _, t := range ts {
			// Terms and split values (sources) come from article data.
			cw.Write([]string{corpus.SafeCell(side), corpus.SafeCell(t.Term), strconv.Itoa(t.Count), strconv.Itoa(t.Docs), strconv.Itoa(t.Other),
				strconv.FormatFloat(t.LogOdds, 'f', 6, 64), strconv.FormatFloat(t.Score, 'f', 6, 64)})
		}
	}
	row("query", r.Terms)
	row("vs", r.VsTerms)
	for _, s := range r.Splits {
		row(s.Value, s.Terms)
	}
	cw.Flush()
	return cw.Error()
}
