package bleve

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// expected counts one trend directly from the fixture docs, month by month
// in each article's own time zone, split by language.
type expCell struct {
	articles int
	counts   map[string][2]int
	attn     map[string][2]int // mentioning, framing articles (stories)
}

func expectMonthByLang(docs []index.Doc, actors []string, unit index.Unit) map[string]*expCell {
	out := map[string]*expCell{}
	stories := map[string]map[string]bool{}
	sets := map[string]map[string]bool{} // key|actor|frame → stories
	for _, d := range docs {
		key := d.Article.Published.Format("2006-01") + "|" + string(d.Article.Lang)
		c := out[key]
		if c == nil {
			c = &expCell{counts: map[string][2]int{}, attn: map[string][2]int{}}
			out[key] = c
			stories[key] = map[string]bool{}
		}
		story := d.Article.Story
		if story == "" {
			story = d.Article.ID
		}
		stories[key][story] = true
		c.articles++
		for _, a := range actors {
			mentioned, framed := slices.Contains(d.Analysis.Actors, a), false
			for _, at := range d.Analysis.Frames {
				if at.Actor == a {
					mentioned, framed = true, true
				}
			}
			for j, yes := range []bool{mentioned, framed} {
				sk := key + "|" + a + "|attn" + strconv.Itoa(j)
				if sets[sk] == nil {
					sets[sk] = map[string]bool{}
				}
				if yes && (unit != index.UnitStory || !sets[sk][story]) {
					sets[sk][story] = true
					n := c.attn[a]
					n[j]++
					c.attn[a] = n
				}
			}
			for _, at := range d.Analysis.Frames {
				if at.Actor != a {
					continue
				}
				fi := -1
				switch at.Frame {
				case corpus.Leader:
					fi = 0
				case corpus.CatchingUp:
					fi = 1
				}
				if fi < 0 {
					continue
				}
				n := c.counts[a]
				switch unit {
				case index.UnitArticle:
					n[fi]++
				case index.UnitAttribution:
					n[fi] += max(1, len(at.Evidence))
				case index.UnitStory:
					sk := key + "|" + a + "|" + string(at.Frame)
					if sets[sk] == nil {
						sets[sk] = map[string]bool{}
					}
					if !sets[sk][story] {
						sets[sk][story] = true
						n[fi]++
					}
				}
				c.counts[a] = n
			}
		}
	}
	if unit == index.UnitStory {
		for k, c := range out {
			c.articles = len(stories[k])
		}
	}
	return out
}

func TestTrendCounts(t *testing.T) {
	b := openFixture(t)
	actors := []string{"CN", "US", "EU"}
	for _, unit := range []index.Unit{index.UnitArticle, index.UnitAttribution, index.UnitStory} {
		t.Run(string(unit), func(t *testing.T) {
			res, err := b.Trend(context.Background(), index.TrendQuery{Actors: actors, Split: index.SplitLang, Unit: unit})
			if err != nil {
				t.Fatal(err)
			}
			want := expectMonthByLang(fixtures(), actors, unit)
			// March to July 2023, two languages each.
			if len(res.Buckets) != 10 {
				t.Fatalf("got %d buckets, want 10: %+v", len(res.Buckets), res.Buckets)
			}
			seen := 0
			for _, bk := range res.Buckets {
				key := bk.Start[:7] + "|" + bk.Split
				w := want[key]
				if w == nil {
					w = &expCell{counts: map[string][2]int{}, attn: map[string][2]int{}}
				} else {
					seen++
				}
				if bk.Articles != w.articles {
					t.Errorf("%s articles = %d, want %d", key, bk.Articles, w.articles)
				}
				for _, a := range actors {
					got := bk.Actors[a]
					if got.Leader != w.counts[a][0] || got.CatchingUp != w.counts[a][1] {
						t.Errorf("%s %s = %d leader / %d catching-up, want %d / %d", key, a, got.Leader, got.CatchingUp, w.counts[a][0], w.counts[a][1])
					}
					if got.Mentions != w.attn[a][0] || got.Framed != w.attn[a][1] {
						t.Errorf("%s %s = %d mentions / %d framed, want %d / %d", key, a, got.Mentions, got.Framed, w.attn[a][0], w.attn[a][1])
					}
					if bk.Articles > 0 && math.Abs(got.MentionShare-float64(got.Mentions)/float64(bk.Articles)) > 1e-12 {
						t.Errorf("%s %s mention share %v", key, a, got.MentionShare)
					}
					checkShares(t, key+" "+a, got)
				}
			}
			if seen != len(want) {
				t.Errorf("matched %d of %d expected cells", seen, len(want))
			}
		})
	}
}

