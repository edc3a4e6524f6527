package crawler

import (
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
)

// FuzzDecode feeds arbitrary bytes through every entry point that decodes
// what a server sends: charset decoding, page extraction, listing-page
// link scraping and feed parsing. None may panic, and all text must come
// out as valid UTF-8. Run: go test ./crawler -run '^$' -fuzz '^FuzzDecode$' -fuzztime 10s
func FuzzDecode(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "text/html")
		}
	}
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Add(rss(feedItem{title: "AI 人工智能", link: "http://127.0.0.1/a", description: "<p>x</p>", published: now}), "application/rss+xml")
	f.Add(atomFeed(feedItem{title: "AI", link: "/relative", published: now}), "application/atom+xml")
	f.Add(jsonFeed(feedItem{title: "AI", link: "http://127.0.0.1/j"}), "application/feed+json")
	f.Add([]byte(`<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><item><title>`+"\xc8\xcb\xb9\xa4\xd6\xc7\xc4\xdc"+`</title><link>http://127.0.0.1/g</link></item></channel></rss>`), "text/xml")
	f.Add([]byte("<html><meta charset=gbk><h1>\xb0\xd9\xb6\xc8</h1><p>2024\xc4\xea3\xd4\xc25\xc8\xd5</p></html>"), "")
	f.Add([]byte{0xff, 0xfe, '<', 0, 'p', 0, '>', 0}, "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		text, _ := DecodeHTML(body, contentType)
		if !utf8.ValidString(text) {
			t.Fatalf("DecodeHTML returned invalid UTF-8")
		}
		p, _ := extractAt(body, contentType, "http://127.0.0.1/page", corpus.Source{}, now)
		for _, s := range []string{p.Title, p.Text, p.Author} {
			if !utf8.ValidString(s) {
				t.Fatalf("Extract returned invalid UTF-8: %q", s)
			}
		}
		_, _ = parseList(body, contentType, "http://127.0.0.1/list", "a")
		items, _ := parseFeed(body, contentType, "http://127.0.0.1/feed", now)
		for _, it := range items {
			if !utf8.ValidString(it.title) || !utf8.ValidString(it.summary) {
				t.Fatalf("parseFeed returned invalid UTF-8: %+v", it)
			}
		}
	})
}
