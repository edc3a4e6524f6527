package crawler

import (
	"strings"

	"github.com/framescope/framescope/corpus"
)

// tailMarkersZH start the furniture that follows the article on Chinese
// pages: comment boxes, print and share links, related-news lists,
// copyright lines. Extractors often sweep them up with the body.
var tailMarkersZH = []string{
	"发表评论", "打印本文", "发送给朋友", "您是本文第", "回复线索", "篇评论", "版权所有", "相关新闻",
	"相关文章", "相关阅读", "推荐阅读", "热点推荐", "图片精选", "其他报道", "[打印]", "【打印】",
	"【关闭】", "关闭窗口", "网友评论", "我要评论", "分享到", "免责声明", "版权声明", "（更多内容",
	"上一篇", "下一篇", "幻灯欣赏", "热门推荐", "猜你喜欢", "扫一扫", "返回顶部",
}

// strongTailMarkersZH never appear above an article, so the text is cut at
// them wherever they follow the first strongMinPrefix bytes.
var strongTailMarkersZH = []string{
	"您是本文第", "回复线索", "打印本文", "发送给朋友", "[打印]", "【打印】", "【关闭】", "关闭窗口",
	"（更多内容", "版权所有", "免责声明", "版权声明", "反侵权公告", "----------",
}

const strongMinPrefix = 200

// tailCutShare is how far into the text (as a share of its length) a tail
// marker must be before the text is cut there; earlier markers are
// navigation above the article and are left alone.
const tailCutShare = 0.5

// trimTail cuts Chinese article text at the first page-furniture marker
// found in its second half.
func trimTail(text string, lang corpus.Lang) string {
	if lang != corpus.Chinese || len(text) < 400 {
		return text
	}
	from := int(float64(len(text)) * tailCutShare)
	cut := len(text)
	for _, m := range tailMarkersZH {
		if i := strings.Index(text[from:], m); i >= 0 && from+i < cut {
			cut = from + i
		}
	}
	if len(text) > strongMinPrefix {
		for _, m := range strongTailMarkersZH {
			if i := strings.Index(text[strongMinPrefix:], m); i >= 0 && strongMinPrefix+i < cut {
				cut = strongMinPrefix + i
			}
		}
	}
	return strings.TrimSpace(text[:cut])
}
