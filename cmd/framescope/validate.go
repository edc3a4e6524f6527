package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
)

// goldLine is one line of a gold file: an analyze input line plus labels.
// A line of a real-text gold set names its sentence by hash and file
// instead of carrying the text (analyzer/testdata/realgold/README.md).
type goldLine struct {
	articleLine
	Hash     string               `json:"hash"`
	File     string               `json:"file"`
	Coded    []corpus.Frame       `json:"coded"`
	Gold     []analyzer.GoldLabel `json:"gold"`
	Optional []analyzer.GoldLabel `json:"optional"`
}

// defaultTexts is where the text of hash-keyed gold lines is read from
// when neither --texts nor FRAMESCOPE_EVALDATA is given.
const defaultTexts = "../shared/evaldata"

// textsDir resolves the folder of real texts: the flag, then
// FRAMESCOPE_EVALDATA, then ../shared/evaldata.
func textsDir(e *env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := e.getenv("FRAMESCOPE_EVALDATA"); v != "" {
		return v
	}
	return defaultTexts
}

// errorsFlag is --errors: bare, list every error; --errors=N, at most N
// per level.
type errorsFlag struct{ n int }

func (f *errorsFlag) String() string {
	if f == nil || f.n == 0 {
		return ""
	}
	return strconv.Itoa(f.n)
}

func (f *errorsFlag) Set(v string) error {
	if v == "true" {
		f.n = -1
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return fmt.Errorf("--errors takes no value (every error) or a count, not %q", v)
	}
	f.n = n
	return nil
}

func (f *errorsFlag) IsBoolFlag() bool { return true }

func runValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "validate", "--gold FILE [--coder2 FILE] [--texts DIR] [--codebook FILE] [--format text|json] [--errors[=N]]", `
Score the coder against a hand-coded gold sample. The gold file is JSONL with
the analyze input fields plus the coder's labels:
  {"id", "lang", "country", "title", "text", "gold": [{"actor", "frame"}],
   "optional": [{"actor", "frame"}], "coded": ["leader", "catching-up"]}
listing the actors the passage frames directly (organisations, and countries
the text itself frames); country-level labels are derived by rolling
organisations up to their countries. "optional" readings are scored neither
way; "coded" limits scoring to the frames the coder coded. A line of a
real-text gold set gives "hash" and "file" instead of "text": the sentence
is read from FILE under --texts (see analyzer/testdata/realgold/README.md).

Prints, at actor level and rolled up to countries: precision, recall and F1
per frame, macro-F1, the F1 of leader and catching-up together, the confusion
matrix of directions (none, leader, catching-up, both) gold by machine,
direction errors (leader and catching-up swapped), Cohen's kappa and
Krippendorff's alpha of machine against gold over the direction of each
(article, actor) unit, and how many passages without a frame the machine
frames. Krippendorff's customary bar is alpha >= 0.800, with 0.667 the lowest
for tentative conclusions. --errors lists every false positive, false
negative and direction error with its sentence, cue and rule (--errors=N: at
most N per level). --coder2 FILE adds the agreement of two human codings of
the same passages (matched by id or hash). Bad gold lines are reported with
their line number and skipped (exit code 3).`)
	goldFile := fs.String("gold", "", "gold JSONL `file` (required; - for stdin)")
	coder2 := fs.String("coder2", "", "a second coder's gold JSONL `file` of (some of) the same passages")
	texts := fs.String("texts", "", "`folder` the text of hash-keyed gold lines is read from (default $FRAMESCOPE_EVALDATA or "+defaultTexts+")")
	codebook := fs.String("codebook", "", "codebook YAML `file` (default: the embedded codebook)")
	format := fs.String("format", "text", "output `format`: text (or table, the same) or json")
	var showErrors errorsFlag
	fs.Var(&showErrors, "errors", "list every error with its sentence, cue and rule (`=N`: at most N per level)")
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
	gr := goldReader{cmd: "validate", texts: textsDir(e, *texts), an: an}
	gold, bad, err := gr.readFile(ctx, e, *goldFile)
	if err != nil {
		return err
	}
	if len(gold) == 0 {
		return fmt.Errorf("no gold passages in %s", *goldFile)
	}
	out := validateOutput{Report: an.Validate(gold)}
	if !(*format == "json" || showErrors.n != 0) {
		out.Actor.Errors, out.Country.Errors = nil, nil
	}
	if *coder2 != "" {
		second, bad2, err := gr.readFile(ctx, e, *coder2)
		if err != nil {
			return err
		}
		bad += bad2
		ag := an.Agreement(gold, second)
		out.Agreement = &ag
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else {
		writeReport(e.stdout, out.Report, showErrors.n)
		if out.Agreement != nil {
			writeAgreement(e.stdout, *out.Agreement)
		}
	}
	if bad > 0 {
		return &exitError{exitPartial, fmt.Errorf("skipped %d bad gold line(s)", bad)}
	}
	return nil
}

