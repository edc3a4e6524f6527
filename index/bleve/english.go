package bleve

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// The English analyzer makes the terms of Bleve's "en" analyzer (Unicode
// word segmentation, possessives removed, lower-cased, stop words removed,
// Porter-stemmed), faster: English news is mostly ASCII, for which word
// boundaries, lower case and stems need none of the Unicode machinery, and
// a few thousand words make up most of it, whose stems are worth keeping.
// Text that is not ASCII goes to Bleve's own tokenizer and lower-case
// filter, a run between spaces at a time. TestEnglishAnalyzerSame checks
// that the terms and positions are Bleve's, so an index built with
// Bleve's "en" analyzer is queried correctly with this one.
const (
	enAnalyzer  = "framescope_en"
	enTokenizer = "framescope_en"
	lowerFilter = "framescope_to_lower"
)

// registerEnglish registers the English tokenizer and analyzer, and the
// lower-case filter of both analyzers, with Bleve (see register).
func registerEnglish() error {
	err := registry.RegisterTokenFilter(lowerFilter, func(_ map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
		u, err := cache.TokenFilterNamed(lowercase.Name)
		if err != nil {
			return nil, err
		}
		return asciiLower{unicode: u}, nil
	})
	if err != nil {
		return err
	}
	err = registry.RegisterTokenizer(enTokenizer, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Tokenizer, error) {
		u, err := cache.TokenizerNamed(unicode.Name)
		if err != nil {
			return nil, err
		}
		return englishTokenizer{unicode: u}, nil
	})
	if err != nil {
		return err
	}
	return registry.RegisterAnalyzer(enAnalyzer, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		tok, err := cache.TokenizerNamed(enTokenizer)
		if err != nil {
			return nil, err
		}
		var filters [4]analysis.TokenFilter
		for i, name := range []string{en.PossessiveName, lowerFilter, en.StopName, porter.Name} {
			if filters[i], err = cache.TokenFilterNamed(name); err != nil {
				return nil, err
			}
		}
		return &analysis.DefaultAnalyzer{
			Tokenizer: tok,
			TokenFilters: []analysis.TokenFilter{
				filters[0],
				filters[1],
				filters[2],
				&stemCache{stem: filters[3], m: make(map[string]string)},
			},
		}, nil
	})
}

// englishTokenizer segments ASCII text by the rules of Unicode word
// segmentation (UAX #29) that concern ASCII, and hands each run between
// spaces that holds other characters to Bleve's Unicode tokenizer. A
// space always ends a word, so the runs can be segmented apart. Text that
// is not UTF-8 goes to Bleve's tokenizer whole.
type englishTokenizer struct {
	unicode analysis.Tokenizer
}

// Byte classes of UAX #29 word segmentation, for ASCII.
const (
	wbOther  = iota
	wbLetter // ALetter
	wbNumber // Numeric
	wbExtend // ExtendNumLet: _
	wbMidL   // MidLetter: a colon joins letters only
	wbMidNL  // MidNumLet and Single_Quote: . and ' join letters or digits
	wbMidN   // MidNum: , and ; join digits only
	wbSpace
)

var wbClass = func() (c [128]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = wbLetter, wbLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = wbNumber
	}
	c['_'], c[':'], c['.'], c['\''], c[','], c[';'] = wbExtend, wbMidL, wbMidNL, wbMidNL, wbMidN, wbMidN
	for _, b := range " \t\n\v\f\r" {
		c[b] = wbSpace
	}
	return c
}()

func (t englishTokenizer) Tokenize(input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		// Bleve's segmenter stops at the first byte that is not UTF-8.
		return t.unicode.Tokenize(input)
	}
	out := make(analysis.TokenStream, 0, len(input)/6+1)
	var tokens []analysis.Token
	add := func(tk analysis.Token) {
		if len(tokens) == cap(tokens) {
			// Earlier tokens stay where they are: out points at them.
			tokens = make([]analysis.Token, 0, max(16, (len(input)-tk.End)/6))
		}
		tk.Position = len(out) + 1
		tokens = append(tokens, tk)
		out = append(out, &tokens[len(tokens)-1])
	}
	for i := 0; i < len(input); {
		if input[i] < 128 && wbClass[input[i]] == wbSpace {
			i++
			continue
		}
		// A run between spaces: [i, j).
		j, ascii := i, true
		for ; j < len(input) && (input[j] >= 128 || wbClass[input[j]] != wbSpace); j++ {
			ascii = ascii && input[j] < 128
		}
		if ascii {
			asciiWords(input, i, j, add)
		} else {
			for _, tk := range t.unicode.Tokenize(input[i:j]) {
				tk.Start += i
				tk.End += i
				add(*tk)
			}
		}
		i = j
	}
	return out
}

