package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/framescope/framescope/corpus"
)

// bitmapsAnswer reports whether fromBitmaps can compute the trend: its
// buckets are made of whole months and it counts articles or
// attributions, which the monthly count terms hold.
func (t *trend) bitmapsAnswer() bool {
	switch {
	case t.res.Unit == UnitStory, t.res.By == Day, t.res.By == Week:
		return false
	}
	return true
}

// trendPart is one split value of a trend read from bitmaps: the scope of
// the count terms that hold its articles, or the articles themselves.
type trendPart struct {
	label string
	scope string
	// only, when not nil, holds the part's articles among all matching
	// ones (a source's).
	only docSet
}

// fromBitmaps fills the cells by intersecting the articles matching bt
// with the monthly count terms (see counts.go). The date filters are part
// of bt, so months they cut through need no special care. It returns
// errNoBitmaps when the index cannot give bitmaps.
func (t *trend) fromBitmaps(ctx context.Context, idx bleve.Index, bt built) error {
	res := t.res
	bm, err := newBitmaps(ctx, t.r, t.m)
	if err != nil {
		return err
	}
	var hits docSet
	if bt.everything {
		hits = bm.all()
	} else if hits, err = bm.eval(bt.q); err != nil {
		return fmt.Errorf("index: trend: %w", err)
	}
	var parts []trendPart
	switch res.Split {
	case SplitNone:
		parts = []trendPart{{label: AllSplit}}
	case SplitLang, SplitCountry:
		values, err := fieldTerms(idx, splitFields[res.Split])
		if err != nil {
			return err
		}
		for _, v := range values {
			parts = append(parts, trendPart{label: v, scope: scopePrefixes[res.Split] + v})
		}
	case SplitSource:
		values, err := fieldTerms(idx, fSource)
		if err != nil {
			return err
		}
		for _, v := range values {
			src, err := bm.postings(fSource, v, false)
			if err != nil {
				return err
			}
			if in := hits.and(src); in.count() > 0 {
				parts = append(parts, trendPart{label: v, only: in})
			}
		}
	default:
		return fmt.Errorf("index: trend: unknown split %q", res.Split)
	}
	months, err := fieldTerms(idx, fMonth)
	if err != nil {
		return err
	}
	frames := []corpus.Frame{corpus.Leader, corpus.CatchingUp}
	// Parts without a scope share the count terms of a month: each is read
	// once per month.
	cache := map[string]docSet{}
	terms := func(term string) (docSet, error) {
		if s, ok := cache[term]; ok {
			return s, nil
		}
		s, err := bm.postings(fCounts, term, false)
		if err == nil {
			cache[term] = s
		}
		return s, err
	}
	for _, m := range months {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		start, err := bucketStart(Month, m)
		if err != nil {
			return err
		}
		if !res.since.IsZero() && !nextBucket(Month, start).Add(maxZoneBehind).After(res.since) ||
			!res.until.IsZero() && !start.Add(-maxZoneAhead).Before(res.until) {
			continue // entirely outside the dates asked for
		}
		clear(cache)
		// The month's matching articles first: every later intersection
		// is then with this small set rather than with all matches.
		ms, err := terms(m)
		if err != nil {
			return err
		}
		inMonth := hits.and(ms)
		if inMonth.count() == 0 {
			continue
		}
		bucket := bucketKey(res.By, start)
		for _, p := range parts {
			within := inMonth
			if p.only != nil {
				within = p.only.and(inMonth)
			}
			mt, err := terms(scopeTerm(m, p.scope))
			if err != nil {
				return err
			}
			n := within.countIn(mt)
			if n == 0 {
				continue
			}
			cl := t.cell(bucket, []byte(p.label))
			cl.articles += n
			for ai, a := range res.Actors {
				for fi, f := range frames {
					for k := 1; ; k++ {
						pt, err := terms(pairTerm(m, p.scope, a, f, k))
						if err != nil {
							return err
						}
						n := within.countIn(pt)
						cl.counts[ai][fi] += n
						if n == 0 || res.Unit != UnitAttribution {
							break
						}
					}
				}
			}
		}
	}
	return nil
}
