package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// Defaults of the error correction.
const (
	// MinCorrectionUnits is the smallest number of validation units with
	// and without a frame (each) for a sensitivity and specificity to be
	// estimated.
	MinCorrectionUnits = 10
	// BootstrapRounds is the number of resamples of the validation.
	BootstrapRounds = 1000
)

// CorrectedShare is an actor's catching-up share in one language with the
// coder's measured error taken out. The coder's sensitivity (Se) and
// specificity (Sp) for each directional frame come from the validation's
// confusion counts in that language (at country level for country actors,
// at actor level for the others). The observed prevalence of a frame among
// the articles mentioning the actor, p, is corrected by Rogan and Gladen's
// estimator π = (p + Sp - 1) / (Se + Sp - 1), clipped to 0..1, and the
// corrected share is π_catching-up / (π_leader + π_catching-up). Low..High
// is the 95% percentile interval of that share over BootstrapRounds
// resamples of the validation units; OK is false (see Note) where the
// validation is too small to correct.
type CorrectedShare struct {
	Actor    string `json:"actor"`
	Lang     string `json:"lang"`
	Level    string `json:"level"`
	Mentions int    `json:"mentions"`
	Raw      Share  `json:"raw"`
	// Units is the number of validation units (article, actor) in Lang.
	Units        int     `json:"validation_units"`
	LeaderSe     float64 `json:"leader_sensitivity"`
	LeaderSp     float64 `json:"leader_specificity"`
	CatchingUpSe float64 `json:"catching_up_sensitivity"`
	CatchingUpSp float64 `json:"catching_up_specificity"`
	// LeaderPrev and CatchingUpPrev are the corrected prevalences π.
	LeaderPrev     float64 `json:"leader_prevalence"`
	CatchingUpPrev float64 `json:"catching_up_prevalence"`
	Corrected      float64 `json:"corrected_share"`
	Low            float64 `json:"ci_low"`
	High           float64 `json:"ci_high"`
	OK             bool    `json:"ok"`
	Note           string  `json:"note,omitempty"`
}

// RoganGladen returns the prevalence corrected for a classifier of
// sensitivity se and specificity sp from the observed prevalence p,
// clipped to 0..1, and false when se+sp <= 1 (the classifier is no better
// than chance and nothing can be corrected).
func RoganGladen(p, se, sp float64) (float64, bool) {
	j := se + sp - 1
	if j <= 0 {
		return 0, false
	}
	return math.Min(1, math.Max(0, (p+sp-1)/j)), true
}

// frameRates returns the sensitivity and specificity of the coder for a
// frame from a confusion matrix over analyzer.Directions (rows gold,
// columns machine), with the numbers of units with and without the frame
// in gold.
func frameRates(conf [][]int, f corpus.Frame) (se, sp float64, pos, neg int) {
	has := func(dir string) bool { return dir == string(f) || dir == analyzer.DirBoth }
	var tp, tn int
	for g, row := range conf {
		for m, n := range row {
			gh, mh := has(analyzer.Directions[g]), has(analyzer.Directions[m])
			switch {
			case gh:
				pos += n
				if mh {
					tp += n
				}
			default:
				neg += n
				if !mh {
					tn += n
				}
			}
		}
	}
	if pos > 0 {
		se = float64(tp) / float64(pos)
	}
	if neg > 0 {
		sp = float64(tn) / float64(neg)
	}
	return se, sp, pos, neg
}

// correctShare corrects the catching-up share of an actor mentioned in
// mentions articles, leader of them framing it leader and catchingUp
// catching-up, with the coder's confusion matrix conf. It fills c's rates,
// prevalences, share and OK, or sets Note.
func correctShare(c *CorrectedShare, conf [][]int, mentions, leader, catchingUp int) {
	for _, row := range conf {
		for _, n := range row {
			c.Units += n
		}
	}
	if mentions == 0 {
		c.Note = "no article mentions the actor"
		return
	}
	var posL, negL, posC, negC int
	c.LeaderSe, c.LeaderSp, posL, negL = frameRates(conf, corpus.Leader)
	c.CatchingUpSe, c.CatchingUpSp, posC, negC = frameRates(conf, corpus.CatchingUp)
	if min(posL, negL, posC, negC) < MinCorrectionUnits {
		c.Note = fmt.Sprintf("validation too small to correct: %d units framed leader, %d not; %d catching-up, %d not (at least %d each needed)",
			posL, negL, posC, negC, MinCorrectionUnits)
		return
	}
	pl, pc := float64(leader)/float64(mentions), float64(catchingUp)/float64(mentions)
	share, ok := correctedFromRates(pl, pc, c.LeaderSe, c.LeaderSp, c.CatchingUpSe, c.CatchingUpSp)
	if !ok {
		c.Note = "the coder is no better than chance on this validation (Se + Sp <= 1) or no frame remains after correction"
		return
	}
	c.LeaderPrev, _ = RoganGladen(pl, c.LeaderSe, c.LeaderSp)
	c.CatchingUpPrev, _ = RoganGladen(pc, c.CatchingUpSe, c.CatchingUpSp)
	c.Corrected, c.OK = share, true
	c.Low, c.High = bootstrapShare(conf, pl, pc, BootstrapRounds, seedOf(c.Actor+"|"+c.Lang))
}

