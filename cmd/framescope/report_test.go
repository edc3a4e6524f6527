package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// readCSVString parses CSV into header-keyed rows.
func readCSVString(t *testing.T, s string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v\n%s", err, s)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func TestReportCommand(t *testing.T) {
	data := queryTestData(t)
	dir := t.TempDir()
	events := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(events, []byte("date,label,actor\n2023-04-01,Test event,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"", "AI OR 人工智能"} {
		t.Run("query="+query, func(t *testing.T) {
			out := filepath.Join(dir, "report"+strconv.Itoa(len(query)))
			code, stdout, stderr := runQuery(t, "report", "--data", data, "--out", out, "--query", query, "--actors", "CN,US",
				"--events", events, "--reference", filepath.Join("examples", "reference-gap.csv"), "--ref-actor", "CN")
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, stdout, stderr)
			}
			if !strings.Contains(stdout, "report.html") {
				t.Errorf("stdout = %q, want the report's path", stdout)
			}
			for _, name := range []string{"report.html", "report.md", "trend.csv", "frames.json", "share-CN.png", "share-CN.svg", "perception-gap.png",
				"reference-mmlu_gap_pp.png", "reference_correlation.csv"} {
				if st, err := os.Stat(filepath.Join(out, name)); err != nil || st.Size() == 0 {
					t.Errorf("%s missing or empty: %v", name, err)
				}
			}
			ev, err := os.ReadFile(filepath.Join(out, "events.csv"))
			if err != nil || !strings.Contains(string(ev), "Test event") || !strings.Contains(string(ev), "ERNIE Bot") {
				t.Errorf("events.csv lacks the added or default events: %s %v", ev, err)
			}

			// trend.csv matches 'framescope trend' for the same query.
			args := []string{"trend", "--data", data, "--split", "lang", "--actor", "CN,US", "--format", "csv"}
			if query != "" {
				args = append(args, query)
			}
			code, trendOut, stderr := runQuery(t, args...)
			if code != 0 {
				t.Fatalf("trend: exit %d: %s", code, stderr)
			}
			want := readCSVString(t, trendOut)
			got, err := os.ReadFile(filepath.Join(out, "trend.csv"))
			if err != nil {
				t.Fatal(err)
			}
			rows := readCSVString(t, string(got))
			if len(rows) != len(want) || len(rows) == 0 {
				t.Fatalf("trend.csv has %d rows, trend printed %d", len(rows), len(want))
			}
			num := func(s string) float64 {
				if s == "" {
					return 0 // no counts: the report leaves the share empty, trend prints 0
				}
				f, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatalf("bad number %q", s)
				}
				return f
			}
			for i, w := range want {
				r := rows[i]
				if r["start"] != w["start"] || r["end"] != w["end"] || r["lang"] != w["split"] || r["actor"] != w["actor"] ||
					r["articles"] != w["articles"] || r["leader"] != w["leader"] || r["catching_up"] != w["catching_up"] {
					t.Errorf("row %d: report %v, trend %v", i, r, w)
					continue
				}
				if num(w["leader"])+num(w["catching_up"]) == 0 {
					continue
				}
				for _, col := range []string{"catching_up_share", "ci_low", "ci_high"} {
					if d := num(r[col]) - num(w[col]); d > 1e-6 || d < -1e-6 {
						t.Errorf("row %d %s: report %s, trend %s", i, col, r[col], w[col])
					}
				}
			}
		})
	}
}

func TestReportCommandUsage(t *testing.T) {
	data := queryTestData(t)
	dir := t.TempDir()
	badEvents := filepath.Join(dir, "bad-events.csv")
	if err := os.WriteFile(badEvents, []byte("2023-02-30,Nonsense\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad from", []string{"--from", "March 2023"}, "--from"},
		{"to before from", []string{"--from", "2024-01-01", "--to", "2023-01-01"}, "not before --to"},
		{"unknown actor", []string{"--actors", "CN,nosuch"}, "nosuch"},
		{"bad period", []string{"--by", "decade"}, "--by"},
		{"bad events", []string{"--events", badEvents}, "events line 1"},
		{"missing reference", []string{"--reference", filepath.Join(dir, "none.csv")}, "none.csv"},
		{"reference actor not reported", []string{"--reference", filepath.Join("examples", "reference-gap.csv"), "--ref-actor", "EU"}, "reference actor"},
		{"positional argument", []string{"DeepSeek"}, "--query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"report", "--data", data, "--out", filepath.Join(dir, "out")}, tc.args...)
			code, _, stderr := runQuery(t, args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tc.want)
			}
		})
	}

	code, stdout, _ := runQuery(t, "report", "--help")
	if code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	for _, flag := range []string{"-data", "-from", "-to", "-actors", "-by", "-query", "-out", "-events", "-no-default-events",
		"-window", "-reference", "-ref-actor", "-max-lag", "-gold", "-codebook", "-samples"} {
		if !regexp.MustCompile(`(?m)^  ` + flag + `( |$)`).MatchString(stdout) {
			t.Errorf("--help does not describe %s:\n%s", flag, stdout)
		}
	}
}

func TestReportCommandGold(t *testing.T) {
	data := queryTestData(t)
	out := filepath.Join(t.TempDir(), "report")
	gold := filepath.Join("..", "..", "analyzer", "testdata", "gold.jsonl")
	code, stdout, stderr := runQuery(t, "report", "--data", data, "--out", out, "--gold", gold, "--samples", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	rows := readCSVFile(t, filepath.Join(out, "validation_summary.csv"))
	if len(rows) != 2 || rows[0]["level"] != "actor" || rows[1]["level"] != "country" {
		t.Fatalf("validation_summary.csv = %v", rows)
	}
	for _, r := range rows {
		for _, col := range []string{"macro_f1", "cohen_kappa", "krippendorff_alpha"} {
			if v, err := strconv.ParseFloat(r[col], 64); err != nil || v < -1 || v > 1 {
				t.Errorf("%s %s = %q", r["level"], col, r[col])
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Agreement with the gold sample", "Confusion of directions", `the index was built with codebook`} {
		if !strings.Contains(string(page), s) {
			t.Errorf("report.html lacks %q", s)
		}
	}
	if samples := readCSVFile(t, filepath.Join(out, "samples.csv")); len(samples) != 0 {
		t.Errorf("--samples 0 wrote %d samples", len(samples))
	}
}

func readCSVFile(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readCSVString(t, string(b))
}
