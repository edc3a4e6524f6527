package synth

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
)

func TestGeneratorDeterministic(t *testing.T) {
	g := New(7)
	if a, b := g.Article(42), New(7).Article(42); !reflect.DeepEqual(a, b) {
		t.Error("article 42 differs between generators with the same seed")
	}
	if a, b := g.Article(42), New(8).Article(42); reflect.DeepEqual(a, b) {
		t.Error("article 42 is the same for different seeds")
	}
}

func TestGeneratorShape(t *testing.T) {
	g := New(1)
	langs := map[corpus.Lang]int{}
	years := map[int]bool{}
	framed, chars := 0, 0
	const n = 2000
	for i := 0; i < n; i++ {
		d := g.Article(i)
		a := d.Article
		langs[a.Lang]++
		years[a.Published.Year()] = true
		chars += utf8.RuneCountInString(a.Text)
		if a.ID == "" || a.Source == "" || a.Country == "" || a.Title == "" || a.Published.Before(Start) || !a.Published.Before(End.AddDate(0, 0, 1)) {
			t.Fatalf("article %d incomplete: %+v", i, a)
		}
		if len(d.Analysis.Frames) > 0 {
			framed++
		}
		for _, at := range d.Analysis.Frames {
			if !at.Frame.Valid() || len(at.Evidence) == 0 {
				t.Fatalf("article %d: bad attribution %+v", i, at)
			}
			found := false
			for _, id := range d.Analysis.Actors {
				found = found || id == at.Actor
			}
			if !found {
				t.Fatalf("article %d: framed actor %s not among actors %v", i, at.Actor, d.Analysis.Actors)
			}
		}
	}
	if langs[corpus.Chinese] < n/3 || langs[corpus.English] < n/3 {
		t.Errorf("languages = %v, want both well represented", langs)
	}
	if !years[2022] || !years[2023] || !years[2024] || !years[2025] {
		t.Errorf("years = %v, want 2022-2025", years)
	}
	if framed < n/2 {
		t.Errorf("%d of %d articles framed", framed, n)
	}
	if avg := chars / n; avg < 400 || avg > 3000 {
		t.Errorf("average length %d characters", avg)
	}
}
