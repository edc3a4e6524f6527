package report

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"
	"unicode"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Chart is one chart of a report, saved as Name.svg and Name.png.
type Chart struct {
	Name    string
	Title   string
	Caption string
	plot    *plot.Plot
	legend  legend
}

// legend is a chart's legend, drawn in one row below the plot so that it
// never hides data or event labels.
type legend []legendItem

type legendItem struct {
	name   string
	thumbs []plot.Thumbnailer
}

func (l *legend) add(name string, thumbs ...plot.Thumbnailer) {
	*l = append(*l, legendItem{name, thumbs})
}

// Chart sizes, and the top of the share axis, above 100% to leave room
// for event labels.
const (
	shareTop    = 1.2
	chartWidth  = 10 * vg.Inch
	chartHeight = 4.5 * vg.Inch
)

// langColor is the colour of a language's series: Chinese red, English
// blue, others from a small palette.
func langColor(l string, i int) color.RGBA {
	switch l {
	case "zh":
		return color.RGBA{R: 200, G: 40, B: 40, A: 255}
	case "en":
		return color.RGBA{R: 30, G: 90, B: 200, A: 255}
	}
	palette := []color.RGBA{{R: 40, G: 150, B: 60, A: 255}, {R: 150, G: 80, B: 180, A: 255}, {R: 220, G: 140, B: 20, A: 255}}
	return palette[i%len(palette)]
}

func fade(c color.RGBA, a uint8) color.NRGBA { return color.NRGBA{R: c.R, G: c.G, B: c.B, A: a} }

// ascii returns s if it is printable ASCII (the chart fonts have no CJK
// glyphs), else alt.
func ascii(s, alt string) string {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsPrint(r) {
			return alt
		}
	}
	return s
}

// fileName turns an ID into a safe file name part.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			return r
		}
		return '_'
	}, s)
}

// bucketTime returns the middle of a bucket as Unix seconds.
func bucketTime(start, end string) float64 {
	s, _ := time.Parse("2006-01-02", start)
	e, _ := time.Parse("2006-01-02", end)
	return float64(s.Unix()+e.AddDate(0, 0, 1).Unix()) / 2
}

// timeTicks labels years (and quarters or months on short spans).
func timeTicks(lo, hi float64) []plot.Tick {
	a, b := time.Unix(int64(lo), 0).UTC(), time.Unix(int64(hi), 0).UTC()
	years := b.Sub(a).Hours() / 24 / 365
	var ticks []plot.Tick
	for t := time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(b); t = t.AddDate(0, 1, 0) {
		v := float64(t.Unix())
		if v < lo {
			continue
		}
		switch {
		case t.Month() == time.January:
			ticks = append(ticks, plot.Tick{Value: v, Label: t.Format("2006")})
		case years <= 1.5:
			ticks = append(ticks, plot.Tick{Value: v, Label: t.Format("Jan")})
		case years <= 4 && (t.Month()-1)%3 == 0:
			ticks = append(ticks, plot.Tick{Value: v, Label: "Q" + fmt.Sprint((int(t.Month())-1)/3+1)})
		case (t.Month()-1)%3 == 0:
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// newTimePlot returns a plot with a time x axis from lo to hi.
func newTimePlot(title, ylabel string, lo, hi float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = ylabel
	p.X.Min, p.X.Max = lo, hi
	p.X.Tick.Marker = plot.TickerFunc(timeTicks)
	p.Add(plotter.NewGrid())
	return p
}

// addEvents draws a dashed vertical line per event from 0 to ymax with its
// label near the top, stepping labels down when events are close.
func addEvents(p *plot.Plot, evs []corpus.Event, ymax float64) error {
	span := p.X.Max - p.X.Min
	var lastX float64
	level := 0
	var lx plotter.XYs
	var lt []string
	for _, ev := range evs {
		x := float64(ev.Date.Unix())
		if x < p.X.Min || x > p.X.Max {
			continue
		}
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: ymax}})
		if err != nil {
			return err
		}
		l.Color = color.Gray{Y: 110}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		if len(lx) > 0 && x-lastX < span/12 {
			level++
		} else {
			level = 0
		}
		lastX = x
		lx = append(lx, plotter.XY{X: x, Y: ymax * (0.99 - 0.0375*float64(level%3))})
		lt = append(lt, " "+ascii(ev.Label, ev.Date.Format("2006-01-02")))
	}
	if len(lx) == 0 {
		return nil
	}
	labels, err := plotter.NewLabels(plotter.XYLabels{XYs: lx, Labels: lt})
	if err != nil {
		return err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].Color = color.Gray{Y: 60}
		labels.TextStyle[i].YAlign = -1
		labels.TextStyle[i].Font.Size = vg.Points(9)
	}
	p.Add(labels)
	return nil
}

