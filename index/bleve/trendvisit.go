package bleve

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// docValues is what a trend reads of one document's dv terms (see
// dvTerms), reused from document to document: pair terms are kept end to
// end in buf.
type docValues struct {
	splitLetter byte
	hasSplit    bool

	day, split, story, buf []byte
	ends                   []int
	mentions               []string
}

// reset forgets the last document's values.
func (v *docValues) reset() {
	v.day, v.split, v.story, v.buf, v.ends = v.day[:0], v.split[:0], v.story[:0], v.buf[:0], v.ends[:0]
	v.mentions = v.mentions[:0]
}

// visit takes one dv term of the document.
func (v *docValues) visit(_ string, term []byte) {
	if len(term) >= 2 && term[0] == termSep[0] {
		switch term[1] {
		case dvDay:
			v.day = append(v.day[:0], term[2:]...)
		case dvStory:
			v.story = append(v.story[:0], term[2:]...)
		case dvMention:
			v.mentions = append(v.mentions, string(term[2:]))
		}
		if v.hasSplit && term[1] == v.splitLetter {
			v.split = append(v.split[:0], term[2:]...)
		}
		return
	}
	v.buf = append(v.buf, term...)
	v.ends = append(v.ends, len(v.buf))
}

// visit fills the cells by reading the dv doc values of every article
// matching bq.
func (t *trend) visit(ctx context.Context, bq query.Query) error {
	res := t.res
	s, err := bitmapFilter{bq}.Searcher(ctx, t.r, t.m, search.SearcherOptions{Score: "none"})
	if err != nil {
		return fmt.Errorf("index: trend: %w", err)
	}
	defer s.Close()
	dvr, err := t.r.DocValueReader([]string{fDV})
	if err != nil {
		return fmt.Errorf("index: trend: doc values: %w", err)
	}
	actorIdx := make(map[string]int, len(res.Actors))
	for i, a := range res.Actors {
		actorIdx[a] = i
	}
	dv := &docValues{}
	dv.splitLetter, dv.hasSplit = dvSplit[res.Split]
	buckets := dayBuckets{by: res.By}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("index: trend: %w", err)
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("index: trend: %w", err)
		}
		if dm == nil {
			return nil
		}
		dv.reset()
		err = dvr.VisitDocValues(dm.IndexInternalID, dv.visit)
		sctx.DocumentMatchPool.Put(dm)
		if err != nil {
			return fmt.Errorf("index: trend: read doc values: %w", err)
		}
		if len(dv.day) == 0 {
			continue // no publication date: not on the time line
		}
		bucket, err := buckets.key(dv.day)
		if err != nil {
			return err
		}
		sp := allSplitBytes
		if dv.hasSplit {
			sp = dv.split
		}
		if err := t.count(t.cell(bucket, sp), dv, actorIdx); err != nil {
			return err
		}
	}
}

// count adds one document's values to its cell.
func (t *trend) count(cl *cell, dv *docValues, actorIdx map[string]int) error {
	var storyID string
	if t.res.Unit == index.UnitStory {
		storyID = string(dv.story)
		cl.stories[storyID] = struct{}{}
	} else {
		cl.articles++
	}
	for _, m := range dv.mentions {
		if ai, ok := actorIdx[m]; ok {
			t.attend(cl, ai, 0, storyID)
		}
	}
	framed := make([]bool, len(t.res.Actors))
	prev := 0
	for _, end := range dv.ends {
		p := dv.buf[prev:end]
		prev = end
		eq := lastByte(p, '=')
		if eq < 0 {
			continue
		}
		colon := lastByte(p[:eq], ':')
		if colon < 0 {
			continue
		}
		ai, ok := actorIdx[string(p[:colon])]
		if !ok {
			continue
		}
		if !framed[ai] {
			framed[ai] = true
			t.attend(cl, ai, 1, storyID)
		}
		var fi int
		switch corpus.Frame(p[colon+1 : eq]) {
		case corpus.Leader:
			fi = 0
		case corpus.CatchingUp:
			fi = 1
		default:
			continue
		}
		switch t.res.Unit {
		case index.UnitArticle:
			cl.counts[ai][fi]++
		case index.UnitAttribution:
			k, err := strconv.Atoi(string(p[eq+1:]))
			if err != nil {
				return fmt.Errorf("index: trend: bad count in %q: %w", p, err)
			}
			cl.counts[ai][fi] += k
		case index.UnitStory:
			cl.sets[ai][fi][storyID] = struct{}{}
		}
	}
	return nil
}

// attend counts one article (story) in a cell as mentioning (j 0) or
// framing (j 1) the actor of index ai.
func (t *trend) attend(cl *cell, ai, j int, storyID string) {
	if t.res.Unit == index.UnitStory {
		cl.attnSets[ai][j][storyID] = struct{}{}
		return
	}
	cl.attn[ai][j]++
}
