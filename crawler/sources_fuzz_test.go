package crawler

import (
	"bytes"
	"testing"
)

// FuzzParseSources parses arbitrary sources files: problems are reported
// with their lines, never a panic.
func FuzzParseSources(f *testing.F) {
	f.Add([]byte("sources:\n  - name: a\n    lang: en\n    country: US\n    feed: https://example.com/feed\n"))
	f.Add([]byte("sources:\n  - {name: \"\", lang: xx, sitemap: robots, pages: -1}\n"))
	f.Add([]byte("sources: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseSources(bytes.NewReader(data), "fuzz.yaml")
	})
}
