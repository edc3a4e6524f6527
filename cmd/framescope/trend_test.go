package main

import (
	"encoding/csv"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestTrendCommandJSON(t *testing.T) {
	data := queryTestData(t)
	code, out, errOut := runQuery(t, "trend", "*", "--data", data, "--split", "lang", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The exact shape, read generically.
	var doc map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(doc) != 1 || doc["buckets"] == nil {
		t.Fatalf("top level keys: %v", out)
	}
	buckets := doc["buckets"]
	// March to May 2023, en and zh each.
	if len(buckets) != 6 {
		t.Fatalf("%d buckets, want 6:\n%s", len(buckets), out)
	}
	keys := func(m map[string]any) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		sort.Strings(k)
		return k
	}
	if got := keys(buckets[0]); !reflect.DeepEqual(got, []string{"actors", "articles", "end", "split", "start"}) {
		t.Errorf("bucket keys = %v", got)
	}
	wantActor := []string{"catching-up", "catching_up_share", "ci_high", "ci_low", "framed", "framed_share", "leader", "leader_share", "mention_share", "mentions"}
	type cell struct {
		articles, cnL, cnC, usL, usC float64
	}
	want := map[string]cell{
		"2023-03-01|en": {1, 0, 1, 1, 0},
		"2023-03-01|zh": {1, 0, 1, 1, 0},
		"2023-04-01|en": {1, 0, 1, 0, 0},
		"2023-04-01|zh": {0, 0, 0, 0, 0},
		"2023-05-01|en": {0, 0, 0, 0, 0},
		"2023-05-01|zh": {1, 1, 0, 0, 0},
	}
	for _, b := range buckets {
		actors := b["actors"].(map[string]any)
		if got := keys(actors); !reflect.DeepEqual(got, []string{"CN", "US"}) {
			t.Errorf("default actors = %v", got)
		}
		key := b["start"].(string) + "|" + b["split"].(string)
		w, ok := want[key]
		if !ok {
			t.Errorf("unexpected bucket %s", key)
			continue
		}
		cn, us := actors["CN"].(map[string]any), actors["US"].(map[string]any)
		if got := keys(cn); !reflect.DeepEqual(got, wantActor) {
			t.Errorf("actor keys = %v", got)
		}
		got := cell{b["articles"].(float64), cn["leader"].(float64), cn["catching-up"].(float64), us["leader"].(float64), us["catching-up"].(float64)}
		if got != w {
			t.Errorf("%s = %+v, want %+v", key, got, w)
		}
		for _, a := range []map[string]any{cn, us} {
			if lo, s, hi := a["ci_low"].(float64), a["catching_up_share"].(float64), a["ci_high"].(float64); !(lo <= s && s <= hi) {
				t.Errorf("%s: ci %v..%v excludes %v", key, lo, hi, s)
			}
		}
	}
	if buckets[0]["end"] != "2023-03-31" {
		t.Errorf("first bucket ends %v, want 2023-03-31", buckets[0]["end"])
	}
}

func TestTrendCommandTableAndCSV(t *testing.T) {
	data := queryTestData(t)
	code, out, errOut := runQuery(t, "trend", "--data", data, "--by", "quarter", "--actor", "CN", "人工智能 OR AI")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "CN catching-up share (95% CI)") || strings.Contains(lines[0], "US") {
		t.Fatalf("table:\n%s", out)
	}
	// 2023 Q1: z1 and e1 frame CN as catching-up; Q2: z2 frames it leader.
	if f := strings.Fields(lines[1]); f[0] != "2023-Q1" || f[1] != "2" || f[2] != "2" || f[3] != "(100%)" || f[4] != "0" || f[5] != "2" || f[6] != "100%" {
		t.Errorf("Q1 row = %q", lines[1])
	}
	if f := strings.Fields(lines[2]); f[0] != "2023-Q2" || f[1] != "1" || f[2] != "1" || f[3] != "(100%)" || f[4] != "1" || f[5] != "0" || f[6] != "0%" {
		t.Errorf("Q2 row = %q", lines[2])
	}

	code, out, errOut = runQuery(t, "trend", "--data", data, "--format", "csv", "--split", "source", "--unit", "attribution", "--actor", "CN,US", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Months 2023-03 and 2023-04, one source, two actors.
	if len(rows) != 5 || strings.Join(rows[0], ",") != "start,end,split,articles,actor,leader,catching_up,leader_share,catching_up_share,ci_low,ci_high,mentions,framed,mention_share,framed_share" {
		t.Fatalf("csv:\n%s", out)
	}
	if strings.Join(rows[1][:7], ",") != "2023-03-01,2023-03-31,wire,1,CN,0,1" {
		t.Errorf("first row = %v", rows[1])
	}
}

func TestTrendCommandErrors(t *testing.T) {
	data := queryTestData(t)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--by", "fortnight"}, "--by"},
		{[]string{"--split", "author"}, "--split"},
		{[]string{"--unit", "word"}, "--unit"},
		{[]string{"--actor", "nobody"}, `unknown actor "nobody"`},
		{[]string{"--since", "2023-02-30"}, "--since"},
		{[]string{"--country", "XX"}, `unknown country "XX"`},
	} {
		code, _, errOut := runQuery(t, append([]string{"trend", "--data", data, "*"}, tc.args...)...)
		if code != exitUsage || !strings.Contains(errOut, tc.msg) {
			t.Errorf("trend %v: exit %d, stderr %q; want usage error mentioning %q", tc.args, code, errOut, tc.msg)
		}
	}
}
