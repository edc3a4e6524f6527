package bleve

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

var (
	enOnce  sync.Once
	english analysis.Analyzer
	enErr   error
)

// EnglishTerms returns the terms Bleve's English analyzer makes of text
// (lower-cased, possessives and stop words removed, Porter-stemmed), in
// order, with gap in place of each removed stop word, so that another
// engine can index English text as this one does. It panics if Bleve's
// English analyzer is missing, which a build of Bleve always has.
func EnglishTerms(text, gap string) []string {
	enOnce.Do(func() {
		english, enErr = registry.NewCache().AnalyzerNamed(enAnalyzer)
	})
	if enErr != nil {
		panic("index: bleve's English analyzer: " + enErr.Error())
	}
	toks := english.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	last := 0
	for _, t := range toks {
		for p := last + 1; p < t.Position && last > 0; p++ {
			out = append(out, gap)
		}
		if t.Position == last && len(out) > 0 {
			continue // a second term at one position: not made by this analyzer
		}
		out = append(out, string(t.Term))
		last = t.Position
	}
	return out
}
