package crawler

import (
	"path/filepath"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/framescope/framescope/corpus"
)

// evalPages loads the pages of one evaluation set from ../shared/evaldata
// (relative to the repository root), skipping when it is absent.
func evalPages(b *testing.B, set string) [][]byte {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "evaldata", set, "html", "*"))
	if len(files) == 0 {
		b.Skipf("no evaluation data at ../shared/evaldata/%s (it is not part of the repository)", set)
	}
	pages := make([][]byte, 0, len(files))
	for _, f := range files {
		body, err := readTestPage(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, body)
	}
	return pages
}

// BenchmarkExtract measures Extract, the crawler's whole extraction path
// (charset, go-trafilatura with fallback, Chinese date and byline rules),
// over the evaluation pages. Compare with BenchmarkTrafilatura.
func BenchmarkExtract(b *testing.B) {
	for _, set := range []string{"extract-en", "extract-zh"} {
		b.Run(set, func(b *testing.B) {
			pages := evalPages(b, set)
			b.ResetTimer()
			for b.Loop() {
				for _, p := range pages {
					_, _ = Extract(p, "", "", corpus.Source{})
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkTrafilatura is the reference: go-trafilatura with fallback on
// the same pages, given UTF-8 (charset decoding is not counted).
func BenchmarkTrafilatura(b *testing.B) {
	for _, set := range []string{"extract-en", "extract-zh"} {
		b.Run(set, func(b *testing.B) {
			pages := evalPages(b, set)
			docs := make([]string, len(pages))
			for i, p := range pages {
				docs[i], _ = DecodeHTML(p, "")
			}
			b.ResetTimer()
			for b.Loop() {
				for _, d := range docs {
					doc, err := html.Parse(strings.NewReader(d))
					if err != nil {
						b.Fatal(err)
					}
					_, _ = trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: true, ExcludeComments: true})
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
