package crawler

import (
	"testing"
	"time"
)

func TestDropHeadLines(t *testing.T) {
	sh := shanghai()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, title, want string
	}{
		{"date and byline line", "发布时间：2024年6月3日 09:15 来源：示例网 作者：王五\n第一段。\n第二段。", "", "第一段。\n第二段。"},
		{"dateline with reporter", "2024-03-05 10:20 来源：示例晨报 记者 张三\n示例市今年将新建两座算力中心。", "", "示例市今年将新建两座算力中心。"},
		{"breadcrumb, title, byline", "当前位置：首页 > 人工智能 > 正文\n标题在此\n文／钱七 2024/09/12 14:30\n正文第一段。", "标题在此", "正文第一段。"},
		{"english byline", "By Jane Doe\nA chip designer opened a design centre.", "", "A chip designer opened a design centre."},
		{"lead sentence with a date is text", "2024年3月5日，示例公司发布新模型。\n第二段。", "", "2024年3月5日，示例公司发布新模型。\n第二段。"},
		{"lead with reporter is text", "新华社北京3月5日电（记者 张三）示例公司今天发布新模型。", "", "新华社北京3月5日电（记者 张三）示例公司今天发布新模型。"},
		{"plain text untouched", "First paragraph.\nSecond paragraph.", "", "First paragraph.\nSecond paragraph."},
		{"last line kept", "2024-03-05 10:20", "", "2024-03-05 10:20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropHeadLines(tt.text, tt.title, sh, now); got != tt.want {
				t.Errorf("dropHeadLines(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestDropTailLines(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"editor credit", "第一段。\n（责任编辑：李明远）", "第一段。"},
		{"spaced editor credit", "第一段。\n（ 责任编辑：魏喆 ）", "第一段。"},
		{"editor and source", "第一段。\n来源：新闻晨报\n编辑：山石", "第一段。"},
		{"short credit", "第一段。\n（编辑：陈建国）", "第一段。"},
		{"reprint notice", "第一段。\n本文为示例评论原创，转载请注明出处。", "第一段。"},
		{"cookie banner and link bar", "Body text.\nWe use cookies to measure traffic. Accept\nAbout | Contact | Privacy | Terms", "Body text."},
		{"copyright line", "Body text.\nCopyright © 2000-2006 Example.com. All rights reserved.", "Body text."},
		{"link bar", "第一段。\n关于我们 | 联系我们 | 网站地图 | 法律声明", "第一段。"},
		{"sentence about reprints is text", "第一段。\n他表示，转载他人作品须注明出处，这是行业共识，也是法律的要求，违反者将承担相应的法律责任，平台也会下架相关内容并处罚账号。而且不少作者已经开始通过法律途径维权。", "第一段。\n他表示，转载他人作品须注明出处，这是行业共识，也是法律的要求，违反者将承担相应的法律责任，平台也会下架相关内容并处罚账号。而且不少作者已经开始通过法律途径维权。"},
		{"sentence with pipes is text", "Body.\nShares rose | fell | rose again, traders said.", "Body.\nShares rose | fell | rose again, traders said."},
		{"sentence about cookies is text", "Body.\nGoogle delayed its plan to phase out third-party cookies in Chrome.", "Body.\nGoogle delayed its plan to phase out third-party cookies in Chrome."},
		{"interview question is text", "张三：我们会继续投入。\n记者：明年有什么计划？", "张三：我们会继续投入。\n记者：明年有什么计划？"},
		{"one line kept", "（编辑：李四）", "（编辑：李四）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropTailLines(tt.text); got != tt.want {
				t.Errorf("dropTailLines(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
