package crawler

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"sync"
	"unicode"

	"github.com/framescope/framescope/corpus"
)

// Near-duplicate detection: texts whose 64-bit SimHash fingerprints differ
// in at most nearBits bits are copies of one story. Texts shorter than
// minShingles shingles are never grouped (too little to tell).
const (
	nearBits    = 3
	minShingles = 30
	shingleSize = 3
)

// Fingerprint returns the SimHash of a text over shingles of three tokens
// (a Han character or a run of letters and digits is one token, case and
// punctuation ignored) and the number of shingles it was made from.
func Fingerprint(text string) (uint64, int) {
	toks := tokens(text)
	if len(toks) < shingleSize {
		return 0, 0
	}
	var v [64]int
	n := 0
	h := fnv.New64a()
	for i := 0; i+shingleSize <= len(toks); i++ {
		h.Reset()
		for _, t := range toks[i : i+shingleSize] {
			h.Write([]byte(t))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for b := range 64 {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
		n++
	}
	var fp uint64
	for b := range 64 {
		if v[b] > 0 {
			fp |= 1 << b
		}
	}
	return fp, n
}

// tokens splits text into Han characters and lower-cased words.
func tokens(text string) []string {
	var out []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// Stories groups near-duplicate articles (a wire story syndicated by
// several outlets) under one story ID. It is safe for concurrent use. Seed
// it with the stored articles (Add) so copies arriving in later crawls
// join their story.
type Stories struct {
	mu      sync.Mutex
	entries []storyEntry
}

type storyEntry struct {
	fp    uint64
	story string
}

// NewStories returns an empty story index.
func NewStories() *Stories { return &Stories{} }

// Add records a stored article: its fingerprint under its story (its
// Story, or its own ID when it is the first copy).
func (s *Stories) Add(a corpus.Article) {
	fp, n := Fingerprint(a.Text)
	if n < minShingles {
		return
	}
	story := a.Story
	if story == "" {
		story = a.ID
	}
	if story == "" {
		story = corpus.IDFor(corpus.CanonicalURL(a.URL))
	}
	s.mu.Lock()
	s.entries = append(s.entries, storyEntry{fp, story})
	s.mu.Unlock()
}

// Assign sets a.Story to the story of an earlier near-duplicate, if any,
// and reports whether it found one. It does not record a (see Add).
func (s *Stories) Assign(a *corpus.Article) bool {
	fp, n := Fingerprint(a.Text)
	if n < minShingles {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	best, bestDist := "", nearBits+1
	for _, e := range s.entries {
		if d := bits.OnesCount64(fp ^ e.fp); d < bestDist {
			best, bestDist = e.story, d
		}
	}
	if best == "" || best == a.ID {
		return false
	}
	a.Story = best
	return true
}
