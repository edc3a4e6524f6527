package crawler

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Chinese and numeric date forms found in news pages. Each captures year,
// month, day and optionally hour, minute and second.
var (
	// 2024年3月5日 10:20, 2024年03月05日10时20分
	dateCNRE = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?` +
		`(?:\s*(?:[日周星期礼拜][一二三四五六日天])?\s*(?:上午|下午|晚上)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:分)?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?)?`)
	// 2024-03-05 10:20:30, 2024/3/5, 2024.03.05
	dateNumRE = regexp.MustCompile(`(?:^|[^\d])(\d{4})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[^\d:]|$)` +
		`(?:[T\s　]*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?`)
	// Labels that introduce a publication date.
	dateLabelRE = regexp.MustCompile(`(?:发布时间|发表时间|发布日期|发表日期|出版日期|刊发时间|发稿时间|时间|日期|发表于|发布于|更新时间|Published|Posted|Date)\s*[:：]?\s*`)
)

// dateMatch is one date found in text.
type dateMatch struct {
	t        time.Time
	pos      int  // byte offset in the text
	labelled bool // preceded by a label such as 发布时间：
	clock    bool // a time of day was given
}

// findDates returns the plausible dates written in text, in order, read in
// loc when they carry no zone. Dates outside [1990, now+2 days] are dropped.
func findDates(text string, loc *time.Location, now time.Time) []dateMatch {
	var out []dateMatch
	add := func(pos int, y, mo, d, h, mi, s string) {
		t, ok := buildDate(y, mo, d, h, mi, s, loc, now)
		if !ok {
			return
		}
		out = append(out, dateMatch{t: t, pos: pos, clock: h != "", labelled: hasLabelBefore(text, pos)})
	}
	for _, m := range dateCNRE.FindAllStringSubmatchIndex(text, -1) {
		add(m[0], sub(text, m, 1), sub(text, m, 2), sub(text, m, 3), sub(text, m, 4), sub(text, m, 5), sub(text, m, 6))
	}
	for _, m := range dateNumRE.FindAllStringSubmatchIndex(text, -1) {
		add(m[2], sub(text, m, 1), sub(text, m, 3), sub(text, m, 4), sub(text, m, 5), sub(text, m, 6), sub(text, m, 7))
	}
	// Restore text order (the two expressions were scanned separately).
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].pos < out[j-1].pos; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// hasLabelBefore reports whether a date label ends just before pos.
func hasLabelBefore(text string, pos int) bool {
	start := max(0, pos-24)
	for start > 0 && start < len(text) && !isRuneStart(text[start]) {
		start--
	}
	before := text[start:pos]
	locs := dateLabelRE.FindAllStringIndex(before, -1)
	return len(locs) > 0 && locs[len(locs)-1][1] == len(before)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// sub returns submatch i of a FindStringSubmatchIndex result, or "".
func sub(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// buildDate assembles a date from its written parts and checks it.
func buildDate(y, mo, d, h, mi, s string, loc *time.Location, now time.Time) (time.Time, bool) {
	yi, _ := strconv.Atoi(y)
	moi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	if moi < 1 || moi > 12 || di < 1 || di > 31 {
		return time.Time{}, false
	}
	hi, mii, si := 0, 0, 0
	if h != "" {
		hi, _ = strconv.Atoi(h)
		mii, _ = strconv.Atoi(mi)
		si, _ = strconv.Atoi(s)
		if hi > 23 || mii > 59 || si > 59 {
			hi, mii, si = 0, 0, 0
		}
	}
	t := time.Date(yi, time.Month(moi), di, hi, mii, si, 0, loc)
	if t.Day() != di || !saneDate(t, now) {
		return time.Time{}, false
	}
	return t, true
}

// saneDate reports whether t can be a publication date seen at now.
func saneDate(t, now time.Time) bool {
	return !t.IsZero() && t.Year() >= 1990 && !t.After(now.Add(48*time.Hour))
}

// pickDate chooses the publication date among the dates of a page's text:
// the first labelled date, else the first date with a time of day, else
// the first date. ok is false when there is none.
func pickDate(ds []dateMatch) (dateMatch, bool) {
	for _, d := range ds {
		if d.labelled {
			return d, true
		}
	}
	for _, d := range ds {
		if d.clock {
			return d, true
		}
	}
	if len(ds) > 0 {
		return ds[0], true
	}
	return dateMatch{}, false
}

// ParseDate reads a date written in one of the forms news pages and feeds
// use: RFC 3339, RFC 1123, 2024-03-05 10:20, 2024年3月5日 10:20. Dates
// without a zone are read in loc. It reports false when s holds no date.
func ParseDate(s string, loc *time.Location, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil && saneDate(t, now) {
			return t, true
		}
	}
	ds := findDates(s, loc, now)
	if len(ds) > 0 {
		return ds[0].t, true
	}
	return time.Time{}, false
}
