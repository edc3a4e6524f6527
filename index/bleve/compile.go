package bleve

import (
	"fmt"
	"sort"
	"strings"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// compiler turns parsed queries and filters into Bleve queries, checking
// keyword values against the terms the index holds.
type compiler struct {
	idx   blevesearch.Index
	terms map[string]map[string]string // field → lower-case term → term
	// zh and other say which text fields words are looked for in: the
	// Chinese ones, the others, or both (see bleveDoc). A language filter
	// drops the fields its articles do not fill.
	zh, other bool
}

func newCompiler(idx blevesearch.Index) *compiler {
	return &compiler{idx: idx, terms: map[string]map[string]string{}}
}

// fieldLabels names keyword fields in error messages.
var fieldLabels = map[string]string{
	fLang: "language", fSource: "source", fCountry: "country", fActors: "actor",
}

// canonical returns the indexed spelling of value v of keyword field f,
// matched without regard to case, or an error naming the known values.
func (c *compiler) canonical(f, v string) (string, error) {
	if f == fFrameSet {
		fr := corpus.Frame(strings.ToLower(v))
		if !fr.Valid() {
			return "", fmt.Errorf("%w: unknown frame %q (want leader, catching-up, race or threat)", index.ErrBadQuery, v)
		}
		return string(fr), nil
	}
	known, ok := c.terms[f]
	if !ok {
		list, err := fieldTerms(c.idx, f)
		if err != nil {
			return "", err
		}
		known = make(map[string]string, len(list))
		for _, t := range list {
			known[strings.ToLower(t)] = t
		}
		c.terms[f] = known
	}
	if t, ok := known[strings.ToLower(v)]; ok {
		return t, nil
	}
	names := make([]string, 0, len(known))
	for _, t := range known {
		names = append(names, t)
	}
	sort.Strings(names)
	more := ""
	if len(names) > 20 {
		more = fmt.Sprintf(" and %d more", len(names)-20)
		names = names[:20]
	}
	if len(names) == 0 {
		return "", fmt.Errorf("%w: unknown %s %q (the index has none)", index.ErrBadQuery, fieldLabels[f], v)
	}
	return "", fmt.Errorf("%w: unknown %s %q (known: %s%s)", index.ErrBadQuery, fieldLabels[f], v, strings.Join(names, ", "), more)
}

func termQuery(field, term string) query.Query {
	field, term = physical(field, term)
	q := query.NewTermQuery(term)
	q.SetField(field)
	return q
}

// built is a compiled query string with its filters.
type built struct {
	// q is the query with its filters; text is the query string's part
	// and filter the filters' (nil without filters).
	q, text, filter query.Query
	// textAll is true when the query string matches every document;
	// everything is true when, moreover, no filter applies.
	textAll, everything bool
}

// build compiles a query string and filters.
func (c *compiler) build(text string, f index.Filters) (built, error) {
	c.zh, c.other = len(f.Lang) == 0, len(f.Lang) == 0
	for _, l := range f.Lang {
		if strings.EqualFold(string(l), string(corpus.Chinese)) {
			c.zh = true
		} else {
			c.other = true
		}
	}
	n, err := index.ParseQuery(text)
	if err != nil {
		return built{}, err
	}
	q, err := c.node(n)
	if err != nil {
		return built{}, err
	}
	if q == nil {
		return built{}, fmt.Errorf("%w: %q has no searchable words", index.ErrBadQuery, text)
	}
	if c.zh && !c.other && inChineseText(q) {
		// Only Chinese articles fill the Chinese text fields: the
		// language filter would only cost a conjunction over half the
		// index. Its value is still checked.
		if _, err := c.canonical(fLang, string(f.Lang[0])); err != nil {
			return built{}, err
		}
		f.Lang = nil
	}
	fq, err := c.filters(f)
	if err != nil {
		return built{}, err
	}
	_, all := q.(*query.MatchAllQuery)
	if len(fq) == 0 {
		return built{q: q, text: q, textAll: all, everything: all}, nil
	}
	b := built{text: q, textAll: all, filter: fq[0]}
	if len(fq) > 1 {
		b.filter = query.NewConjunctionQuery(fq)
	}
	if !all {
		fq = append([]query.Query{q}, fq...)
	}
	b.q = fq[0]
	if len(fq) > 1 {
		b.q = query.NewConjunctionQuery(fq)
	}
	return b, nil
}

// scored returns the query a search by relevance runs: the text query,
// with the filters as one bitmapFilter so that Bleve scores the text
// alone and does not walk the filters' posting lists.
//
// When bitmaps answer the text query too, the bitmap holds the very hits
// (text and filters), so that Bleve moves the text's searchers only to
// them rather than to every filtered article.
func (b built) scored() query.Query {
	switch {
	case b.filter == nil:
		return b.text
	case b.textAll:
		return bitmapFilter{b.filter}
	case bitmapsAlone(b.text):
		return query.NewConjunctionQuery([]query.Query{b.text, bitmapFilter{b.q}})
	}
	return query.NewConjunctionQuery([]query.Query{b.text, bitmapFilter{b.filter}})
}

// bitmapsAlone reports whether bitmaps.eval answers q without a searcher:
// q is made of terms, conjunctions, disjunctions and negations only.
func bitmapsAlone(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery, *query.MatchAllQuery, *query.MatchNoneQuery:
		return true
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if !bitmapsAlone(c) {
				return false
			}
		}
		return true
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			if !bitmapsAlone(d) {
				return false
			}
		}
		return q.Min <= 1
	case *query.BooleanQuery:
		return q.Should == nil && q.Filter == nil &&
			(q.Must == nil || bitmapsAlone(q.Must)) && (q.MustNot == nil || bitmapsAlone(q.MustNot))
	}
	return false
}

