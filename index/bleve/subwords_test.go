package bleve

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// TestSubWordRecall searches the sentences of the analyzer's Chinese bench
// text for words found inside longer ones and checks the hits against the
// truth: the sentences where the word stands as a word or as a sub-word
// that does not cross a word's boundaries (the segmenter's search-mode
// words), and never a sentence that lacks the substring.
func TestSubWordRecall(t *testing.T) {
	b, err := os.ReadFile("../../analyzer/testdata/bench/zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	var sents []string
	for _, s := range strings.FieldsFunc(string(b), func(r rune) bool { return strings.ContainsRune("。，、；：！？\n", r) }) {
		if s = strings.TrimSpace(s); s != "" {
			sents = append(sents, s)
		}
	}
	if len(sents) > 400 {
		sents = sents[:400]
	}
	seg := testSeg(t)
	truth := map[string]map[int]bool{}
	var docs []index.Doc
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, s := range sents {
		for _, tk := range seg.Tokenize(s, true) {
			if tk.Sub && len([]rune(tk.Text)) >= 2 {
				if truth[tk.Text] == nil {
					truth[tk.Text] = map[int]bool{}
				}
			}
		}
		docs = append(docs, fixDoc(strconv.Itoa(i), "s", "CN", corpus.Chinese, day, "", s, "", nil))
	}
	for i, s := range sents {
		for _, tk := range seg.Tokenize(s, true) {
			if truth[tk.Text] != nil {
				truth[tk.Text][i] = true
			}
		}
	}
	idx, err := Open(filepath.Join(t.TempDir(), "index"), seg)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	if err := idx.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	words := make([]string, 0, len(truth))
	for w := range truth {
		words = append(words, w)
	}
	sort.Strings(words)
	if len(words) > 300 {
		words = words[:300]
	}
	var tp, fp, fn int
	for _, w := range words {
		res, err := idx.Search(ctx, index.Query{Text: w, Limit: len(docs)})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]bool{}
		for _, h := range res.Hits {
			i, _ := strconv.Atoi(h.ID)
			got[i] = true
			if !strings.Contains(sents[i], w) {
				t.Errorf("%s found in sentence %d, which lacks it", w, i)
			}
			if truth[w][i] {
				tp++
			} else {
				fp++
			}
		}
		for i := range truth[w] {
			if !got[i] {
				fn++
			}
		}
	}
	recall, precision := float64(tp)/float64(tp+fn), float64(tp)/float64(tp+fp)
	t.Logf("%d sub-words, %d sentences: recall %.4f, precision %.4f", len(words), len(sents), recall, precision)
	if recall < 0.99 || precision < 0.99 {
		t.Errorf("recall %.4f, precision %.4f, want ≥ 0.99", recall, precision)
	}
}
