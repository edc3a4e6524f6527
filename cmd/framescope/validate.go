package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/framescope/framescope/analyzer"
)

// goldLine is one line of a gold file: an analyze input line plus labels.
type goldLine struct {
	articleLine
	Gold []analyzer.GoldLabel `json:"gold"`
}

func runValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "validate", "--gold FILE [--codebook FILE] [--format text|json] [--errors N]", `
Score the coder against a hand-coded gold sample. The gold file is JSONL with
the analyze input fields plus the coder's labels:
  {"id", "lang", "country", "title", "text", "gold": [{"actor", "frame"}]}
listing the actors the passage frames directly (organisations, and countries
the text itself frames); country-level labels are derived by rolling
organisations up to their countries.

Prints, at actor level and rolled up to countries: precision, recall and F1
per frame, macro-F1, the confusion matrix of directions (none, leader,
catching-up, both) gold by machine, direction errors (leader and catching-up
swapped), and Cohen's kappa and Krippendorff's alpha of machine against gold
over the direction of each (article, actor) unit. Krippendorff's customary
bar is alpha >= 0.800, with 0.667 the lowest for tentative conclusions.
Bad gold lines are reported with their line number and skipped (exit code 3).`)
	goldFile := fs.String("gold", "", "gold JSONL `file` (required; - for stdin)")
	codebook := fs.String("codebook", "", "codebook YAML `file` (default: the embedded codebook)")
	format := fs.String("format", "text", "output `format`: text (or table, the same) or json")
	showErrors := fs.Int("errors", 10, "list at most `N` disagreements per level in text output")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("unexpected argument %q", pos[0])
	}
	if *goldFile == "" {
		return usageError("--gold FILE is required")
	}
	if *format == formatTable {
		*format = "text" // the name the other commands give their tables
	}
	if *format != "text" && *format != formatJSON {
		return usageError("--format must be text or json, not %q", *format)
	}
	an, err := newCoder(*codebook)
	if err != nil {
		return err
	}
	r, closeIn, err := openIn(e, *goldFile)
	if err != nil {
		return err
	}
	defer closeIn()
	gold, bad, err := readGold(ctx, e, "validate", *goldFile, r, an)
	if err != nil {
		return err
	}
	if len(gold) == 0 {
		return fmt.Errorf("no gold passages in %s", *goldFile)
	}
	rep := an.Validate(gold)
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else {
		writeReport(e.stdout, rep, *showErrors)
	}
	if bad > 0 {
		return &exitError{exitPartial, fmt.Errorf("skipped %d bad gold line(s)", bad)}
	}
	return nil
}

// readGold reads a gold JSONL file for the command cmd: lines that are not
// JSON objects or name unknown actors or frames are reported on stderr and
// skipped (counted in bad).
func readGold(ctx context.Context, e *env, cmd, name string, r io.Reader, an *analyzer.Analyzer) (gold []analyzer.GoldArticle, bad int, err error) {
	err = eachLine(ctx, r, func(lineNo int, line []byte) error {
		var g goldLine
		err := decodeObject(line, &g)
		if err == nil {
			err = an.Codebook().CheckGold(g.Gold)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "framescope %s: %s:%d: %v (line skipped)\n", cmd, name, lineNo, err)
			bad++
			return nil
		}
		if g.ID == "" {
			g.ID = fmt.Sprintf("line%d", lineNo)
		}
		gold = append(gold, analyzer.GoldArticle{Article: g.article(), Gold: g.Gold})
		return nil
	})
	if err != nil {
		return nil, bad, fmt.Errorf("read gold %s: %w", name, err)
	}
	return gold, bad, nil
}

// writeReport prints a validation report as text tables.
func writeReport(w io.Writer, rep analyzer.Report, showErrors int) {
	fmt.Fprintf(w, "Validation of codebook %s on %d gold passages\n", rep.Codebook, rep.Articles)
	for _, lv := range []struct {
		name string
		r    analyzer.LevelReport
	}{{"Actor level (organisations and directly framed countries)", rep.Actor}, {"Country level (organisations rolled up)", rep.Country}} {
		r := lv.r
		fmt.Fprintf(w, "\n%s: %d units\n\n", lv.name, r.Units)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "frame\ttp\tfp\tfn\tprecision\trecall\tF1\t")
		for _, f := range r.Frames {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", f.Frame, f.TP, f.FP, f.FN, f.Precision, f.Recall, f.F1)
		}
		tw.Flush()
		fmt.Fprintf(w, "\nmacro-F1 %.3f   direction errors %d   Cohen's kappa %.3f   Krippendorff's alpha %.3f\n", r.MacroF1, r.DirectionErrors, r.Kappa, r.Alpha)
		fmt.Fprintf(w, "\nconfusion (rows gold, columns machine):\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "\t%s\t\n", strings.Join(analyzer.Directions, "\t"))
		for i, row := range r.Confusion {
			fmt.Fprintf(tw, "%s", analyzer.Directions[i])
			for _, n := range row {
				fmt.Fprintf(tw, "\t%d", n)
			}
			fmt.Fprintln(tw, "\t")
		}
		tw.Flush()
		if showErrors > 0 && len(r.Disagreements) > 0 {
			fmt.Fprintf(w, "\ndisagreements (%d, first %d):\n", len(r.Disagreements), min(showErrors, len(r.Disagreements)))
			for _, d := range r.Disagreements[:min(showErrors, len(r.Disagreements))] {
				fmt.Fprintf(w, "  %s %s: gold %s, machine %s\n", d.ID, d.Actor, frames(d.Gold), frames(d.Machine))
			}
		}
	}
}

func frames[T ~string](fs []T) string {
	if len(fs) == 0 {
		return "-"
	}
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, "+")
}
