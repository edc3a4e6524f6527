package crawler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/internal/smalldisk"
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
	// The next crawl's summary starts on a line of its own.
	third := second.Add(24 * time.Hour)
	if err := AppendLog(path, Summary{Started: third, Finished: third.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if s := LastCrawl(path); s == nil || !s.Started.Equal(third) {
		t.Errorf("after a torn line, last crawl = %+v, want the one started %s", s, third)
	}
}

// A summary that does not fit on a full disk is cut off again, so that the
// log keeps only whole lines.
func TestCrawlLogDiskFull(t *testing.T) {
	disk := smalldisk.Mount(t, 64<<10)
	path := filepath.Join(disk, "crawls.jsonl")
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := AppendLog(path, Summary{Started: start, Finished: start.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	free := smalldisk.Fill(t, disk)
	// Bigger than the page the file already has, so it cannot fit.
	big := Summary{Started: start.Add(time.Hour), Sources: make([]SourceSummary, 200)}
	for i := range big.Sources {
		big.Sources[i].Source = strings.Repeat("s", 40)
	}
	err = AppendLog(path, big)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("AppendLog on a full disk: %v, want no space left on device", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Errorf("the failed append left %d bytes, want the %d before it", len(after), len(before))
	}
	free()
	if err := AppendLog(path, big); err != nil {
		t.Fatal(err)
	}
	if s := LastCrawl(path); s == nil || !s.Started.Equal(big.Started) {
		t.Errorf("after space was freed, last crawl = %+v", s)
	}
}
