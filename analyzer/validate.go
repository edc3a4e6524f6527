package analyzer

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/framescope/framescope/corpus"
)

// GoldLabel is one frame a human coder gave an actor in a passage.
type GoldLabel struct {
	Actor string       `json:"actor"`
	Frame corpus.Frame `json:"frame"`
}

// GoldArticle is a hand-coded passage: the article and its gold labels.
// Coders list the actors a passage frames directly (organisations, and
// countries the text itself frames); products may be given as themselves or
// their maker. Country-level labels are derived by rolling organisations up
// to their countries, as the analyzer does.
type GoldArticle struct {
	Article corpus.Article
	Gold    []GoldLabel
	// Optional are readings a careful coder may give or leave out: the
	// machine is scored neither way on them.
	Optional []GoldLabel
	// Coded lists the frames the coder coded (nil: all). Machine frames of
	// other kinds are not scored.
	Coded []corpus.Frame
}

// Direction categories of a coded unit (an actor in an article), used for
// the confusion matrix and the agreement coefficients.
const (
	DirNone       = "none"
	DirLeader     = "leader"
	DirCatchingUp = "catching-up"
	DirBoth       = "both"
)

// Directions lists the direction categories in table order.
var Directions = []string{DirNone, DirLeader, DirCatchingUp, DirBoth}

// Report is the result of validating the coder against a gold sample.
type Report struct {
	Codebook string `json:"codebook"`
	Articles int    `json:"articles"`
	// Actor compares organisations and directly framed countries; Country
	// compares countries after rolling organisations up.
	Actor   LevelReport `json:"actor_level"`
	Country LevelReport `json:"country_level"`
	// Frameless counts the passages whose gold gives no leader or
	// catching-up frame to anyone (optional readings aside), and
	// FramelessFramed those of them the machine frames all the same.
	Frameless       int `json:"frameless"`
	FramelessFramed int `json:"frameless_framed"`
}

// LevelReport holds the scores at one level of aggregation.
type LevelReport struct {
	// Units is the number of (article, actor) pairs compared: every actor
	// the machine found mentioned or either side framed.
	Units  int          `json:"units"`
	Frames []FrameScore `json:"frames"`
	// MacroF1 is the mean F1 over frames that occur in gold or output.
	MacroF1 float64 `json:"macro_f1"`
	// F1 is the micro-averaged F1 of the two directional frames, leader
	// and catching-up, over (article, actor, frame) triples.
	F1 float64 `json:"f1"`
	// Confusion counts units by gold direction (row) and machine direction
	// (column), in the order of Directions.
	Confusion [][]int `json:"confusion"`
	// DirectionErrors counts units where leader and catching-up are swapped.
	DirectionErrors int `json:"direction_errors"`
	// Kappa and Alpha are Cohen's kappa and Krippendorff's nominal alpha of
	// machine against gold over the direction category of each unit.
	Kappa         float64        `json:"cohen_kappa"`
	Alpha         float64        `json:"krippendorff_alpha"`
	Disagreements []Disagreement `json:"disagreements,omitempty"`
	// Errors lists every false positive, false negative and direction
	// error with the sentence, cue and rule behind it.
	Errors []CodingError `json:"errors,omitempty"`
}

// FrameScore is precision, recall and F1 of one frame over (article, actor,
// frame) triples.
type FrameScore struct {
	Frame     corpus.Frame `json:"frame"`
	TP        int          `json:"tp"`
	FP        int          `json:"fp"`
	FN        int          `json:"fn"`
	Precision float64      `json:"precision"`
	Recall    float64      `json:"recall"`
	F1        float64      `json:"f1"`
}

// Disagreement is a unit where machine and gold frames differ.
type Disagreement struct {
	ID      string         `json:"id"`
	Actor   string         `json:"actor"`
	Gold    []corpus.Frame `json:"gold"`
	Machine []corpus.Frame `json:"machine"`
}

// Kinds of coding errors.
const (
	ErrFalsePositive = "false-positive"
	ErrFalseNegative = "false-negative"
	ErrDirection     = "direction"
)

// CodingError is one error of the machine against the gold: a frame it
// gave that the gold does not have (false positive), one it missed (false
// negative), or leader and catching-up swapped (direction). Evidence holds
// the machine's sentences, cues and rules for the frames it gave; Text is
// the passage for a miss.
type CodingError struct {
	Kind     string            `json:"kind"`
	ID       string            `json:"id"`
	Actor    string            `json:"actor"`
	Gold     []corpus.Frame    `json:"gold"`
	Machine  []corpus.Frame    `json:"machine"`
	Text     string            `json:"text,omitempty"`
	Evidence []corpus.Evidence `json:"evidence,omitempty"`
}

