package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func searchTotal(t *testing.T, data, query string) (uint64, string) {
	t.Helper()
	code, out, stderr := runCmd(t, "search", "--data", data, "--format", "json", "--limit", "50", query)
	if code != 0 {
		t.Fatalf("search %q: exit %d: %s", query, code, stderr)
	}
	var res struct {
		Total uint64            `json:"total"`
		Hits  []json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search output: %v\n%s", err, out)
	}
	// The hits, without the time the search took and in a fixed order
	// (equal scores keep index order, which a rebuild may change).
	hits := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = string(h)
	}
	sort.Strings(hits)
	return res.Total, strings.Join(hits, "\n")
}

// TestImportIndexStatus imports JSONL and CSV (bad rows skipped, repeats
// ignored), then checks that a rebuilt index answers like the incremental
// one and that a codebook change makes the index stale until --reanalyze.
func TestImportIndexStatus(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	jsonl := writeFile(t, dir, "export.jsonl", strings.Join([]string{
		`{"url":"https://news.example/a1","source":"example-news","country":"US","lang":"en","title":"DeepSeek overtakes OpenAI","text":"DeepSeek has overtaken OpenAI on reasoning benchmarks, analysts said.","published":"2025-01-27T09:00:00Z"}`,
		`{"url":"https://news.example/a2","source":"example-news","country":"US","title":"Europe falls behind","text":"Europe is falling behind the United States in AI investment.","published":"2024-06-02"}`,
		`this line is not JSON`,
		`{"url":"https://news.example/a3","source":"example-news","text":"A text with a bad date.","published":"June 2024"}`,
		`{"url":"https://news.example/a1?utm_source=feed","source":"example-news","text":"repeat of a1 under a tracking URL","published":"2025-01-27T09:00:00Z"}`,
	}, "\n")+"\n")
	csv := writeFile(t, dir, "export.csv", "id,source,country,lang,title,text,published\n"+
		"db-1,示例日报,CN,zh,国产大模型,我国大模型与美国的差距正在缩小。,2024-03-05 10:20:00\n"+
		"db-2,示例日报,CN,zh,,,2024-03-06\n")

	code, out, stderr := runCmd(t, "import", "--data", data, jsonl, csv)
	if code != exitPartial {
		t.Fatalf("import: exit %d, want %d (rows rejected)\n%s", code, exitPartial, stderr)
	}
	if !strings.Contains(out, "added 3, updated 0, duplicate 1, rejected 3") {
		t.Errorf("import summary: %q", out)
	}
	for _, want := range []string{"export.jsonl:3:", "export.jsonl:4: published", "export.csv:3: no text"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("import stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code, out, _ := runCmd(t, "import", "--data", data, jsonl); code != exitPartial || !strings.Contains(out, "added 0,") {
		t.Errorf("second import: exit %d, %q", code, out)
	}

	total, before := searchTotal(t, data, "DeepSeek OR 大模型 OR Europe")
	if total != 3 {
		t.Fatalf("search after import found %d articles, want 3\n%s", total, before)
	}
	if code, _, stderr := runCmd(t, "index", "--data", data, "--rebuild"); code != 0 {
		t.Fatalf("index --rebuild: exit %d: %s", code, stderr)
	}
	if _, after := searchTotal(t, data, "DeepSeek OR 大模型 OR Europe"); after != before {
		t.Errorf("rebuilt index answers differently:\nbefore %s\nafter %s", before, after)
	}

	// A changed codebook makes the index stale until it is re-analyzed.
	code, cb, _ := runCmd(t, "codebook", "dump")
	if code != 0 {
		t.Fatal("codebook dump failed")
	}
	alt := writeFile(t, dir, "alt.yaml", strings.Replace(cb, "name: default", "name: alt", 1))
	status := func() statusReport {
		t.Helper()
		code, out, stderr := runCmd(t, "status", "--data", data, "--codebook", alt, "--json")
		var st statusReport
		if code != 0 || json.Unmarshal([]byte(out), &st) != nil {
			t.Fatalf("status: exit %d: %s%s", code, out, stderr)
		}
		return st
	}
	if st := status(); !st.Stale || st.Articles != 3 || st.Indexed != 3 {
		t.Fatalf("status with a changed codebook: %+v", st)
	}
	if code, _, stderr := runCmd(t, "index", "--data", data, "--reanalyze", "--codebook", alt); code != 0 {
		t.Fatalf("index --reanalyze: exit %d: %s", code, stderr)
	}
	if st := status(); st.Stale || st.IndexCodebook != st.Codebook || !strings.HasPrefix(st.Codebook, "alt-") {
		t.Fatalf("status after --reanalyze: %+v", st)
	}
}
