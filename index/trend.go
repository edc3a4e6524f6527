package index

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/framescope/framescope/corpus"
)

// DefaultActors are the actors a trend reports when none are asked for.
var DefaultActors = []string{"CN", "US"}

// AllSplit labels the single series of a trend without a split.
const AllSplit = "all"

// maxBuckets bounds the number of buckets (time buckets times split
// values) a trend fills in, so that --by day over decades fails clearly
// instead of printing forever, and one request's work stays bounded.
const maxBuckets = 50000

// TrendQuery asks how the actors are framed over time in the articles
// matching Text and the filters.
type TrendQuery struct {
	Text string
	Filters
	// By is the bucket width; "" means Month.
	By Period
	// Actors are the actor IDs to count; empty means DefaultActors.
	Actors []string
	// Split breaks each bucket down by language, source or source country.
	Split Split
	// Unit is what is counted; "" means UnitArticle.
	Unit Unit
	// MaxCells, when above 0, bounds the cells of the answer (time
	// buckets times split values times actors): a trend that would have
	// more fails with ErrTooLarge before any is filled in, as a server
	// bounds what one request may ask for.
	MaxCells int
}

// Result returns the empty answer to q: its period (Month when unset),
// split and unit (UnitArticle when unset), checked, and DefaultActors when
// q names no actors. An engine adds the actors q names, as it holds them,
// and fills the buckets. Unknown periods, splits and units are errors
// wrapping ErrBadQuery.
func (q TrendQuery) Result() (*TrendResult, error) {
	res := &TrendResult{By: q.By, Split: q.Split, Unit: q.Unit, maxCells: q.MaxCells}
	if res.By == "" {
		res.By = Month
	}
	if _, err := ParsePeriod(string(res.By)); err != nil {
		return nil, err
	}
	if _, err := ParseSplit(string(res.Split)); err != nil {
		return nil, err
	}
	if res.Unit == "" {
		res.Unit = UnitArticle
	}
	if _, err := ParseUnit(string(res.Unit)); err != nil {
		return nil, err
	}
	if len(q.Actors) == 0 {
		res.Actors = append([]string(nil), DefaultActors...)
	}
	return res, nil
}

// ActorCounts are one actor's leader and catching-up counts in a bucket.
// The shares are of Leader+CatchingUp, and CILow..CIHigh is the 95% Wilson
// interval of CatchingUpShare; with no counts the shares are 0 and the
// interval is 0..1.
//
// Mentions is the attention the actor gets: the articles of the bucket
// (stories for UnitStory) that mention it, framed or not, whatever the
// unit; Framed those of them that frame it with any frame. MentionShare is
// Mentions over the bucket's articles (Media Cloud's normalised attention)
// and FramedShare Framed over Mentions; both 0 when their denominator is.
type ActorCounts struct {
	Leader          int     `json:"leader"`
	CatchingUp      int     `json:"catching-up"`
	LeaderShare     float64 `json:"leader_share"`
	CatchingUpShare float64 `json:"catching_up_share"`
	CILow           float64 `json:"ci_low"`
	CIHigh          float64 `json:"ci_high"`
	Mentions        int     `json:"mentions"`
	Framed          int     `json:"framed"`
	MentionShare    float64 `json:"mention_share"`
	FramedShare     float64 `json:"framed_share"`
}

// WithAttention returns ac with the mention and framed counts of a bucket
// of articles articles, and their shares.
func (ac ActorCounts) WithAttention(articles, mentions, framed int) ActorCounts {
	ac.Mentions, ac.Framed = mentions, framed
	ac.MentionShare, ac.FramedShare = 0, 0
	if articles > 0 {
		ac.MentionShare = float64(mentions) / float64(articles)
	}
	if mentions > 0 {
		ac.FramedShare = float64(framed) / float64(mentions)
	}
	return ac
}

// NewActorCounts returns the counts with their shares and the Wilson
// interval of the catching-up share.
func NewActorCounts(leader, catchingUp int) ActorCounts {
	ac := ActorCounts{Leader: leader, CatchingUp: catchingUp}
	n := leader + catchingUp
	ac.CILow, ac.CIHigh = Wilson(catchingUp, n)
	if n > 0 {
		ac.LeaderShare = float64(leader) / float64(n)
		ac.CatchingUpShare = float64(catchingUp) / float64(n)
	}
	return ac
}

// Bucket is one time bucket of one split value.
type Bucket struct {
	// Start and End are the first and last day of the bucket (YYYY-MM-DD),
	// in the time zone each article was published in.
	Start string `json:"start"`
	End   string `json:"end"`
	// Split is the language, source or country, or AllSplit.
	Split string `json:"split"`
	// Articles is the number of matching articles in the bucket (distinct
	// stories when the unit is UnitStory).
	Articles int                    `json:"articles"`
	Actors   map[string]ActorCounts `json:"actors"`
}

// TrendResult is the answer to a TrendQuery: buckets in time order, each
// time bucket once per split value, with empty buckets filled in between the
// first and last (or the Since and Until filters).
type TrendResult struct {
	By      Period   `json:"-"`
	Split   Split    `json:"-"`
	Unit    Unit     `json:"-"`
	Actors  []string `json:"-"`
	Buckets []Bucket `json:"buckets"`
	// maxCells is the query's MaxCells.
	maxCells int
}

