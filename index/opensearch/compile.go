package opensearch

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// q is a query DSL clause.
type q = map[string]any

// compiler turns parsed queries and filters into the query DSL, checking
// keyword values against the terms the index holds.
type compiler struct {
	x     *Index
	ctx   context.Context
	terms map[string]map[string]string // field → lower-case term → term
}

func (x *Index) compiler(ctx context.Context) *compiler {
	return &compiler{x: x, ctx: ctx, terms: map[string]map[string]string{}}
}

// fieldLabels names keyword fields in error messages.
var fieldLabels = map[string]string{
	fLang: "language", fSource: "source", fCountry: "country", fActors: "actor",
}

// canonical returns the indexed spelling of value v of keyword field f,
// matched without regard to case, or an error wrapping index.ErrBadQuery
// naming the known values.
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
		list, err := c.x.fieldTerms(c.ctx, f, nil)
		if err != nil {
			return "", err
		}
		known = make(map[string]string, len(list))
		for t := range list {
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

// maxTerms bounds the distinct values of a keyword field an aggregation
// returns.
const maxTerms = 65536

// fieldTerms returns the values of a keyword field among the documents
// matching query (all when nil) with their document counts.
func (x *Index) fieldTerms(ctx context.Context, field string, query q) (map[string]int, error) {
	body := q{"size": 0, "aggs": q{"t": q{"terms": q{"field": field, "size": maxTerms}}}}
	if query != nil {
		body["query"] = query
	}
	var res searchResponse
	if err := x.search(ctx, body, &res); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(res.Aggs["t"].Buckets))
	for _, b := range res.Aggs["t"].Buckets {
		out[b.Key] = b.DocCount
	}
	return out, nil
}

func term(field, value string) q { return q{"term": q{field: value}} }

func matchAll() q { return q{"match_all": q{}} }

// built is a compiled query string with its filters.
type built struct {
	text    q   // the query string's part
	filters []q // one per filter
	textAll bool
}

// query returns the text query with the filters in filter context.
func (b built) query() q {
	if len(b.filters) == 0 {
		return b.text
	}
	bq := q{"filter": b.filters}
	if !b.textAll {
		bq["must"] = []q{b.text}
	}
	return q{"bool": bq}
}

// build compiles a query string and filters.
func (c *compiler) build(text string, f index.Filters) (built, error) {
	n, err := index.ParseQuery(text)
	if err != nil {
		return built{}, err
	}
	tq, err := c.node(n)
	if err != nil {
		return built{}, err
	}
	if tq == nil {
		return built{}, fmt.Errorf("%w: %q has no searchable words", index.ErrBadQuery, text)
	}
	fq, err := c.filters(f)
	if err != nil {
		return built{}, err
	}
	return built{text: tq, filters: fq, textAll: n.Kind == index.NodeAll}, nil
}

// anyOf returns a terms query for field's canonical values, nil for none.
func (c *compiler) anyOf(field string, values []string) (q, error) {
	if len(values) == 0 {
		return nil, nil
	}
	ts := make([]string, 0, len(values))
	for _, v := range values {
		t, err := c.canonical(field, v)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return q{"terms": q{field: ts}}, nil
}

// filters returns one clause per non-empty filter.
func (c *compiler) filters(f index.Filters) ([]q, error) {
	var out []q
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
		cl, err := c.anyOf(kv.field, kv.values)
		if err != nil {
			return nil, err
		}
		if cl != nil {
			out = append(out, cl)
		}
	}
	if len(f.Actor) > 0 && len(f.Frame) > 0 {
		pairs, err := c.pairs(f.Actor, frames)
		if err != nil {
			return nil, err
		}
		out = append(out, q{"terms": q{fPairs: pairs}})
	} else {
		for _, kv := range []struct {
			field  string
			values []string
		}{{fActors, f.Actor}, {fFrameSet, frames}} {
			cl, err := c.anyOf(kv.field, kv.values)
			if err != nil {
				return nil, err
			}
			if cl != nil {
				out = append(out, cl)
			}
		}
	}
	if !f.Since.IsZero() || !f.Until.IsZero() {
		if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
			return nil, fmt.Errorf("%w: since %s is not before until %s", index.ErrBadQuery,
				f.Since.Format(time.RFC3339), f.Until.Format(time.RFC3339))
		}
		r := q{}
		if !f.Since.IsZero() {
			r["gte"] = f.Since.UTC().Format(time.RFC3339Nano)
		}
		if !f.Until.IsZero() {
			r["lt"] = f.Until.UTC().Format(time.RFC3339Nano)
		}
		out = append(out, q{"range": q{fPublished: r}})
	}
	return out, nil
}