// validateOutput is validate's JSON: the report and, with --coder2, the
// agreement of the two human codings.
type validateOutput struct {
	analyzer.Report
	Agreement *analyzer.Agreement `json:"intercoder,omitempty"`
}

// goldReader reads gold files for the command cmd, resolving hash-keyed
// lines from the texts folder.
type goldReader struct {
	cmd   string
	texts string
	an    *analyzer.Analyzer
	index *analyzer.SentenceIndex
}

// readFile reads the gold file name (- for standard input).
func (gr *goldReader) readFile(ctx context.Context, e *env, name string) ([]analyzer.GoldArticle, int, error) {
	r, closeIn, err := openIn(e, name)
	if err != nil {
		return nil, 0, err
	}
	defer closeIn()
	return gr.read(ctx, e, name, r)
}

// read reads a gold JSONL stream: lines that are not JSON objects, name
// unknown actors or frames, or name a sentence that cannot be found are
// reported on stderr and skipped (counted in bad).
func (gr *goldReader) read(ctx context.Context, e *env, name string, r io.Reader) (gold []analyzer.GoldArticle, bad int, err error) {
	err = eachLine(ctx, r, func(lineNo int, line []byte) error {
		g, err := gr.decode(line)
		if err != nil {
			var fatal *exitError
			if errors.As(err, &fatal) {
				return err
			}
			fmt.Fprintf(e.stderr, "framescope %s: %s:%d: %v (line skipped)\n", gr.cmd, name, lineNo, err)
			bad++
			return nil
		}
		if g.Article.ID == "" {
			g.Article.ID = fmt.Sprintf("line%d", lineNo)
		}
		gold = append(gold, g)
		return nil
	})
	if err != nil {
		var fatal *exitError
		if errors.As(err, &fatal) {
			return nil, bad, err
		}
		return nil, bad, fmt.Errorf("read gold %s: %w", name, err)
	}
	return gold, bad, nil
}

