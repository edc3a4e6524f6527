package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/framescope/framescope/index"
)

// mdEscape makes text safe inside a Markdown table cell.
func mdEscape(s string) string {
	// HTML in a title or a source name is shown, not rendered.
	s = strings.ReplaceAll(s, "&", "&amp;")
	s = strings.ReplaceAll(s, "<", "&lt;")
	s = strings.ReplaceAll(s, ">", "&gt;")
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "*", "\\*")
	s = strings.ReplaceAll(s, "\n", " ")
	return s
}

// writeMarkdownTable writes t as a pipe table; in the samples table the
// cue is set in bold inside the sentence.
func writeMarkdownTable(w io.Writer, t *Table) {
	sentence, cue := -1, -1
	var head, rule []string
	for i, c := range t.Columns {
		switch {
		case t.Name == "samples" && c.Name == "sentence":
			sentence = i
		case t.Name == "samples" && c.Name == "cue":
			cue = i
			continue
		case t.Name == "samples" && c.Name == "url":
			continue
		}
		head = append(head, mdEscape(c.Name))
		if c.Kind == Text {
			rule = append(rule, "---")
		} else {
			rule = append(rule, "---:")
		}
	}
	fmt.Fprintf(w, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(rule, " | "))
	for _, row := range t.Rows {
		var cells []string
		for i, v := range row {
			c := t.Columns[i]
			switch {
			case i == cue, t.Name == "samples" && c.Name == "url":
				continue
			case i == sentence:
				s, _ := v.(string)
				k, _ := row[cue].(string)
				pre, m, post, ok := highlightParts(s, k)
				if ok {
					cells = append(cells, mdEscape(pre)+"**"+mdEscape(m)+"**"+mdEscape(post))
				} else {
					cells = append(cells, mdEscape(s)+" **"+mdEscape(k)+"**")
				}
				continue
			}
			cells = append(cells, mdEscape(c.Cell(v)))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
}

// writeMarkdown renders the document as Markdown with the PNG charts.
func writeMarkdown(w io.Writer, d *document) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n%s\n", d.Title, d.Subtitle)
	for _, n := range d.Notes {
		fmt.Fprintf(bw, "\n> %s\n", n)
	}
	for _, s := range d.Sections {
		fmt.Fprintf(bw, "\n## %s\n", s.Title)
		for _, p := range s.Text {
			fmt.Fprintf(bw, "\n%s\n", p)
		}
		for _, c := range s.Charts {
			fmt.Fprintf(bw, "\n![%s](%s.png)\n\n*%s* ([SVG](%s.svg))\n", c.Title, c.Name, c.Caption, c.Name)
		}
		for _, t := range s.Tables {
			fmt.Fprintf(bw, "\n### %s\n\n", t.Title)
			if t.Note != "" {
				fmt.Fprintf(bw, "%s\n\n", t.Note)
			}
			if len(t.Rows) == 0 {
				fmt.Fprintf(bw, "No rows.\n")
			} else {
				writeMarkdownTable(bw, t)
			}
			fmt.Fprintf(bw, "\nData: [%s.csv](%s.csv), [%s.json](%s.json)\n", t.Name, t.Name, t.Name, t.Name)
		}
	}
	return bw.Flush()
}

// writeJSON writes everything the report computed, with the trend.
func (r *Report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		*Report
		By      string         `json:"by"`
		Buckets []index.Bucket `json:"buckets"`
	}{r, string(r.Trend.By), r.Trend.Buckets})
}
