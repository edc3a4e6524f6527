package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/framescope/framescope/index"
)

// Limits on paging, so that a URL cannot ask for a huge page or a deep
// offset that makes the index sort most of its documents.
const (
	maxPer    = 100
	maxOffset = 10000
	maxActors = 8
	maxQuery  = 1000
)

// filterState is the filter part of a page's URL, as typed: it is echoed
// into forms and links, and converted to index.Filters.
type filterState struct {
	Lang, Source, Country, Actor, Frame []string
	Since, Until                        string
}

// list returns the values of a repeatable parameter, which may also be
// comma-separated; empty values (a form's "any" choice) are dropped.
func list(v url.Values, key string) []string {
	var out []string
	for _, s := range v[key] {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// parseFilters reads the filter parameters; actor is false for trends,
// where actor names the actors to count.
func parseFilters(v url.Values, actor bool) (filterState, index.Filters, error) {
	st := filterState{Lang: list(v, "lang"), Source: list(v, "source"), Country: list(v, "country"),
		Frame: list(v, "frame"), Since: strings.TrimSpace(v.Get("since")), Until: strings.TrimSpace(v.Get("until"))}
	if actor {
		st.Actor = list(v, "actor")
	}
	f, err := index.ParseFilters(index.FilterText{Lang: st.Lang, Source: st.Source, Country: st.Country,
		Actor: st.Actor, Frame: st.Frame, Since: st.Since, Until: st.Until})
	return st, f, err
}

// values returns the filters as URL parameters.
func (f filterState) values(v url.Values) {
	set := func(k string, vs []string) {
		for _, x := range vs {
			v.Add(k, x)
		}
	}
	set("lang", f.Lang)
	set("source", f.Source)
	set("country", f.Country)
	set("actor", f.Actor)
	set("frame", f.Frame)
	if f.Since != "" {
		v.Set("since", f.Since)
	}
	if f.Until != "" {
		v.Set("until", f.Until)
	}
}

// Has reports whether value x of filter key is selected (for templates).
func (f filterState) Has(key, x string) bool {
	for _, y := range f.get(key) {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}

func (f *filterState) get(key string) []string {
	switch key {
	case "lang":
		return f.Lang
	case "source":
		return f.Source
	case "country":
		return f.Country
	case "actor":
		return f.Actor
	case "frame":
		return f.Frame
	}
	return nil
}

// toggle adds x to filter key, or removes it when present.
func (f filterState) toggle(key, x string) filterState {
	cur := f.get(key)
	out := make([]string, 0, len(cur)+1)
	found := false
	for _, y := range cur {
		if strings.EqualFold(x, y) {
			found = true
			continue
		}
		out = append(out, y)
	}
	if !found {
		out = append(out, x)
	}
	switch key {
	case "lang":
		f.Lang = out
	case "source":
		f.Source = out
	case "country":
		f.Country = out
	case "actor":
		f.Actor = out
	case "frame":
		f.Frame = out
	}
	return f
}

// searchState is the state of the search page: all of it is in its URL.
type searchState struct {
	Q string
	filterState
	// Sort is "relevance" or "date".
	Sort      string
	Page, Per int
}

// parseSearch reads a search page's or API call's parameters.
func parseSearch(v url.Values) (searchState, index.Query, error) {
	st := searchState{Q: strings.TrimSpace(v.Get("q")), Sort: v.Get("sort"), Page: 1, Per: index.DefaultLimit}
	if len(st.Q) > maxQuery {
		return st, index.Query{}, badRequest("query longer than %d bytes", maxQuery)
	}
	fs, f, err := parseFilters(v, true)
	st.filterState = fs
	if err != nil {
		return st, index.Query{}, err
	}
	switch st.Sort {
	case "", "relevance":
		st.Sort = "relevance"
	case "date":
	default:
		return st, index.Query{}, badRequest("sort %q: want relevance or date", st.Sort)
	}
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return st, index.Query{}, badRequest("page %q: want a whole number from 1", s)
		}
		st.Page = n
	}
	if s := v.Get("per"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPer {
			return st, index.Query{}, badRequest("per %q: want a whole number from 1 to %d", s, maxPer)
		}
		st.Per = n
	}
	off := (st.Page - 1) * st.Per
	if off > maxOffset {
		return st, index.Query{}, badRequest("page %d is too deep (at most %d results are paged through); narrow the search", st.Page, maxOffset)
	}
	q := index.Query{Text: st.Q, Filters: f, Limit: st.Per, Offset: off, ByDate: st.Sort == "date"}
	return st, q, nil
}

// URL returns the search page's URL for this state.
func (st searchState) URL() string { return "/search?" + st.values().Encode() }

func (st searchState) values() url.Values {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	st.filterState.values(v)
	if st.Sort == "date" {
		v.Set("sort", "date")
	}
	if st.Per != index.DefaultLimit {
		v.Set("per", strconv.Itoa(st.Per))
	}
	if st.Page > 1 {
		v.Set("page", strconv.Itoa(st.Page))
	}
	return v
}

// Toggle returns the URL with filter value x of key switched on or off,
// back on the first page.
func (st searchState) Toggle(key, x string) string {
	st.filterState = st.filterState.toggle(key, x)
	st.Page = 1
	return st.URL()
}

// WithSort returns the URL ordered by sort, on the first page.
func (st searchState) WithSort(sort string) string {
	st.Sort, st.Page = sort, 1
	return st.URL()
}

// WithPage returns the URL of page n.
func (st searchState) WithPage(n int) string {
	st.Page = n
	return st.URL()
}

// Export returns the API URL of this search in format (json or csv).
func (st searchState) Export(format string) string {
	v := st.values()
	if format != "json" {
		v.Set("format", format)
	}
	return "/api/search?" + v.Encode()
}

// FeedURL returns the Atom feed URL of this search.
func (st searchState) FeedURL() string {
	v := st.values()
	v.Del("page")
	v.Del("per")
	v.Del("sort")
	return "/feed?" + v.Encode()
}

// TrendURL returns the trend page for the same query and filters.
func (st searchState) TrendURL() string {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	f := st.filterState
	actors := f.Actor
	f.Actor = nil
	f.values(v)
	for _, a := range actors {
		v.Add("actor", a)
	}
	return "/trend?" + v.Encode()
}

// trendState is the state of the trend page.
type trendState struct {
	Q, Q2 string
	filterState
	Actors []string
	By     string
	Split  string
	Unit   string
	// Compare is "", "queries" (Q against Q2) or "actors" (a panel for
	// each actor).
	Compare string
}

// parseTrend reads a trend page's parameters and returns the state and
// the trend queries of its panels with their titles.
func parseTrend(v url.Values) (trendState, []panelQuery, error) {
	st := trendState{Q: strings.TrimSpace(v.Get("q")), Q2: strings.TrimSpace(v.Get("q2")),
		Actors: list(v, "actor"), By: v.Get("by"), Split: v.Get("split"), Unit: v.Get("unit"), Compare: v.Get("compare")}
	if len(st.Q) > maxQuery || len(st.Q2) > maxQuery {
		return st, nil, badRequest("query longer than %d bytes", maxQuery)
	}
	if !v.Has("split") {
		st.Split = "lang"
	}
	fs, f, err := parseFilters(v, false)
	st.filterState = fs
	if err != nil {
		return st, nil, err
	}
	if len(st.Actors) > maxActors {
		return st, nil, badRequest("at most %d actors at once", maxActors)
	}
	base := index.TrendQuery{Text: st.Q, Filters: f, Actors: st.Actors}
	if base.By, err = index.ParsePeriod(st.By); err != nil {
		return st, nil, badRequest("by %q: want day, week, month, quarter or year", st.By)
	}
	if base.Split, err = index.ParseSplit(st.Split); err != nil {
		return st, nil, badRequest("split %q: want lang, source, country or none", st.Split)
	}
	if base.Unit, err = index.ParseUnit(st.Unit); err != nil {
		return st, nil, badRequest("unit %q: want article, attribution or story", st.Unit)
	}
	st.By, st.Unit = string(base.By), string(base.Unit)
	if st.Split == "" {
		st.Split = "none"
	}
	label := chartTitle
	switch st.Compare {
	case "":
		return st, []panelQuery{{Title: label(st.Q), Q: base}}, nil
	case "queries":
		if st.Q2 == "" {
			return st, nil, badRequest("compare=queries needs a second query q2")
		}
		second := base
		second.Text = st.Q2
		return st, []panelQuery{{Title: label(st.Q), Q: base}, {Title: label(st.Q2), Q: second}}, nil
	case "actors":
		actors := st.Actors
		if len(actors) == 0 {
			actors = index.DefaultActors
		}
		if len(actors) < 2 {
			return st, nil, badRequest("compare=actors needs at least two actors")
		}
		var ps []panelQuery
		for _, a := range actors {
			q := base
			q.Actors = []string{a}
			ps = append(ps, panelQuery{Title: a + " in " + label(st.Q), Q: q})
		}
		return st, ps, nil
	}
	return st, nil, badRequest("compare %q: want queries or actors", st.Compare)
}

// panelQuery is one chart of the trend page.
type panelQuery struct {
	Title string
	Q     index.TrendQuery
}

func (st trendState) values() url.Values {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	if st.Q2 != "" {
		v.Set("q2", st.Q2)
	}
	st.filterState.values(v)
	for _, a := range st.Actors {
		v.Add("actor", a)
	}
	if st.By != "" && st.By != string(index.Month) {
		v.Set("by", st.By)
	}
	v.Set("split", st.Split)
	if st.Unit != "" && st.Unit != string(index.UnitArticle) {
		v.Set("unit", st.Unit)
	}
	if st.Compare != "" {
		v.Set("compare", st.Compare)
	}
	return v
}

// URL returns the trend page's URL for this state.
func (st trendState) URL() string { return "/trend?" + st.values().Encode() }

// Export returns the API URL of panel i's trend in format (json or csv).
func (st trendState) Export(i int, format string) string {
	v := st.values()
	v.Del("compare")
	v.Del("q2")
	q := st.Q
	if st.Compare == "queries" && i == 1 {
		q = st.Q2
	}
	v.Del("q")
	if q != "" {
		v.Set("q", q)
	}
	if st.Compare == "actors" {
		actors := st.Actors
		if len(actors) == 0 {
			actors = index.DefaultActors
		}
		v.Del("actor")
		if i < len(actors) {
			v.Set("actor", actors[i])
		}
	}
	if format != "json" {
		v.Set("format", format)
	}
	return "/api/trend?" + v.Encode()
}

// SearchURL returns the search page for the same query and filters.
func (st trendState) SearchURL() string {
	s := searchState{Q: st.Q, filterState: st.filterState, Per: index.DefaultLimit, Page: 1, Sort: "relevance"}
	return s.URL()
}
