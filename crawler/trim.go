package crawler

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

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

// maxFurnitureLines is the most lines dropHeadLines and dropTailLines
// remove from either end of a text.
const maxFurnitureLines = 4

// creditLineRE matches the credit lines printed under Chinese articles:
// （责任编辑：李明）, 【编辑：王五】, 校对：赵六.
var creditLineRE = regexp.MustCompile(`^[（(【\[]?\s*(?:责任编辑|责编|编辑|校对|审核|审校|编审|终审|监制|值班编辑|作者|来源|稿源|记者|摄影|翻译|编译)\s*[:：/／]`)

// bylineLineRE matches an English byline line: "By Jane Doe".
var bylineLineRE = regexp.MustCompile(`^By\s+\p{Lu}`)

// breadcrumbRE matches the "you are here" label of Chinese breadcrumbs.
var breadcrumbRE = regexp.MustCompile(`^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]`)

// sentenceEnd matches the punctuation that ends a sentence of body text.
var sentenceEnd = regexp.MustCompile(`[。！？；]|[.!?;]["”’]?(?:\s|$)`)

// dropHeadLines removes the lines above the first paragraph of an article
// that extractors keep with its text: the headline, breadcrumbs and the
// date and byline lines (发布时间：… 来源：… 作者：…, "By Jane Doe").
// Lines with a full sentence are text and stop it.
func dropHeadLines(text, title string, loc *time.Location, now time.Time) string {
	lines := strings.Split(text, "\n")
	drop := 0
	for drop < len(lines)-1 && drop < maxFurnitureLines && isHeadLine(lines[drop], title, loc, now) {
		drop++
	}
	return strings.Join(lines[drop:], "\n")
}

func isHeadLine(line, title string, loc *time.Location, now time.Time) bool {
	line = strings.TrimSpace(line)
	if title != "" && line == strings.TrimSpace(title) {
		return true
	}
	if utf8.RuneCountInString(line) > 80 || sentenceEnd.MatchString(line) {
		return false
	}
	if breadcrumbRE.MatchString(line) || bylineLineRE.MatchString(line) {
		return true
	}
	if _, ok := findByline(line); ok {
		return true
	}
	return len(findDates(line, loc, now)) > 0
}

// dropTailLines removes the lines under an article that extractors keep
// with its text: editor credits (（责任编辑：…）), reprint and copyright
// notices, cookie banners and bars of links ("About | Contact | Jobs").
func dropTailLines(text string) string {
	lines := strings.Split(text, "\n")
	end := len(lines)
	for end > 1 && len(lines)-end < maxFurnitureLines && isTailLine(lines[end-1]) {
		end--
	}
	return strings.Join(lines[:end], "\n")
}

func isTailLine(line string) bool {
	line = strings.TrimSpace(line)
	n := utf8.RuneCountInString(line)
	lower := strings.ToLower(line)
	switch {
	case n <= 40 && creditLineRE.MatchString(line) && !strings.ContainsAny(line, "。！？"):
		return true
	case n <= 60 && len(sentenceEnd.FindAllString(line, 2)) < 2 && strings.Contains(line, "转载") && containsAny(line, "注明", "出处", "授权", "禁止", "许可", "来源"):
		return true
	case n <= 120 && (strings.HasPrefix(line, "©") || strings.HasPrefix(lower, "copyright") || strings.Contains(lower, "all rights reserved") || strings.Contains(line, "版权所有")):
		return true
	case n <= 160 && strings.Contains(lower, "cookie") && containsAny(lower, "accept", "agree", "consent", "cookie policy", "cookie settings", "同意", "政策"):
		return true
	}
	return isLinkBar(line)
}

// isLinkBar reports whether line is a row of short link labels separated
// by | or ｜, as footers print them.
func isLinkBar(line string) bool {
	parts := strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '｜' })
	if len(parts) < 3 || sentenceEnd.MatchString(line) {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(strings.TrimSpace(p)) > 12 {
			return false
		}
	}
	return true
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