// inChineseText reports whether every document q matches has words in the
// Chinese text fields.
func inChineseText(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery:
		return chineseField(q.Field())
	case *query.PrefixQuery:
		return chineseField(q.Field())
	case *query.MultiPhraseQuery:
		return chineseField(q.Field())
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			if !inChineseText(d) {
				return false
			}
		}
		return len(q.Disjuncts) > 0
	case *query.ConjunctionQuery:
		for _, d := range q.Conjuncts {
			if inChineseText(d) {
				return true
			}
		}
	case *query.BooleanQuery:
		return q.Must != nil && q.Should == nil && inChineseText(q.Must)
	}
	return false
}

// chineseField reports whether field is one of the text fields only
// Chinese articles fill.
func chineseField(field string) bool { return field == fTitleZH || field == fBodyZH }

// filters returns one query per non-empty filter.
func (c *compiler) filters(f index.Filters) ([]query.Query, error) {
	var out []query.Query
	anyOf := func(field string, values []string) error {
		var qs []query.Query
		for _, v := range values {
			t, err := c.canonical(field, v)
			if err != nil {
				return err
			}
			qs = append(qs, termQuery(field, t))
		}
		if len(qs) == 1 {
			out = append(out, qs[0])
		} else if len(qs) > 1 {
			out = append(out, query.NewDisjunctionQuery(qs))
		}
		return nil
	}
	langs := make([]string, len(f.Lang))
	for i, l := range f.Lang {
		langs[i] = string(l)
	}
	frames := make([]string, len(f.Frame))
	for i, fr := range f.Frame {
		frames[i] = string(fr)
	}
	for _, kv := range []struct {
		field  string
		values []string
	}{{fLang, langs}, {fSource, f.Source}, {fCountry, f.Country}} {
		if err := anyOf(kv.field, kv.values); err != nil {
			return nil, err
		}
	}
	switch {
	case len(f.Actor) > 0 && len(f.Frame) > 0:
		var qs []query.Query
		for _, a := range f.Actor {
			a, err := c.canonical(fActors, a)
			if err != nil {
				return nil, err
			}
			for _, fr := range frames {
				fr, err := c.canonical(fFrameSet, fr)
				if err != nil {
					return nil, err
				}
				qs = append(qs, termQuery(fPairs, a+":"+fr))
			}
		}
		if len(qs) == 1 {
			out = append(out, qs[0])
		} else {
			out = append(out, query.NewDisjunctionQuery(qs))
		}
	default:
		if err := anyOf(fActors, f.Actor); err != nil {
			return nil, err
		}
		if err := anyOf(fFrameSet, frames); err != nil {
			return nil, err
		}
	}
	if !f.Since.IsZero() || !f.Until.IsZero() {
		if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
			return nil, fmt.Errorf("%w: since %s is not before until %s", index.ErrBadQuery,
				f.Since.Format(time.RFC3339), f.Until.Format(time.RFC3339))
		}
		incl, excl := true, false
		out = append(out, dateRange(f.Since, f.Until, &incl, &excl))
	}
	return out, nil
}

