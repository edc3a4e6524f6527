package web

import (
	"net/http"
	"sort"

	"github.com/framescope/framescope/crawler"
	"github.com/framescope/framescope/index"
)

// sourcesView is what the sources page and /api/sources show: the last
// crawl's summary (as in 'framescope status --json') and the number of
// indexed articles per source.
type sourcesView struct {
	LastCrawl *crawler.Summary `json:"last_crawl"`
	Indexed   map[string]int   `json:"indexed"`
	// Docs is the number of indexed articles; the per-source counts leave
	// out those without a publication date.
	Docs uint64 `json:"docs"`
}

// sourceRow is one row of the sources table.
type sourceRow struct {
	Name    string
	Indexed int
	Crawl   *crawler.SourceSummary
}

func (s *Server) loadSources(r *http.Request) (*sourcesView, error) {
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	v := &sourcesView{LastCrawl: s.opts.LastCrawl(), Indexed: map[string]int{}}
	info, err := s.opts.Index.Info(ctx)
	if err != nil {
		return nil, err
	}
	v.Docs = info.Docs
	if info.Docs > 0 {
		tr, err := s.opts.Index.Trend(ctx, index.TrendQuery{Text: "*", By: index.Year, Split: index.SplitSource})
		if err != nil {
			return nil, err
		}
		for _, b := range tr.Buckets {
			v.Indexed[b.Split] += b.Articles
		}
	}
	return v, nil
}

// sourcesData is what the sources page template gets.
type sourcesData struct {
	View  *sourcesView
	Rows  []sourceRow
	Total crawler.SourceSummary
}

func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadSources(r)
	if err != nil {
		return err
	}
	d := &sourcesData{View: v}
	seen := map[string]bool{}
	if v.LastCrawl != nil {
		d.Total = v.LastCrawl.Total()
		for i := range v.LastCrawl.Sources {
			ss := &v.LastCrawl.Sources[i]
			seen[ss.Source] = true
			d.Rows = append(d.Rows, sourceRow{Name: ss.Source, Indexed: v.Indexed[ss.Source], Crawl: ss})
		}
	}
	var rest []string
	for name := range v.Indexed {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		d.Rows = append(d.Rows, sourceRow{Name: name, Indexed: v.Indexed[name]})
	}
	return s.tmpl.respond(w, http.StatusOK, "sources", &page{Title: "Sources", Nav: "sources", Data: d})
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadSources(r)
	if err != nil {
		return err
	}
	return s.writeJSON(w, v)
}
