package report

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Files the report folder holds besides the tables and charts.
const (
	HTMLFile     = "report.html"
	MarkdownFile = "report.md"
	JSONFile     = "report.json"
)

// Write renders the report into dir, creating it: report.html,
// report.md, report.json (everything computed), NAME.csv and NAME.json
// for every table and NAME.svg and NAME.png for every chart. It returns
// the names of the files written.
func (r *Report) Write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create %s: %w", dir, err)
	}
	var files []string
	write := func(name string, fn func(w *bufio.Writer) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		w := bufio.NewWriter(f)
		err = fn(w)
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("report: write %s: %w", name, err)
		}
		files = append(files, name)
		return nil
	}
	tables := r.Tables()
	for _, t := range tables {
		if err := write(t.Name+".csv", func(w *bufio.Writer) error { return t.WriteCSV(w) }); err != nil {
			return files, err
		}
		if err := write(t.Name+".json", func(w *bufio.Writer) error { return t.WriteJSON(w) }); err != nil {
			return files, err
		}
	}
	charts, err := r.Charts()
	if err != nil {
		return files, err
	}
	for _, c := range charts {
		if err := c.save(dir); err != nil {
			return files, err
		}
		files = append(files, c.Name+".svg", c.Name+".png")
	}
	doc := r.document(tables, charts)
	if err := write(HTMLFile, func(w *bufio.Writer) error { return writeHTML(w, doc) }); err != nil {
		return files, err
	}
	if err := write(MarkdownFile, func(w *bufio.Writer) error { return writeMarkdown(w, doc) }); err != nil {
		return files, err
	}
	if err := write(JSONFile, func(w *bufio.Writer) error { return r.writeJSON(w) }); err != nil {
		return files, err
	}
	return files, nil
}

// document is the report laid out in sections, shared by the HTML and
// Markdown renderers.
type document struct {
	Title    string
	Subtitle string
	Notes    []string
	Sections []section
}

// section is a heading with text, charts and tables.
type section struct {
	ID     string
	Title  string
	Text   []string
	Charts []*Chart
	Tables []*Table
	// Collapsed tables are long: the HTML folds them.
	Collapsed map[string]bool
}

// document lays the tables and charts out in the order of the report.
func (r *Report) document(tables []*Table, charts []*Chart) *document {
	tab := map[string]*Table{}
	for _, t := range tables {
		tab[t.Name] = t
	}
	chart := map[string]*Chart{}
	for _, c := range charts {
		chart[c.Name] = c
	}
	pick := func(names ...string) []*Table {
		var out []*Table
		for _, n := range names {
			if t := tab[n]; t != nil {
				out = append(out, t)
			}
		}
		return out
	}
	q := r.Options.Query
	if q == "" {
		q = "*"
	}
	d := &document{Title: "Framing report",
		Subtitle: fmt.Sprintf("Query %s · actors %s · by %s · %d indexed articles · codebook %s", q, strings.Join(r.Actors, ", "), r.Trend.By, r.Info.Docs, r.Info.Codebook),
		Notes:    r.Notes}

	over := section{ID: "over-time", Title: "1. Frame shares over time",
		Text:   []string{"How often each actor is framed as catching-up rather than leader, per language, with events marked. Shares rest on few articles where the bands are wide."},
		Tables: pick("trend", "volume", "events"), Collapsed: map[string]bool{"trend": true, "volume": true}}
	for _, a := range r.Actors {
		if c := chart["share-"+fileName(a)]; c != nil {
			over.Charts = append(over.Charts, c)
		}
	}
	if c := chart["volume"]; c != nil {
		over.Charts = append(over.Charts, c)
	}
	attention := section{ID: "attention", Title: "1b. Attention per actor",
		Text:   []string{"How much of the coverage mentions each actor at all, framed or not (Media Cloud's normalised attention), and how much of that attention frames it."},
		Tables: pick("attention"), Collapsed: map[string]bool{"attention": true}}
	for _, a := range r.Actors {
		if c := chart["attention-"+fileName(a)]; c != nil {
			attention.Charts = append(attention.Charts, c)
		}
	}
	d.Sections = append(d.Sections, over, attention,
		section{ID: "frames", Title: "2. Actor × frame × language", Tables: pick("frames", "independence")},
		section{ID: "events", Title: "3. Before and after events", Tables: pick("before_after"), Collapsed: map[string]bool{"before_after": len(r.BeforeAfter) > 24}})
	gap := section{ID: "gap", Title: "4. Perception gap: Chinese vs English outlets",
		Text:   []string{"The same actor's catching-up share in Chinese-language and English-language outlets, over the whole period and in the coverage of each launch."},
		Tables: pick("perception_gap", "launches")}
	if c := chart["perception-gap"]; c != nil {
		gap.Charts = append(gap.Charts, c)
	}
	pairs := section{ID: "pairs", Title: "4b. Comparable launches side by side",
		Text:   []string{"Does a Western launch get wider coverage than a comparable Chinese one, and is the Chinese one put in a catching-up story more often?"},
		Tables: pick("event_pairs"), Collapsed: map[string]bool{"event_pairs": len(r.EventPairs) > 16}}
	if c := chart["event-pairs"]; c != nil {
		pairs.Charts = append(pairs.Charts, c)
	}
	d.Sections = append(d.Sections, gap, pairs)
	if len(r.Terms) > 0 {
		d.Sections = append(d.Sections, section{ID: "terms", Title: "4c. Distinctive words per language", Tables: pick("terms"), Collapsed: map[string]bool{"terms": true}})
	}
	if len(r.Options.Reference) > 0 {
		ref := section{ID: "reference", Title: "5. Perception against measurement",
			Text:   []string{fmt.Sprintf("Reference series set against %s's catching-up share. A correlation over a handful of buckets describes; it does not test a hypothesis.", r.Options.RefActor)},
			Tables: pick("reference_correlation", "reference_series"), Collapsed: map[string]bool{"reference_series": true}}
		names, _ := refSeries(r.Options.Reference)
		for _, n := range names {
			if c := chart["reference-"+fileName(n)]; c != nil {
				ref.Charts = append(ref.Charts, c)
			}
		}
		d.Sections = append(d.Sections, ref)
	}
	d.Sections = append(d.Sections, section{ID: "codebook", Title: "Appendix A. Codebook", Tables: pick("codebook")})
	if r.Options.Validation != nil {
		d.Sections = append(d.Sections, section{ID: "validation", Title: "Appendix B. Validation", Tables: pick("validation_summary", "validation", "validation_confusion", "corrected_shares")})
	} else {
		d.Sections = append(d.Sections, section{ID: "validation", Title: "Appendix B. Validation",
			Text: []string{"No gold file was given (--gold): the coder's precision, recall and agreement are not reported here."}})
	}
	d.Sections = append(d.Sections, section{ID: "samples", Title: "Appendix C. Sample evidence sentences", Tables: pick("samples")})
	return d
}
