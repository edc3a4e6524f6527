package analyzer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// The jieba dictionaries are embedded so that a binary copied to another
// machine never looks for them in the build machine's module cache, which is
// where gojieba points by default.
//
//go:embed dict/jieba.dict.utf8.gz dict/hmm_model.utf8.gz dict/idf.utf8 dict/stop_words.utf8
var dictFS embed.FS

// Token is one segment of a text with its byte offsets.
type Token struct {
	Text       string
	Start, End int
}

// Segmenter splits Chinese text into words with jieba. It is safe for
// concurrent use. Create it with NewSegmenter, giving it the codebook's
// domain words (Codebook.DomainWords), and share it between the analyzer
// and the index: loading the dictionary takes about a second and 100 MB.
type Segmenter struct {
	jieba *cjieba
	paths []string // the dictionaries, for BenchmarkJiebaCut
	mu    sync.Mutex
	added map[string]bool
}

// NewSegmenter unpacks the embedded dictionaries into dir (a cache folder;
// empty means a folder under os.TempDir) and loads them. Domain words are
// added to the dictionary so that names such as 文心一言 stay one word.
func NewSegmenter(dir string, words ...string) (*Segmenter, error) {
	paths, err := unpackDicts(dir)
	if err != nil {
		return nil, err
	}
	s := &Segmenter{jieba: newCJieba(paths), paths: paths, added: map[string]bool{}}
	s.AddWords(words...)
	return s, nil
}

var (
	sharedOnce sync.Once
	shared     *Segmenter
	sharedErr  error
)

// SharedSegmenter returns a process-wide segmenter without domain words,
// loading it on first use, for tests and examples that share one
// dictionary. Programs make their own with NewSegmenter and pass it on.
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

// AddWords adds words to the dictionary (once each).
func (s *Segmenter) AddWords(words ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range words {
		if w == "" || s.added[w] {
			continue
		}
		s.added[w] = true
		s.jieba.addWord(w, addedFreq, addedTag)
	}
}

// The frequency and part-of-speech tag of added words: high enough that
// an added name wins over the dictionary's splits of it.
const (
	addedFreq = 100000
	addedTag  = "nz"
)

// Cut segments s in precise mode with HMM for unknown words.
func (s *Segmenter) Cut(text string) []string {
	starts, ends := s.jieba.spans(text, false, nil, nil)
	out := make([]string, len(starts))
	for i := range starts {
		out[i] = text[starts[i]:ends[i]]
	}
	return out
}

// spans segments text as Cut does and appends the byte offsets of each
// word's start and end to starts and ends, without a string per word.
func (s *Segmenter) spans(text string, starts, ends []int) ([]int, []int) {
	return s.jieba.spans(text, false, starts, ends)
}

// Tokenize segments text and returns the words with byte offsets. In search
// mode long words are also returned split into their dictionary sub-words
// (人工智能 gives 人工, 智能 and 人工智能), which is what an index wants.
func (s *Segmenter) Tokenize(text string, search bool) []Token {
	starts, ends := s.jieba.spans(text, search, nil, nil)
	out := make([]Token, len(starts))
	for i := range starts {
		out[i] = Token{Text: text[starts[i]:ends[i]], Start: starts[i], End: ends[i]}
	}
	return out
}

// unpackDicts writes the embedded dictionaries to a folder named after their
// content hash, so that concurrent processes and upgrades never see a half
// written or stale file, and returns their paths in gojieba's order.
func unpackDicts(dir string) ([]string, error) {
	names := []struct{ embedded, file string }{
		{"dict/jieba.dict.utf8.gz", "jieba.dict.utf8"},
		{"dict/hmm_model.utf8.gz", "hmm_model.utf8"},
		{"", "user.dict.utf8"},
		{"dict/idf.utf8", "idf.utf8"},
		{"dict/stop_words.utf8", "stop_words.utf8"},
	}
	contents := make([][]byte, len(names))
	h := sha256.New()
	for i, n := range names {
		if n.embedded == "" {
			contents[i] = []byte("框架\n")
			continue
		}
		b, err := dictFS.ReadFile(n.embedded)
		if err != nil {
			return nil, fmt.Errorf("analyzer: read embedded dictionary: %w", err)
		}
		if filepath.Ext(n.embedded) == ".gz" {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, fmt.Errorf("analyzer: unpack %s: %w", n.embedded, err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				return nil, fmt.Errorf("analyzer: unpack %s: %w", n.embedded, err)
			}
		}
		contents[i] = b
		h.Write(b)
	}
	if dir == "" {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "framescope-jieba-"+hex.EncodeToString(h.Sum(nil)[:6]))
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n.file)
	}
	if complete(paths, contents) {
		return paths, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("analyzer: dictionary folder: %w", err)
	}
	for i, p := range paths {
		if err := writeFileAtomic(p, contents[i]); err != nil {
			return nil, fmt.Errorf("analyzer: write dictionary: %w", err)
		}
	}
	return paths, nil
}

func complete(paths []string, contents [][]byte) bool {
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil || st.Size() != int64(len(contents[i])) {
			return false
		}
	}
	return true
}

func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