// CheckGold reports the first gold label that names an actor or frame the
// codebook does not know.
func (cb *Codebook) CheckGold(labels []GoldLabel) error {
	for _, l := range labels {
		if _, ok := cb.byID[l.Actor]; !ok {
			return fmt.Errorf("analyzer: gold actor %q is not in codebook %s", l.Actor, cb.Version())
		}
		if !l.Frame.Valid() {
			return fmt.Errorf("analyzer: gold frame %q for %s is not leader, catching-up, race or threat", l.Frame, l.Actor)
		}
	}
	return nil
}

// labelSet is the frames each actor has in one article.
type labelSet map[string]map[corpus.Frame]bool

func (ls labelSet) add(actor string, f corpus.Frame) {
	if ls[actor] == nil {
		ls[actor] = map[corpus.Frame]bool{}
	}
	ls[actor][f] = true
}

// Validate codes every gold article with a and scores the result against
// the gold labels at actor and country level.
func (a *Analyzer) Validate(gold []GoldArticle) Report {
	rep := Report{Codebook: a.cb.Version(), Articles: len(gold)}
	var actorUnits, countryUnits []unitPair
	for _, g := range gold {
		res := a.Analyze(g.Article)
		au, cu := a.cb.goldUnits(g, res)
		actorUnits = append(actorUnits, au...)
		countryUnits = append(countryUnits, cu...)
		if frameless(g.Gold) && frameless(g.Optional) {
			rep.Frameless++
			for _, u := range au {
				if u.machine[corpus.Leader] || u.machine[corpus.CatchingUp] {
					rep.FramelessFramed++
					break
				}
			}
		}
	}
	rep.Actor = score(actorUnits)
	rep.Country = score(countryUnits)
	return rep
}

// frameless reports whether labels give no leader or catching-up frame.
func frameless(labels []GoldLabel) bool {
	for _, l := range labels {
		if l.Frame == corpus.Leader || l.Frame == corpus.CatchingUp {
			return false
		}
	}
	return true
}

// goldUnits pairs the machine's result for one gold article with its gold
// labels, at actor and at country level.
func (cb *Codebook) goldUnits(g GoldArticle, res corpus.Analysis) (actor, country []unitPair) {
	coded := func(f corpus.Frame) bool { return g.Coded == nil || slices.Contains(g.Coded, f) }
	// Machine, actor level: organisations and directly framed countries.
	mActor, mCountry := labelSet{}, labelSet{}
	evidence := map[string][]corpus.Evidence{}
	for _, at := range res.Frames {
		if !coded(at.Frame) {
			continue
		}
		if cb.isCountry(at.Actor) {
			mCountry.add(at.Actor, at.Frame)
			evidence["C"+at.Actor] = append(evidence["C"+at.Actor], at.Evidence...)
			if hasDirectEvidence(at) {
				mActor.add(at.Actor, at.Frame)
				evidence["A"+at.Actor] = append(evidence["A"+at.Actor], directEvidence(at)...)
			}
			continue
		}
		mActor.add(at.Actor, at.Frame)
		evidence["A"+at.Actor] = append(evidence["A"+at.Actor], at.Evidence...)
	}
	gActor, oActor := labelSet{}, labelSet{}
	for _, l := range g.Gold {
		gActor.add(cb.Maker(l.Actor), l.Frame)
	}
	for _, l := range g.Optional {
		oActor.add(cb.Maker(l.Actor), l.Frame)
	}
	gCountry := cb.rollGold(gActor)
	// A country reading is optional where it follows from an optional
	// organisation reading or is optional itself.
	oCountry := cb.rollGold(union(gActor, oActor))

	var actorIDs, countryIDs []string
	for _, id := range res.Actors {
		if cb.isCountry(id) {
			countryIDs = append(countryIDs, id)
		} else {
			actorIDs = append(actorIDs, id)
		}
	}
	text := strings.TrimSpace(g.Article.Title + "\n" + g.Article.Text)
	actor = pairUnits(g.Article.ID, text, actorIDs, gActor, oActor, mActor, evidence, "A")
	country = pairUnits(g.Article.ID, text, countryIDs, gCountry, oCountry, mCountry, evidence, "C")
	return actor, country
}

// union returns the labels of both sets.
func union(x, y labelSet) labelSet {
	out := labelSet{}
	for _, s := range []labelSet{x, y} {
		for id, fs := range s {
			for f := range fs {
				out.add(id, f)
			}
		}
	}
	return out
}