func dateRange(since, until time.Time, incl, excl *bool) query.Query {
	q := query.NewDateRangeInclusiveQuery(since, until, incl, excl)
	q.SetField(fPublished)
	return q
}

// keyFields maps the query's filter fields to the keyword fields that
// hold them.
var keyFields = map[string]string{
	index.FieldLang:    fLang,
	index.FieldSource:  fSource,
	index.FieldCountry: fCountry,
	index.FieldActor:   fActors,
	index.FieldFrame:   fFrameSet,
}

// textFields returns the fields a text node of a scope searches and their
// query analyzers.
func textFields(scope string) [][2]string {
	var out [][2]string
	if scope != index.ScopeText {
		out = append(out, [2]string{fTitleZH, zhQueryAnalyzer}, [2]string{fTitleEN, enAnalyzer})
	}
	if scope != index.ScopeTitle {
		out = append(out, [2]string{fBodyZH, zhQueryAnalyzer}, [2]string{fBodyEN, enAnalyzer})
	}
	return out
}

// node compiles a parsed node. A nil query with a nil error means the node
// has no searchable words (stop words only) and constrains nothing.
func (c *compiler) node(n *index.Node) (query.Query, error) {
	switch n.Kind {
	case index.NodeAll:
		return query.NewMatchAllQuery(), nil
	case index.NodeKey:
		field, ok := keyFields[n.Field]
		if !ok {
			return nil, fmt.Errorf("%w: unknown field %q", index.ErrBadQuery, n.Field)
		}
		t, err := c.canonical(field, n.Text)
		if err != nil {
			return nil, err
		}
		return termQuery(field, t), nil
	case index.NodeText:
		return c.text(n)
	case index.NodeNot:
		q, err := c.node(n.Children[0])
		if err != nil || q == nil {
			return nil, err
		}
		return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{q}), nil
	case index.NodeOr:
		var qs []query.Query
		for _, ch := range n.Children {
			q, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			if q == nil {
				return nil, nil // "the OR x" constrains nothing
			}
			qs = append(qs, q)
		}
		return query.NewDisjunctionQuery(qs), nil
	case index.NodeAnd:
		var must, not []query.Query
		for _, ch := range n.Children {
			target := &must
			if ch.Kind == index.NodeNot {
				target, ch = &not, ch.Children[0]
			}
			q, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			if q != nil {
				*target = append(*target, q)
			}
		}
		if len(not) == 0 {
			switch len(must) {
			case 0:
				return nil, nil
			case 1:
				return must[0], nil
			}
			return query.NewConjunctionQuery(must), nil
		}
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		return query.NewBooleanQuery(must, nil, not), nil
	}
	return nil, fmt.Errorf("index: unknown query node %d", n.Kind)
}

// text compiles a word, phrase or prefix into a disjunction over the
// Chinese and English text fields, analyzing it per field.
func (c *compiler) text(n *index.Node) (query.Query, error) {
	m := c.idx.Mapping()
	var qs []query.Query
	for _, fa := range textFields(n.Field) {
		field, analyzerName := fa[0], fa[1]
		if zh := chineseField(field); zh && !c.zh || !zh && !c.other {
			continue
		}
		boost := 1.0
		if field == fTitleZH || field == fTitleEN {
			boost = 2
		}
		if n.Prefix {
			p := query.NewPrefixQuery(strings.ToLower(n.Text))
			p.SetField(field)
			p.SetBoost(boost)
			qs = append(qs, p)
			continue
		}
		a := m.AnalyzerNamed(analyzerName)
		if a == nil {
			return nil, fmt.Errorf("index: analyzer %s not found", analyzerName)
		}
		phrase := tokenStreamToPhrase(a.Analyze([]byte(n.Text)))
		switch {
		case len(phrase) == 0:
			continue
		case len(phrase) == 1 && len(phrase[0]) == 1:
			t := query.NewTermQuery(phrase[0][0])
			t.SetField(field)
			t.SetBoost(boost)
			qs = append(qs, t)
		default:
			p := query.NewMultiPhraseQuery(phrase, field)
			p.SetBoost(boost)
			qs = append(qs, p)
		}
	}
	switch len(qs) {
	case 0:
		return nil, nil
	case 1:
		return qs[0], nil
	}
	return query.NewDisjunctionQuery(qs), nil
}

// tokenStreamToPhrase groups tokens by position, relative to the first;
// positions without a token (removed stop words) stay empty slots.
func tokenStreamToPhrase(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first = min(first, t.Position)
		last = max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}
