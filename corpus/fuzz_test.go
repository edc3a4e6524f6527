package corpus

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadArticles feeds import's JSONL and CSV reader arbitrary input: it
// must report bad rows, never panic.
func FuzzReadArticles(f *testing.F) {
	f.Add([]byte(`{"id":"a","url":"https://example.com/a","text":"x","published":"2024-01-02"}`+"\n"), true)
	f.Add([]byte("url,title,text,published\nhttps://example.com/a,T,x,2024-01-02\n\"bad,quote\n"), false)
	f.Add([]byte("\"\nurl\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		format := CSV
		if jsonl {
			format = JSONL
		}
		_ = ReadArticles(context.Background(), bytes.NewReader(data), format, func(int, Article, error) error { return nil })
	})
}

// FuzzStoreLines opens a store whose segment holds arbitrary bytes: torn,
// duplicated or garbled lines are repaired or reported, never a panic.
func FuzzStoreLines(f *testing.F) {
	f.Add([]byte(`{"id":"a","url":"https://example.com/a","canonical_url":"https://example.com/a","text":"x","hash":"h"}` + "\n" + `{"id":"b","url`))
	f.Add([]byte("not json\n\n{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "seg-000001.jsonl"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dir)
		if err != nil {
			return
		}
		defer s.Close()
		_ = s.Scan(func(Article) error { return nil })
	})
}
