package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenSearchUnreachable: every command that reads or writes the index,
// pointed at a cluster that does not answer, fails with exit code 1 and an
// error naming the URL; import keeps nothing half-done in the index.
func TestOpenSearchUnreachable(t *testing.T) {
	data := queryTestData(t)
	url := "http://127.0.0.1:9" // the discard port: nothing listens
	imp := filepath.Join(t.TempDir(), "a.jsonl")
	if err := os.WriteFile(imp, []byte(`{"url":"https://x.example/a1","title":"t","text":"DeepSeek超越了OpenAI。","published":"2025-01-01"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"search", "--data", data, "--opensearch", url, "追赶"},
		{"trend", "--data", data, "--opensearch", url, "*"},
		{"status", "--data", data, "--opensearch", url},
		{"index", "--data", data, "--opensearch", url, "--rebuild"},
		{"import", "--data", data, "--opensearch", url, imp},
	} {
		code, _, errOut := runQuery(t, args...)
		if code != exitFailure || !strings.Contains(errOut, url) || !strings.Contains(errOut, "unreachable") {
			t.Errorf("%s: exit %d, stderr %q: want %d and an error naming %s", args[0], code, errOut, exitFailure, url)
		}
	}
}

// TestShardSources: the parts of --shard K/N are disjoint and cover every
// source; bad specs are usage errors.
func TestShardSources(t *testing.T) {
	cfg, err := loadSources(t.TempDir(), "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Skip(err)
	}
	seen := map[string]int{}
	for _, spec := range []string{"1/3", "2/3", "3/3"} {
		part, err := shardSources(cfg.Sources, spec)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range part {
			seen[s.Name]++
		}
	}
	for _, s := range cfg.Sources {
		if seen[s.Name] != 1 {
			t.Errorf("source %s is in %d parts", s.Name, seen[s.Name])
		}
	}
	for _, bad := range []string{"0/3", "4/3", "x", "1/0", "2"} {
		if _, err := shardSources(cfg.Sources, bad); err == nil {
			t.Errorf("--shard %s: no error", bad)
		}
	}
}
