package sitegen

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	o := &Outlets[0]
	good := "# comment\n=== 2023-03-14 10:05 | A. Writer | slug-one\nTitle one\n\nFirst line\nsame paragraph.\n\nSecond paragraph.\n"
	arts, err := parse(o, []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 {
		t.Fatalf("%d articles, want 1", len(arts))
	}
	a := arts[0]
	if a.Title != "Title one" || a.Author != "A. Writer" || a.Slug != "slug-one" {
		t.Errorf("header parsed as %q %q %q", a.Title, a.Author, a.Slug)
	}
	if want := []string{"First line same paragraph.", "Second paragraph."}; strings.Join(a.Paras, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q, want %q", a.Paras, want)
	}
	if got := a.Published.Format("2006-01-02T15:04:05-07:00"); got != "2023-03-14T10:05:00-07:00" {
		t.Errorf("published %s, want the outlet's local time", got)
	}

	bad := map[string]string{
		"text before header": "stray\n=== 2023-03-14 10:05 | a | s\nT\n\nBody.\n",
		"bad date":           "=== 2023-13-14 10:05 | a | s\nT\n\nBody.\n",
		"missing field":      "=== 2023-03-14 10:05 | a\nT\n\nBody.\n",
		"no body":            "=== 2023-03-14 10:05 | a | s\nT\n",
	}
	for name, in := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := parse(o, []byte(in)); err == nil {
				t.Error("parse succeeded, want an error")
			}
		})
	}
}

func TestRenderRejectsNonGBK(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, o := range Outlets {
		text := "=== 2023-03-14 10:05 | a | s\nTitle\n\nBody.\n"
		if o.GBK {
			text = "=== 2023-03-14 10:05 | a | s\n标题\n\n正文包含GBK无法编码的字符😀。\n"
		}
		fsys["data/"+o.Slug+".txt"] = &fstest.MapFile{Data: []byte(text)}
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Render(s); err == nil || !strings.Contains(err.Error(), "gbk") {
		t.Errorf("Render error %v, want a gbk encoding error", err)
	}
}

func TestFirstSentence(t *testing.T) {
	tests := map[string]string{
		"One. Two.":                 "One.",
		"Version 2.5 is out. More.": "Version 2.5 is out.",
		"第一句。第二句。":                  "第一句。",
		"能追上吗？也许。":                  "能追上吗？",
		"no end":                    "no end",
	}
	for in, want := range tests {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}
