package web

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/terms"
)

func analyticsServer(t *testing.T) *Server {
	f := testFixture(t)
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	opts := f.options(nil)
	opts.Tokenizer = terms.NewTokenizer(seg)
	return newServer(t, opts)
}

func TestAPITerms(t *testing.T) {
	s := analyticsServer(t)
	for _, path := range []string{"/api/terms?q=*&lang=zh", "/api/terms?split=lang&limit=5", "/api/terms?q=AI&vs=" + "%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD"} {
		rec := get(t, s, path)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
		var res terms.Result
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		lists := [][]terms.Term{res.Terms, res.VsTerms}
		for _, sp := range res.Splits {
			lists = append(lists, sp.Terms)
			if len(sp.Terms) > 5 {
				t.Errorf("%s: %d terms over the limit", path, len(sp.Terms))
			}
		}
		for _, l := range lists {
			for _, x := range l {
				if len([]rune(x.Term)) < 2 || x.Score <= 0 || x.Count < 1 {
					t.Errorf("%s: term %+v", path, x)
				}
			}
		}
	}
	rec := get(t, s, "/api/terms?split=lang&format=csv")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "side,term,count,docs,other_count,log_odds,score" {
		t.Errorf("csv: %v %v", err, rows[:min(2, len(rows))])
	}
	if rec := get(t, s, "/api/terms?vs=x&split=lang"); rec.Code != 400 {
		t.Errorf("vs with split: %d", rec.Code)
	}
	if rec := get(t, s, "/terms?q=AI&split=lang"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Distinctive words") {
		t.Errorf("terms page %d", rec.Code)
	}
	// Without a tokenizer the words are not served.
	f := testFixture(t)
	if rec := get(t, newServer(t, f.options(nil)), "/api/terms"); rec.Code != 404 {
		t.Errorf("no tokenizer: %d", rec.Code)
	}
}

func TestAPIPairsAndAttention(t *testing.T) {
	s := analyticsServer(t)
	rec := get(t, s, "/api/pairs?window=30")
	if rec.Code != 200 {
		t.Fatalf("pairs: %d %s", rec.Code, rec.Body)
	}
	var res pairsResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Window != 30 || len(res.Pairs) < 4 {
		t.Fatalf("pairs: %v %+v", err, res)
	}
	for _, p := range res.Pairs {
		if p.Western.Articles > p.Western.All || p.Chinese.Articles > p.Chinese.All || p.Western.Outlets > p.Western.Articles {
			t.Errorf("pair row %+v", p)
		}
	}
	if rec := get(t, s, "/api/pairs?window=0"); rec.Code != 400 {
		t.Errorf("window 0: %d", rec.Code)
	}
	rec = get(t, s, "/api/trend?by=year&split=none&actor=CN")
	var tr struct {
		Buckets []struct {
			Articles int
			Actors   map[string]map[string]float64
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tr); err != nil || len(tr.Buckets) == 0 {
		t.Fatalf("trend: %v %s", err, rec.Body)
	}
	for _, b := range tr.Buckets {
		c, ok := b.Actors["CN"]
		if _, has := c["mentions"]; !ok || !has || c["mentions"] > float64(b.Articles) || c["mentions"] < c["leader"] {
			t.Errorf("bucket %+v", b)
		}
	}
	page := get(t, s, "/trend?by=year").Body.String()
	if !strings.Contains(page, "Attention over time") {
		t.Error("trend page lacks the attention chart")
	}
}
