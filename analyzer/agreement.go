package analyzer

import (
	"github.com/framescope/framescope/corpus"
)

// Agreement is how far two human codings of the same passages agree.
type Agreement struct {
	// Passages is the number of passages both codings hold (by ID).
	Passages int            `json:"passages"`
	Actor    AgreementLevel `json:"actor_level"`
	Country  AgreementLevel `json:"country_level"`
}

// AgreementLevel is the agreement at one level of aggregation, over the
// direction category (none, leader, catching-up, both) of every (passage,
// actor) unit.
type AgreementLevel struct {
	Units int `json:"units"`
	// Agreement is the share of units both coders put in the same category.
	Agreement float64 `json:"agreement"`
	Kappa     float64 `json:"cohen_kappa"`
	Alpha     float64 `json:"krippendorff_alpha"`
	// Confusion counts units by the first coding's direction (row) and the
	// second's (column), in the order of Directions.
	Confusion [][]int `json:"confusion"`
}

// Agreement compares two human codings passage by passage (matched by
// article ID). The units of a passage are the actors the analyzer finds
// mentioned in it and every actor either coding labels; a frame that either
// coder marks optional for an actor is left out of that unit's comparison.
// Only the frames both codings coded are compared.
func (a *Analyzer) Agreement(first, second []GoldArticle) Agreement {
	cb := a.cb
	byID := map[string]GoldArticle{}
	for _, g := range second {
		byID[g.Article.ID] = g
	}
	var ag Agreement
	actorM, countryM := newConfusion(), newConfusion()
	for _, g1 := range first {
		g2, ok := byID[g1.Article.ID]
		if !ok {
			continue
		}
		ag.Passages++
		coded := func(f corpus.Frame) bool {
			in := func(fs []corpus.Frame) bool {
				if fs == nil {
					return true
				}
				for _, x := range fs {
					if x == f {
						return true
					}
				}
				return false
			}
			return in(g1.Coded) && in(g2.Coded)
		}
		sets := func(g GoldArticle) (req, opt labelSet) {
			req, opt = labelSet{}, labelSet{}
			for _, l := range g.Gold {
				if coded(l.Frame) {
					req.add(cb.Maker(l.Actor), l.Frame)
				}
			}
			for _, l := range g.Optional {
				if coded(l.Frame) {
					opt.add(cb.Maker(l.Actor), l.Frame)
				}
			}
			return req, opt
		}
		r1, o1 := sets(g1)
		r2, o2 := sets(g2)
		res := a.Analyze(g1.Article)
		var actorIDs, countryIDs []string
		for _, id := range res.Actors {
			if cb.isCountry(id) {
				countryIDs = append(countryIDs, id)
			} else {
				actorIDs = append(actorIDs, id)
			}
		}
		compare(actorM, actorIDs, r1, r2, union(o1, o2))
		c1, c2 := cb.rollGold(r1), cb.rollGold(r2)
		oc := union(cb.rollGold(union(r1, o1)), cb.rollGold(union(r2, o2)))
		// A country reading that follows only from optional ones is
		// optional; one both codings require stays.
		for id, fs := range oc {
			for f := range fs {
				if c1[id][f] && c2[id][f] {
					delete(oc[id], f)
				}
			}
		}
		compare(countryM, countryIDs, c1, c2, oc)
	}
	ag.Actor = agreementLevel(actorM)
	ag.Country = agreementLevel(countryM)
	return ag
}

func newConfusion() [][]int {
	m := make([][]int, len(Directions))
	for i := range m {
		m[i] = make([]int, len(Directions))
	}
	return m
}

// compare adds the units of one passage to the confusion matrix m.
func compare(m [][]int, mentioned []string, x, y, optional labelSet) {
	set := map[string]bool{}
	for _, id := range mentioned {
		set[id] = true
	}
	for _, s := range []labelSet{x, y, optional} {
		for id := range s {
			set[id] = true
		}
	}
	for id := range set {
		fx, fy := map[corpus.Frame]bool{}, map[corpus.Frame]bool{}
		for f := range x[id] {
			if !optional[id][f] {
				fx[f] = true
			}
		}
		for f := range y[id] {
			if !optional[id][f] {
				fy[f] = true
			}
		}
		m[direction(fx)][direction(fy)]++
	}
}

func agreementLevel(m [][]int) AgreementLevel {
	n, agree := 0, 0
	for i := range m {
		for j := range m[i] {
			n += m[i][j]
			if i == j {
				agree += m[i][j]
			}
		}
	}
	return AgreementLevel{Units: n, Agreement: ratio(agree, n), Kappa: CohenKappa(m), Alpha: KrippendorffAlpha(m), Confusion: m}
}
