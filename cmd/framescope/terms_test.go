package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
)

// termsTestData is queryTestData with the articles in the store too.
func termsTestData(t *testing.T) string {
	data := queryTestData(t)
	store, err := corpus.Open(storeDir(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range queryTestDocs() {
		if _, err := store.Put(d.Article); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestTermsCommand(t *testing.T) {
	data := termsTestData(t)
	code, out, errOut := runQuery(t, "terms", "--data", data, "--format", "json", "--min-count", "1", "人工智能 OR AI")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Articles int
		Terms    []struct {
			Term  string
			Count int
			Docs  int
			Score float64
		}
		Vs string
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Articles == 0 || res.Vs != "(the rest)" {
		t.Errorf("result %+v", res)
	}
	for _, x := range res.Terms {
		if utf8.RuneCountInString(x.Term) < 2 || x.Score <= 0 || x.Docs > x.Count {
			t.Errorf("term %+v", x)
		}
	}
	code, out, errOut = runQuery(t, "terms", "--data", data, "--format", "csv", "--split", "lang", "--min-count", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "side" {
		t.Fatalf("csv %v:\n%s", err, out)
	}
	for _, r := range rows[1:] {
		if r[0] != "zh" && r[0] != "en" {
			t.Errorf("side %q", r[0])
		}
	}
	if code, _, _ := runQuery(t, "terms", "--data", data, "--vs", "AI", "--split", "lang"); code != exitUsage {
		t.Errorf("--vs with --split: exit %d, want %d", code, exitUsage)
	}
	if code, out, _ := runQuery(t, "terms", "--data", data, "--min-count", "1", "--vs", "人工智能", "AI"); code != 0 || !strings.Contains(out, "人工智能 (") && !strings.Contains(out, "AI (") {
		t.Errorf("table with --vs: exit %d\n%s", code, out)
	}
}