// pairs returns the actor:frame terms of actors and frames, canonical.
func (c *compiler) pairs(actors, frames []string) ([]string, error) {
	var out []string
	for _, a := range actors {
		a, err := c.canonical(fActors, a)
		if err != nil {
			return nil, err
		}
		for _, fr := range frames {
			fr, err := c.canonical(fFrameSet, fr)
			if err != nil {
				return nil, err
			}
			out = append(out, a+":"+fr)
		}
	}
	return out, nil
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

// node compiles a parsed node. A nil clause with a nil error means the
// node has no searchable words and constrains nothing, as in the Bleve
// engine.
func (c *compiler) node(n *index.Node) (q, error) {
	switch n.Kind {
	case index.NodeAll:
		return matchAll(), nil
	case index.NodeKey:
		field, ok := keyFields[n.Field]
		if !ok {
			return nil, fmt.Errorf("%w: unknown field %q", index.ErrBadQuery, n.Field)
		}
		t, err := c.canonical(field, n.Text)
		if err != nil {
			return nil, err
		}
		return term(field, t), nil
	case index.NodeText:
		return c.text(n), nil
	case index.NodeNot:
		cl, err := c.node(n.Children[0])
		if err != nil || cl == nil {
			return nil, err
		}
		return q{"bool": q{"must": []q{matchAll()}, "must_not": []q{cl}}}, nil
	case index.NodeOr:
		var qs []q
		for _, ch := range n.Children {
			cl, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			if cl == nil {
				return nil, nil // "the OR x" constrains nothing
			}
			qs = append(qs, cl)
		}
		return q{"bool": q{"should": qs, "minimum_should_match": 1}}, nil
	case index.NodeAnd:
		var must, not []q
		for _, ch := range n.Children {
			target := &must
			if ch.Kind == index.NodeNot {
				target, ch = &not, ch.Children[0]
			}
			cl, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			if cl != nil {
				*target = append(*target, cl)
			}
		}
		if len(must) == 0 && len(not) == 0 {
			return nil, nil
		}
		if len(not) == 0 && len(must) == 1 {
			return must[0], nil
		}
		if len(must) == 0 {
			must = []q{matchAll()}
		}
		bq := q{"must": must}
		if len(not) > 0 {
			bq["must_not"] = not
		}
		return q{"bool": bq}, nil
	}
	return nil, fmt.Errorf("opensearch: unknown query node %d", n.Kind)
}

// text compiles a word, phrase or prefix into a disjunction over the
// English and Chinese text fields, titles counting double; nil when the
// text has no word in either language.
func (c *compiler) text(n *index.Node) q {
	titles := n.Field != index.ScopeText
	bodies := n.Field != index.ScopeTitle
	var en, zh, zhs []string
	var boosts []float64
	if titles {
		en, zh, zhs = append(en, fTitleEN), append(zh, fTitleZH), append(zhs, fTitleZHS)
		boosts = append(boosts, 2)
	}
	if bodies {
		en, zh, zhs = append(en, fBodyEN), append(zh, fBodyZH), append(zhs, fBodyZHS)
		boosts = append(boosts, 1)
	}
	var qs []q
	if n.Prefix {
		p := strings.ToLower(n.Text)
		for i := range en {
			for _, f := range []string{en[i], zh[i], zhs[i]} {
				qs = append(qs, q{"prefix": q{f: q{"value": p, "boost": boosts[i]}}})
			}
		}
		return q{"bool": q{"should": qs, "minimum_should_match": 1}}
	}
	words := c.x.queryWords(n.Text)
	enWords := c.x.englishQuery(n.Text)
	if len(words) == 0 && len(enWords) == 0 {
		return nil // no field has a word of it
	}
	for i := range en {
		switch {
		case len(enWords) == 1:
			qs = append(qs, q{"term": q{en[i]: q{"value": enWords[0], "boost": boosts[i]}}})
		case len(enWords) > 1:
			qs = append(qs, q{"match_phrase": q{en[i]: q{"query": strings.Join(enWords, " "), "boost": boosts[i]}}})
		}
		switch {
		case len(words) == 0:
		case len(words) == 1:
			qs = append(qs, q{"term": q{zh[i]: q{"value": words[0], "boost": boosts[i]}}},
				q{"term": q{zhs[i]: q{"value": words[0], "boost": boosts[i]}}})
		default:
			qs = append(qs, q{"match_phrase": q{zh[i]: q{"query": strings.Join(words, " "), "boost": boosts[i]}}})
		}
	}
	return q{"bool": q{"should": qs, "minimum_should_match": 1}}
}
