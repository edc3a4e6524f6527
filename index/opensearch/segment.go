package opensearch

import (
	"strings"
	"unicode"
)

// segment returns Chinese text as the Bleve engine's jieba tokenizer sees
// it, lower-cased and joined by spaces for the whitespace analyzer: the
// whole words of the text (search mode's words that are no part of a
// longer one, in order, so that phrases match) and the sub-words search
// mode adds for long words (人工 and 智能 for 人工智能).
func (x *Index) segment(text string) (words, sub string) {
	toks := x.seg.Tokenize(text, true)
	isSub := make([]bool, len(toks))
	coverStart, coverEnd := -1, -1
	for i := len(toks) - 1; i >= 0; i-- {
		tk := toks[i]
		if tk.Start >= coverStart && tk.End <= coverEnd && (tk.Start != coverStart || tk.End != coverEnd) {
			isSub[i] = true
			continue
		}
		coverStart, coverEnd = tk.Start, tk.End
	}
	var w, s strings.Builder
	for i, tk := range toks {
		if !isWord(tk.Text) {
			continue
		}
		b := &w
		if isSub[i] {
			b = &s
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(tk.Text))
	}
	return w.String(), s.String()
}

// queryWords returns the words of a query's text as the Bleve engine's
// query analyzer for Chinese fields sees them: exact segmentation,
// lower-cased, punctuation dropped.
func (x *Index) queryWords(text string) []string {
	var out []string
	for _, tk := range x.seg.Tokenize(text, false) {
		if isWord(tk.Text) {
			out = append(out, strings.ToLower(tk.Text))
		}
	}
	return out
}

// gap stands for a removed stop word in English text, so that phrases
// keep their word positions.
const gap = "_"

// englishText returns English text as terms joined by spaces for the
// whitespace analyzer.
func (x *Index) englishText(text string) string {
	return strings.Join(x.english(text, gap), " ")
}

// englishQuery returns the terms of a query's English text without gaps
// at either end.
func (x *Index) englishQuery(text string) []string {
	t := x.english(text, gap)
	for len(t) > 0 && t[0] == gap {
		t = t[1:]
	}
	for len(t) > 0 && t[len(t)-1] == gap {
		t = t[:len(t)-1]
	}
	return t
}

// isWord reports whether s contains a letter or digit.
func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
