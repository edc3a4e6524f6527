package crawler

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParagraphBlock(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"paragraph container", `<div class="notice"><p>Test page.</p></div><div id="a"><h1>Title</h1><div class="body"><p>First paragraph of the story.</p><p>Second one.</p></div><p>Support us.</p></div>`,
			"First paragraph of the story.\nSecond one."},
		{"nav and footer skipped", `<nav><p>Home page and all the sections of this site and more links</p></nav><div><p>短讯正文。</p></div><footer><p>About this site, contact, privacy and terms of use.</p></footer>`,
			"短讯正文。"},
		{"no paragraphs", `<div>text<br>more text</div>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := paragraphBlock(doc); got != tt.want {
				t.Errorf("paragraphBlock = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNarrowToBlock(t *testing.T) {
	long := strings.Repeat("这是一篇长文章的正文。", 60)
	tests := []struct {
		name, text, block, want string
	}{
		{"short text narrowed", "示例数据 首页 要闻\n2024-03-05 来源：示例报\n示例市今年将新建两座算力中心。\n算力中心将优先服务中小企业。\n（编辑：李四）",
			"示例市今年将新建两座算力中心。\n算力中心将优先服务中小企业。", "示例市今年将新建两座算力中心。\n算力中心将优先服务中小企业。"},
		{"one-line text split into paragraphs", "首页 示例市今年将新建两座算力中心。 算力中心将优先服务中小企业。 关于我们",
			"示例市今年将新建两座算力中心。\n算力中心将优先服务中小企业。", "示例市今年将新建两座算力中心。\n算力中心将优先服务中小企业。"},
		{"long text kept", "导航\n" + long + "\n页脚", long, "导航\n" + long + "\n页脚"},
		{"block not in text", "The extracted story has two paragraphs.\nHere is the second.", "Some other paragraph entirely.", "The extracted story has two paragraphs.\nHere is the second."},
		{"block too small a share", "Intro paragraph that is quite long and carries most of the story text.\nAnother long paragraph of the story, in a container of its own.\nTiny p.", "Tiny p.", "Intro paragraph that is quite long and carries most of the story text.\nAnother long paragraph of the story, in a container of its own.\nTiny p."},
		{"empty block", "Some text of a story.", "", "Some text of a story."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := narrowToBlock(tt.text, tt.block); got != tt.want {
				t.Errorf("narrowToBlock = %q, want %q", got, tt.want)
			}
		})
	}
}
