package index

import (
	"strings"
	"testing"
)

// TestCSVNeutralisesFormulas: cells from article data that a spreadsheet
// would run as formulas are written with a leading apostrophe.
func TestCSVNeutralisesFormulas(t *testing.T) {
	res := &SearchResult{Hits: []Hit{{Source: "@src", Title: "=HYPERLINK(\"http://evil\")", URL: "https://x.example/a"}}}
	var b strings.Builder
	if err := res.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `'=HYPERLINK`) || !strings.Contains(b.String(), "'@src") {
		t.Errorf("search CSV:\n%s", b.String())
	}
	tr := &TrendResult{Actors: []string{"CN"}, Buckets: []Bucket{{Start: "2024-01-01", End: "2024-02-01", Split: "+cmd", Actors: map[string]ActorCounts{}}}}
	b.Reset()
	if err := tr.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ",'+cmd,") {
		t.Errorf("trend CSV:\n%s", b.String())
	}
}
