package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Kind says how a column's values are formatted.
type Kind int

// Column kinds.
const (
	Text  Kind = iota // a string
	Int               // an int
	Ratio             // a share in 0..1, shown as a percentage
	Num               // a real number, shown with 3 decimals
	PVal              // a p-value
)

// Column is a table column: its name in CSV and JSON, and its kind.
type Column struct {
	Name string
	Kind Kind
}

// Table is one table of a report, written as name.csv and name.json and
// shown in the HTML and Markdown reports. A nil cell is empty (null in
// JSON).
type Table struct {
	Name    string
	Title   string
	Note    string
	Columns []Column
	Rows    [][]any
}

// WriteCSV writes the table with a header row; numbers keep full
// precision.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name
	}
	cw.Write(head)
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			if s, ok := v.(string); ok {
				// Strings come from article data (titles, sources, evidence).
				rec[i] = corpus.SafeCell(s)
			} else {
				rec[i] = rawCell(v)
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the table as an array of objects keyed by column name.
func (t *Table) WriteJSON(w io.Writer) error {
	out := make([]map[string]any, 0, len(t.Rows))
	for _, row := range t.Rows {
		m := make(map[string]any, len(row))
		for i, v := range row {
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				v = nil
			}
			m[t.Columns[i].Name] = v
		}
		out = append(out, m)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// rawCell formats a cell for CSV.
func rawCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// Cell formats a cell of column c for people: percentages, 3 decimals,
// p-values as "<0.001".
func (c Column) Cell(v any) string {
	f, isFloat := v.(float64)
	switch {
	case v == nil, isFloat && (math.IsNaN(f) || math.IsInf(f, 0)):
		return "–"
	case !isFloat:
		return rawCell(v)
	}
	switch c.Kind {
	case Ratio:
		return strconv.FormatFloat(100*f, 'f', 1, 64) + "%"
	case PVal:
		if f < 0.001 {
			return "<0.001"
		}
		return strconv.FormatFloat(f, 'f', 3, 64)
	}
	return strconv.FormatFloat(f, 'f', 3, 64)
}

// shareCells are the cells of a Share: leader, catching-up, share and CI,
// the share and CI nil without counts.
func shareCells(s Share) []any {
	if s.N() == 0 {
		return []any{s.Leader, s.CatchingUp, nil, nil, nil}
	}
	return []any{s.Leader, s.CatchingUp, s.Share, s.Low, s.High}
}

func shareColumns(prefix string) []Column {
	return []Column{{prefix + "leader", Int}, {prefix + "catching_up", Int},
		{prefix + "catching_up_share", Ratio}, {prefix + "ci_low", Ratio}, {prefix + "ci_high", Ratio}}
}

// testCells are z and p, nil when the test could not be computed.
func testCells(z, p float64, ok bool) []any {
	if !ok {
		return []any{nil, nil}
	}
	return []any{z, p}
}

// Tables returns every table of the report, in the order the report shows
// them.
func (r *Report) Tables() []*Table {
	ts := []*Table{r.trendTable(), r.volumeTable(), r.eventTable(), r.framesTable(), r.testTable(),
		r.beforeAfterTable(), r.gapTable(), r.launchTable(), r.attentionTable(), r.pairsTable(), r.codebookTable()}
	if len(r.Terms) > 0 {
		ts = append(ts, r.termsTable())
	}
	if r.Options.Validation != nil {
		ts = append(ts, validationTables(r.Options.Validation)...)
		ts = append(ts, r.correctedTable())
	}
	ts = append(ts, r.sampleTable())
	if len(r.Options.Reference) > 0 {
		ts = append(ts, r.refSeriesTable(), r.refLagTable())
	}
	return ts
}

// Table returns the report's table with the given name, or nil.
func (r *Report) Table(name string) *Table {
	for _, t := range r.Tables() {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// allArticles returns the number of all articles per bucket start and
// language.
func (r *Report) allArticles() map[[2]string]int {
	m := map[[2]string]int{}
	for _, b := range r.All.Buckets {
		m[[2]string{b.Start, b.Split}] = b.Articles
	}
	return m
}

func (r *Report) trendTable() *Table {
	t := &Table{Name: "trend", Title: "Frame shares over time",
		Note: "Per " + string(r.Trend.By) + " and language: articles matching the query, all articles, and per actor the articles framing it as leader and as catching-up, the catching-up share of the two with its 95% Wilson interval, and the catching-up articles as a share of all articles.",
		Columns: append([]Column{{"start", Text}, {"end", Text}, {"lang", Text}, {"articles", Int}, {"all_articles", Int}, {"actor", Text}},
			append(shareColumns(""), Column{"catching_up_of_all", Ratio})...)}
	all := r.allArticles()
	for _, b := range r.Trend.Buckets {
		n := all[[2]string{b.Start, b.Split}]
		for _, a := range r.Actors {
			c := b.Actors[a]
			row := []any{b.Start, b.End, b.Split, b.Articles, n, a}
			row = append(row, shareCells(index.NewShare(c.Leader, c.CatchingUp))...)
			var ofAll any
			if n > 0 {
				ofAll = float64(c.CatchingUp) / float64(n)
			}
			t.Rows = append(t.Rows, append(row, ofAll))
		}
	}
	return t
}

func (r *Report) volumeTable() *Table {
	t := &Table{Name: "volume", Title: "Coverage volume",
		Note:    "Articles matching the query per bucket and language, and their share of all articles in the index for that bucket and language.",
		Columns: []Column{{"start", Text}, {"end", Text}, {"lang", Text}, {"articles", Int}, {"all_articles", Int}, {"share_of_all", Ratio}}}
	all := r.allArticles()
	for _, b := range r.Trend.Buckets {
		n := all[[2]string{b.Start, b.Split}]
		var share any
		if n > 0 {
			share = float64(b.Articles) / float64(n)
		}
		t.Rows = append(t.Rows, []any{b.Start, b.End, b.Split, b.Articles, n, share})
	}
	return t
}

func (r *Report) eventTable() *Table {
	t := &Table{Name: "events", Title: "Events", Note: "Events marked on the charts and compared before and after.",
		Columns: []Column{{"date", Text}, {"label", Text}, {"actor", Text}}}
	for _, e := range r.Events {
		t.Rows = append(t.Rows, []any{e.Date.Format("2006-01-02"), e.Label, e.Actor})
	}
	return t
}

func (r *Report) framesTable() *Table {
	t := &Table{Name: "frames", Title: "Actor × frame × language",
		Note:    "Articles in the period that mention the actor, and that frame it with each frame (an article may frame an actor in several ways).",
		Columns: []Column{{"actor", Text}, {"lang", Text}, {"mentions", Int}}}
	for _, f := range corpus.Frames {
		t.Columns = append(t.Columns, Column{strings.ReplaceAll(string(f), "-", "_"), Int})
	}
	t.Columns = append(t.Columns, Column{"catching_up_share", Ratio}, Column{"ci_low", Ratio}, Column{"ci_high", Ratio})
	for _, fc := range r.Frames {
		row := []any{fc.Actor, fc.Lang, fc.Mentions}
		for _, f := range corpus.Frames {
			row = append(row, fc.Frames[f])
		}
		s := index.NewShare(fc.Frames[corpus.Leader], fc.Frames[corpus.CatchingUp])
		row = append(row, shareCells(s)[2:]...)
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (r *Report) testTable() *Table {
	t := &Table{Name: "independence", Title: "Frame against language: chi-square test",
		Note: "Per actor, Pearson's chi-square test of independence of frame (leader, catching-up, race, threat) and language, on the article counts above (empty rows and columns dropped), with Cramér's V. " +
			"small_expected is the share of cells with an expected count below 5; above 20% the p-value is approximate at best. Articles framing an actor in two ways count in both columns.",
		Columns: []Column{{"actor", Text}, {"n", Int}, {"chi2", Num}, {"df", Int}, {"p", PVal}, {"cramers_v", Num}, {"small_expected", Ratio}}}
	for _, x := range r.Tests {
		if !x.OK {
			t.Rows = append(t.Rows, []any{x.Actor, nil, nil, nil, nil, nil, nil})
			continue
		}
		t.Rows = append(t.Rows, []any{x.Actor, x.Chi.N, x.Chi.Stat, x.Chi.DF, x.Chi.P, x.Chi.CramersV, x.Chi.SmallExpected})
	}
	return t
}

func (r *Report) beforeAfterTable() *Table {
	t := &Table{Name: "before_after", Title: fmt.Sprintf("Before and after events (%d days)", r.Options.Window),
		Note: fmt.Sprintf("Catching-up share of each actor in the %d days before and after each event (articles framing it as leader or catching-up), with 95%% Wilson intervals and the pooled two-proportion z test of after against before.", r.Options.Window),
		Columns: append(append(append([]Column{{"event", Text}, {"date", Text}, {"actor", Text}, {"lang", Text}},
			shareColumns("before_")...), shareColumns("after_")...), Column{"z", Num}, Column{"p", PVal})}
	for _, c := range r.BeforeAfter {
		row := []any{c.Event.Label, c.Event.Date.Format("2006-01-02"), c.Actor, c.Lang}
		row = append(row, shareCells(c.Before)...)
		row = append(row, shareCells(c.After)...)
		t.Rows = append(t.Rows, append(row, testCells(c.Z, c.P, c.TestOK)...))
	}
	return t
}

func (r *Report) gapTable() *Table {
	t := &Table{Name: "perception_gap", Title: "Perception gap: Chinese against English outlets",
		Note:    "Each actor's catching-up share over the whole period in Chinese-language (zh) and English-language (en) outlets, side by side, with the two-proportion z test of zh against en.",
		Columns: append(append(append([]Column{{"actor", Text}}, shareColumns("zh_")...), shareColumns("en_")...), Column{"difference", Ratio}, Column{"z", Num}, Column{"p", PVal})}
	for _, g := range r.Gap {
		row := []any{g.Actor}
		row = append(row, shareCells(g.ZH)...)
		row = append(row, shareCells(g.EN)...)
		var diff any
		if g.ZH.N() > 0 && g.EN.N() > 0 {
			diff = g.ZH.Share - g.EN.Share
		}
		t.Rows = append(t.Rows, append(append(row, diff), testCells(g.Z, g.P, g.TestOK)...))
	}
	return t
}

func (r *Report) launchTable() *Table {
	both := contains(r.Langs, string(corpus.Chinese)) && contains(r.Langs, string(corpus.English))
	t := &Table{Name: "launches", Title: fmt.Sprintf("Launch coverage within %d days", r.Options.Window),
		Note: "For each event with an actor, side by side per language: the articles mentioning the actor from the event date on, and the actor's catching-up share in them with its 95% Wilson interval" +
			map[bool]string{true: ", and the two-proportion z test of zh against en.", false: "."}[both],
		Columns: []Column{{"event", Text}, {"date", Text}, {"actor", Text}}}
	for _, l := range r.Langs {
		t.Columns = append(t.Columns, Column{l + "_articles", Int})
		t.Columns = append(t.Columns, shareColumns(l+"_")...)
	}
	if both {
		t.Columns = append(t.Columns, Column{"z", Num}, Column{"p", PVal})
	}
	for i := 0; i < len(r.Launches); {
		ev := r.Launches[i].Event
		byLang := map[string]Launch{}
		for ; i < len(r.Launches) && r.Launches[i].Event.Label == ev.Label && r.Launches[i].Event.Date.Equal(ev.Date); i++ {
			byLang[r.Launches[i].Lang] = r.Launches[i]
		}
		row := []any{ev.Label, ev.Date.Format("2006-01-02"), ev.Actor}
		for _, l := range r.Langs {
			row = append(append(row, byLang[l].Articles), shareCells(byLang[l].Share)...)
		}
		if both {
			zh, en := byLang[string(corpus.Chinese)].Share, byLang[string(corpus.English)].Share
			row = append(row, testCells(TwoProportionZ(zh.CatchingUp, zh.N(), en.CatchingUp, en.N()))...)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (r *Report) codebookTable() *Table {
	t := &Table{Name: "codebook", Title: "Codebook and index",
		Note:    "The codebook version the index records, the versions found on its documents, and what the report covers.",
		Columns: []Column{{"key", Text}, {"value", Text}}}
	o := r.Options
	period := func(tm string) string {
		if tm == "" {
			return "unbounded"
		}
		return tm
	}
	from, to := "", ""
	if !o.From.IsZero() {
		from = o.From.Format("2006-01-02")
	}
	if !o.To.IsZero() {
		to = o.To.Add(-1).Format("2006-01-02")
	}
	q := o.Query
	if q == "" {
		q = "*"
	}
	t.Rows = [][]any{
		{"codebook", r.Info.Codebook},
		{"document codebooks", strings.Join(r.Info.DocCodebooks, ", ")},
		{"indexed articles", strconv.FormatUint(r.Info.Docs, 10)},
		{"query", q},
		{"from", period(from)},
		{"to", period(to)},
		{"bucket", string(r.Trend.By)},
		{"unit", "article"},
		{"actors", strings.Join(r.Actors, ", ")},
		{"generated", o.Generated.UTC().Format("2006-01-02 15:04 MST")},
	}
	return t
}

// validationTables are the frame scores and the agreement summary of a
// validation report, at actor and country level, and the confusion matrix.
func validationTables(v *analyzer.Report) []*Table {
	scores := &Table{Name: "validation", Title: "Validation against the gold sample",
		Note: fmt.Sprintf("Codebook %s scored on %d hand-coded passages: precision, recall and F1 per frame over (article, actor, frame) triples.", v.Codebook, v.Articles),
		Columns: []Column{{"level", Text}, {"frame", Text}, {"tp", Int}, {"fp", Int}, {"fn", Int},
			{"precision", Num}, {"recall", Num}, {"f1", Num}}}
	summary := &Table{Name: "validation_summary", Title: "Agreement with the gold sample",
		Note:    "Macro-F1, direction errors (leader and catching-up swapped) and agreement of machine with gold over the direction of each (article, actor) unit. Krippendorff's customary bar is alpha ≥ 0.800; 0.667 is the lowest for tentative conclusions.",
		Columns: []Column{{"level", Text}, {"units", Int}, {"macro_f1", Num}, {"direction_errors", Int}, {"cohen_kappa", Num}, {"krippendorff_alpha", Num}}}
	conf := &Table{Name: "validation_confusion", Title: "Confusion of directions (rows gold, columns machine)",
		Columns: []Column{{"level", Text}, {"gold", Text}}}
	for _, d := range analyzer.Directions {
		conf.Columns = append(conf.Columns, Column{"machine_" + d, Int})
	}
	for _, lv := range []struct {
		name string
		r    analyzer.LevelReport
	}{{"actor", v.Actor}, {"country", v.Country}} {
		for _, f := range lv.r.Frames {
			scores.Rows = append(scores.Rows, []any{lv.name, string(f.Frame), f.TP, f.FP, f.FN, f.Precision, f.Recall, f.F1})
		}
		summary.Rows = append(summary.Rows, []any{lv.name, lv.r.Units, lv.r.MacroF1, lv.r.DirectionErrors, lv.r.Kappa, lv.r.Alpha})
		for i, row := range lv.r.Confusion {
			cells := []any{lv.name, analyzer.Directions[i]}
			for _, n := range row {
				cells = append(cells, n)
			}
			conf.Rows = append(conf.Rows, cells)
		}
	}
	return []*Table{scores, summary, conf}
}

func (r *Report) sampleTable() *Table {
	t := &Table{Name: "samples", Title: "Sample evidence sentences",
		Note:    "The newest articles per actor, frame and language, with the sentence that framed the actor and the matched cue.",
		Columns: []Column{{"actor", Text}, {"frame", Text}, {"lang", Text}, {"published", Text}, {"source", Text}, {"title", Text}, {"url", Text}, {"sentence", Text}, {"cue", Text}}}
	for _, s := range r.Samples {
		pub := ""
		if !s.Published.IsZero() {
			pub = s.Published.Format("2006-01-02")
		}
		t.Rows = append(t.Rows, []any{s.Actor, string(s.Frame), s.Lang, pub, s.Source, s.Title, s.URL, s.Sentence, s.Cue})
	}
	return t
}

func (r *Report) refSeriesTable() *Table {
	t := &Table{Name: "reference_series", Title: "Reference series beside the framing",
		Note:    fmt.Sprintf("Each reference series per %s bucket (the mean of the points dated in it, or interpolated linearly between such buckets) beside %s's catching-up share per language.", r.Trend.By, r.Options.RefActor),
		Columns: []Column{{"series", Text}, {"start", Text}, {"value", Num}, {"interpolated", Text}}}
	for _, l := range r.Langs {
		t.Columns = append(t.Columns, Column{l + "_catching_up_share", Ratio}, Column{l + "_n", Int})
	}
	for _, rb := range r.RefSeries {
		row := []any{rb.Series, rb.Start, rb.Value, strconv.FormatBool(rb.Interpolated)}
		for _, l := range r.Langs {
			s := rb.Shares[l]
			var share any
			if s.N() > 0 {
				share = s.Share
			}
			row = append(row, share, s.N())
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (r *Report) refLagTable() *Table {
	t := &Table{Name: "reference_correlation", Title: "Perception against measurement",
		Note: fmt.Sprintf("Pearson correlation of each reference series with %s's catching-up share per language, over the buckets where both exist, at lags -%d..+%d buckets (lag > 0: framing follows the measurement). best_lag has the largest |r|; with few buckets these are descriptive, not evidence.", r.Options.RefActor, r.Options.MaxLag, r.Options.MaxLag),
		Columns: []Column{{"series", Text}, {"actor", Text}, {"lang", Text}, {"r_lag0", Num}, {"p_lag0", PVal}, {"n_lag0", Int},
			{"best_lag", Int}, {"best_r", Num}, {"best_p", PVal}, {"best_n", Int}, {"source", Text}}}
	for _, rl := range r.RefLags {
		row := []any{rl.Series, rl.Actor, rl.Lang, nil, nil, nil}
		for _, l := range rl.Lags {
			if l.Lag == 0 {
				row[3], row[4], row[5] = l.R, l.P, l.N
			}
		}
		if rl.OK {
			row = append(row, rl.Best.Lag, rl.Best.R, rl.Best.P, rl.Best.N)
		} else {
			row = append(row, nil, nil, nil, nil)
		}
		t.Rows = append(t.Rows, append(row, rl.Source))
	}
	return t
}