// correctedFromRates returns π_c / (π_l + π_c) for observed prevalences pl
// and pc, false when it cannot be computed.
func correctedFromRates(pl, pc, seL, spL, seC, spC float64) (float64, bool) {
	l, okL := RoganGladen(pl, seL, spL)
	c, okC := RoganGladen(pc, seC, spC)
	if !okL || !okC || l+c == 0 {
		return 0, false
	}
	return c / (l + c), true
}

// bootstrapShare resamples the validation units (a multinomial draw of the
// confusion cells, which is resampling units with replacement) rounds
// times and returns the 2.5th and 97.5th percentiles of the corrected
// share; resamples where it cannot be computed are left out.
func bootstrapShare(conf [][]int, pl, pc float64, rounds int, seed uint64) (lo, hi float64) {
	type cell struct{ g, m int }
	var units []cell
	for g, row := range conf {
		for m, n := range row {
			for range n {
				units = append(units, cell{g, m})
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 16))
	k := len(conf)
	shares := make([]float64, 0, rounds)
	for range rounds {
		re := make([][]int, k)
		for i := range re {
			re[i] = make([]int, k)
		}
		for range units {
			u := units[rng.IntN(len(units))]
			re[u.g][u.m]++
		}
		seL, spL, _, _ := frameRates(re, corpus.Leader)
		seC, spC, _, _ := frameRates(re, corpus.CatchingUp)
		if s, ok := correctedFromRates(pl, pc, seL, spL, seC, spC); ok {
			shares = append(shares, s)
		}
	}
	if len(shares) == 0 {
		return math.NaN(), math.NaN()
	}
	sort.Float64s(shares)
	q := func(p float64) float64 { return shares[min(len(shares)-1, int(p*float64(len(shares))))] }
	return q(0.025), q(0.975)
}

// seedOf makes the bootstrap repeatable: the same report gives the same
// intervals.
func seedOf(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// isCountry reports whether an actor ID names a country or bloc (CN, US,
// EU: upper-case letters), whose validation is at country level.
func isCountry(id string) bool {
	if len(id) < 2 || len(id) > 3 {
		return false
	}
	return strings.IndexFunc(id, func(r rune) bool { return !unicode.IsUpper(r) }) < 0
}

// corrected computes the corrected shares from the frame counts and the
// validation per language.
func (b *builder) corrected() error {
	b.r.Corrected = []CorrectedShare{}
	byLang := b.opts.ValidationByLang
	if b.opts.Validation == nil && len(byLang) == 0 {
		return nil
	}
	for _, fc := range b.r.Frames {
		c := CorrectedShare{Actor: fc.Actor, Lang: fc.Lang, Mentions: fc.Mentions,
			Raw: index.NewShare(fc.Frames[corpus.Leader], fc.Frames[corpus.CatchingUp]), Level: "actor"}
		if isCountry(fc.Actor) {
			c.Level = "country"
		}
		v := byLang[fc.Lang]
		if v == nil {
			c.Note = fmt.Sprintf("no validation passages in %s", fc.Lang)
			b.r.Corrected = append(b.r.Corrected, c)
			continue
		}
		conf := v.Actor.Confusion
		if c.Level == "country" {
			conf = v.Country.Confusion
		}
		correctShare(&c, conf, fc.Mentions, fc.Frames[corpus.Leader], fc.Frames[corpus.CatchingUp])
		b.r.Corrected = append(b.r.Corrected, c)
	}
	small := 0
	for _, c := range b.r.Corrected {
		if !c.OK {
			small++
		}
	}
	if small > 0 {
		b.r.Notes = append(b.r.Notes, fmt.Sprintf("%d of %d actor-language shares could not be corrected for the coder's error (see corrected_shares: the validation is too small or lacks the language).", small, len(b.r.Corrected)))
	}
	return nil
}

func (r *Report) correctedTable() *Table {
	t := &Table{Name: "corrected_shares", Title: "Catching-up shares corrected for the coder's error",
		Note: "Raw shares beside shares corrected with the coder's sensitivity and specificity per frame and language, measured on the validation (Rogan–Gladen), with 95% bootstrap intervals over the validation units. Empty where the validation is too small.",
		Columns: append(append([]Column{{"actor", Text}, {"lang", Text}, {"level", Text}, {"mentions", Int}}, shareColumns("raw_")...),
			Column{"validation_units", Int}, Column{"leader_se", Ratio}, Column{"leader_sp", Ratio}, Column{"catching_up_se", Ratio}, Column{"catching_up_sp", Ratio},
			Column{"corrected_share", Ratio}, Column{"ci_low", Ratio}, Column{"ci_high", Ratio}, Column{"note", Text})}
	for _, c := range r.Corrected {
		row := append([]any{c.Actor, c.Lang, c.Level, c.Mentions}, shareCells(c.Raw)...)
		row = append(row, c.Units)
		if c.OK {
			row = append(row, c.LeaderSe, c.LeaderSp, c.CatchingUpSe, c.CatchingUpSp, c.Corrected, c.Low, c.High, "")
		} else {
			row = append(row, nil, nil, nil, nil, nil, nil, nil, c.Note)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
