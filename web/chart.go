package web

import (
	"fmt"
	"html"
	"sort"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Chart geometry, in SVG user units; the SVG scales to its container.
const (
	chartW      = 760
	chartH      = 340
	chartLeft   = 48
	chartRight  = 16
	chartTop    = 28
	chartBottom = 40
)

// palette colours actors (Okabe–Ito, readable by colour-blind readers).
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"}

// dashes tell the split values of one actor apart.
var dashes = []string{"", "6 4", "2 3", "10 3 2 3"}

// series is one line of a chart: an actor in one split value.
type series struct {
	Actor, Split string
	Color, Dash  string
	Points       []point
}

// point is one bucket of a series.
type point struct {
	Label       string
	N           int
	Share       float64
	Low, High   float64
	Leader, Cup int
	// Mentions, MentionShare and FramedShare are the actor's attention.
	Mentions                  int
	MentionShare, FramedShare float64
}

// chartSeries groups a trend's buckets into series, actor by actor and
// split value by split value, and returns them with the bucket starts.
func chartSeries(res *index.TrendResult, by index.Period, colorOffset int) ([]series, []string) {
	var starts []string
	splitSet := map[string]bool{}
	for _, b := range res.Buckets {
		if len(starts) == 0 || starts[len(starts)-1] != b.Start {
			starts = append(starts, b.Start)
		}
		splitSet[b.Split] = true
	}
	splits := make([]string, 0, len(splitSet))
	for sp := range splitSet {
		splits = append(splits, sp)
	}
	sort.Strings(splits)
	var out []series
	for ai, a := range res.Actors {
		for si, sp := range splits {
			s := series{Actor: a, Split: sp, Color: palette[(ai+colorOffset)%len(palette)], Dash: dashes[si%len(dashes)]}
			for _, b := range res.Buckets {
				if b.Split != sp {
					continue
				}
				c := b.Actors[a]
				s.Points = append(s.Points, point{Label: bucketLabel(by, b.Start), N: c.Leader + c.CatchingUp,
					Share: c.CatchingUpShare, Low: c.CILow, High: c.CIHigh, Leader: c.Leader, Cup: c.CatchingUp,
					Mentions: c.Mentions, MentionShare: c.MentionShare, FramedShare: c.FramedShare})
			}
			out = append(out, s)
		}
	}
	return out, starts
}

// bucketLabel names a bucket for people: 2024-03, 2024-Q1, 2024, or the
// first day for days and weeks.
func bucketLabel(by index.Period, start string) string {
	if len(start) < 10 {
		return start
	}
	switch by {
	case index.Month:
		return start[:7]
	case index.Quarter:
		return fmt.Sprintf("%s-Q%d", start[:4], (int(start[5]-'0')*10+int(start[6]-'0')-1)/3+1)
	case index.Year:
		return start[:4]
	}
	return start
}

// renderChart draws, with colours from colorOffset on in the palette, the
// catching-up share of every series over time as an
// SVG: a line through the buckets that have counts, the 95% Wilson
// interval as a band, and dashed vertical lines at the events. Every text
// is escaped; the SVG uses presentation attributes only, no style
// attributes, so the page's style policy needs no 'unsafe-inline'.
func renderChart(title string, res *index.TrendResult, by index.Period, events []corpus.Event, colorOffset int) string {
	return drawChart(shareWords, title, res, by, events, colorOffset)
}

// chartWords are the texts of a chart: what its share is of.
type chartWords struct {
	label, long, axis, point string
}

var (
	shareWords = chartWords{"Catching-up share over time: ", "Catching-up share of leader + catching-up framings: ",
		"catching-up share (95% Wilson interval)", "catching-up"}
	attentionWords = chartWords{"Attention over time: ", "Share of the matching articles that mention each actor: ",
		"share of articles mentioning the actor (95% Wilson interval)", "mention it"}
)

// renderAttentionChart draws the attention to every actor over time: the
// share of the bucket's matching articles that mention it, with its
// Wilson interval, as renderChart draws catching-up shares.
func renderAttentionChart(title string, res *index.TrendResult, by index.Period, events []corpus.Event, colorOffset int) string {
	return drawChart(attentionWords, title, attentionResult(res), by, events, colorOffset)
}

// attentionResult returns res with each actor's counts replaced by
// mentions (as catching-up) against the other articles (as leader), so
// that the share drawn is mentions over articles.
func attentionResult(res *index.TrendResult) *index.TrendResult {
	out := *res
	out.Buckets = make([]index.Bucket, len(res.Buckets))
	for i, b := range res.Buckets {
		nb := b
		nb.Actors = make(map[string]index.ActorCounts, len(b.Actors))
		for a, c := range b.Actors {
			nb.Actors[a] = index.NewActorCounts(max(0, b.Articles-c.Mentions), c.Mentions)
		}
		out.Buckets[i] = nb
	}
	return &out
}

func drawChart(words chartWords, title string, res *index.TrendResult, by index.Period, events []corpus.Event, colorOffset int) string {
	ss, starts := chartSeries(res, by, colorOffset)
	var b strings.Builder
	legendRows := (len(ss) + 2) / 3
	height := chartH + legendRows*18
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" class="chart" role="img" aria-label="%s" data-series="%d">`,
		chartW, height, esc(words.label+title), len(ss))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(words.long+title))
	plotW := float64(chartW - chartLeft - chartRight)
	plotH := float64(chartH - chartTop - chartBottom)
	y := func(v float64) float64 { return float64(chartTop) + (1-v)*plotH }
	n := len(starts)
	x := func(i float64) float64 {
		if n <= 1 {
			return float64(chartLeft) + plotW/2
		}
		return float64(chartLeft) + i*plotW/float64(n-1)
	}
	// Grid and axes.
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd" stroke-width="1"/>`, chartLeft, chartW-chartRight, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="13" text-anchor="end" fill="#444">%d%%</text>`, chartLeft-6, y(v)+4, int(v*100))
	}
	fmt.Fprintf(&b, `<text x="%d" y="14" font-size="12" fill="#222">%s</text>`, chartLeft, esc(words.axis))
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="14" text-anchor="middle" fill="#444">no matching articles</text></svg>`, chartW/2, chartH/2)
		return b.String()
	}
	step := max(1, (n+7)/8)
	for i := 0; i < n; i += step {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="13" text-anchor="middle" fill="#444">%s</text>`, x(float64(i)), chartH-chartBottom+16, esc(bucketLabel(by, starts[i])))
	}
	// Events.
	for _, ev := range events {
		pos, ok := eventPos(starts, ev.Date, by)
		if !ok {
			continue
		}
		ex := x(min(pos, float64(n-1)))
		fmt.Fprintf(&b, `<g class="event"><line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#777" stroke-dasharray="3 3"/>`, ex, ex, chartTop, chartH-chartBottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12" fill="#555" text-anchor="middle">%s</text><title>%s</title></g>`,
			ex, chartTop-4, esc(ev.Label), esc(ev.Label+" "+ev.Date.Format("2006-01-02")))
	}
	// Each series is nudged sideways a little so that the interval bars of
	// several series in one bucket do not cover each other.
	nudge := func(si int) float64 { return (float64(si) - float64(len(ss)-1)/2) * 4 }
	// Bands first, lines on top.
	for si, s := range ss {
		writeBands(&b, s, func(i float64) float64 { return x(i) + nudge(si) }, y)
	}
	for si, s := range ss {
		writeSeries(&b, si, s, words.point, func(i float64) float64 { return x(i) + nudge(si) }, y)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// writeBands draws the 95% interval bands of a series, x and y placing a
// bucket and a share.
func writeBands(b *strings.Builder, s series, x, y func(float64) float64) {
	for _, run := range runs(s.Points) {
		var pts []string
		for _, i := range run {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(float64(i)), y(s.Points[i].High)))
		}
		for k := len(run) - 1; k >= 0; k-- {
			i := run[k]
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(float64(i)), y(s.Points[i].Low)))
		}
		if len(run) == 1 {
			i := run[0]
			fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-opacity="0.35" stroke-width="6"/>`,
				x(float64(i)), x(float64(i)), y(s.Points[i].Low), y(s.Points[i].High), s.Color)
			continue
		}
		fmt.Fprintf(b, `<polygon points="%s" fill="%s" fill-opacity="0.12" stroke="none"/>`, strings.Join(pts, " "), s.Color)
	}
}

// writeSeries draws the line and points of series number si and its
// legend entry.
func writeSeries(b *strings.Builder, si int, s series, what string, x, y func(float64) float64) {
	fmt.Fprintf(b, `<g class="series" data-actor="%s" data-split="%s">`, esc(s.Actor), esc(s.Split))
	for _, run := range runs(s.Points) {
		var d strings.Builder
		for k, i := range run {
			cmd := "L"
			if k == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.1f,%.1f ", cmd, x(float64(i)), y(s.Points[i].Share))
		}
		dash := ""
		if s.Dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, s.Dash)
		}
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"%s/>`, strings.TrimSpace(d.String()), s.Color, dash)
	}
	for i, p := range s.Points {
		if p.N == 0 {
			continue
		}
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s</title></circle>`, x(float64(i)), y(p.Share), s.Color,
			esc(fmt.Sprintf("%s %s %s: %.0f%% %s (%d of %d; 95%% CI %.0f–%.0f%%)", s.Actor, s.Split, p.Label, 100*p.Share, what, p.Cup, p.N, 100*p.Low, 100*p.High)))
	}
	b.WriteString(`</g>`)
	// Legend entry.
	lx := chartLeft + (si%3)*240
	ly := chartH + (si/3)*18
	dash := ""
	if s.Dash != "" {
		dash = fmt.Sprintf(` stroke-dasharray="%s"`, s.Dash)
	}
	fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`, lx, lx+28, ly-4, ly-4, s.Color, dash)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" fill="#222">%s</text>`, lx+34, ly, esc(seriesName(s)))
}

