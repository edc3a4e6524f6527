package crawler

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenPage is the stable JSON form of a Page in golden files.
type goldenPage struct {
	CanonicalURL string `json:"canonical_url,omitempty"`
	Title        string `json:"title"`
	Text         string `json:"text"`
	Author       string `json:"author"`
	Published    string `json:"published"`
	Lang         string `json:"lang"`
	Charset      string `json:"charset"`
}

// TestExtractGolden extracts testdata/<case>.html and compares with
// testdata/<case>.golden.json; go test -run TestExtractGolden -update
// rewrites the golden files.
func TestExtractGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata pages: %v", err)
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := corpus.Source{}
			if strings.HasPrefix(name, "zh-") {
				src = corpus.Source{Lang: corpus.Chinese, Country: "CN"}
			}
			p, err := extractAt(body, "", "https://example.com/news/"+name, src, now)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got := goldenPage{CanonicalURL: p.CanonicalURL, Title: p.Title, Text: p.Text, Author: p.Author, Lang: string(p.Lang), Charset: p.Charset}
			if !p.Published.IsZero() {
				got.Published = p.Published.Format(time.RFC3339)
			}
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestExtractGolden -update)", err)
			}
			var want goldenPage
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if got != want {
				gb, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("extracted:\n%s\nwant:\n%s", gb, b)
			}
		})
	}
}

func TestChooseTitle(t *testing.T) {
	tests := []struct{ extracted, h1, title, want string }{
		{"Open models narrow the AI gap | Example Times", "Open models narrow the AI gap", "", "Open models narrow the AI gap"},
		{"", "", "国产大模型加速追赶_示例新闻网", "国产大模型加速追赶"},
		{"人工智能芯片之争 - 新华网", "", "", "人工智能芯片之争"},
		{"Plain headline", "Navigation", "Plain headline", "Plain headline"},
	}
	for _, tt := range tests {
		if got := chooseTitle(tt.extracted, tt.h1, tt.title); got != tt.want {
			t.Errorf("chooseTitle(%q, %q, %q) = %q, want %q", tt.extracted, tt.h1, tt.title, got, tt.want)
		}
	}
}

func TestExtractNoBody(t *testing.T) {
	_, err := Extract([]byte("<html><body><nav><a href=/>Home</a></nav></body></html>"), "text/html", "", corpus.Source{})
	if err == nil || !strings.Contains(err.Error(), ErrNoBody.Error()) {
		t.Errorf("Extract(empty page) error = %v, want ErrNoBody", err)
	}
}
