package crawler

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestCrawlLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crawls.jsonl")
	if s := LastCrawl(path); s != nil {
		t.Fatalf("no log: %+v, want nil", s)
	}
	first, second := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, start := range []time.Time{first, second} {
		if err := AppendLog(path, Summary{Started: start, Finished: start.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	// A crawl killed while writing leaves a torn line, which is skipped.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"started":"2024-01-03`)
	f.Close()
	if s := LastCrawl(path); s == nil || !s.Started.Equal(second) {
		t.Errorf("last crawl = %+v, want the one started %s", s, second)
	}
}
