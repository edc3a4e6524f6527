package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framescope/framescope/crawler"
)

// A crawl in which a source fails as a whole counts it in the table, the
// JSON, the crawl log and status, and exits 5 unless --fail-on none.
func TestCrawlFailedSourceExitStatus(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/empty.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	sources := filepath.Join(t.TempDir(), "sources.yaml")
	os.WriteFile(sources, []byte("defaults:\n  delay: 0s\n  timeout: 10s\nsources:\n"+
		"  - {name: broken, lang: en, country: US, feed: '"+srv.URL+"/broken.xml'}\n"+
		"  - {name: fine, lang: en, country: US, feed: '"+srv.URL+"/empty.xml'}\n"), 0o644)
	data := t.TempDir()

	code, out, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources, "--json")
	if code != exitSourcesFailed || !strings.Contains(stderr, "1 of 2 sources failed") {
		t.Fatalf("crawl exit %d, want %d and the count\n%s", code, exitSourcesFailed, stderr)
	}
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("crawl --json: %v\n%s", err, out)
	}
	if tot := sum.Total(); tot.Failed != 1 || tot.FailedSources != 1 || !strings.Contains(out, `"failed_sources": 1`) {
		t.Errorf("JSON total %+v, want 1 failed source\n%s", tot, out)
	}
	if !strings.Contains(stderr, "failed sources") {
		t.Errorf("table lacks the failed sources column:\n%s", stderr)
	}
	if last := crawler.LastCrawl(crawlLogPath(data)); last == nil || last.Total().FailedSources != 1 {
		t.Errorf("crawl log = %+v, want the failed source", last)
	}
	code, out, _ = runCmd(t, "status", "--data", data)
	if code != 0 || !strings.Contains(out, "1 failed (1 sources)") || !strings.Contains(out, "broken: ") {
		t.Errorf("status: exit %d\n%s", code, out)
	}

	if code, _, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources, "--fail-on", "none"); code != 0 {
		t.Errorf("--fail-on none: exit %d\n%s", code, stderr)
	}
	if code, _, _ := runCmd(t, "crawl", "--data", data, "--sources", sources, "--fail-on", "sometimes"); code != exitUsage {
		t.Errorf("--fail-on sometimes: exit %d, want %d", code, exitUsage)
	}
}

func TestFailurePolicy(t *testing.T) {
	itemFailed := crawler.Summary{Sources: []crawler.SourceSummary{{Source: "a", Failed: 2}}}
	sourceFailed := crawler.Summary{Sources: []crawler.SourceSummary{{Source: "a", Failed: 1, FailedSources: 1}, {Source: "b"}}}
	tests := []struct {
		policy string
		sum    crawler.Summary
		fails  bool
	}{
		{failOnSource, itemFailed, false},
		{failOnSource, sourceFailed, true},
		{failOnAny, itemFailed, true},
		{failOnAny, sourceFailed, true},
		{failOnNone, sourceFailed, false},
		{"", sourceFailed, false},
	}
	for _, tt := range tests {
		err := failurePolicy(tt.policy, tt.sum)
		if (err != nil) != tt.fails {
			t.Errorf("failurePolicy(%q, %+v) = %v, want failure %v", tt.policy, tt.sum.Total(), err, tt.fails)
		}
	}
}
