package terms

import (
	"math"
	"sort"
)

// Counts are the words of a set of articles.
type Counts struct {
	// Articles is the number of articles counted.
	Articles int
	// Words holds each word's occurrences, Docs the number of articles it
	// occurs in, Total the sum of Words.
	Words map[string]int
	Docs  map[string]int
	Total int
}

// NewCounts returns empty counts.
func NewCounts() *Counts { return &Counts{Words: map[string]int{}, Docs: map[string]int{}} }

// Add counts the words of one article.
func (c *Counts) Add(words []string) {
	c.Articles++
	seen := map[string]bool{}
	for _, w := range words {
		c.Words[w]++
		c.Total++
		if !seen[w] {
			seen[w] = true
			c.Docs[w]++
		}
	}
}

// Merge adds o to c.
func (c *Counts) Merge(o *Counts) {
	c.Articles += o.Articles
	c.Total += o.Total
	for w, n := range o.Words {
		c.Words[w] += n
	}
	for w, n := range o.Docs {
		c.Docs[w] += n
	}
}

// Term is a word that distinguishes one side of a comparison.
type Term struct {
	Term string `json:"term"`
	// Count is the word's occurrences on this side, Docs the articles of
	// this side it occurs in, Other its occurrences on the other side.
	Count int `json:"count"`
	Docs  int `json:"docs"`
	Other int `json:"other_count"`
	// LogOdds is the log-odds ratio of this side against the other with
	// the prior, and Score that ratio over its standard deviation (a
	// z-score): the ranking.
	LogOdds float64 `json:"log_odds"`
	Score   float64 `json:"score"`
}

// Options tune LogOdds; the zero value uses the defaults.
type Options struct {
	// Limit is the number of terms per side (default 30).
	Limit int
	// MinCount is the smallest number of occurrences on both sides
	// together for a word to be ranked (default 3).
	MinCount int
	// PriorSize is α0, the total weight of the prior; 0 uses the prior's
	// own counts (α_w is the word's count in the prior), as Monroe et
	// al. do with the whole corpus.
	PriorSize float64
}

func (o Options) withDefaults() Options {
	if o.Limit <= 0 {
		o.Limit = 30
	}
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	return o
}

// LogOdds ranks the words of a against those of b by the log-odds ratio
// with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
// "Fightin' Words", eq. 16-22):
//
//	δ_w = log((y_aw+α_w) / (n_a+α_0-y_aw-α_w)) - log((y_bw+α_w) / (n_b+α_0-y_bw-α_w))
//	σ²_w ≈ 1/(y_aw+α_w) + 1/(y_bw+α_w),  score z_w = δ_w / σ_w
//
// where α_w is the prior's count of w scaled to α_0 (PriorSize). It
// returns the words most distinctive of a (highest z first) and of b
// (lowest z first, with the signs turned), each at most Limit long and
// only words with a positive score for their side. A word the prior does
// not hold is not ranked.
func LogOdds(a, b, prior *Counts, o Options) (forA, forB []Term) {
	o = o.withDefaults()
	if prior == nil || prior.Total == 0 {
		return nil, nil
	}
	a0 := float64(prior.Total)
	scale := 1.0
	if o.PriorSize > 0 {
		a0, scale = o.PriorSize, o.PriorSize/float64(prior.Total)
	}
	na, nb := float64(a.Total), float64(b.Total)
	for w, pw := range prior.Words {
		ya, yb := a.Words[w], b.Words[w]
		if ya+yb < o.MinCount || pw == 0 {
			continue
		}
		aw := float64(pw) * scale
		fa, fb := float64(ya), float64(yb)
		d := math.Log((fa+aw)/(na+a0-fa-aw)) - math.Log((fb+aw)/(nb+a0-fb-aw))
		z := d / math.Sqrt(1/(fa+aw)+1/(fb+aw))
		if math.IsNaN(z) || math.IsInf(z, 0) {
			continue
		}
		switch {
		case z > 0 && ya > 0:
			forA = append(forA, Term{Term: w, Count: ya, Docs: a.Docs[w], Other: yb, LogOdds: d, Score: z})
		case z < 0 && yb > 0:
			forB = append(forB, Term{Term: w, Count: yb, Docs: b.Docs[w], Other: ya, LogOdds: -d, Score: -z})
		}
	}
	return top(forA, o.Limit), top(forB, o.Limit)
}

// top returns the limit terms of highest score, ties by term.
func top(ts []Term, limit int) []Term {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].Score != ts[j].Score {
			return ts[i].Score > ts[j].Score
		}
		return ts[i].Term < ts[j].Term
	})
	if len(ts) > limit {
		ts = ts[:limit]
	}
	if ts == nil {
		ts = []Term{}
	}
	return ts
}
