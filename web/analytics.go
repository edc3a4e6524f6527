package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pairs"
	"github.com/framescope/framescope/terms"
)

// DefaultTermsSample is the number of articles the distinctive words read
// per side when Options.TermsSample is 0.
const DefaultTermsSample = 500

// termsState is a terms page's or API call's parameters.
type termsState struct {
	Q, Vs, Split string
	filterState
	Limit int
}

// parseTerms reads the parameters of /terms and /api/terms.
func parseTerms(v url.Values) (termsState, index.Query, *index.Query, index.Split, terms.Options, error) {
	st := termsState{Q: strings.TrimSpace(v.Get("q")), Vs: strings.TrimSpace(v.Get("vs")), Split: v.Get("split"), Limit: 30}
	fail := func(err error) (termsState, index.Query, *index.Query, index.Split, terms.Options, error) {
		return st, index.Query{}, nil, "", terms.Options{}, err
	}
	if len(st.Q) > maxQuery || len(st.Vs) > maxQuery {
		return fail(badRequest("query longer than %d bytes", maxQuery))
	}
	fs, f, err := parseFilters(v, true)
	st.filterState = fs
	if err != nil {
		return fail(err)
	}
	sp, err := index.ParseSplit(st.Split)
	if err != nil {
		return fail(err)
	}
	if sp != index.SplitNone && st.Vs != "" {
		return fail(badRequest("vs and split do not go together"))
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			return fail(badRequest("limit %q: want a whole number from 1 to 200", s))
		}
		st.Limit = n
	}
	q := index.Query{Text: st.Q, Filters: f}
	var vs *index.Query
	if st.Vs != "" {
		vs = &index.Query{Text: st.Vs, Filters: f}
	}
	return st, q, vs, sp, terms.Options{Limit: st.Limit}, nil
}

func (st termsState) values() url.Values {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	if st.Vs != "" {
		v.Set("vs", st.Vs)
	}
	if st.Split != "" && st.Split != "none" {
		v.Set("split", st.Split)
	}
	st.filterState.values(v)
	return v
}

// Export returns the API URL of these terms in format (json or csv).
func (st termsState) Export(format string) string {
	v := st.values()
	if format != "json" {
		v.Set("format", format)
	}
	return "/api/terms?" + v.Encode()
}

// SearchURL returns the search page of the same query and filters.
func (st termsState) SearchURL() string {
	v := st.values()
	v.Del("vs")
	v.Del("split")
	return "/search?" + v.Encode()
}

// TermsURL returns the distinctive words of this search.
func (st searchState) TermsURL() string {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	st.filterState.values(v)
	return "/terms?" + v.Encode()
}

// termsSource returns the source of the distinctive words, false when
// the server has no tokenizer.
func (s *Server) termsSource() (terms.Source, bool) {
	if s.opts.Tokenizer == nil {
		return terms.Source{}, false
	}
	n := s.opts.TermsSample
	if n <= 0 {
		n = DefaultTermsSample
	}
	return terms.Source{Index: s.opts.Index, Get: s.opts.Store.Get, Tok: s.opts.Tokenizer, Max: n}, true
}

// distinctive computes the terms of a request.
func (s *Server) distinctive(r *http.Request) (termsState, *terms.Result, error) {
	st, q, vs, sp, o, err := parseTerms(r.URL.Query())
	if err != nil {
		return st, nil, err
	}
	src, ok := s.termsSource()
	if !ok {
		return st, nil, &httpError{code: http.StatusNotFound, msg: "distinctive words are not available on this server"}
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	var res *terms.Result
	if sp != index.SplitNone {
		res, err = terms.SplitBy(ctx, src, q, sp, o)
	} else {
		res, err = terms.Compare(ctx, src, q, vs, o)
	}
	return st, res, err
}

// termsData is what the terms page shows.
type termsData struct {
	State  termsState
	Result *terms.Result
	Error  string
}

func (s *Server) termsPage(w http.ResponseWriter, r *http.Request) error {
	st, res, err := s.distinctive(r)
	d := &termsData{State: st, Result: res}
	status := http.StatusOK
	if err != nil {
		code, msg := s.classify(err)
		if code != http.StatusBadRequest {
			return err
		}
		status, d.Error, d.Result = code, msg, nil
	}
	return s.tmpl.respond(w, status, "terms", &page{Title: "Distinctive words", Nav: "search", Data: d})
}

// apiTerms answers /api/terms with the JSON of 'framescope terms --format
// json', or its CSV with format=csv.
func (s *Server) apiTerms(w http.ResponseWriter, r *http.Request) error {
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "csv" {
		return badRequest("format %q: want json or csv", format)
	}
	_, res, err := s.distinctive(r)
	if err != nil {
		return err
	}
	if format == "csv" {
		return s.writeCSV(w, "framescope-terms.csv", res.WriteCSV)
	}
	return s.writeJSON(w, res)
}

// pairsResult is the answer of /api/pairs.
type pairsResult struct {
	Window int         `json:"window"`
	Pairs  []pairs.Row `json:"pairs"`
}

// apiPairs answers /api/pairs: the comparable launches side by side
// within window days (default pairs.DefaultWindow) for the articles
// matching q.
func (s *Server) apiPairs(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	format := v.Get("format")
	if format != "" && format != "json" && format != "csv" {
		return badRequest("format %q: want json or csv", format)
	}
	q := strings.TrimSpace(v.Get("q"))
	if len(q) > maxQuery {
		return badRequest("query longer than %d bytes", maxQuery)
	}
	window := pairs.DefaultWindow
	if sw := v.Get("window"); sw != "" {
		n, err := strconv.Atoi(sw)
		if err != nil || n < 1 || n > 3650 {
			return badRequest("window %q: want a number of days from 1 to 3650", sw)
		}
		window = n
	}
	ps := s.opts.Pairs
	if ps == nil {
		ps = pairs.Default()
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	rows, err := pairs.Count(ctx, s.opts.Index, pairs.Query{Text: q, Pairs: ps, Window: window})
	if err != nil {
		return err
	}
	if format == "csv" {
		return s.writeCSV(w, "framescope-pairs.csv", func(w io.Writer) error { return pairs.WriteCSV(w, rows) })
	}
	return s.writeJSON(w, pairsResult{Window: window, Pairs: rows})
}
