package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestFormatFlags checks that the commands that print data take --format,
// that --json stays a way to say --format json, and that bad formats are
// usage errors.
func TestFormatFlags(t *testing.T) {
	data := queryTestData(t)
	for _, args := range [][]string{
		{"status", "--data", data, "--format", "json"},
		{"status", "--data", data, "--json"},
		{"status", "--data", data, "--json", "--format", "json"},
	} {
		code, out, errOut := runQuery(t, args...)
		var st statusReport
		if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil || st.Indexed != uint64(len(queryTestDocs())) {
			t.Errorf("%v: exit %d, %v, %+v: %s", args, code, err, st, errOut)
		}
	}
	if code, out, _ := runQuery(t, "status", "--data", data, "--format", "table"); code != 0 || !strings.Contains(out, "data directory") {
		t.Errorf("status --format table: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"status", "--data", data, "--format", "csv"},
		{"status", "--data", data, "--json", "--format", "table"},
		{"crawl", "--data", data, "--format", "xml"},
		{"sources", "check", "--format", "csv"},
		{"import", "--data", data, "--format", "csv", "x.jsonl"},
		{"search", "--data", data, "--format", "xml", "AI"},
	} {
		if code, _, errOut := runQuery(t, args...); code != exitUsage || !strings.Contains(errOut, "--") {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, errOut)
		}
	}
	dir := t.TempDir()
	rows := writeFile(t, dir, "rows.jsonl", `{"url":"https://x.example/1","source":"x","lang":"en","text":"OpenAI leads the field."}`+"\n")
	code, out, errOut := runQuery(t, "import", "--data", dir+"/data", "--format", "json", rows)
	var n importCounts
	if err := json.Unmarshal([]byte(out), &n); code != 0 || err != nil || n != (importCounts{Added: 1}) {
		t.Errorf("import --format json: exit %d, %v, %+v: %s", code, err, n, errOut)
	}
	if code, out, errOut := runQuery(t, "validate", "--gold", "-", "--format", "table"); code == exitUsage {
		t.Errorf("validate --format table: exit %d: %s %s", code, out, errOut)
	}
}
