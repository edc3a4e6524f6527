package crawler

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

const goodSources = `
defaults:
  delay: 2s
  per_host: 3
  timeout: 10s
  user_agent: "framescope/0.1 (+https://example.org/contact)"
sources:
  - name: example-feed
    lang: zh
    country: CN
    feed: https://example.com/rss.xml
  - name: example-list
    lang: en
    country: US
    list: https://example.com/ai/
    links: "h2 a"
    select: {title: "h1", body: "div.story", date: "time", author: ".byline"}
    keywords: []
    delay: 500ms
    timezone: America/New_York
  - name: example-archive
    lang: en
    country: US
    list: https://example.com/archive/
    links: "h2 a"
    next: "a.next"
    pages: 30
  - name: example-sitemap
    lang: en
    country: US
    sitemap: robots
    site: https://example.com/
    since: 2022-11-01
    until: 2025-04-01T00:00:00+08:00
`

func TestParseSources(t *testing.T) {
	cfg, err := ParseSources(strings.NewReader(goodSources), "sources.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := corpus.Politeness{Delay: 2 * time.Second, PerHost: 3, Timeout: 10 * time.Second, UserAgent: "framescope/0.1 (+https://example.org/contact)"}
	if cfg.Defaults != want {
		t.Errorf("defaults = %+v, want %+v", cfg.Defaults, want)
	}
	if len(cfg.Sources) != 4 {
		t.Fatalf("got %d sources, want 4", len(cfg.Sources))
	}
	if a := cfg.Sources[2]; a.Next != "a.next" || a.Pages != 30 {
		t.Errorf("archive source = %+v", a)
	}
	if sm := cfg.Sources[3]; sm.Sitemap != corpus.SitemapRobots || sm.Site != "https://example.com/" ||
		!sm.Since.Equal(time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)) || !sm.Until.Equal(time.Date(2025, 3, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("sitemap source = %+v", sm)
	}
	feed, list := cfg.Sources[0], cfg.Sources[1]
	if feed.Name != "example-feed" || feed.Lang != corpus.Chinese || feed.Country != "CN" || feed.Feed != "https://example.com/rss.xml" {
		t.Errorf("feed source = %+v", feed)
	}
	if feed.Politeness != want || feed.Keywords != nil {
		t.Errorf("feed source politeness, keywords = %+v, %#v; want the defaults and nil (the default keyword list)", feed.Politeness, feed.Keywords)
	}
	if list.Delay != 500*time.Millisecond || list.PerHost != 3 || list.Links != "h2 a" || list.Select.Body != "div.story" || list.Select.Author != ".byline" {
		t.Errorf("list source = %+v", list)
	}
	if list.Keywords == nil || len(list.Keywords) != 0 {
		t.Errorf("keywords: [] = %#v, want an empty non-nil slice (keep every item)", list.Keywords)
	}
	if s, ok := cfg.Source("example-list"); !ok || s.TimeZone != "America/New_York" {
		t.Errorf("Source(example-list) = %+v, %v", s, ok)
	}
}

func TestParseSourcesErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // all must appear in the error
	}{
		{"unknown source key", "sources:\n  - name: a\n    lang: en\n    country: US\n    feed: https://x.org/f\n    lnks: x\n", []string{`f.yaml:6:`, `source "a"`, `unknown key "lnks"`}},
		{"missing lang", "sources:\n  - name: b\n    country: US\n    feed: https://x.org/f\n", []string{`f.yaml:2:`, `source "b"`, `missing key "lang"`}},
		{"missing name", "sources:\n  - lang: en\n    country: US\n    feed: https://x.org/f\n", []string{`source #1`, `missing key "name"`}},
		{"neither feed nor list", "sources:\n  - name: c\n    lang: en\n    country: US\n", []string{`source "c"`, `missing key "feed", "list" or "sitemap"`}},
		{"feed and sitemap", "sources:\n  - {name: c2, lang: en, country: US, feed: 'https://x.org/f', sitemap: 'https://x.org/s.xml'}\n", []string{`source "c2"`, `not feed and sitemap`}},
		{"robots without site", "sources:\n  - {name: c3, lang: en, country: US, sitemap: robots}\n", []string{`source "c3"`, `needs the key "site"`}},
		{"next without list", "sources:\n  - {name: c4, lang: en, country: US, sitemap: 'https://x.org/s.xml', next: 'a.next'}\n", []string{`source "c4"`, `key "next": only used with list`}},
		{"pages without next", "sources:\n  - {name: c5, lang: en, country: US, list: 'https://x.org/', links: 'h2 a', pages: 3}\n", []string{`key "pages": only used with next`}},
		{"bad since", "sources:\n  - {name: c6, lang: en, country: US, sitemap: 'https://x.org/s.xml', since: March}\n", []string{`key "since"`}},
		{"until before since", "sources:\n  - {name: c7, lang: en, country: US, sitemap: 'https://x.org/s.xml', since: 2024-01-01, until: 2023-01-01}\n", []string{`key "until": must be after since`}},
		{"list without links", "sources:\n  - name: d\n    lang: en\n    country: US\n    list: https://x.org/\n", []string{`source "d"`, `missing key "links"`}},
		{"unknown top key", "source:\n  - name: e\n", []string{`f.yaml:1:`, `unknown key "source"`}},
		{"unknown defaults key", "defaults:\n  dealy: 1s\nsources:\n  - {name: f, lang: en, country: US, feed: 'https://x.org/f'}\n", []string{`f.yaml:2:`, `defaults`, `unknown key "dealy"`}},
		{"bad duration", "sources:\n  - {name: g, lang: en, country: US, feed: 'https://x.org/f', delay: soon}\n", []string{`source "g"`, `key "delay"`}},
		{"bad url", "sources:\n  - {name: h, lang: en, country: US, feed: 'x.org/f'}\n", []string{`source "h"`, `key "feed"`}},
		{"bad selector", "sources:\n  - {name: i, lang: en, country: US, list: 'https://x.org/', links: 'h2 >> a'}\n", []string{`source "i"`, `key "links"`}},
		{"unknown select key", "sources:\n  - {name: j, lang: en, country: US, feed: 'https://x.org/f', select: {headline: h1}}\n", []string{`source "j"`, `unknown key "headline"`}},
		{"duplicate name", "sources:\n  - {name: k, lang: en, country: US, feed: 'https://x.org/f'}\n  - {name: k, lang: en, country: US, feed: 'https://x.org/g'}\n", []string{`f.yaml:3:`, `duplicate name`}},
		{"bad lang and country", "sources:\n  - {name: l, lang: English, country: usa, feed: 'https://x.org/f'}\n", []string{`key "lang"`, `key "country"`}},
		{"empty name", "sources:\n  - {name: \"\", lang: en, country: US, feed: 'https://x.org/f'}\n", []string{`f.yaml:2:`, `key "name": must not be empty`}},
		{"unknown lang", "sources:\n  - {name: n, lang: xx, country: US, feed: 'https://x.org/f'}\n", []string{`source "n"`, `key "lang"`, `"xx"`}},
		{"bad zone", "sources:\n  - {name: m, lang: en, country: US, feed: 'https://x.org/f', timezone: Mars/Olympus}\n", []string{`key "timezone"`}},
		{"not yaml", "sources: [\n", []string{`f.yaml`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSources(strings.NewReader(tt.yaml), "f.yaml")
			if !errors.Is(err, ErrSources) && tt.name != "not yaml" {
				t.Fatalf("error = %v, want ErrSources", err)
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDefaultSources(t *testing.T) {
	cfg, err := ParseSources(strings.NewReader(string(DefaultSourcesYAML)), "sources.yaml")
	if err != nil {
		t.Fatalf("shipped sources.yaml: %v", err)
	}
	langs := map[corpus.Lang]int{}
	for _, s := range cfg.Sources {
		langs[s.Lang]++
		if s.UserAgent == "" || s.Delay == 0 {
			t.Errorf("%s: defaults not applied: %+v", s.Name, s.Politeness)
		}
	}
	if langs[corpus.Chinese] < 10 || langs[corpus.English] < 10 {
		t.Errorf("shipped sources: %d Chinese, %d English; want at least 10 of each", langs[corpus.Chinese], langs[corpus.English])
	}
}

func TestLoadSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sources.yaml")
	if err := os.WriteFile(path, []byte(goodSources), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, err := LoadSources(path); err != nil || len(cfg.Sources) != 4 {
		t.Errorf("LoadSources = %v, %v", cfg, err)
	}
	if _, err := LoadSources(filepath.Join(t.TempDir(), "none.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadSources(missing) = %v, want os.ErrNotExist", err)
	}
}

func TestKeywordFilter(t *testing.T) {
	def := newKeywordFilter(nil)
	tests := []struct {
		text string
		want bool
	}{
		{"OpenAI releases GPT-5", true},
		{"The AI race heats up", true},
		{"He said the rain would stop", false}, // "ai" inside words does not count
		{"百度发布人工智能新品", true},
		{"国足再负对手", false},
		{"Nvidia earnings beat forecasts", true},
	}
	for _, tt := range tests {
		if got := def.Match(tt.text); got != tt.want {
			t.Errorf("default Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if !newKeywordFilter([]string{}).Match("anything at all") {
		t.Error("keywords: [] must keep every item")
	}
	custom := newKeywordFilter([]string{"robot", "机器人"})
	if !custom.Match("A Robot walks") || custom.Match("OpenAI news") || !custom.Match("人形机器人") {
		t.Error("custom keywords matched wrongly")
	}
}
