package bleve

import (
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/framescope/framescope/analyzer"
)

// Names under which the jieba tokenizers and analyzers are known to Bleve.
// The analyzers are declared in the index mapping, the tokenizers in Bleve's
// process-wide registry (see register) and built for each index with
// the segmenter given to Open (see building).
const (
	jiebaSearchTokenizer = "framescope_jieba_search"
	jiebaExactTokenizer  = "framescope_jieba_exact"
	zhIndexAnalyzer      = "framescope_zh"
	zhQueryAnalyzer      = "framescope_zh_query"
)

var (
	registerOnce sync.Once
	registerErr  error
)

// building hands the segmenter given to Open to the jieba tokenizers Bleve
// builds for that index. Bleve's registry of tokenizers is process-wide
// and a tokenizer gets no argument of its own, but Bleve builds an index's
// tokenizers (one per mapping, kept with it) while the mapping is created
// or read, which Open does with building.mu held and building.seg set.
var building struct {
	mu  sync.Mutex
	seg *analyzer.Segmenter
}

// withSegmenter runs f, which creates or reads an index mapping, with the
// tokenizers it builds segmenting with seg.
func withSegmenter[T any](seg *analyzer.Segmenter, f func() (T, error)) (T, error) {
	building.mu.Lock()
	defer building.mu.Unlock()
	building.seg = seg
	defer func() { building.seg = nil }()
	return f()
}

// register registers the jieba tokenizers and the callback of Bleve's
// background errors (failure.go) with Bleve once per process. Bleve's
// registries are global by design; registering lazily from Open keeps
// package initialization free of side effects.
func register() error {
	registerOnce.Do(func() {
		registerAsyncErrors()
		if err := registerEnglish(); err != nil {
			registerErr = fmt.Errorf("index: register English analyzer: %w", err)
			return
		}
		if err := registerList(); err != nil {
			registerErr = fmt.Errorf("index: register tokenizer: %w", err)
			return
		}
		for name, search := range map[string]bool{jiebaSearchTokenizer: true, jiebaExactTokenizer: false} {
			search := search
			err := registry.RegisterTokenizer(name, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
				if building.seg == nil {
					return nil, fmt.Errorf("index: jieba tokenizer built outside Open")
				}
				return &jiebaTokenizer{seg: building.seg, search: search}, nil
			})
			if err != nil {
				registerErr = fmt.Errorf("index: register tokenizer: %w", err)
				return
			}
		}
	})
	return registerErr
}

// jiebaAnalyzers returns the custom analyzer definitions for the mapping:
// search-mode segmentation for indexing (人工智能 is indexed as 人工, 智能
// and 人工智能) and exact segmentation for queries, both lower-cased.
func jiebaAnalyzers() map[string]map[string]interface{} {
	def := func(tok string) map[string]interface{} {
		return map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     tok,
			"token_filters": []interface{}{lowerFilter},
		}
	}
	return map[string]map[string]interface{}{
		zhIndexAnalyzer: def(jiebaSearchTokenizer),
		zhQueryAnalyzer: def(jiebaExactTokenizer),
	}
}

// jiebaTokenizer is a Bleve tokenizer over the jieba segmenter of an index.
type jiebaTokenizer struct {
	seg    *analyzer.Segmenter
	search bool
}

// Tokenize segments input and drops punctuation and space. Positions count
// whole words: in search mode the sub-words the segmenter adds (人工
// and 智能 for 人工智能) share the position of that word, so a phrase typed
// with whole words matches.
func (t *jiebaTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := t.seg.Tokenize(string(input), t.search)
	// The tokens and their terms are carved out of one allocation each:
	// a long text has thousands of tokens. Terms are copies, not slices of
	// input, because the lower-case filter rewrites terms in place and
	// sub-words overlap their word.
	n, size := 0, 0
	for _, tk := range toks {
		if isWord(tk.Text) {
			n++
			size += len(tk.Text)
		}
	}
	out := make(analysis.TokenStream, 0, n)
	tokens := make([]analysis.Token, 0, n)
	terms := make([]byte, 0, size)
	// Sub-words precede their word, so their position is the next one.
	pos := 0
	for _, tk := range toks {
		if !isWord(tk.Text) {
			continue
		}
		p := pos + 1
		if !tk.Sub {
			pos++
		}
		start := len(terms)
		terms = append(terms, tk.Text...)
		tokens = append(tokens, analysis.Token{
			Term:     terms[start:len(terms):len(terms)],
			Start:    tk.Start,
			End:      tk.End,
			Position: p,
			Type:     tokenType(tk.Text),
		})
		out = append(out, &tokens[len(tokens)-1])
	}
	return out
}

// isWord reports whether s contains a letter or digit.
func isWord(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		i += n
	}
	return false
}

// isHan reports whether r is in the CJK Unified Ideographs block, which
// holds nearly every character of Chinese text (unicode.Han holds more).
func isHan(r rune) bool { return 0x4e00 <= r && r <= 0x9fff }

func tokenType(s string) analysis.TokenType {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case isHan(r) || r >= utf8.RuneSelf && unicode.Is(unicode.Han, r):
		return analysis.Ideographic
	case unicode.IsDigit(r):
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
