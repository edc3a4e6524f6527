package analyzer

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yanyiwu/gojieba"
)

func TestSegmenterDomainWords(t *testing.T) {
	s, err := NewSegmenter(t.TempDir(), "文心一言", "通义千问", "大模型")
	if err != nil {
		t.Fatal(err)
	}
	got := s.Cut("百度的文心一言和阿里的通义千问都是大模型")
	want := []string{"百度", "的", "文心一言", "和", "阿里", "的", "通义千问", "都", "是", "大模型"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Cut = %q, want %q", got, want)
	}
	var words []string
	for _, tok := range s.Tokenize("人工智能", true) {
		words = append(words, tok.Text)
	}
	if !reflect.DeepEqual(words, []string{"人工", "智能", "人工智能"}) {
		t.Errorf("search-mode Tokenize = %q", words)
	}
}

func TestDefaultCodebookDomainWords(t *testing.T) {
	cb, err := DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	seg, err := NewSegmenter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	New(cb, seg)
	got := seg.Cut("斯普特尼克时刻之后，文心一言、通义千问和豆包等国产大模型加快追赶")
	want := []string{"斯普特尼克", "时刻", "之后", "，", "文心一言", "、", "通义千问", "和", "豆包", "等", "国产", "大模型", "加快", "追赶"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Cut = %q\nwant  %q", got, want)
	}
}

// TestSegmenterMatchesGojieba checks that the segmenter cuts as gojieba
// (cppjieba) does in precise mode, and that the words of search mode
// other than its sub-words are the same.
func TestSegmenterMatchesGojieba(t *testing.T) {
	j := gojiebaLike(t)
	seg, err := SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	zh, err := os.ReadFile("testdata/bench/zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		string(zh),
		"百度发布文心一言，与ChatGPT的差距正在缩小。",
		"中国人工智能大模型追赶美国：DeepSeek-V3 的训练成本只有 GPT-4 的零头",
		"English only, no Chinese at all.",
		"",
		"斯普特尼克时刻？硅谷震动",
	} {
		if got, want := seg.Cut(text), j.Cut(text, true); (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
			t.Errorf("Cut(%.40q) = %q, gojieba %q", text, got, want)
		}
		for _, search := range []bool{false, true} {
			var got []Token
			for _, tk := range seg.Tokenize(text, search) {
				if !tk.Sub {
					got = append(got, tk)
				}
			}
			want := j.Tokenize(text, gojieba.DefaultMode, true)
			mode := 0
			if search {
				mode = 1
			}
			if len(got) != len(want) {
				t.Errorf("Tokenize(%.40q, %d): %d words, gojieba %d", text, mode, len(got), len(want))
				continue
			}
			for i := range got {
				if got[i].Text != want[i].Str || got[i].Start != want[i].Start || got[i].End != want[i].End {
					t.Errorf("Tokenize(%.40q, %d) word %d = %+v, gojieba %+v", text, mode, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// gojiebaDicts writes the source dictionaries where gojieba can read them
// and returns their paths in its order (dict, HMM model, user dict, IDF,
// stop words); the user dictionary holds 框架, as the segmenter's table
// does.
func gojiebaDicts(tb testing.TB) []string {
	tb.Helper()
	dir := tb.TempDir()
	var paths []string
	for _, f := range []struct{ src, name string }{
		{"dict/jieba.dict.utf8.gz", "jieba.dict.utf8"},
		{"dict/hmm_model.utf8.gz", "hmm_model.utf8"},
		{"", "user.dict.utf8"},
		{"dict/idf.utf8", "idf.utf8"},
		{"dict/stop_words.utf8", "stop_words.utf8"},
	} {
		b := []byte("框架\n")
		if f.src != "" {
			var err error
			if b, err = os.ReadFile(f.src); err != nil {
				tb.Fatal(err)
			}
			if strings.HasSuffix(f.src, ".gz") {
				zr, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					tb.Fatal(err)
				}
				if b, err = io.ReadAll(zr); err != nil {
					tb.Fatal(err)
				}
			}
		}
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// TestSubWords checks the sub-words of search mode: every dictionary word
// inside a word or made of whole words, none crossing the best split of a
// word.
func TestSubWords(t *testing.T) {
	seg, err := NewSegmenter("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"人工智能", "人工 智能 [人工智能]"},
		{"生成式人工智能", "生成 [生成式] 人工 智能 [人工智能]"},
		{"发展中国家", "发展 国家 [发展中国家]"},
		{"中华人民共和国", "中华 人民 人民共和国 共和 共和国 [中华人民共和国]"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var parts []string
			for _, tk := range seg.Tokenize(tc.text, true) {
				if tk.Sub {
					parts = append(parts, tk.Text)
				} else {
					parts = append(parts, "["+tk.Text+"]")
				}
			}
			if got := strings.Join(parts, " "); got != tc.want {
				t.Errorf("Tokenize(%s) = %s, want %s", tc.text, got, tc.want)
			}
		})
	}
}

// TestSegmenterMatchesGojiebaHeadlines compares the segmenter with gojieba
// on the real headlines of the shared evaluation data
// (../shared/evaldata beside the repository), in precise and search mode,
// and is skipped where that folder is absent.
func TestSegmenterMatchesGojiebaHeadlines(t *testing.T) {
	b, err := os.ReadFile("../../shared/evaldata/headlines/headlines-2021-2022.jsonl")
	if err != nil {
		t.Skipf("no shared evaluation data: %v", err)
	}
	j := gojiebaLike(t)
	seg, err := SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for n, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var h struct {
			Title string `json:"title"`
		}
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if got, want := seg.Cut(h.Title), j.Cut(h.Title, true); !reflect.DeepEqual(got, want) {
			t.Errorf("Cut(%q) = %q, gojieba %q", h.Title, got, want)
			bad++
		}
		var got []string
		for _, tk := range seg.Tokenize(h.Title, true) {
			if !tk.Sub {
				got = append(got, tk.Text)
			}
		}
		var want []string
		for _, tk := range j.Tokenize(h.Title, gojieba.DefaultMode, true) {
			want = append(want, tk.Str)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Tokenize(%q, search) = %q, gojieba %q", h.Title, got, want)
			bad++
		}
		if bad >= 10 {
			t.Fatal("too many differences")
		}
	}
}