// seriesName labels a series in the legend.
func seriesName(s series) string {
	if s.Split == index.AllSplit {
		return s.Actor
	}
	return s.Actor + " · " + s.Split
}

// runs returns the index runs of consecutive points that have counts:
// a line is not drawn across a bucket without any.
func runs(ps []point) [][]int {
	var out [][]int
	var cur []int
	for i, p := range ps {
		if p.N == 0 {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, i)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// eventPos returns where date falls on the bucket axis, as a fractional
// bucket index, and false when it lies outside the chart.
func eventPos(starts []string, date time.Time, by index.Period) (float64, bool) {
	if len(starts) == 0 {
		return 0, false
	}
	d := date.Format("2006-01-02")
	for i, s := range starts {
		t0, err := time.Parse("2006-01-02", s)
		if err != nil {
			return 0, false
		}
		var t1 time.Time
		if i+1 < len(starts) {
			t1, _ = time.Parse("2006-01-02", starts[i+1])
		} else {
			t1 = next(by, t0)
		}
		if d >= s && date.Before(t1) {
			if len(starts) == 1 {
				return 0, true
			}
			return float64(i) + float64(date.Sub(t0))/float64(t1.Sub(t0)), true
		}
	}
	return 0, false
}

// next returns the start of the bucket after the one starting at t.
func next(by index.Period, t time.Time) time.Time {
	switch by {
	case index.Day:
		return t.AddDate(0, 0, 1)
	case index.Week:
		return t.AddDate(0, 0, 7)
	case index.Quarter:
		return t.AddDate(0, 3, 0)
	case index.Year:
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 1, 0)
}

// esc escapes text for SVG content and attribute values.
func esc(s string) string { return html.EscapeString(s) }