// decode parses one gold line. An unreadable texts folder is an
// *exitError: every later line would fail the same way.
func (gr *goldReader) decode(line []byte) (analyzer.GoldArticle, error) {
	var g goldLine
	if err := decodeObject(line, &g); err != nil {
		return analyzer.GoldArticle{}, err
	}
	cb := gr.an.Codebook()
	if err := cb.CheckGold(g.Gold); err != nil {
		return analyzer.GoldArticle{}, err
	}
	if err := cb.CheckGold(g.Optional); err != nil {
		return analyzer.GoldArticle{}, err
	}
	for _, f := range g.Coded {
		if !f.Valid() {
			return analyzer.GoldArticle{}, fmt.Errorf("coded frame %q is not leader, catching-up, race or threat", f)
		}
	}
	if g.Hash != "" && g.Text == "" {
		if g.File == "" {
			return analyzer.GoldArticle{}, fmt.Errorf("hash %s without the file it was cut from", g.Hash)
		}
		if gr.index == nil {
			if st, err := os.Stat(gr.texts); err != nil || !st.IsDir() {
				return analyzer.GoldArticle{}, &exitError{exitUsage, fmt.Errorf("gold lines name sentences by hash; their text is read from --texts DIR (or $FRAMESCOPE_EVALDATA), and %s is not a folder", gr.texts)}
			}
			gr.index = analyzer.NewSentenceIndex(gr.texts)
		}
		s, ok, err := gr.index.Lookup(g.File, g.Hash)
		if err != nil {
			return analyzer.GoldArticle{}, fmt.Errorf("read the text of %s: %w", g.Hash, err)
		}
		if !ok {
			return analyzer.GoldArticle{}, fmt.Errorf("no sentence with hash %s in %s under %s", g.Hash, g.File, gr.texts)
		}
		g.Text = s.Text
		if g.Lang == "" {
			g.Lang = s.Lang
		}
	}
	if g.ID == "" {
		g.ID = g.Hash
	}
	return analyzer.GoldArticle{Article: g.article(), Gold: g.Gold, Optional: g.Optional, Coded: g.Coded}, nil
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
		fmt.Fprintf(w, "\nF1 (leader and catching-up) %.3f   macro-F1 %.3f   direction errors %d   Cohen's kappa %.3f   Krippendorff's alpha %.3f\n", r.F1, r.MacroF1, r.DirectionErrors, r.Kappa, r.Alpha)
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
		switch {
		case showErrors != 0:
			writeErrors(w, r.Errors, showErrors)
		case len(r.Disagreements) > 0:
			n := min(10, len(r.Disagreements))
			fmt.Fprintf(w, "\ndisagreements (%d, first %d; --errors lists them with their sentences):\n", len(r.Disagreements), n)
			for _, d := range r.Disagreements[:n] {
				fmt.Fprintf(w, "  %s %s: gold %s, machine %s\n", d.ID, d.Actor, frames(d.Gold), frames(d.Machine))
			}
		}
	}
	fmt.Fprintf(w, "\npassages without a leader or catching-up frame in the gold: %d, framed by the machine: %d (%.1f%%)\n",
		rep.Frameless, rep.FramelessFramed, 100*float64(rep.FramelessFramed)/float64(max(rep.Frameless, 1)))
}

// writeErrors lists coding errors with their evidence: all of them when
// limit is negative, else at most limit.
func writeErrors(w io.Writer, errs []analyzer.CodingError, limit int) {
	counts := map[string]int{}
	for _, e := range errs {
		counts[e.Kind]++
	}
	n := len(errs)
	if limit >= 0 {
		n = min(n, limit)
	}
	fmt.Fprintf(w, "\nerrors: %d false positives, %d false negatives, %d direction errors", counts[analyzer.ErrFalsePositive], counts[analyzer.ErrFalseNegative], counts[analyzer.ErrDirection])
	if n < len(errs) {
		fmt.Fprintf(w, " (first %d)", n)
	}
	fmt.Fprintln(w, ":")
	for _, e := range errs[:n] {
		fmt.Fprintf(w, "  %s  %s %s: gold %s, machine %s\n", e.Kind, e.ID, e.Actor, frames(e.Gold), frames(e.Machine))
		if e.Text != "" {
			fmt.Fprintf(w, "      text: %s\n", oneLine(e.Text))
		}
		for _, ev := range e.Evidence {
			fmt.Fprintf(w, "      sentence: %s\n      cue %q  mention %q  rule %s\n", oneLine(ev.Sentence), ev.Cue, ev.Mention, ev.Rule)
		}
	}
}

// oneLine folds line breaks so that a passage prints on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// writeAgreement prints the agreement of two human codings.
func writeAgreement(w io.Writer, ag analyzer.Agreement) {
	fmt.Fprintf(w, "\nIntercoder agreement on %d passages coded twice\n", ag.Passages)
	for _, lv := range []struct {
		name string
		r    analyzer.AgreementLevel
	}{{"actor level", ag.Actor}, {"country level", ag.Country}} {
		fmt.Fprintf(w, "  %s: %d units, %.1f%% agree, Cohen's kappa %.3f, Krippendorff's alpha %.3f\n",
			lv.name, lv.r.Units, 100*lv.r.Agreement, lv.r.Kappa, lv.r.Alpha)
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
