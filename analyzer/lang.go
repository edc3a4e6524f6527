package analyzer

import (
	"unicode"

	"github.com/framescope/framescope/corpus"
)

// DetectLang guesses the language of text from its script: "zh" when Han
// characters are at least as many as Latin-script words (Chinese news keeps
// names such as OpenAI in Latin letters), "ja" or "ko" when kana or hangul
// dominate, "en" for Latin script, and "" when text has no letters.
func DetectLang(text string) corpus.Lang {
	var han, kana, hangul, latinWords int
	inWord := false
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			inWord = false
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
			inWord = false
		case unicode.Is(unicode.Hangul, r):
			hangul++
			inWord = false
		case r < 0x250 && unicode.IsLetter(r):
			if !inWord {
				latinWords++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	switch {
	case kana > 0 && kana*4 >= han && kana+han >= latinWords:
		return "ja"
	case hangul > 0 && hangul >= latinWords && hangul >= han:
		return "ko"
	case han > 0 && han >= latinWords:
		return corpus.Chinese
	case latinWords > 0:
		return corpus.English
	}
	return ""
}