// timeRange returns the x range of the trend's buckets.
func (r *Report) timeRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, b := range r.Trend.Buckets {
		s, _ := time.Parse("2006-01-02", b.Start)
		e, _ := time.Parse("2006-01-02", b.End)
		lo = math.Min(lo, float64(s.Unix()))
		hi = math.Max(hi, float64(e.AddDate(0, 0, 1).Unix()))
	}
	return lo, hi
}

// Charts returns the report's charts: the catching-up share of each actor
// over time per language, coverage volume, the perception gap and, with
// reference series, one chart per series.
func (r *Report) Charts() ([]*Chart, error) {
	if len(r.Trend.Buckets) == 0 {
		return nil, nil
	}
	var out []*Chart
	for _, a := range r.Actors {
		c, err := r.shareChart(a)
		if err != nil {
			return nil, fmt.Errorf("report: chart of %s: %w", a, err)
		}
		out = append(out, c)
	}
	c, err := r.volumeChart()
	if err != nil {
		return nil, fmt.Errorf("report: volume chart: %w", err)
	}
	out = append(out, c)
	for _, a := range r.Actors {
		c, err := r.attentionChart(a)
		if err != nil {
			return nil, fmt.Errorf("report: attention chart of %s: %w", a, err)
		}
		out = append(out, c)
	}
	if len(r.EventPairs) > 0 {
		c, err := r.pairsChart()
		if err != nil {
			return nil, fmt.Errorf("report: launch pairs chart: %w", err)
		}
		out = append(out, c)
	}
	if len(r.Gap) > 0 {
		c, err := r.gapChart()
		if err != nil {
			return nil, fmt.Errorf("report: perception gap chart: %w", err)
		}
		out = append(out, c)
	}
	names, _ := refSeries(r.Options.Reference)
	for _, n := range names {
		c, err := r.refChart(n)
		if err != nil {
			return nil, fmt.Errorf("report: reference chart %s: %w", n, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// addShareSeries draws one language's share series with its Wilson band,
// broken where a bucket has no counts.
func addShareSeries(p *plot.Plot, leg *legend, name string, col color.RGBA, xs []float64, ss []Share) error {
	var runs []int // start indexes of runs of buckets with counts
	var pts plotter.XYs
	for i, s := range ss {
		if s.N() == 0 {
			continue
		}
		if i == 0 || ss[i-1].N() == 0 {
			runs = append(runs, len(pts))
		}
		pts = append(pts, plotter.XY{X: xs[i], Y: s.Share})
	}
	if len(pts) == 0 {
		return nil
	}
	// Bands first so lines draw over them.
	for i, s := range ss {
		if s.N() == 0 {
			continue
		}
		if i == 0 || ss[i-1].N() == 0 {
			var band plotter.XYs
			j := i
			for ; j < len(ss) && ss[j].N() > 0; j++ {
				band = append(band, plotter.XY{X: xs[j], Y: ss[j].High})
			}
			for k := j - 1; k >= i; k-- {
				band = append(band, plotter.XY{X: xs[k], Y: ss[k].Low})
			}
			if j-i == 1 {
				// A single bucket: an error bar instead of a band.
				l, err := plotter.NewLine(plotter.XYs{{X: xs[i], Y: ss[i].Low}, {X: xs[i], Y: ss[i].High}})
				if err != nil {
					return err
				}
				l.Color = fade(col, 120)
				l.Width = vg.Points(3)
				p.Add(l)
				continue
			}
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return err
			}
			poly.Color = fade(col, 40)
			poly.LineStyle.Width = 0
			p.Add(poly)
		}
	}
	var first *plotter.Line
	for k, start := range runs {
		end := len(pts)
		if k+1 < len(runs) {
			end = runs[k+1]
		}
		l, err := plotter.NewLine(pts[start:end])
		if err != nil {
			return err
		}
		l.Color = col
		l.Width = vg.Points(1.8)
		p.Add(l)
		if first == nil {
			first = l
		}
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	sc.GlyphStyle.Color = col
	sc.GlyphStyle.Radius = vg.Points(2.5)
	sc.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(sc)
	leg.add(name, first, sc)
	return nil
}

// shareSeries returns the bucket middles and each language's shares of
// actor a.
func (r *Report) shareSeries(a string) (xs []float64, shares map[string][]Share) {
	shares = map[string][]Share{}
	seen := map[string]int{}
	for _, b := range r.Trend.Buckets {
		i, ok := seen[b.Start]
		if !ok {
			i = len(xs)
			seen[b.Start] = i
			xs = append(xs, bucketTime(b.Start, b.End))
			for _, l := range r.Langs {
				shares[l] = append(shares[l], Share{})
			}
		}
		c := b.Actors[a]
		shares[b.Split][i] = index.NewShare(c.Leader, c.CatchingUp)
	}
	return xs, shares
}

func (r *Report) shareChart(a string) (*Chart, error) {
	lo, hi := r.timeRange()
	p := newTimePlot(fmt.Sprintf("%s framed as catching-up (share of leader + catching-up), by %s", a, r.Trend.By), "catching-up share", lo, hi)
	p.Y.Min, p.Y.Max = 0, shareTop
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	var leg legend
	xs, shares := r.shareSeries(a)
	if err := addEvents(p, r.Events, shareTop); err != nil {
		return nil, err
	}
	empty := true
	for i, l := range r.Langs {
		if err := addShareSeries(p, &leg, l+" outlets", langColor(l, i), xs, shares[l]); err != nil {
			return nil, err
		}
		for _, sh := range shares[l] {
			empty = empty && sh.N() == 0
		}
	}
	if empty {
		if err := addMessage(p, fmt.Sprintf("No article in the period frames %s as leader or catching-up.", ascii(a, "this actor"))); err != nil {
			return nil, err
		}
	}
	return &Chart{Name: "share-" + fileName(a), Title: a + ": catching-up share over time",
		Caption: fmt.Sprintf("Share of the articles framing %s as leader or catching-up that frame it as catching-up, per %s and language; shaded bands (or bars, for single buckets) are 95%% Wilson intervals; gaps are buckets without such articles; dashed lines mark events.", a, r.Trend.By),
		plot:    p, legend: leg}, nil
}

// addMessage writes msg in the middle of an empty plot.
func addMessage(p *plot.Plot, msg string) error {
	l, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    plotter.XYs{{X: (p.X.Min + p.X.Max) / 2, Y: (p.Y.Min + p.Y.Max) / 2}},
		Labels: []string{msg},
	})
	if err != nil {
		return err
	}
	l.TextStyle[0].XAlign, l.TextStyle[0].YAlign = draw.XCenter, draw.YCenter
	l.TextStyle[0].Color = color.Gray{Y: 90}
	l.TextStyle[0].Font.Size = vg.Points(14)
	p.Add(l)
	return nil
}

func percentTicks() []plot.Tick {
	var ts []plot.Tick
	for v := 0; v <= 100; v += 25 {
		ts = append(ts, plot.Tick{Value: float64(v) / 100, Label: fmt.Sprintf("%d%%", v)})
	}
	return ts
}

func (r *Report) volumeChart() (*Chart, error) {
	lo, hi := r.timeRange()
	p := newTimePlot(fmt.Sprintf("Articles per %s and language", r.Trend.By), "articles", lo, hi)
	ymax := 1.0
	series := map[string]plotter.XYs{}
	for _, b := range r.Trend.Buckets {
		series[b.Split] = append(series[b.Split], plotter.XY{X: bucketTime(b.Start, b.End), Y: float64(b.Articles)})
		ymax = math.Max(ymax, float64(b.Articles))
	}
	ymax *= 1.25
	p.Y.Min, p.Y.Max = 0, ymax
	var leg legend
	if err := addEvents(p, r.Events, ymax); err != nil {
		return nil, err
	}
	for i, l := range r.Langs {
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
	return &Chart{Name: "volume", Title: "Coverage volume",
		Caption: "Articles matching the query per bucket and language; dashed lines mark events.", plot: p, legend: leg}, nil
}

// errPoints are points with vertical error bars.
type errPoints struct {
	plotter.XYs
	plotter.YErrors
}

func (r *Report) gapChart() (*Chart, error) {
	p := plot.New()
	p.Title.Text = "Perception gap: catching-up share in Chinese vs English outlets"
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = "catching-up share"
	p.Y.Min, p.Y.Max = 0, 1.05
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	p.Add(plotter.NewGrid())
	var leg legend
	names := make([]string, len(r.Gap))
	for i, g := range r.Gap {
		names[i] = ascii(g.Actor, fmt.Sprintf("actor %d", i+1))
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(r.Gap))-0.4
	for li, side := range []struct {
		lang   string
		offset float64
		get    func(GapRow) Share
	}{{"zh", -0.12, func(g GapRow) Share { return g.ZH }}, {"en", 0.12, func(g GapRow) Share { return g.EN }}} {
		var ep errPoints
		for i, g := range r.Gap {
			s := side.get(g)
			if s.N() == 0 {
				continue
			}
			ep.XYs = append(ep.XYs, plotter.XY{X: float64(i) + side.offset, Y: s.Share})
			ep.YErrors = append(ep.YErrors, struct{ Low, High float64 }{s.Share - s.Low, s.High - s.Share})
		}
		if len(ep.XYs) == 0 {
			continue
		}
		col := langColor(side.lang, li)
		if err := addShareDots(p, &leg, side.lang+" outlets", col, ep); err != nil {
			return nil, err
		}
	}
	return &Chart{Name: "perception-gap", Title: "Perception gap",
		Caption: "Each actor's catching-up share over the whole period in Chinese (zh) and English (en) outlets, with 95% Wilson intervals.", plot: p, legend: leg}, nil
}

func (r *Report) refChart(series string) (*Chart, error) {
	lo, hi := r.timeRange()
	a := r.Options.RefActor
	p := newTimePlot(fmt.Sprintf("%s vs %s catching-up share", ascii(series, "reference"), a), "catching-up share / scaled value", lo, hi)
	p.Y.Min, p.Y.Max = 0, shareTop
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	if err := addEvents(p, r.Events, shareTop); err != nil {
		return nil, err
	}
	var leg legend
	xs, shares := r.shareSeries(a)
	for i, l := range r.Langs {
		if err := addShareSeries(p, &leg, l+" outlets", langColor(l, i), xs, shares[l]); err != nil {
			return nil, err
		}
	}
	ends := map[string]string{}
	for _, b := range r.Trend.Buckets {
		ends[b.Start] = b.End
	}
	var pts, observed plotter.XYs
	maxV := 0.0
	for _, rb := range r.RefSeries {
		if rb.Series == series {
			maxV = math.Max(maxV, math.Abs(rb.Value))
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	for _, rb := range r.RefSeries {
		if rb.Series == series {
			xy := plotter.XY{X: bucketTime(rb.Start, ends[rb.Start]), Y: rb.Value / maxV}
			pts = append(pts, xy)
			if !rb.Interpolated {
				observed = append(observed, xy)
			}
		}
	}
	if len(pts) > 0 {
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		sc, err := plotter.NewScatter(observed)
		if err != nil {
			return nil, err
		}
		line.Color, line.Width, line.Dashes = color.Black, vg.Points(2), []vg.Length{vg.Points(6), vg.Points(3)}
		sc.GlyphStyle.Color, sc.GlyphStyle.Shape, sc.GlyphStyle.Radius = color.Black, draw.BoxGlyph{}, vg.Points(3.5)
		p.Add(line, sc)
		leg.add(fmt.Sprintf("%s (value / %g)", ascii(series, "reference"), maxV), line, sc)
	}
	return &Chart{Name: "reference-" + fileName(series), Title: "Perception against measurement: " + series,
		Caption: fmt.Sprintf("%s's catching-up share per language (with 95%% Wilson bands) and the reference series %q divided by its largest value (%g), per %s bucket: squares are measured buckets, the dashed line between them is interpolated.", a, series, maxV, r.Trend.By),
		plot:    p, legend: leg}, nil
}

// legendHeight is the height of the legend row below a chart.
const legendHeight = 24

// svgFonts replaces the font family of SVG text with a list of fonts
// metric-compatible with it (Liberation Serif was made to match Times New
// Roman), so that labels keep their size and place where Liberation is not
// installed, without embedding half a megabyte of font in every chart.
var svgFonts = strings.NewReplacer("font-family:Liberation Serif;", `font-family:'Liberation Serif','Times New Roman',Times,serif;`)

// addShareDots draws shares as dots with their interval bars in col and
// names them in the legend.
func addShareDots(p *plot.Plot, leg *legend, name string, col color.RGBA, ep errPoints) error {
	bars, err := plotter.NewYErrorBars(ep)
	if err != nil {
		return err
	}
	bars.Color, bars.Width, bars.CapWidth = col, vg.Points(1.5), vg.Points(8)
	sc, err := plotter.NewScatter(ep.XYs)
	if err != nil {
		return err
	}
	sc.GlyphStyle.Color, sc.GlyphStyle.Radius, sc.GlyphStyle.Shape = col, vg.Points(4), draw.CircleGlyph{}
	p.Add(bars, sc)
	leg.add(name, sc)
	return nil
}
