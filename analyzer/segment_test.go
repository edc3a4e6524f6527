package analyzer

import (
	"os"
	"reflect"
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

// TestSegmenterMatchesGojieba checks that the segmenter, which calls
// gojieba's C functions directly, cuts as gojieba's Go methods do, in
// precise and search mode.
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
		for _, mode := range []gojieba.TokenizeMode{gojieba.DefaultMode, gojieba.SearchMode} {
			got := seg.Tokenize(text, mode == gojieba.SearchMode)
			want := j.Tokenize(text, mode, true)
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
