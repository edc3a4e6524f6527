package bleve

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Count terms. An article is indexed under terms naming its month alone
// and combined with what a trend counts, so that the number of articles in
// a month framing CN as catching-up, for instance, is the size of one
// posting list (quarters and years add months up):
//
//	B                     the article is in month B
//	B␟l:zh  B␟c:CN        ... and in this language, source country
//	B␟CN:catching-up      ... and frames CN as catching-up (scoped as above)
//	B␟CN:catching-up#2    ... with at least 2 evidence sentences (#3, ...)
//	B␟a:CN                ... and mentions CN (scoped as above: B␟l:zh␟a:CN)
//	B␟f:CN                ... and frames CN with any frame (scoped as above)
//
// where ␟ is the ASCII unit separator. Only leader and catching-up pairs
// get count terms. Days, weeks and sources have none: with their many
// distinct values, count terms would halve the indexing rate.
const termSep = "\x1f"

// Scope prefixes of count terms, by split.
var scopePrefixes = map[index.Split]string{
	index.SplitLang:    "l:",
	index.SplitCountry: "c:",
}

// scopeTerm returns the count term of bucket b in scope (a scope prefix and
// value, or "" for all articles).
func scopeTerm(b, scope string) string {
	if scope == "" {
		return b
	}
	return b + termSep + scope
}

// pairTerm returns the count term for articles of bucket b in scope with
// at least k attributions of frame f to actor.
func pairTerm(b, scope, actor string, f corpus.Frame, k int) string {
	t := scopeTerm(b, scope) + termSep + actor + ":" + string(f)
	if k > 1 {
		t += "#" + strconv.Itoa(k)
	}
	return t
}

// mentionTerm returns the count term for articles of bucket b mentioning actor.
func mentionTerm(b, actor string) string {
	return b + termSep + "a:" + actor
}

// scopedMentionTerm returns the count term for articles of bucket b in
// scope mentioning actor; in scope "" it is mentionTerm.
func scopedMentionTerm(b, scope, actor string) string {
	return scopeTerm(b, scope) + termSep + "a:" + actor
}

// framedTerm returns the count term for articles of bucket b in scope
// framing actor with any frame.
func framedTerm(b, scope, actor string) string {
	return scopeTerm(b, scope) + termSep + "f:" + actor
}

// countTerms returns the count terms of an article in bucket b with the
// evidence counts per "actor:frame" pair and the actors it mentions.
func countTerms(b string, a corpus.Article, pairs map[string]int, mentioned []string) []string {
	scopes := []string{"", "l:" + string(a.Lang), "c:" + a.Country}
	framed := map[string]bool{}
	for p := range pairs {
		framed[p[:strings.LastIndexByte(p, ':')]] = true
	}
	out := make([]string, 0, len(scopes)*(1+len(pairs)+len(mentioned)+len(framed)))
	for _, sc := range scopes {
		out = append(out, scopeTerm(b, sc))
		for _, m := range mentioned {
			out = append(out, scopedMentionTerm(b, sc, m))
		}
		for a := range framed {
			out = append(out, framedTerm(b, sc, a))
		}
		for p, n := range pairs {
			i := strings.LastIndexByte(p, ':')
			actor, frame := p[:i], p[i+1:]
			if f := corpus.Frame(frame); f == corpus.Leader || f == corpus.CatchingUp {
				for k := 1; k <= n; k++ {
					out = append(out, pairTerm(b, sc, actor, f, k))
				}
			}
		}
	}
	return out
}

// termCounter counts the live documents holding terms of one field of a
// scorch snapshot. It opens each segment's term dictionary once and asks it
// for posting list sizes, which is several times cheaper than a term field
// reader per term.
type termCounter struct {
	field   string
	dicts   []segment.TermDictionary
	deleted []*roaring.Bitmap
	pl      segment.PostingsList
}

func newTermCounter(r bleveindex.IndexReader, field string) (*termCounter, error) {
	c := &termCounter{field: field}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("index: reader %T is not a scorch snapshot", r)
	}
	for _, s := range snap.Segments() {
		d, err := s.Segment().Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("index: dictionary of %s: %w", field, err)
		}
		c.dicts = append(c.dicts, d)
		c.deleted = append(c.deleted, s.Deleted())
	}
	return c, nil
}

// count returns the number of live documents holding term.
func (c *termCounter) count(term string) (int, error) {
	n := uint64(0)
	for i, d := range c.dicts {
		pl, err := d.PostingsList([]byte(term), c.deleted[i], c.pl)
		if err != nil {
			return 0, fmt.Errorf("index: count %q: %w", term, err)
		}
		if pl != nil {
			n += pl.Count()
			c.pl = pl
		}
	}
	return int(n), nil
}

// Doc value terms. A trend that visits documents reads one doc value field,
// dv, whose terms say everything it needs: the local publication date, the
// language, source, country and story, and the evidence count of each
// actor:frame pair ("CN:catching-up=3"), and each actor mentioned. Terms
// other than pairs start with the unit separator and a letter.
const (
	dvDay     = 'd'
	dvUTCDay  = 'u' // the UTC date, for date ranges (see bitmaps.dateRange)
	dvLang    = 'l'
	dvSource  = 's'
	dvCountry = 'c'
	dvStory   = 't'
	dvMention = 'a'
)

// dvPrefix returns the prefix of the dv terms of letter l; those of l+1
// follow them all.
func dvPrefix(l rune) string { return termSep + string(l) }

// dvSplit maps each split to the letter of its dv terms.
var dvSplit = map[index.Split]byte{index.SplitLang: dvLang, index.SplitSource: dvSource, index.SplitCountry: dvCountry}

// dvTerms returns the dv terms of an article with the evidence counts per
// "actor:frame" pair and the actors it mentions.
func dvTerms(a corpus.Article, pairs map[string]int, mentioned []string) []string {
	story := a.Story
	if story == "" {
		story = a.ID
	}
	out := []string{
		termSep + string(dvLang) + string(a.Lang),
		termSep + string(dvSource) + a.Source,
		termSep + string(dvCountry) + a.Country,
		termSep + string(dvStory) + story,
	}
	if !a.Published.IsZero() {
		out = append(out, termSep+string(dvDay)+a.Published.Format("2006-01-02"),
			termSep+string(dvUTCDay)+a.Published.UTC().Format("2006-01-02"))
	}
	for p, n := range pairs {
		out = append(out, p+"="+strconv.Itoa(n))
	}
	for _, m := range mentioned {
		out = append(out, termSep+string(dvMention)+m)
	}
	return out
}
