package web

import (
	"context"
	"html/template"
	"net/http"
	"sort"
	"strconv"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// searchData is what the search page shows.
type searchData struct {
	State  searchState
	Result *index.SearchResult
	// Error is a message about the query the user should correct.
	Error  string
	Facets []facet
	Pages  []pageLink
	// Chart is the catching-up share over time of the actors in the
	// matching articles, split by language.
	Chart template.HTML
	From  int
	To    int
	Prev  string
	Next  string
}

// facet is one filter dimension with the number of matching articles per
// value, counted as if that dimension were not filtered.
type facet struct {
	Key, Label string
	Values     []facetValue
}

// facetValue is one value of a facet with its count and the URL that
// toggles it.
type facetValue struct {
	Value    string
	Count    int
	Counted  bool
	Selected bool
	URL      string
}

// pageLink is one numbered link of the pager.
type pageLink struct {
	N       int
	URL     string
	Current bool
}

// queryCtx returns the context a query runs under: the request's,
// cut off after the query timeout.
func (s *Server) queryCtx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opts.QueryTimeout)
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	st, q, err := parseSearch(r.URL.Query())
	d := &searchData{State: st}
	status := http.StatusOK
	if err == nil {
		ctx, cancel := s.queryCtx(r)
		defer cancel()
		// The chart and the facets are counted on another core while the
		// hits are found; each is a fraction of the work of a big search.
		var tr *index.TrendResult
		var trendErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			tr, trendErr = s.opts.Index.Trend(ctx, index.TrendQuery{Text: q.Text, Filters: q.Filters, By: index.Quarter, Split: index.SplitLang, Actors: chartActors(q.Filters.Actor), MaxCells: s.opts.MaxTrendCells})
			if trendErr == nil {
				d.Facets = s.facets(ctx, st, q)
			}
		}()
		d.Result, err = s.opts.Index.Search(ctx, q)
		<-done
		if err == nil {
			err = trendErr
		}
		if err == nil {
			// renderChart escapes every text it writes.
			d.Chart = template.HTML(renderChart(chartTitle(st.Q), tr, tr.By, s.opts.Events, 0))
			d.fill(q)
		}
	}
	if err != nil {
		code, msg := s.classify(err)
		if code != http.StatusBadRequest {
			return err
		}
		status, d.Error = code, msg
	}
	title := "Search"
	if st.Q != "" {
		title = st.Q + " – Search"
	}
	return s.tmpl.respond(w, status, "search", &page{Title: title, Nav: "search", Data: d})
}

// fill computes the pager from the result.
func (d *searchData) fill(q index.Query) {
	res, st := d.Result, d.State
	if len(res.Hits) > 0 {
		d.From, d.To = q.Offset+1, q.Offset+len(res.Hits)
	}
	last := int((res.Total + uint64(st.Per) - 1) / uint64(st.Per))
	last = min(last, maxOffset/st.Per+1)
	if st.Page > 1 {
		d.Prev = st.WithPage(st.Page - 1)
	}
	if st.Page < last {
		d.Next = st.WithPage(st.Page + 1)
	}
	for n := max(1, st.Page-3); n <= min(last, st.Page+3) && last > 1; n++ {
		d.Pages = append(d.Pages, pageLink{N: n, URL: st.WithPage(n), Current: n == st.Page})
	}
}

// maxActorFacet is the number of actors the actor facet lists besides the
// selected ones.
const maxActorFacet = 15

// facets counts the matching articles per language, source country,
// source, actor and frame, each as if its own filter were not set, so that
// the counts show what choosing another value would give. Counting is best
// effort: when it fails the page shows no counts.
func (s *Server) facets(ctx context.Context, st searchState, q index.Query) []facet {
	fc, err := s.opts.Index.Facets(ctx, q)
	if err != nil {
		s.opts.Logger.Warn("facets", "err", err)
		return nil
	}
	actors := makeFacet(st, "actor", "Actor", fc.Actor)
	// The most counted actors, and the selected ones wherever they rank.
	kept := actors.Values[:0]
	for i, v := range actors.Values {
		if i < maxActorFacet || v.Selected {
			kept = append(kept, v)
		}
	}
	actors.Values = kept
	frames := makeFacet(st, "frame", "Frame", fc.Frame)
	// Frames in their fixed order rather than by count.
	sort.SliceStable(frames.Values, func(i, j int) bool {
		return frameOrder(frames.Values[i].Value) < frameOrder(frames.Values[j].Value)
	})
	return []facet{
		makeFacet(st, "lang", "Language", fc.Lang),
		makeFacet(st, "country", "Outlet country", fc.Country),
		makeFacet(st, "source", "Source", fc.Source),
		frames,
		actors,
	}
}

// chartActors returns the actors the search page charts: the filtered
// ones, else the defaults.
func chartActors(filtered []string) []string {
	if len(filtered) > maxActors {
		return filtered[:maxActors]
	}
	return filtered
}

// chartTitle names the chart of a query.
func chartTitle(q string) string {
	if q == "" || q == "*" {
		return "all articles"
	}
	return q
}

func frameOrder(f string) int {
	for i, x := range corpus.Frames {
		if string(x) == f {
			return i
		}
	}
	return len(corpus.Frames)
}

// makeFacet turns counts into a facet, largest first, keeping selected
// values even when they count nothing.
func makeFacet(st searchState, key, label string, counts map[string]int) facet {
	fc := facet{Key: key, Label: label}
	for _, v := range st.get(key) {
		if _, ok := counts[v]; !ok {
			counts[v] = 0
		}
	}
	for v, n := range counts {
		if v == "" {
			continue
		}
		fc.Values = append(fc.Values, facetValue{Value: v, Count: n, Counted: true, Selected: st.Has(key, v), URL: st.Toggle(key, v)})
	}
	sort.Slice(fc.Values, func(i, j int) bool {
		a, b := fc.Values[i], fc.Values[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Value < b.Value
	})
	return fc
}

// apiSearch answers /api/search with the JSON of 'framescope search
// --format json', or its CSV with format=csv.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "csv" {
		return badRequest("format %q: want json or csv", format)
	}
	_, q, err := parseSearch(r.URL.Query())
	if err != nil {
		return err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	res, err := s.opts.Index.Search(ctx, q)
	if err != nil {
		return err
	}
	if format == "csv" {
		return s.writeCSV(w, "framescope-search.csv", res.WriteCSV)
	}
	return s.writeJSON(w, res)
}

// segment is a piece of text, marked or not.
type segment struct {
	Text string
	Mark bool
	// Note labels a marked segment (the frames an evidence sentence
	// carries).
	Note string
}

// markCue splits a sentence around its cue (corpus.Evidence.CueSpan); a
// cue not in the sentence is appended, marked, so the reader still sees
// it.
func markCue(sentence, cue string) []segment {
	if cue == "" {
		return []segment{{Text: sentence}}
	}
	i, j, ok := corpus.Evidence{Sentence: sentence, Cue: cue}.CueSpan()
	if !ok {
		return []segment{{Text: sentence + " "}, {Text: cue, Mark: true}}
	}
	return []segment{{Text: sentence[:i]}, {Text: sentence[i:j], Mark: true}, {Text: sentence[j:]}}
}

// itoa formats an int for templates.
func itoa(n int) string { return strconv.Itoa(n) }
