package analyzer

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/yanyiwu/gojieba"

	"github.com/framescope/framescope/corpus"
)

// The benchmarks code the same news texts that bench/jieba_bench.py times
// with Python jieba: testdata/bench/zh.txt and en.txt. Compare with
//
//	go test -run '^$' -bench . -benchmem ./analyzer/
//	python3 analyzer/testdata/bench/jieba_bench.py analyzer/testdata/bench/zh.txt
//
// Throughput is reported in bytes/s by -bench and in characters/s by the
// chars/s metric.

func benchText(b *testing.B, name string) string {
	b.Helper()
	t, err := os.ReadFile("testdata/bench/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return string(t)
}

func benchAnalyze(b *testing.B, lang corpus.Lang, file string) {
	an := testAnalyzer(b)
	text := benchText(b, file)
	art := corpus.Article{ID: "bench", Lang: lang, Text: text}
	an.Analyze(art) // warm the pools
	chars := len([]rune(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		an.Analyze(art)
	}
	b.ReportMetric(float64(chars)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
}

// BenchmarkAnalyzeZH codes a Chinese news article.
func BenchmarkAnalyzeZH(b *testing.B) { benchAnalyze(b, corpus.Chinese, "zh.txt") }

// BenchmarkAnalyzeEN codes an English news article.
func BenchmarkAnalyzeEN(b *testing.B) { benchAnalyze(b, corpus.English, "en.txt") }

// BenchmarkJiebaCut is raw gojieba segmentation (its Go Cut method) of the
// Chinese article, the floor the analyzer is measured against, with the
// same dictionary and added words as the analyzer's segmenter.
func BenchmarkJiebaCut(b *testing.B) {
	seg := gojiebaLike(b)
	text := benchText(b, "zh.txt")
	chars := len([]rune(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		seg.Cut(text, true)
	}
	b.ReportMetric(float64(chars)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
}

// BenchmarkAnalyzeHeadlines codes real Chinese tech headlines from the
// shared evaluation data (../shared/evaldata beside the repository), and is
// skipped where that folder is absent.
func BenchmarkAnalyzeHeadlines(b *testing.B) {
	f, err := os.Open("../../shared/evaldata/headlines/headlines-2021-2022.jsonl")
	if err != nil {
		b.Skipf("no shared evaluation data: %v", err)
	}
	defer f.Close()
	var arts []corpus.Article
	chars := 0
	dec := json.NewDecoder(f)
	for len(arts) < 5000 {
		var h struct {
			Title string `json:"title"`
		}
		if err := dec.Decode(&h); err != nil {
			break
		}
		arts = append(arts, corpus.Article{Title: h.Title})
		chars += len([]rune(h.Title))
	}
	an := testAnalyzer(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			an.Analyze(a)
		}
	}
	b.ReportMetric(float64(chars)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// gojiebaLike returns a gojieba segmenter loaded like the analyzer's shared
// one: same dictionaries, same added words.
func gojiebaLike(tb testing.TB) *gojieba.Jieba {
	tb.Helper()
	testAnalyzer(tb) // the codebook's words are added to the shared segmenter
	seg, err := SharedSegmenter()
	if err != nil {
		tb.Fatal(err)
	}
	j := gojieba.NewJieba(gojiebaDicts(tb)...)
	tb.Cleanup(j.Free)
	for w, weight := range seg.added.Load().words {
		if weight != notWord {
			j.AddWordEx(w, addedFreq, "nz")
		}
	}
	return j
}

// BenchmarkSegmenterCut is BenchmarkJiebaCut (gojieba, the anchor) with
// the pure-Go segmenter.
func BenchmarkSegmenterCut(b *testing.B) {
	gojiebaLike(b) // the same added words
	benchSegmenter(b, func(seg *Segmenter, text string) { seg.Cut(text) })
}

// BenchmarkSegmenterSearchTokens segments as the index does: search mode,
// with every dictionary word inside a longer one.
func BenchmarkSegmenterSearchTokens(b *testing.B) {
	testAnalyzer(b) // the codebook's words are added to the shared segmenter
	benchSegmenter(b, func(seg *Segmenter, text string) { seg.Tokenize(text, true) })
}

// benchSegmenter runs segment over the benchmark's Chinese text with the
// shared segmenter and reports bytes, allocations and characters per
// second.
func benchSegmenter(b *testing.B, segment func(seg *Segmenter, text string)) {
	seg, err := SharedSegmenter()
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(b, "zh.txt")
	chars := len([]rune(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		segment(seg, text)
	}
	b.ReportMetric(float64(chars)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
}
