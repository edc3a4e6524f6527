package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sample(url, title, text string) Article {
	return Article{URL: url, Source: "sample", Country: "US", Lang: English, Title: title, Text: text,
		Published: time.Date(2024, 3, 5, 10, 20, 0, 0, time.UTC), Fetched: time.Now().UTC()}
}

func scanAll(t *testing.T, s *Store) []Article {
	t.Helper()
	var out []Article
	if err := s.Scan(func(a Article) error { out = append(out, a); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStoreRepeatedIngestIsNoOp(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := sample("https://news.example/ai/1?utm_source=x", "OpenAI leads", "OpenAI leads the field.")
	for i, want := range []PutResult{Added, DuplicateURL} {
		got, err := s.Put(a)
		if err != nil || got != want {
			t.Fatalf("put #%d = %v, %v; want %v", i+1, got, err, want)
		}
	}
	// Same URL without the tracking parameter and with another scheme.
	if got, _ := s.Put(sample("http://www.news.example/ai/1", "x", "y")); got != DuplicateURL {
		t.Errorf("same canonical URL: got %v", got)
	}
	// Same content under another URL (syndicated copy).
	if got, _ := s.Put(sample("https://other.example/copy", "OpenAI leads", "OpenAI  leads the field.\n")); got != DuplicateContent {
		t.Errorf("same content: got %v", got)
	}
	s.Close()

	// Reopened, the store still knows both keys and holds one record.
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, _ := s.Put(a); got != DuplicateURL {
		t.Errorf("after reopen: got %v", got)
	}
	all := scanAll(t, s)
	if len(all) != 1 || all[0].CanonicalURL != "https://news.example/ai/1" || all[0].ID != IDFor("https://news.example/ai/1") {
		t.Fatalf("stored %+v", all)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "seg-000001.jsonl"))
	if n := strings.Count(string(b), "\n"); n != 1 {
		t.Errorf("segment has %d lines, want 1", n)
	}
}

func TestStoreRepairsTornLastLine(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	first := sample("https://news.example/1", "one", "first text")
	if _, err := s.Put(first); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A process killed in the middle of an append leaves half a record.
	seg := filepath.Join(dir, "seg-000001.jsonl")
	f, _ := os.OpenFile(seg, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"id":"abc","url":"https://news.example/2","title":"tw`)
	f.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatalf("open after torn write: %v", err)
	}
	defer s.Close()
	if r := s.Repairs(); len(r) != 1 || !strings.Contains(r[0], "torn") {
		t.Errorf("Repairs() = %q, want the torn record reported", r)
	}
	if all := scanAll(t, s); len(all) != 1 || all[0].Title != "one" {
		t.Fatalf("after repair: %+v", all)
	}
	second := sample("https://news.example/2", "two", "second text")
	if got, err := s.Put(second); err != nil || got != Added {
		t.Fatalf("put after repair = %v, %v", got, err)
	}
	all := scanAll(t, s)
	if len(all) != 2 || all[1].Title != "two" {
		t.Fatalf("after append: %+v", all)
	}
	// Every line of the file is a whole record again.
	b, _ := os.ReadFile(seg)
	n := 0
	err = ReadJSONL(strings.NewReader(string(b)), func(Article) error { n++; return nil },
		func(line int, err error) { t.Errorf("line %d unreadable: %v", line, err) })
	if err != nil || n != 2 {
		t.Errorf("ReadJSONL read %d records, err %v", n, err)
	}
}

func TestStoreFeedCopyUpgraded(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	feed := sample("https://news.example/3", "three", "summary from the feed")
	feed.FromFeed = true
	if got, _ := s.Put(feed); got != Added {
		t.Fatalf("feed copy: %v", got)
	}
	if !s.IsFromFeed(IDFor("https://news.example/3")) {
		t.Error("IsFromFeed = false")
	}
	page := sample("https://news.example/3", "three", "the full text of the page")
	if got, _ := s.Put(page); got != Updated {
		t.Fatalf("page copy: %v", got)
	}
	if got, _ := s.Put(page); got != DuplicateURL {
		t.Fatalf("page again: %v", got)
	}
	all := scanAll(t, s)
	if len(all) != 1 || all[0].Text != "the full text of the page" || all[0].FromFeed {
		t.Fatalf("scan after upgrade: %+v", all)
	}
	got, ok, err := s.Get(all[0].ID)
	if err != nil || !ok || got.Text != page.Text {
		t.Fatalf("Get = %+v, %v, %v", got, ok, err)
	}
}

func TestStoreRejectsArticleWithoutIdentity(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(Article{Title: "no url"}); !errors.Is(err, ErrInvalidArticle) {
		t.Fatalf("err = %v, want ErrInvalidArticle", err)
	}
}

func TestLockExcludesAndTakesOverStale(t *testing.T) {
	dir := t.TempDir()
	l, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to open file descriptions, so a second Lock in the
	// same process conflicts just like another process would.
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	// A lock file left behind by a process that is gone.
	os.WriteFile(filepath.Join(dir, "lock"), []byte("999999 2024-01-01T00:00:00Z\n"), 0o644)
	l, err = Lock(dir)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	defer l.Unlock()
	if l.Stale != 999999 {
		t.Errorf("Stale = %d, want 999999", l.Stale)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.Example.com/a/b/?utm_source=rss&id=3&fbclid=x#top", "https://example.com/a/b?id=3"},
		{"http://example.com:80/", "https://example.com/"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com/x?b=2&a=1", "https://example.com/x?a=1&b=2"},
		{"not a url", "not a url"},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOpenReadOnlyLeavesFilesAlone(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Put(sample("https://news.example/1", "one", "first text"))
	s.Close()
	seg := filepath.Join(dir, "seg-000001.jsonl")
	f, _ := os.OpenFile(seg, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"id":"half-written-by-a-running-crawl`)
	f.Close()
	before, _ := os.ReadFile(seg)

	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if all := scanAll(t, r); len(all) != 1 || r.Len() != 1 {
		t.Fatalf("read-only scan: %+v", all)
	}
	if _, err := r.Put(sample("https://news.example/2", "two", "x")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put on read-only store: %v", err)
	}
	after, _ := os.ReadFile(seg)
	if string(after) != string(before) {
		t.Error("OpenReadOnly changed the segment file")
	}
	if _, err := OpenReadOnly(filepath.Join(dir, "absent")); err == nil {
		t.Error("OpenReadOnly of a missing folder succeeded")
	}
}