func directEvidence(at corpus.Attribution) []corpus.Evidence {
	var out []corpus.Evidence
	for _, ev := range at.Evidence {
		if !strings.Contains(ev.Rule, "+rollup:") {
			out = append(out, ev)
		}
	}
	return out
}

func (cb *Codebook) isCountry(id string) bool {
	a, ok := cb.byID[id]
	return ok && a.Kind == corpus.Country
}

func hasDirectEvidence(at corpus.Attribution) bool {
	for _, ev := range at.Evidence {
		if !strings.Contains(ev.Rule, "+rollup:") {
			return true
		}
	}
	return false
}

// rollGold derives country-level gold labels: the countries labelled
// directly, plus every organisation's frame on its home country, except
// that a country given leader through one of its organisations and
// catching-up through another (a comparison inside one country) gets
// neither, as in the analyzer's roll-up.
func (cb *Codebook) rollGold(actor labelSet) labelSet {
	out := labelSet{}
	sources := map[string]map[corpus.Frame][]string{}
	for id, fs := range actor {
		for f := range fs {
			if cb.isCountry(id) {
				out.add(id, f)
				continue
			}
			c := cb.Country(id)
			if c == "" {
				continue
			}
			if sources[c] == nil {
				sources[c] = map[corpus.Frame][]string{}
			}
			sources[c][f] = append(sources[c][f], id)
		}
	}
	for c, fs := range sources {
		internal := false
		for _, x := range fs[corpus.Leader] {
			for _, y := range fs[corpus.CatchingUp] {
				internal = internal || x != y
			}
		}
		for f := range fs {
			if internal && (f == corpus.Leader || f == corpus.CatchingUp) {
				continue
			}
			out.add(c, f)
		}
	}
	return out
}

// unitPair is one (article, actor) unit with both sides' frames.
type unitPair struct {
	id, actor, text string
	gold, machine   map[corpus.Frame]bool
	// optional are the frames the gold allows but does not require.
	optional map[corpus.Frame]bool
	evidence []corpus.Evidence
}

func pairUnits(id, text string, mentioned []string, gold, optional, machine labelSet, evidence map[string][]corpus.Evidence, level string) []unitPair {
	set := map[string]bool{}
	for _, a := range mentioned {
		set[a] = true
	}
	for _, s := range []labelSet{gold, optional, machine} {
		for a := range s {
			set[a] = true
		}
	}
	actors := make([]string, 0, len(set))
	for a := range set {
		actors = append(actors, a)
	}
	sort.Strings(actors)
	out := make([]unitPair, 0, len(actors))
	for _, a := range actors {
		opt := map[corpus.Frame]bool{}
		for f := range optional[a] {
			if !gold[a][f] {
				opt[f] = true
			}
		}
		out = append(out, unitPair{id: id, actor: a, text: text, gold: gold[a], optional: opt, machine: machine[a], evidence: evidence[level+a]})
	}
	return out
}

func direction(fs map[corpus.Frame]bool) int {
	switch l, c := fs[corpus.Leader], fs[corpus.CatchingUp]; {
	case l && c:
		return 3
	case l:
		return 1
	case c:
		return 2
	}
	return 0
}

// effectiveGold is the gold of u with the optional frames the machine gave.
func (u unitPair) effectiveGold() map[corpus.Frame]bool {
	if len(u.optional) == 0 {
		return u.gold
	}
	out := map[corpus.Frame]bool{}
	for f := range u.gold {
		out[f] = true
	}
	for f := range u.optional {
		if u.machine[f] {
			out[f] = true
		}
	}
	return out
}

