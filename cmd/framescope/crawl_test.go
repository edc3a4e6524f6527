package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// sampleSourcesFile writes a sources file for the sample site at base.
func sampleSourcesFile(t *testing.T, base string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("defaults:\n  delay: 5ms\n  per_host: 4\n  timeout: 10s\nsources:\n")
	for _, s := range samplesite.Sources(base) {
		fmt.Fprintf(&b, "  - name: %q\n    lang: %s\n    country: %s\n    keywords: []\n", s.Name, s.Lang, s.Country)
		if s.Feed != "" {
			fmt.Fprintf(&b, "    feed: %s\n", s.Feed)
		} else {
			fmt.Fprintf(&b, "    list: %s\n    links: %q\n", s.List, s.Links)
			fmt.Fprintf(&b, "    select: {title: %q, body: %q, date: %q, author: %q}\n", s.Select.Title, s.Select.Body, s.Select.Date, s.Select.Author)
		}
		if s.TimeZone != "" {
			fmt.Fprintf(&b, "    timezone: %s\n", s.TimeZone)
		}
	}
	path := filepath.Join(t.TempDir(), "sources.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

// TestCrawlCommand crawls the sample site twice through the crawl command:
// the first run stores, analyzes and indexes everything, the second finds
// nothing new; a held lock gives exit code 4 and status reports the crawl.
func TestCrawlCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	srv := httptest.NewServer(samplesite.Handler())
	defer srv.Close()
	sources := sampleSourcesFile(t, srv.URL)
	data := t.TempDir()

	code, out, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources, "--json")
	if code != 0 {
		t.Fatalf("crawl exit %d\n%s", code, stderr)
	}
	var sum crawler.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("crawl --json output: %v\n%s", err, out)
	}
	if got := sum.Total(); got.New != samplesite.Count() || got.Failed != 0 || len(sum.Sources) != 6 {
		t.Fatalf("first crawl total %+v over %d sources, want %d new", got, len(sum.Sources), samplesite.Count())
	}

	// Searchable right after the crawl.
	code, out, stderr = runCmd(t, "search", "--data", data, "--format", "json", "DeepSeek")
	if code != 0 || !strings.Contains(out, `"total"`) || strings.Contains(out, `"total": 0`) {
		t.Fatalf("search after crawl: exit %d\n%s\n%s", code, out, stderr)
	}

	code, out, stderr = runCmd(t, "crawl", "--data", data, "--sources", sources, "--json")
	if code != 0 {
		t.Fatalf("second crawl exit %d\n%s", code, stderr)
	}
	sum = crawler.Summary{}
	json.Unmarshal([]byte(out), &sum)
	if got := sum.Total(); got.New != 0 || got.Failed != 0 {
		t.Fatalf("second crawl total %+v, want nothing new", got)
	}

	l, err := corpus.Lock(data)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, "crawl", "--data", data, "--sources", sources)
	l.Unlock()
	if code != exitLocked || !strings.Contains(stderr, "locked") {
		t.Fatalf("crawl with the lock held: exit %d, stderr %s", code, stderr)
	}

	code, out, _ = runCmd(t, "status", "--data", data, "--json")
	var st statusReport
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 {
		t.Fatalf("status: exit %d, %v\n%s", code, err, out)
	}
	if st.Articles != samplesite.Count() || st.Indexed != uint64(samplesite.Count()) || st.Stale || st.LastCrawl == nil {
		t.Errorf("status = %+v", st)
	}
}

func TestCrawlRejectsBadSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sources.yaml")
	os.WriteFile(path, []byte("sources:\n  - name: x\n    lang: en\n    feed: http://127.0.0.1:1/feed\n    colour: red\n"), 0o644)
	code, _, stderr := runCmd(t, "crawl", "--data", t.TempDir(), "--sources", path)
	if code != exitFailure || !strings.Contains(stderr, "colour") || !strings.Contains(stderr, "country") {
		t.Fatalf("bad sources: exit %d, stderr %s", code, stderr)
	}
	if code, _, _ := runCmd(t, "crawl", "--every", "5s"); code != exitUsage {
		t.Errorf("--every 5s: exit %d, want usage error", code)
	}
}

// TestCrawlEveryStopsCleanly runs crawl --every, waits for the first crawl
// to be logged, then cancels as SIGTERM would: the command ends with exit
// code 0 and everything crawled is stored and indexed.
func TestCrawlEveryStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	srv := httptest.NewServer(samplesite.Handler())
	defer srv.Close()
	sources := sampleSourcesFile(t, srv.URL)
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, []string{"crawl", "--data", data, "--sources", sources, "--every", "1h"}) }()
	for crawler.LastCrawl(crawlLogPath(data)) == nil {
		select {
		case code := <-done:
			t.Fatalf("crawl --every ended early with %d\n%s", code, errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("crawl --every stopped with exit %d\n%s", code, errOut.String())
	}
	code, outS, _ := runCmd(t, "status", "--data", data, "--json")
	var st statusReport
	if err := json.Unmarshal([]byte(outS), &st); err != nil || code != 0 {
		t.Fatalf("status: %v", err)
	}
	if st.Articles != samplesite.Count() || st.Missing != 0 || st.Lock != 0 {
		t.Errorf("after a stopped crawl --every: %+v", st)
	}
}
