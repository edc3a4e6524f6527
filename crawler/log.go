package crawler

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// The crawl log is a JSON Lines file with one Summary per crawl, oldest
// first (framescope keeps it as <data>/crawls.jsonl).

// AppendLog appends sum to the crawl log at path, creating the file.
func AppendLog(path string, sum Summary) error {
	b, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("crawl log: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("crawl log: %w", err)
	}
	return f.Close()
}

// LastCrawl returns the newest whole summary in the crawl log at path, nil
// when there is none (no file, or no line that reads as a summary).
func LastCrawl(path string) *Summary {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var last *Summary
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var s Summary
		if strings.TrimSpace(sc.Text()) != "" && json.Unmarshal(sc.Bytes(), &s) == nil {
			last = &s
		}
	}
	return last
}