// score computes one level's report from its units.
func score(units []unitPair) LevelReport {
	rep := LevelReport{Units: len(units), Confusion: make([][]int, len(Directions))}
	for i := range rep.Confusion {
		rep.Confusion[i] = make([]int, len(Directions))
	}
	counts := map[corpus.Frame]*FrameScore{}
	for _, f := range corpus.Frames {
		counts[f] = &FrameScore{Frame: f}
	}
	for _, u := range units {
		gold := u.effectiveGold()
		var fp, fn bool
		for _, f := range corpus.Frames {
			if u.optional[f] {
				continue
			}
			g, m := gold[f], u.machine[f]
			switch {
			case g && m:
				counts[f].TP++
			case m:
				counts[f].FP++
				fp = true
			case g:
				counts[f].FN++
				fn = true
			}
		}
		gd, md := direction(gold), direction(u.machine)
		rep.Confusion[gd][md]++
		swapped := (gd == 1 && md == 2) || (gd == 2 && md == 1)
		if swapped {
			rep.DirectionErrors++
		}
		if !sameFrames(gold, u.machine) {
			rep.Disagreements = append(rep.Disagreements, Disagreement{ID: u.id, Actor: u.actor, Gold: frameList(gold), Machine: frameList(u.machine)})
		}
		kind := ""
		switch {
		case swapped:
			kind = ErrDirection
		case fp:
			kind = ErrFalsePositive
		case fn:
			kind = ErrFalseNegative
		}
		if kind != "" {
			e := CodingError{Kind: kind, ID: u.id, Actor: u.actor, Gold: frameList(gold), Machine: frameList(u.machine), Evidence: u.evidence}
			if len(u.evidence) == 0 {
				e.Text = u.text
			}
			rep.Errors = append(rep.Errors, e)
		}
	}
	var sumF1 float64
	nF1 := 0
	var tp, fp, fn int
	for _, f := range corpus.Frames {
		c := counts[f]
		c.Precision = ratio(c.TP, c.TP+c.FP)
		c.Recall = ratio(c.TP, c.TP+c.FN)
		c.F1 = f1(c.Precision, c.Recall)
		if c.TP+c.FP+c.FN > 0 {
			sumF1 += c.F1
			nF1++
		}
		if f == corpus.Leader || f == corpus.CatchingUp {
			tp, fp, fn = tp+c.TP, fp+c.FP, fn+c.FN
		}
		rep.Frames = append(rep.Frames, *c)
	}
	if nF1 > 0 {
		rep.MacroF1 = sumF1 / float64(nF1)
	}
	rep.F1 = f1(ratio(tp, tp+fp), ratio(tp, tp+fn))
	rep.Kappa = CohenKappa(rep.Confusion)
	rep.Alpha = KrippendorffAlpha(rep.Confusion)
	return rep
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func sameFrames(a, b map[corpus.Frame]bool) bool {
	for _, f := range corpus.Frames {
		if a[f] != b[f] {
			return false
		}
	}
	return true
}

func frameList(fs map[corpus.Frame]bool) []corpus.Frame {
	out := []corpus.Frame{}
	for _, f := range corpus.Frames {
		if fs[f] {
			out = append(out, f)
		}
	}
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// CohenKappa returns Cohen's kappa of two coders from their confusion
// matrix (rows one coder, columns the other). With no units, or when both
// coders use one single category throughout, it returns 1 if they agree
// on every unit and 0 otherwise.
func CohenKappa(m [][]int) float64 {
	n := 0
	rows := make([]int, len(m))
	cols := make([]int, len(m))
	agree := 0
	for i := range m {
		for j := range m[i] {
			n += m[i][j]
			rows[i] += m[i][j]
			cols[j] += m[i][j]
			if i == j {
				agree += m[i][j]
			}
		}
	}
	if n == 0 {
		return 1
	}
	po := float64(agree) / float64(n)
	pe := 0.0
	for i := range rows {
		pe += float64(rows[i]) / float64(n) * float64(cols[i]) / float64(n)
	}
	if pe >= 1 {
		if po == 1 {
			return 1
		}
		return 0
	}
	return (po - pe) / (1 - pe)
}

// KrippendorffAlpha returns Krippendorff's alpha for nominal data of two
// coders who coded every unit, from their confusion matrix. When the
// coders use a single category throughout it returns 1 if they agree on
// every unit and 0 otherwise.
func KrippendorffAlpha(m [][]int) float64 {
	k := len(m)
	// Coincidence matrix: each unit adds (gold, machine) and (machine, gold).
	o := make([][]float64, k)
	for i := range o {
		o[i] = make([]float64, k)
	}
	for i := range m {
		for j := range m[i] {
			o[i][j] += float64(m[i][j])
			o[j][i] += float64(m[i][j])
		}
	}
	nc := make([]float64, k)
	n := 0.0
	for i := range o {
		for j := range o[i] {
			nc[i] += o[i][j]
		}
		n += nc[i]
	}
	var disagreeObs, disagreeExp float64
	for c := range k {
		for d := range k {
			if c == d {
				continue
			}
			disagreeObs += o[c][d]
			disagreeExp += nc[c] * nc[d]
		}
	}
	if n <= 1 || disagreeExp == 0 {
		if disagreeObs == 0 {
			return 1
		}
		return 0
	}
	return 1 - (n-1)*disagreeObs/disagreeExp
}
