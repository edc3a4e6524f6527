package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestImportRejectsHostileRows: rows with an implausible date, a
// javascript: URL, a path-like ID or an oversized text are reported with
// their line and skipped (exit 3); a CSV quote error in the first field
// does not stop the import.
func TestImportRejectsHostileRows(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	jsonl := writeFile(t, dir, "bad.jsonl", strings.Join([]string{
		`{"url":"https://x.example/ok","lang":"en","title":"ok","text":"OpenAI leads.","published":"2024-01-02"}`,
		`{"url":"https://x.example/future","lang":"en","title":"f","text":"far future","published":"9999-12-31T23:59:59Z"}`,
		`{"url":"javascript:alert(1)","lang":"en","title":"js","text":"script"}`,
		`{"id":"../../../../etc/passwd","lang":"en","title":"p","text":"path"}`,
		`{"url":"https://x.example/big","lang":"en","title":"big","text":"` + strings.Repeat("a", 1<<20+10) + `"}`,
	}, "\n")+"\n")
	code, out, stderr := runCmd(t, "import", "--data", data, jsonl)
	if code != exitPartial || !strings.Contains(out, "added 1,") {
		t.Fatalf("import: exit %d, %q, %s", code, out, stderr)
	}
	for _, want := range []string{"bad.jsonl:2: ", "published 9999-12-31", "bad.jsonl:3: ", "not an http(s) URL",
		"bad.jsonl:4: ", `id "../../../../etc/passwd"`, "bad.jsonl:5: ", "larger than the limit"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%.2000s", want, stderr)
		}
	}
	csv := writeFile(t, dir, "quote.csv", "url,lang,text\n\"https://x.example/q\"x,en,broken\nhttps://x.example/after,en,DeepSeek catches up.\n")
	code, out, stderr = runCmd(t, "import", "--data", data, csv)
	if code != exitPartial || !strings.Contains(out, "added 1,") || !strings.Contains(stderr, "quote.csv:2:") {
		t.Errorf("CSV import: exit %d, %q, %s", code, out, stderr)
	}
}
