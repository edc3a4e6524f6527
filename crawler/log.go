package crawler

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// The crawl log is a JSON Lines file with one Summary per crawl, oldest
// first (framescope keeps it as <data>/crawls.jsonl).

// AppendLog appends sum to the crawl log at path, creating the file. A
// write that fails (a full disk) is cut off again, and a torn last line
// left by a crash is ended first, so that every line stays one summary.
func AppendLog(path string, sum Summary) error {
	b, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("crawl log: %w", err)
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		f.Close()
		return fmt.Errorf("crawl log: %w", err)
	}
	line := append(b, '\n')
	if size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			f.Close()
			return fmt.Errorf("crawl log: %w", err)
		}
		if last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		f.Truncate(size)
		f.Close()
		return fmt.Errorf("crawl log: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("crawl log: %w", err)
	}
	return nil
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
