package report

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pairs"
)

// attentionTable lists per bucket, language and actor the articles
// mentioning the actor, their share of the bucket's matching articles and
// the share of them that frame it.
func (r *Report) attentionTable() *Table {
	t := &Table{Name: "attention", Title: "Attention per actor",
		Note: "Per " + string(r.Trend.By) + " and language: the articles matching the query that mention each actor (framed or not), their share of the matching articles (attention), and the share of those mentions that frame the actor.",
		Columns: []Column{{"start", Text}, {"end", Text}, {"lang", Text}, {"articles", Int}, {"actor", Text},
			{"mentions", Int}, {"mention_share", Ratio}, {"framed", Int}, {"framed_share", Ratio}}}
	for _, b := range r.Trend.Buckets {
		for _, a := range r.Actors {
			c := b.Actors[a]
			var ms, fs any
			if b.Articles > 0 {
				ms = c.MentionShare
			}
			if c.Mentions > 0 {
				fs = c.FramedShare
			}
			t.Rows = append(t.Rows, []any{b.Start, b.End, b.Split, b.Articles, a, c.Mentions, ms, c.Framed, fs})
		}
	}
	return t
}

// pairsTable sets comparable launches side by side.
func (r *Report) pairsTable() *Table {
	side := func(p string) []Column {
		return append([]Column{{p + "label", Text}, {p + "date", Text}, {p + "actor", Text}, {p + "articles", Int},
			{p + "outlets", Int}, {p + "countries", Int}, {p + "all_articles", Int}, {p + "attention_share", Ratio}}, shareColumns(p)...)
	}
	cols := []Column{{"group", Text}, {"value", Text}}
	cols = append(append(cols, side("western_")...), side("chinese_")...)
	cols = append(cols, Column{"coverage_ratio", Num}, Column{"ratio_ci_low", Num}, Column{"ratio_ci_high", Num}, Column{"z", Num}, Column{"p", PVal})
	t := &Table{Name: "event_pairs", Title: fmt.Sprintf("Comparable launches within %d days", r.Options.Window),
		Note:    "Each Western launch beside a comparable Chinese one, for all outlets, per outlet language and per outlet country: the articles mentioning the launching actor from the launch date on, the distinct outlets and outlet countries among them, the actor's attention share (of all articles in the window), its catching-up share with the 95% Wilson interval, the ratio of the two launches' articles with a 95% interval, and the two-proportion test of the catching-up shares.",
		Columns: cols}
	cells := func(s pairs.Side) []any {
		var att any
		if s.All > 0 {
			att = s.Attention
		}
		return append([]any{s.Label, s.Date, s.Actor, s.Articles, s.Outlets, s.Countries, s.All, att}, shareCells(index.NewShare(s.Share.Leader, s.Share.CatchingUp))...)
	}
	for _, p := range r.EventPairs {
		row := append([]any{p.Group, p.Value}, cells(p.Western)...)
		row = append(row, cells(p.Chinese)...)
		if p.RatioOK {
			row = append(row, p.Ratio, p.RatioLow, p.RatioHigh)
		} else {
			row = append(row, nil, nil, nil)
		}
		t.Rows = append(t.Rows, append(row, testCells(p.Z, p.P, p.TestOK)...))
	}
	return t
}

// termsTable lists the distinctive words of each language.
func (r *Report) termsTable() *Table {
	t := &Table{Name: "terms", Title: "Distinctive words per language",
		Note:    "Words that distinguish each language's matching articles from the other languages', ranked by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008) as a z-score.",
		Columns: []Column{{"lang", Text}, {"term", Text}, {"count", Int}, {"docs", Int}, {"other_count", Int}, {"log_odds", Num}, {"score", Num}}}
	for _, s := range r.Terms {
		for _, x := range s.Terms {
			t.Rows = append(t.Rows, []any{s.Value, x.Term, x.Count, x.Docs, x.Other, x.LogOdds, x.Score})
		}
	}
	return t
}

// attentionChart draws an actor's attention (share of matching articles
// mentioning it) over time per language.
func (r *Report) attentionChart(a string) (*Chart, error) {
	lo, hi := r.timeRange()
	p := newTimePlot(fmt.Sprintf("Attention to %s", ascii(a, "actor")), "share of articles mentioning it", lo, hi)
	p.Y.Min, p.Y.Max = 0, 1.05
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	if err := addEvents(p, r.Events, 1.05); err != nil {
		return nil, err
	}
	series := map[string]plotter.XYs{}
	for _, b := range r.Trend.Buckets {
		if b.Articles == 0 {
			continue
		}
		series[b.Split] = append(series[b.Split], plotter.XY{X: bucketTime(b.Start, b.End), Y: b.Actors[a].MentionShare})
	}
	var leg legend
	for i, l := range r.Langs {
		if len(series[l]) == 0 {
			continue
		}
		line, pts, err := plotter.NewLinePoints(series[l])
		if err != nil {
			return nil, err
		}
		col := langColor(l, i)
		line.Color, line.Width = col, vg.Points(1.8)
		pts.Color, pts.Radius, pts.Shape = col, vg.Points(2.5), draw.CircleGlyph{}
		p.Add(line, pts)
		leg.add(l+" outlets", line, pts)
	}
	return &Chart{Name: "attention-" + fileName(a), Title: "Attention to " + a,
		Caption: "Share of the matching articles per bucket and language that mention " + a + ", framed or not; dashed lines mark events.", plot: p, legend: leg}, nil
}

// pairsChart sets each pair's catching-up shares (all outlets) side by
// side with their Wilson intervals.
func (r *Report) pairsChart() (*Chart, error) {
	var rows []pairs.Row
	for _, ep := range r.EventPairs {
		if ep.Group == "all" {
			rows = append(rows, ep)
		}
	}
	p := plot.New()
	p.Title.Text = "Comparable launches: catching-up share of the launching actor"
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = "catching-up share"
	p.Y.Min, p.Y.Max = 0, 1.05
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	p.Add(plotter.NewGrid())
	names := make([]string, len(rows))
	for i, ep := range rows {
		names[i] = ascii(ep.Western.Label+" / "+ep.Chinese.Label, fmt.Sprintf("pair %d", i+1))
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, math.Max(0.6, float64(len(rows))-0.4)
	var leg legend
	for si, side := range []struct {
		name   string
		offset float64
		get    func(pairs.Row) pairs.Side
	}{{"Western launch", -0.12, func(e pairs.Row) pairs.Side { return e.Western }}, {"Chinese launch", 0.12, func(e pairs.Row) pairs.Side { return e.Chinese }}} {
		var ep errPoints
		for i, row := range rows {
			s := side.get(row).Share
			if s.N() == 0 {
				continue
			}
			ep.XYs = append(ep.XYs, plotter.XY{X: float64(i) + side.offset, Y: s.Share})
			ep.YErrors = append(ep.YErrors, struct{ Low, High float64 }{s.Share - s.Low, s.High - s.Share})
		}
		if len(ep.XYs) == 0 {
			continue
		}
		col := langColor([]string{"en", "zh"}[si], si)
		if err := addShareDots(p, &leg, side.name, col, ep); err != nil {
			return nil, err
		}
	}
	if len(rows) == 0 {
		if err := addMessage(p, "no launch pair in the period"); err != nil {
			return nil, err
		}
	}
	return &Chart{Name: "event-pairs", Title: "Comparable launches",
		Caption: "The launching actor's catching-up share in all outlets within the window from each launch, Western and Chinese launches side by side, with 95% Wilson intervals.", plot: p, legend: leg}, nil
}
