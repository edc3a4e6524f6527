package analyzer

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/framescope/framescope/corpus"
)

// Real-text gold sets keep their labels apart from the text they label: a
// label line names a sentence by the hash of its text and the file it was
// cut from, and the text is read from that file when the set is scored.
// This lets a gold set be shared for a corpus whose text may not be copied.

// SentenceHash returns the key a sentence is filed under in a real-text gold
// set: the first 16 hex digits of the SHA-256 of the sentence with
// surrounding white space removed.
func SentenceHash(sentence string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(sentence)))
	return hex.EncodeToString(sum[:8])
}

// Sentences returns the sentences of text in the order the analyzer codes
// them: the text is split at line breaks, then at sentence ends.
func Sentences(text string) []string {
	var out []string
	for _, p := range appendParagraphs(nil, text) {
		for _, s := range sentences(p.text) {
			out = append(out, s.text)
		}
	}
	return out
}

// SourceSentence is one sentence of a real-text file, with where it stands.
type SourceSentence struct {
	Text      string
	File      string // as named in the label, relative to the texts folder
	Line      int    // 1-based line of the item in File
	Lang      corpus.Lang
	Published string
	URL       string
}

// sourceItem is one line of a real-text JSONL file: the news items of
// evaldata/realnews and the headlines of evaldata/headlines.
type sourceItem struct {
	Lang      corpus.Lang `json:"lang"`
	Published string      `json:"published"`
	Title     string      `json:"title"`
	Text      string      `json:"text"`
	URL       string      `json:"url"`
}

// ReadSourceSentences reads the JSONL file at root/file and calls fn with
// every sentence of each item's title and text, in order. It stops at the
// first error fn returns.
func ReadSourceSentences(root, file string, fn func(SourceSentence) error) error {
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var it sourceItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return fmt.Errorf("%s:%d: %w", file, n, err)
		}
		for _, part := range [2]string{it.Title, it.Text} {
			for _, s := range Sentences(part) {
				if err := fn(SourceSentence{Text: s, File: file, Line: n, Lang: it.Lang, Published: it.Published, URL: it.URL}); err != nil {
					return err
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	return nil
}

// SentenceIndex finds the sentences of real-text files by hash. Files are
// read once, on first use.
type SentenceIndex struct {
	root  string
	files map[string]map[string]SourceSentence
}

// NewSentenceIndex returns an index of the files under root.
func NewSentenceIndex(root string) *SentenceIndex {
	return &SentenceIndex{root: root, files: map[string]map[string]SourceSentence{}}
}

// Lookup returns the sentence of file whose hash is hash. It reports an
// error when the file cannot be read and ok false when no sentence of the
// file has that hash.
func (x *SentenceIndex) Lookup(file, hash string) (s SourceSentence, ok bool, err error) {
	if strings.Contains(file, "..") || filepath.IsAbs(file) {
		return SourceSentence{}, false, fmt.Errorf("text file %q must be a path inside the texts folder", file)
	}
	m, read := x.files[file]
	if !read {
		m = map[string]SourceSentence{}
		err := ReadSourceSentences(x.root, file, func(s SourceSentence) error {
			h := SentenceHash(s.Text)
			if _, dup := m[h]; !dup {
				m[h] = s
			}
			return nil
		})
		if err != nil {
			return SourceSentence{}, false, err
		}
		x.files[file] = m
	}
	s, ok = m[hash]
	return s, ok, nil
}
