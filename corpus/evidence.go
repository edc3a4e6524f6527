package corpus

import "strings"

// CueSpan returns the byte offsets in e.Sentence of the first occurrence
// of e.Cue: found verbatim, else without regard to case where lower-casing
// keeps the sentence's byte offsets. ok is false when the cue is empty or
// not in the sentence. Every view that highlights a cue (the command
// line's table and CSV, the web pages, the reports) finds it here.
func (e Evidence) CueSpan() (start, end int, ok bool) {
	s, cue := e.Sentence, e.Cue
	if cue == "" {
		return 0, 0, false
	}
	i := strings.Index(s, cue)
	if i < 0 {
		if lower := strings.ToLower(s); len(lower) == len(s) {
			i = strings.Index(lower, strings.ToLower(cue))
		}
	}
	if i < 0 {
		return 0, 0, false
	}
	return i, min(i+len(cue), len(s)), true
}

// Marked returns the sentence with its cue between open and close
// ("[" and "]" in CSV exports). A cue that is not in the sentence is
// appended after a space, marked, so that the reader still sees it; a
// sentence without a cue is returned as it is.
func (e Evidence) Marked(open, close string) string {
	if e.Cue == "" {
		return e.Sentence
	}
	i, j, ok := e.CueSpan()
	if !ok {
		return e.Sentence + " " + open + e.Cue + close
	}
	return e.Sentence[:i] + open + e.Sentence[i:j] + close + e.Sentence[j:]
}
