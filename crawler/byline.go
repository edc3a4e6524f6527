package crawler

import (
	"regexp"
	"strings"
)

// bylineLabelRE matches the byline labels of Chinese news pages:
// 作者：, 记者 , 来源：, 责任编辑：.
var bylineLabelRE = regexp.MustCompile(`(作者|记者|撰文|撰稿|来源|稿源|出处|责任编辑|责编|编辑)(?:\s*[:：/]\s*|\s+)`)

// bylineRank orders labels by how well they name the author.
var bylineRank = map[string]int{"作者": 0, "记者": 0, "撰文": 0, "撰稿": 0, "来源": 2, "稿源": 2, "出处": 2, "责任编辑": 3, "责编": 3, "编辑": 3}

// nameRE is a name as printed after a byline label: up to four words
// separated by single spaces or 、.
var nameRE = regexp.MustCompile(`^[^\s:：|｜/,，。;；()（）\[\]【】<>]{1,24}(?:[ 、][^\s:：|｜/,，。;；()（）\[\]【】<>]{1,12}){0,3}`)

// stopAfterName ends a captured name where other byline matter begins.
var stopAfterName = regexp.MustCompile(`\s*(?:发布时间|发表时间|时间|日期|点击|浏览|阅读|字号|报道|摄影|\d{4}[-年/.]|\d{1,2}:\d{2}).*$`)

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
		if r := bylineRank[label]; r < bestRank {
			best, bestRank = name, r
		}
	}
	return best, best != ""
}
