package crawler

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bylineLabelRE matches the byline labels of Chinese news pages:
// 作者：, 记者 , 来源：, 责任编辑：, 文／. Submatch 2 is the separator.
var bylineLabelRE = regexp.MustCompile(`(作者|记者|撰文|撰稿|来源|稿源|出处|责任编辑|责编|编辑|文)(\s*[:：/／]\s*|\s+)`)

// bylineRank orders labels by how well they name the author.
var bylineRank = map[string]int{"作者": 0, "记者": 0, "撰文": 0, "撰稿": 0, "文": 0, "来源": 2, "稿源": 2, "出处": 2, "责任编辑": 3, "责编": 3, "编辑": 3}

// nameRE is a name as printed after a byline label: up to four words
// separated by single spaces or 、.
var nameRE = regexp.MustCompile(`^[^\s:：|｜/,，。;；()（）\[\]【】<>]{1,24}(?:[ 、][^\s:：|｜/,，。;；()（）\[\]【】<>]{1,12}){0,3}`)

// stopAfterName ends a captured name where other byline matter begins.
var stopAfterName = regexp.MustCompile(`\s*(?:发布时间|发表时间|时间|日期|点击|浏览|阅读|字号|报道|摄影|\d{4}(?:[-年/.]|$)|\d{1,2}:\d{2}).*$`)

// findByline returns the best author named by a byline label in text and
// false when there is none. 作者 and 记者 are preferred to 来源, and that to
// the editor (责任编辑).
func findByline(text string) (string, bool) {
	best, bestRank := "", 99
	locs := bylineLabelRE.FindAllStringSubmatchIndex(text, -1)
	for i, m := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		seg := text[m[1]:end]
		if nl := strings.IndexByte(seg, '\n'); nl >= 0 {
			seg = seg[:nl]
		}
		name := strings.TrimSpace(stopAfterName.ReplaceAllString(nameRE.FindString(seg), ""))
		if name == "" || len([]rune(name)) > 30 {
			continue
		}
		label := text[m[2]:m[3]]
		if label == "文" && !shortLabel(text, m[2], text[m[4]:m[5]]) {
			continue
		}
		if r := bylineRank[label]; r < bestRank {
			best, bestRank = name, r
		}
	}
	return best, best != ""
}

// shortLabel reports whether the one-character label 文 at pos is a byline
// label: written with a slash or colon ("文／王五") and not the end of a
// word (本文, 原文).
func shortLabel(text string, pos int, sep string) bool {
	if strings.TrimSpace(sep) == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:pos])
	return pos == 0 || !unicode.Is(unicode.Han, r)
}

// authorPrefixRE matches the label before a name in an author field:
// "By ", "作者：".
var authorPrefixRE = regexp.MustCompile(`^(?i:by)\s+|^(?:作者|记者|撰文|文)\s*[:：/／]\s*`)

// cleanAuthor returns an author as a name alone, without a label such as
// "By " or 作者：.
func cleanAuthor(a string) string {
	a = strings.TrimSpace(a)
	if rest := authorPrefixRE.ReplaceAllString(a, ""); rest != "" {
		return rest
	}
	return a
}