func checkShares(t *testing.T, what string, ac index.ActorCounts) {
	t.Helper()
	n := ac.Leader + ac.CatchingUp
	if !(ac.CILow <= ac.CatchingUpShare && ac.CatchingUpShare <= ac.CIHigh) {
		t.Errorf("%s: ci %v..%v does not contain %v", what, ac.CILow, ac.CIHigh, ac.CatchingUpShare)
	}
	if n == 0 {
		if ac.LeaderShare != 0 || ac.CatchingUpShare != 0 || ac.CILow != 0 || ac.CIHigh != 1 {
			t.Errorf("%s: empty counts give %+v", what, ac)
		}
		return
	}
	if math.Abs(ac.CatchingUpShare-float64(ac.CatchingUp)/float64(n)) > 1e-12 || math.Abs(ac.LeaderShare+ac.CatchingUpShare-1) > 1e-12 {
		t.Errorf("%s: shares %+v", what, ac)
	}
	lo, hi := index.Wilson(ac.CatchingUp, n)
	if ac.CILow != lo || ac.CIHigh != hi {
		t.Errorf("%s: ci %v..%v, want %v..%v", what, ac.CILow, ac.CIHigh, lo, hi)
	}
}

func TestTrendSpecificCells(t *testing.T) {
	b := openFixture(t)
	ctx := context.Background()
	// Quarterly, no split, default actors CN and US.
	res, err := b.Trend(ctx, index.TrendQuery{By: index.Quarter})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Buckets) != 3 {
		t.Fatalf("buckets = %+v, want 2023 Q1..Q3", res.Buckets)
	}
	q1 := res.Buckets[0]
	if q1.Start != "2023-01-01" || q1.End != "2023-03-31" || q1.Split != index.AllSplit || q1.Articles != 3 {
		t.Errorf("Q1 = %+v", q1)
	}
	// zh1, zh2 and en1 frame CN as catching-up; zh1, en1 frame US as leader.
	if cn := q1.Actors["CN"]; cn.Leader != 0 || cn.CatchingUp != 3 || cn.CatchingUpShare != 1 {
		t.Errorf("Q1 CN = %+v", cn)
	}
	if us := q1.Actors["US"]; us.Leader != 2 || us.CatchingUp != 0 {
		t.Errorf("Q1 US = %+v", us)
	}
	// zh2 mentions US without framing it: 3 mentions, 2 framed, attention 3/3.
	if us := q1.Actors["US"]; us.Mentions != 3 || us.Framed != 2 || us.MentionShare != 1 || math.Abs(us.FramedShare-2.0/3) > 1e-12 {
		t.Errorf("Q1 US attention = %+v", us)
	}
	if q3 := res.Buckets[2]; q3.Articles != 2 || q3.Actors["CN"].CILow != 0 || q3.Actors["CN"].CIHigh != 1 {
		t.Errorf("Q3 = %+v", q3)
	}

	// A query and a filter: English articles about the gap, by source.
	res, err = b.Trend(ctx, index.TrendQuery{Text: `"closing the gap"`, Split: index.SplitSource, Actors: []string{"cn"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Buckets) != 2 || res.Buckets[0].Split != "gazette" || res.Buckets[1].Split != "wire" {
		t.Fatalf("buckets = %+v", res.Buckets)
	}
	for _, bk := range res.Buckets {
		if bk.Articles != 1 || bk.Actors["CN"].CatchingUp != 1 {
			t.Errorf("bucket %+v", bk)
		}
	}
	// The same story twice counts once by story.
	res, err = b.Trend(ctx, index.TrendQuery{Text: `"closing the gap"`, Unit: index.UnitStory, Actors: []string{"CN"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Buckets) != 1 || res.Buckets[0].Articles != 1 || res.Buckets[0].Actors["CN"].CatchingUp != 1 {
		t.Errorf("by story: %+v", res.Buckets)
	}

	// Since and Until extend the time line with empty buckets.
	res, err = b.Trend(ctx, index.TrendQuery{By: index.Week, Filters: index.Filters{
		Lang:  []corpus.Lang{"zh"},
		Since: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC),
	}})
	if err != nil {
		t.Fatal(err)
	}
	// Weeks starting Mon 2023-02-27 to Mon 2023-03-27; zh3 (April 1st in
	// Shanghai) is before Until in UTC but counted in its local week.
	if first, last := res.Buckets[0], res.Buckets[len(res.Buckets)-1]; first.Start != "2023-02-27" || first.End != "2023-03-05" || last.Start != "2023-03-27" {
		t.Errorf("weeks %s..%s, want 2023-02-27..2023-03-27", first.Start, last.Start)
	}
	total := 0
	for _, bk := range res.Buckets {
		total += bk.Articles
	}
	if total != 3 {
		t.Errorf("zh articles in March = %d, want 3", total)
	}
}

func TestTrendBadQueries(t *testing.T) {
	b := openFixture(t)
	for _, q := range []index.TrendQuery{
		{By: "fortnight"},
		{Split: "author"},
		{Unit: "word"},
		{Actors: []string{"nobody"}},
		{Text: "foo:bar"},
		{Filters: index.Filters{Source: []string{"nosuch"}}},
	} {
		if _, err := b.Trend(context.Background(), q); !errors.Is(err, index.ErrBadQuery) {
			t.Errorf("trend %+v: err %v, want ErrBadQuery", q, err)
		}
	}
}
