package analyzer

import (
	"math"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Token is one segment of a text with its byte offsets. Sub is set on the
// extra words of search mode: dictionary words inside (or across) the
// words of the precise segmentation.
type Token struct {
	Text       string
	Start, End int
	Sub        bool
}

// Segmenter splits Chinese text into words as jieba (cppjieba's mixed mode:
// the most probable path through the dictionary, the HMM for runs of
// characters it lacks) does, with the dictionary prebuilt and embedded
// (see dict.go), so that making one costs nothing and the dictionary is
// only read when Chinese text is segmented. It is safe for concurrent use,
// AddWords included. Create it with NewSegmenter, giving it the codebook's
// domain words (Codebook.DomainWords), and share it between the analyzer
// and the index.
type Segmenter struct {
	mu    sync.Mutex // serializes AddWords
	added atomic.Pointer[userWords]
}

// userWords are the words added to the dictionary, with their prefixes,
// replaced as a whole by AddWords.
type userWords struct {
	words map[string]float64 // word → weight; prefixes that are no word have notWord
	// packed holds the keys of words that have a packed dictKey, as pairs
	// of the key and the weight's bits in an open-addressing table of
	// 1<<bits slots (nil when there are none), probed as the dictionary's.
	packed []uint64
	bits   uint
	// firsts has a bit for each code that is a one-character key of packed.
	firsts []uint64
	// long is set when some key of words has no packed key; filter has a
	// bit for each such key: a clear bit answers "not there" without the
	// map.
	long   bool
	filter wordFilter
}

// newUserWords returns the table of words for lookups.
func newUserWords(words map[string]float64) *userWords {
	u := &userWords{words: words}
	d := theDict()
	var short []dictKey
	for w := range words {
		k := newKey()
		for _, r := range w {
			k.add(d.code(r))
		}
		if k.short() {
			short = append(short, k)
		} else {
			u.long = true
			u.filter.add(w)
		}
	}
	if len(short) == 0 {
		return u
	}
	u.bits = 1
	for 1<<u.bits < 2*len(short) {
		u.bits++
	}
	u.packed = make([]uint64, 2<<u.bits)
	u.firsts = make([]uint64, maxCodes/64+1)
	mask := uint64(1)<<u.bits - 1
	for _, k := range short {
		i := (k.packed * hashMul) >> (64 - u.bits)
		for u.packed[2*i] != 0 {
			i = (i + 1) & mask
		}
		u.packed[2*i] = k.packed
		if k.runes == 1 {
			u.firsts[k.packed/64] |= 1 << (k.packed % 64)
		}
	}
	for w, wt := range words {
		k := newKey()
		for _, r := range w {
			k.add(d.code(r))
		}
		if k.short() {
			u.packed[2*u.slot(k.packed)+1] = math.Float64bits(wt)
		}
	}
	return u
}

// slot returns the slot of the packed key p in u.packed, or of the empty
// slot where it would go.
func (u *userWords) slot(p uint64) uint64 {
	mask := uint64(1)<<u.bits - 1
	i := (p * hashMul) >> (64 - u.bits)
	for u.packed[2*i] != p && u.packed[2*i] != 0 {
		i = (i + 1) & mask
	}
	return i
}

// lookup returns the weight of the added word or prefix s, whose key is k,
// and whether s is one.
func (u *userWords) lookup(k dictKey, s string) (float64, bool) {
	if k.short() {
		if u.packed == nil || k.runes == 1 && u.firsts[k.packed/64]&(1<<(k.packed%64)) == 0 {
			return 0, false
		}
		i := u.slot(k.packed)
		if u.packed[2*i] == 0 {
			return 0, false
		}
		return math.Float64frombits(u.packed[2*i+1]), true
	}
	if !u.long || !u.filter.mayHave(s) {
		return 0, false
	}
	w, ok := u.words[s]
	return w, ok
}

// NewSegmenter returns a segmenter with words added to the dictionary, so
// that names such as 文心一言 stay one word. dir is not used any more (the
// dictionary is embedded in the form it is read in); the error is always nil.
func NewSegmenter(dir string, words ...string) (*Segmenter, error) {
	s := &Segmenter{}
	s.added.Store(newUserWords(map[string]float64{}))
	s.AddWords(words...)
	return s, nil
}

var (
	sharedOnce sync.Once
	shared     *Segmenter
	sharedErr  error
)

// SharedSegmenter returns a process-wide segmenter without domain words,
// for tests and examples that share one. Programs make their own with
// NewSegmenter and pass it on.
func SharedSegmenter() (*Segmenter, error) {
	sharedOnce.Do(func() { shared, sharedErr = NewSegmenter("") })
	return shared, sharedErr
}

// DomainWords returns the words of cb that the segmenter must keep whole:
// the runs of two or more Chinese characters in its actors' aliases and
// people, home words, anaphora, cues, markers and extra words. The
// analyzer and the index segment with them; give them to NewSegmenter or
// AddWords.
func (cb *Codebook) DomainWords() []string {
	var words []string
	collect := func(ps ...[]string) {
		for _, p := range ps {
			for _, w := range p {
				for _, run := range hanRuns(w) {
					if len([]rune(run)) >= 2 {
						words = append(words, run)
					}
				}
			}
		}
	}
	for _, ac := range cb.Actors {
		collect(ac.Aliases, ac.People)
	}
	collect(cb.Home)
	for _, an := range cb.Anaphora {
		collect(an.Words)
	}
	for _, c := range cb.Cues {
		collect(c.Words, c.Exclude)
	}
	m := cb.Markers
	collect(m.Negation, m.NoLonger, m.NotYet, m.Aspiration, m.Modal, m.Comparison, m.Partner, m.Clause, m.Claim, m.From, m.To, m.Domain, m.Descriptors, cb.NotActors, cb.Words)
	collect(m.Topic, m.OffTopic, m.Domestic, m.Rivals, m.Named, m.Example, m.Standing, m.World, m.Target, m.ObjectBreak, m.Persons)
	for _, c := range cb.Cues {
		collect(c.NotFollowedBy, c.NotPrecededBy)
	}
	return words
}

// AddWords adds words to the dictionary (once each), with a frequency high
// enough that an added name wins over the dictionary's splits of it.
func (s *Segmenter) AddWords(words ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.added.Load()
	var fresh []string
	for _, w := range words {
		if wt, ok := old.words[w]; w != "" && utf8.ValidString(w) && (!ok || wt == notWord) {
			fresh = append(fresh, w)
		}
	}
	if len(fresh) == 0 {
		return
	}
	table := make(map[string]float64, len(old.words)+2*len(fresh))
	for k, v := range old.words {
		table[k] = v
	}
	weight := math.Log(addedFreq / theDict().freqSum)
	for _, w := range fresh {
		table[w] = weight
		for i := range w {
			if _, ok := table[w[:i]]; i > 0 && !ok {
				table[w[:i]] = notWord
			}
		}
	}
	s.added.Store(newUserWords(table))
}

// The frequency of added words (cppjieba's AddWordEx with frequency 100000).
const addedFreq = 100000

// Cut segments text in precise mode with the HMM for unknown words.
func (s *Segmenter) Cut(text string) []string {
	starts, ends := s.spans(text, nil, nil)
	out := make([]string, len(starts))
	for i := range starts {
		out[i] = text[starts[i]:ends[i]]
	}
	return out
}

// Tokenize segments text and returns the words with byte offsets. In search
// mode every dictionary word of two or more characters inside a word, or
// spanning several, is returned too (marked Sub, right before the word it
// starts in), as Elasticsearch's IK analyzer does with ik_max_word: 生成式人工智能
// gives 生成, 生成式, 人工, 人工智能, 智能 and the word itself. A sub-word
// never crosses the boundaries of the best split of its word (中国 is not
// in 发展中国家, which splits as 发展中 国家), so that what a search finds
// is a word of the text.
func (s *Segmenter) Tokenize(text string, search bool) []Token {
	starts, ends := s.spans(text, nil, nil)
	out := make([]Token, 0, len(starts))
	if !search {
		for i := range starts {
			out = append(out, Token{Text: text[starts[i]:ends[i]], Start: starts[i], End: ends[i]})
		}
		return out
	}
	return s.searchTokens(text, starts, ends, out)
}

// spans segments text as Cut does and appends the byte offsets of each
// word's start and end to starts and ends.
func (s *Segmenter) spans(text string, starts, ends []int) ([]int, []int) {
	c := cutter{u: s.added.Load(), d: theDict(), text: text}
	c.starts, c.ends = starts, ends
	c.cut()
	return c.starts, c.ends
}
