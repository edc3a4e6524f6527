package analyzer

import (
	"reflect"
	"testing"
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
