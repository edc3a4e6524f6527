package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/framescope/framescope/index"
)

// trendData is what the trend page shows.
type trendData struct {
	State  trendState
	Panels []panel
	Error  string
}

// panel is one chart of the trend page with its table and exports.
type panel struct {
	Title string
	SVG   template.HTML
	// Attention charts the share of articles mentioning each actor.
	Attention template.HTML
	Series    []series
	JSON      string
	CSV       string
	Result    *index.TrendResult
}

func (s *Server) trendPage(w http.ResponseWriter, r *http.Request) error {
	st, pqs, err := parseTrend(r.URL.Query())
	s.boundTrends(pqs)
	d := &trendData{State: st}
	status := http.StatusOK
	if err == nil {
		ctx, cancel := s.queryCtx(r)
		defer cancel()
		for i, pq := range pqs {
			var res *index.TrendResult
			if res, err = s.opts.Index.Trend(ctx, pq.Q); err != nil {
				break
			}
			ss, _ := chartSeries(res, res.By, i)
			d.Panels = append(d.Panels, panel{
				Title: pq.Title,
				// renderChart escapes every text it writes.
				SVG:       template.HTML(renderChart(pq.Title, res, res.By, s.opts.Events, i)),
				Attention: template.HTML(renderAttentionChart(pq.Title, res, res.By, s.opts.Events, i)),
				Series:    ss, Result: res,
				JSON: st.Export(i, "json"), CSV: st.Export(i, "csv"),
			})
		}
	}
	if err != nil {
		code, msg := s.classify(err)
		if code != http.StatusBadRequest {
			return err
		}
		status, d.Error, d.Panels = code, msg, nil
	}
	return s.tmpl.respond(w, status, "trend", &page{Title: "Trend", Nav: "trend", Data: d})
}

// trendSVG answers /trend.svg with the chart of panel i (default 0) of
// the trend page with the same parameters, for download.
func (s *Server) trendSVG(w http.ResponseWriter, r *http.Request) error {
	_, pqs, err := parseTrend(r.URL.Query())
	if err != nil {
		return err
	}
	s.boundTrends(pqs)
	i := 0
	if v := r.URL.Query().Get("panel"); v != "" {
		if i, err = strconv.Atoi(v); err != nil || i < 0 || i >= len(pqs) {
			return badRequest("panel %q: want 0 to %d", v, len(pqs)-1)
		}
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	res, err := s.opts.Index.Trend(ctx, pqs[i].Q)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, err = w.Write([]byte(renderChart(pqs[i].Title, res, res.By, s.opts.Events, i)))
	return err
}

// apiTrend answers /api/trend with the JSON of 'framescope trend --format
// json', or its CSV (one row per bucket, split and actor) with format=csv.
// Compare mode is a page layout; the API answers one trend.
func (s *Server) apiTrend(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	format := v.Get("format")
	if format != "" && format != "json" && format != "csv" {
		return badRequest("format %q: want json or csv", format)
	}
	if v.Get("compare") != "" {
		return badRequest("compare is for the trend page; ask the API for each trend")
	}
	_, pqs, err := parseTrend(v)
	if err != nil {
		return err
	}
	s.boundTrends(pqs)
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	res, err := s.opts.Index.Trend(ctx, pqs[0].Q)
	if err != nil {
		return err
	}
	if format == "csv" {
		return s.writeCSV(w, "framescope-trend.csv", res.WriteCSV)
	}
	return s.writeJSON(w, res)
}
