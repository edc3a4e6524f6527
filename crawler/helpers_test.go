package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/framescope/framescope/corpus"
)

// memSink is an in-memory Sink that dedups like the store: on canonical
// URL and on content hash. It counts every Put per canonical URL.
type memSink struct {
	mu     sync.Mutex
	byURL  map[string]corpus.Article
	byHash map[string]bool
	puts   map[string]int
	order  []string
	fail   error // returned by Put when set
}

func newMemSink() *memSink {
	return &memSink{byURL: map[string]corpus.Article{}, byHash: map[string]bool{}, puts: map[string]int{}}
}

func (s *memSink) Seen(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.byURL[u]
	return ok
}

func (s *memSink) Put(_ context.Context, a corpus.Article) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return false, s.fail
	}
	s.puts[a.CanonicalURL]++
	if _, ok := s.byURL[a.CanonicalURL]; ok || s.byHash[a.Hash] {
		return false, nil
	}
	s.byURL[a.CanonicalURL] = a
	s.byHash[a.Hash] = true
	s.order = append(s.order, a.CanonicalURL)
	return true, nil
}

// get returns the stored article whose URL path ends with suffix.
func (s *memSink) get(t *testing.T, suffix string) corpus.Article {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for u, a := range s.byURL {
		if strings.HasSuffix(u, suffix) {
			return a
		}
	}
	t.Fatalf("no stored article ending in %q; have %v", suffix, s.order)
	return corpus.Article{}
}

func (s *memSink) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byURL)
}

// testLogger logs to the test's output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// testOptions are short limits for tests: nothing waits long.
func testOptions(t *testing.T) Options {
	return Options{
		UserAgent: "framescope-test/1.0 (+http://127.0.0.1/contact)",
		Delay:     10 * time.Millisecond,
		PerHost:   2,
		// Generous, so a loaded machine never fails a test; the timeout
		// tests set their own short one.
		Timeout: 10 * time.Second,
		Retries: 2,
		Backoff: 10 * time.Millisecond,
		MaxWait: 3 * time.Second,
		MaxBody: 256 << 10,
		Logger:  testLogger(t),
	}
}

// enParagraphs and zhParagraphs are article bodies long enough for the
// extractor to take them for the main text.
var enParagraphs = []string{
	"OpenAI released a new reasoning model on Tuesday, saying it leads rivals on coding and mathematics benchmarks while costing less to run than its predecessor.",
	"Analysts said Chinese labs such as DeepSeek and Alibaba's Qwen team were catching up quickly, narrowing a gap that many in Silicon Valley had assumed would last for years.",
	"The company said the model would be available to paying subscribers first and to developers through its API later in the month, with stricter limits on usage at launch.",
	"Researchers cautioned that benchmark scores say little about how the systems behave in everyday use, and that independent evaluations would take weeks to complete.",
}

var zhParagraphs = []string{
	"百度今天发布了新一代文心大模型，公司表示，新模型在中文理解和逻辑推理方面已经达到国际领先水平，并将向企业客户全面开放。",
	"业内人士认为，国产大模型正在快速追赶美国同行，但在高端芯片和训练算力方面仍然面临不小的挑战，差距短期内难以完全消除。",
	"据介绍，新模型采用了更高效的训练方法，推理成本比上一代下降了一半以上，开发者可以通过云平台调用相关接口。",
	"分析人士指出，随着越来越多的企业将人工智能应用于生产和服务，大模型的商业化落地将成为下一阶段竞争的关键。",
}

// articlePage renders a news page with navigation and boilerplate around
// the article. meta is inserted in <head> (a charset declaration or a
// canonical link).
func articlePage(title, dateLine, byline, meta string, paras []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head>%s<title>%s - Test News</title></head><body>\n", meta, html.EscapeString(title))
	b.WriteString(`<div class="nav"><a href="/">Home</a> | <a href="/tech">Tech</a> | <a href="/world">World</a> | <a href="/about">About</a></div>` + "\n")
	fmt.Fprintf(&b, "<div class=\"main\"><h1>%s</h1>\n<div class=\"info\">%s %s</div>\n<div class=\"story\">\n", html.EscapeString(title), dateLine, byline)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</div></div>\n<div class=\"footer\">Copyright 2024 Test News. All rights reserved. <a href=\"/privacy\">Privacy</a></div>\n</body></html>\n")
	return b.String()
}

// gbk encodes s as GBK.
func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode gbk: %v", err)
	}
	return b
}

// gb18030 encodes s as GB18030.
func gb18030(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode gb18030: %v", err)
	}
	return b
}

// readTestPage reads a saved page, gunzipping .gz files.
func readTestPage(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(path, ".gz") {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
