package analyzer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one token of a sentence: a segmented Chinese word, a Latin-script
// word, or a clause punctuation mark.
type word struct {
	text  string // as written
	fold  string // lower-cased
	start int    // byte offset in the sentence
	han   bool   // Chinese characters
	punct bool   // clause punctuation (, ; : ， ； ： — ( ) ? ？)
}

// span is a piece of a text with its byte offset in the text.
type span struct {
	text string
	off  int
}

// trimmed returns s[i:j] without surrounding white space, with its offset.
func trimmed(s string, i, j int) span {
	t := s[i:j]
	lead := len(t) - len(strings.TrimLeftFunc(t, unicode.IsSpace))
	return span{strings.TrimSpace(t), i + lead}
}

// appendParagraphs appends the paragraphs of text to out: it splits text
// at line breaks, dropping empty lines.
func appendParagraphs(out []span, text string) []span {
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if p := trimmed(text, start, end); p.text != "" {
			out = append(out, p)
		}
		start = end + 1
	}
	return out
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "vs": true, "st": true, "jr": true, "sr": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "e.g": true, "i.e": true, "etc": true, "approx": true,
}

// sentences splits a paragraph into sentences at 。！？!? … and at a period
// followed by a space, unless the period ends an abbreviation (Inc., U.S.).
// Closing quotes and brackets stay with their sentence.
func sentences(p string) []span { return appendSentences(nil, p) }

// appendSentences appends the sentences of paragraph p to out.
func appendSentences(out []span, p string) []span {
	start := 0
	emit := func(end int) {
		if s := trimmed(p, start, end); s.text != "" {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		end := i + size
		switch r {
		case '。', '！', '？', '!', '?', '…':
			for end < len(p) {
				r2, s2 := utf8.DecodeRuneInString(p[end:])
				if !isTerminalOrClose(r2) {
					break
				}
				end += s2
			}
			emit(end)
		case '.':
			if end < len(p) && !unicode.IsSpace(rune(p[end])) && !isClose(rune(p[end])) {
				break
			}
			if isAbbreviation(p[start:i]) {
				break
			}
			for end < len(p) && isClose(rune(p[end])) {
				end++
			}
			emit(end)
		}
		if end > i+size {
			i = end
		} else {
			i += size
		}
	}
	emit(len(p))
	return out
}

func isTerminalOrClose(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '…', '”', '’', '」', '』', '）', ')', '"', '\'':
		return true
	}
	return false
}

func isClose(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '”', '’':
		return true
	}
	return false
}

// isAbbreviation reports whether the text before a period ends in an
// abbreviation: a known one or single letters with periods (U.S, U.K).
func isAbbreviation(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return !(unicode.IsLetter(r) || r == '.') })
	w := before[i+1:]
	if w == "" {
		return false
	}
	if isKnownAbbreviation(w) {
		return true
	}
	// U.S, U.K, e.g: letters separated by periods, or a lone capital (J. Smith).
	parts := 0
	for part := range strings.SplitSeq(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
		parts++
	}
	first, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(first) || parts > 1
}

// isKnownAbbreviation reports whether w, in any case, is one of the
// abbreviations; short ASCII words are lower-cased without allocating.
func isKnownAbbreviation(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return abbreviations[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return abbreviations[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return abbreviations[string(buf[:len(w)])]
}

// isClausePunct reports whether r separates clauses.
func isClausePunct(r rune) bool {
	switch r {
	case ',', ';', ':', '，', '；', '：', '—', '–', '(', ')', '（', '）', '?', '？', '!', '！':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isHan(r)
}

// hanCutter segments a run of Chinese characters that starts at byte off
// of the text being analyzed.
type hanCutter func(run string, off int) []string

// segCutter cuts each run with the segmenter.
func segCutter(seg *Segmenter) hanCutter {
	return func(run string, _ int) []string { return seg.Cut(run) }
}

// precut holds the segmentation of a whole text, made with one call to
// jieba, and serves the Chinese runs of its sentences in order.
type precut struct {
	seg    *Segmenter
	text   string
	ends   []int // end offset of each segmented word
	starts []int
	next   int
	buf    []string
}

// reset segments text (when it has Chinese) for the runs asked for next.
func (p *precut) reset(text string) {
	p.text, p.starts, p.ends, p.next = text, p.starts[:0], p.ends[:0], 0
	if !hasHan(text) {
		return
	}
	p.starts, p.ends = p.seg.spans(text, p.starts, p.ends)
}

// run is a hanCutter: it returns the words of the run at off of the text;
// a run whose words do not tile it exactly (a dictionary word mixing
// scripts) is cut again on its own.
func (p *precut) run(run string, off int) []string {
	for p.next < len(p.ends) && p.ends[p.next] <= off {
		p.next++
	}
	out := p.buf[:0]
	defer func() { p.buf = out[:0] }()
	pos := off
	for p.next < len(p.ends) && p.starts[p.next] == pos && p.ends[p.next] <= off+len(run) {
		out = append(out, p.text[p.starts[p.next]:p.ends[p.next]])
		pos = p.ends[p.next]
		p.next++
	}
	if pos != off+len(run) {
		return p.seg.Cut(run)
	}
	return out
}

// tokenize splits a sentence into words: Chinese runs are segmented with
// cut (given the run and its offset base+i), other letters and digits form
// words that keep inner hyphens, periods, ampersands and apostrophes
// (GPT-4, U.S, isn't), with a possessive 's split off, and clause
// punctuation becomes a word of its own. Other characters are dropped.
func tokenize(cut hanCutter, s string, base int, out []word) []word {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHan(r):
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !isHan(r2) {
					break
				}
				j += s2
			}
			off := i
			for _, w := range cut(s[i:j], base+i) {
				out = append(out, word{text: w, fold: w, start: off, han: true})
				off += len(w)
			}
			i = j
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if r2 == '-' || r2 == '.' || r2 == '&' || r2 == '\'' || r2 == '’' {
					r3, _ := utf8.DecodeRuneInString(s[j+s2:])
					if j+s2 < len(s) && isWordRune(r3) {
						j += s2
						continue
					}
				}
				break
			}
			w := s[i:j]
			if p := possessive(w); p > 0 {
				out = append(out, word{text: w[:p], fold: lower(w[:p]), start: i})
				out = append(out, word{text: w[p:], fold: "'s", start: i + p})
			} else {
				out = append(out, word{text: w, fold: lower(w), start: i})
			}
			i = j
		case isClausePunct(r):
			out = append(out, word{text: s[i : i+size], fold: s[i : i+size], start: i, punct: true})
			i += size
		default:
			i += size
		}
	}
	return out
}

// lower returns s lower-cased, without copying when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// possessive returns the byte offset of a final 's or ’s in w, or 0.
func possessive(w string) int {
	if c := w[len(w)-1]; c != 's' && c != 'S' {
		return 0
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

// isHan reports whether r is a Chinese character. The CJK Unified
// Ideographs block, all Han, is answered without the table lookup.
func isHan(r rune) bool {
	if 0x4E00 <= r && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}