// asciiWords calls add with each word of the ASCII run input[i:j].
func asciiWords(input []byte, i, j int, add func(analysis.Token)) {
	class := func(k int) uint8 {
		if k < i || k >= j {
			return wbOther
		}
		return wbClass[input[k]]
	}
	start := i
	for k := i + 1; k <= j; k++ {
		if k < j && !wordBreak(class(k-2), class(k-1), class(k), class(k+1)) {
			continue
		}
		// input[start:k] is a segment: a word if it holds a letter, a
		// digit or a _, as for Bleve (a run of punctuation is not).
		typ := analysis.TokenType(-1)
		for _, c := range input[start:k] {
			switch wbClass[c] {
			case wbLetter, wbExtend:
				typ = analysis.AlphaNumeric
			case wbNumber:
				if typ < 0 {
					typ = analysis.Numeric
				}
			}
		}
		if typ >= 0 {
			add(analysis.Token{Term: input[start:k:k], Start: start, End: k, Type: typ})
		}
		start = k
	}
}

// wordBreak reports whether UAX #29 breaks between b and c, the bytes
// before b and after c being a and d.
func wordBreak(a, b, c, d uint8) bool {
	switch {
	case (b == wbLetter || b == wbNumber) && (c == wbLetter || c == wbNumber):
		return false // WB5, WB8, WB9, WB10
	case (b == wbLetter || b == wbNumber || b == wbExtend) && c == wbExtend:
		return false // WB13a
	case b == wbExtend && (c == wbLetter || c == wbNumber):
		return false // WB13b
	case b == wbLetter && (c == wbMidL || c == wbMidNL) && d == wbLetter:
		return false // WB6
	case a == wbLetter && (b == wbMidL || b == wbMidNL) && c == wbLetter:
		return false // WB7
	case b == wbNumber && (c == wbMidN || c == wbMidNL) && d == wbNumber:
		return false // WB12
	case a == wbNumber && (b == wbMidN || b == wbMidNL) && c == wbNumber:
		return false // WB11
	}
	return true
}

// asciiLower lower-cases terms in place, as Bleve's lower-case filter
// does, itself for terms of ASCII and Chinese characters (which have no
// case), and with Bleve's filter for the others.
type asciiLower struct {
	unicode analysis.TokenFilter
}

func (f asciiLower) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tk := range input {
		if !caseless(tk.Term) {
			f.unicode.Filter(analysis.TokenStream{tk})
			continue
		}
		for k, c := range tk.Term {
			if 'A' <= c && c <= 'Z' {
				tk.Term[k] = c + 'a' - 'A'
			}
		}
	}
	return input
}

// caseless reports whether term holds only ASCII characters and Chinese
// ideographs, so that lower-casing its ASCII letters lower-cases it.
func caseless(term []byte) bool {
	for i := 0; i < len(term); {
		if term[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(term[i:])
		if !isHan(r) {
			return false
		}
		i += n
	}
	return true
}

// stemCache keeps the stems of Bleve's Porter filter by term, for up to
// stemCacheMax terms of at most stemCacheLen bytes.
type stemCache struct {
	stem analysis.TokenFilter
	mu   sync.RWMutex
	m    map[string]string
}

const (
	stemCacheMax = 1 << 15
	stemCacheLen = 24
)

func (f *stemCache) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tk := range input {
		if tk.KeyWord {
			continue
		}
		if len(tk.Term) > stemCacheLen {
			f.stem.Filter(analysis.TokenStream{tk})
			continue
		}
		f.mu.RLock()
		s, ok := f.m[string(tk.Term)]
		f.mu.RUnlock()
		if !ok {
			key := string(tk.Term)
			f.stem.Filter(analysis.TokenStream{tk})
			f.mu.Lock()
			if len(f.m) < stemCacheMax {
				f.m[key] = string(tk.Term)
			}
			f.mu.Unlock()
			continue
		}
		// A stem is never longer than its term; the term's bytes are
		// the token's own (a slice of the text, as the lower-case
		// filter rewrites it in place).
		if len(s) <= len(tk.Term) {
			tk.Term = tk.Term[:copy(tk.Term, s)]
		} else {
			tk.Term = []byte(s)
		}
	}
	return input
}

var (
	enOnce  sync.Once
	english analysis.Analyzer
	enErr   error
)

// EnglishTerms returns the terms this index's English analyzer makes of
// text (lower-cased, possessives and stop words removed, Porter-stemmed),
// in order, with gap in place of each removed stop word, so that another
// engine can index English text as this one does. It panics if the
// analyzer cannot be built, which a build of Bleve always can.
func EnglishTerms(text, gap string) []string {
	enOnce.Do(func() {
		if enErr = register(); enErr == nil {
			english, enErr = registry.NewCache().AnalyzerNamed(enAnalyzer)
		}
	})
	if enErr != nil {
		panic("index: the English analyzer: " + enErr.Error())
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
