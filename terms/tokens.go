package terms

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framescope/framescope/analyzer"
)

// Tokenizer splits article text into the words terms counts.
type Tokenizer struct {
	seg *analyzer.Segmenter
}

// NewTokenizer returns a tokenizer that segments Chinese with seg, the
// segmenter the index and the analyzer use; nil seg leaves runs of Chinese
// characters out.
func NewTokenizer(seg *analyzer.Segmenter) *Tokenizer { return &Tokenizer{seg: seg} }

// Words returns the countable words of text in order: English words
// lower-cased, Chinese words as segmented, without stop words, numbers,
// single letters or single Chinese characters.
func (t *Tokenizer) Words(text string) []string {
	var out []string
	for _, run := range splitRuns(text) {
		if run.han {
			if t.seg == nil {
				continue
			}
			for _, w := range t.seg.Cut(run.text) {
				w = strings.TrimSpace(w)
				if keepHan(w) {
					out = append(out, w)
				}
			}
			continue
		}
		for _, w := range strings.FieldsFunc(run.text, notWordRune) {
			w = strings.Trim(strings.ToLower(w), "-'’.")
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if keepLatin(w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// run is a stretch of text that is all Chinese characters, or none.
type run struct {
	text string
	han  bool
}

func splitRuns(text string) []run {
	var out []run
	start, han := 0, false
	for i, r := range text {
		h := unicode.Is(unicode.Han, r)
		if i > start && h != han {
			out = append(out, run{text[start:i], han})
			start = i
		}
		if i == start {
			han = h
		}
	}
	if start < len(text) {
		out = append(out, run{text[start:], han})
	}
	return out
}

func notWordRune(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’')
}

func keepHan(w string) bool {
	if utf8.RuneCountInString(w) < 2 || zhStop[w] {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func keepLatin(w string) bool {
	if utf8.RuneCountInString(w) < 2 || enStop[w] {
		return false
	}
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// IsStopWord reports whether w is an English or Chinese stop word.
func IsStopWord(w string) bool { return enStop[strings.ToLower(w)] || zhStop[w] }