// Tally is what an engine counted in one time bucket for one split value:
// the matching articles (distinct stories for UnitStory) and, per actor of
// the result in its order, the leader and catching-up counts and the
// articles (stories) mentioning the actor and framing it (see
// ActorCounts).
type Tally struct {
	Articles int
	Counts   [][2]int
	// Attention holds per actor the mentions and the framed mentions.
	Attention [][2]int
}

// Fill sets res.Buckets from tallies keyed by bucket key (res.By.Key) and
// split value, adding empty buckets so that every split value has every
// bucket from the first to the last, or from since to until (exclusive)
// when they are set. Without bounds, buckets outside the plausible
// publication dates (corpus.DefaultLimits) are left out. More than
// maxBuckets buckets, or more cells than the query's MaxCells, is an error
// wrapping ErrTooLarge, found before any bucket is made.
func (res *TrendResult) Fill(tallies map[string]map[string]*Tally, since, until time.Time) error {
	first, last, splits := res.span(tallies, since, until)
	if first == "" {
		return nil // nothing matched and no bounds
	}
	start, err := res.By.Start(first)
	if err != nil {
		return err
	}
	end, err := res.By.Start(last)
	if err != nil {
		return err
	}
	n := 0
	for t := start; !t.After(end) && n*len(splits) <= maxBuckets; t = res.By.Next(t) {
		n++
	}
	if n*len(splits) > maxBuckets {
		return fmt.Errorf("%w: more than %d buckets; use a wider period or --since/--until", ErrTooLarge, maxBuckets)
	}
	if cells := n * len(splits) * max(1, len(res.Actors)); res.maxCells > 0 && cells > res.maxCells {
		return fmt.Errorf("%w: %d cells (%d %s buckets × %d split values × %d actors), more than %d; use a wider period, fewer actors, no split or a shorter date range",
			ErrTooLarge, cells, n, res.By, len(splits), max(1, len(res.Actors)), res.maxCells)
	}
	res.Buckets = make([]Bucket, 0, n*len(splits))
	for t := start; !t.After(end); t = res.By.Next(t) {
		k := res.By.Key(t)
		next := res.By.Next(t)
		for _, sp := range splits {
			b := Bucket{
				Start:  t.Format("2006-01-02"),
				End:    next.AddDate(0, 0, -1).Format("2006-01-02"),
				Split:  sp,
				Actors: make(map[string]ActorCounts, len(res.Actors)),
			}
			tl := tallies[k][sp]
			if tl != nil {
				b.Articles = tl.Articles
			}
			for i, a := range res.Actors {
				var l, c, m, f int
				if tl != nil && i < len(tl.Counts) {
					l, c = tl.Counts[i][0], tl.Counts[i][1]
				}
				if tl != nil && i < len(tl.Attention) {
					m, f = tl.Attention[i][0], tl.Attention[i][1]
				}
				b.Actors[a] = NewActorCounts(l, c).WithAttention(b.Articles, m, f)
			}
			res.Buckets = append(res.Buckets, b)
		}
	}
	return nil
}

// span returns the first and last bucket keys to fill and the split values,
// sorted.
func (res *TrendResult) span(tallies map[string]map[string]*Tally, since, until time.Time) (first, last string, splits []string) {
	splitSet := map[string]bool{}
	limits, now := corpus.DefaultLimits(), time.Now()
	for k, bySplit := range tallies {
		if t, err := res.By.Start(k); err == nil && since.IsZero() && until.IsZero() && !limits.PlausibleDate(t, now) {
			continue // a date no article can have, left by an older import
		}
		if first == "" || k < first {
			first = k
		}
		if last == "" || k > last {
			last = k
		}
		for sp := range bySplit {
			splitSet[sp] = true
		}
	}
	if !since.IsZero() {
		first = res.By.Key(since)
		if last == "" {
			last = first
		}
	}
	if !until.IsZero() {
		last = res.By.Key(until.Add(-time.Nanosecond))
		if first == "" {
			first = last
		}
	}
	if res.Split == SplitNone {
		splitSet[AllSplit] = true
	}
	splits = make([]string, 0, len(splitSet))
	for sp := range splitSet {
		splits = append(splits, sp)
	}
	sort.Strings(splits)
	return first, last, splits
}

// WriteCSV writes res as CSV in long format: a header row, then one row per
// bucket, split value and actor with start, end, split, articles, actor,
// leader, catching_up, leader_share, catching_up_share, ci_low, ci_high,
// mentions, framed, mention_share and framed_share.
func (res *TrendResult) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"start", "end", "split", "articles", "actor", "leader", "catching_up", "leader_share", "catching_up_share", "ci_low", "ci_high", "mentions", "framed", "mention_share", "framed_share"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }
	for _, b := range res.Buckets {
		for _, a := range res.Actors {
			c := b.Actors[a]
			cw.Write([]string{b.Start, b.End, corpus.SafeCell(b.Split), strconv.Itoa(b.Articles), corpus.SafeCell(a),
				strconv.Itoa(c.Leader), strconv.Itoa(c.CatchingUp),
				f(c.LeaderShare), f(c.CatchingUpShare), f(c.CILow), f(c.CIHigh),
				strconv.Itoa(c.Mentions), strconv.Itoa(c.Framed), f(c.MentionShare), f(c.FramedShare)})
		}
	}
	cw.Flush()
	return cw.Error()
}
