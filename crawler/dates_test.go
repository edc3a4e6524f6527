package crawler

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	sh := shanghai()
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time
		ok   bool
	}{
		{"2024年3月5日 10:20", sh, time.Date(2024, 3, 5, 10, 20, 0, 0, sh), true},
		{"2024年03月05日10时20分", sh, time.Date(2024, 3, 5, 10, 20, 0, 0, sh), true},
		{"2024年3月5日", sh, time.Date(2024, 3, 5, 0, 0, 0, 0, sh), true},
		{"发布时间：2024-03-05 10:20:30", sh, time.Date(2024, 3, 5, 10, 20, 30, 0, sh), true},
		{"2024-03-05", sh, time.Date(2024, 3, 5, 0, 0, 0, 0, sh), true},
		{"2024/3/5 9:05", time.UTC, time.Date(2024, 3, 5, 9, 5, 0, 0, time.UTC), true},
		{"2024-03-05T10:20:00+08:00", time.UTC, time.Date(2024, 3, 5, 2, 20, 0, 0, time.UTC), true},
		{"Tue, 05 Mar 2024 10:20:00 GMT", sh, time.Date(2024, 3, 5, 10, 20, 0, 0, time.UTC), true},
		{"2024-02-30", sh, time.Time{}, false},
		{"2099-01-01", sh, time.Time{}, false},
		{"1970-01-01", sh, time.Time{}, false},
		{"no date here", sh, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in, tt.loc, now)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
			if ok && tt.loc == sh && !hasZoneSuffix(tt.in) && got.Location() != sh {
				t.Errorf("ParseDate(%q) zone = %v, want Asia/Shanghai", tt.in, got.Location())
			}
		})
	}
}

func hasZoneSuffix(s string) bool {
	return len(s) > 3 && (s[len(s)-3:] == "GMT" || s[len(s)-6] == '+')
}

func TestPickDate(t *testing.T) {
	sh := shanghai()
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		text string
		want time.Time
	}{
		{"labelled wins", "相关新闻 2023-01-01\n发布时间：2024-03-05 10:20 来源：新华社", time.Date(2024, 3, 5, 10, 20, 0, 0, sh)},
		{"time of day wins over bare day", "2023-01-01\n2024年3月5日 08:30 作者：张三", time.Date(2024, 3, 5, 8, 30, 0, 0, sh)},
		{"first date otherwise", "2024-03-05 新华社\n2023-01-01", time.Date(2024, 3, 5, 0, 0, 0, 0, sh)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := pickDate(findDates(tt.text, sh, now))
			if !ok || !got.t.Equal(tt.want) {
				t.Errorf("pickDate = %v, %v; want %v", got, ok, tt.want)
			}
		})
	}
}

func TestFindByline(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"2024-03-05 10:20 来源：新华社 作者：张三 责任编辑：李四", "张三"},
		{"发布时间：2024-03-05 来源：人民网", "人民网"},
		{"记者 王五 报道", "王五"},
		{"2024年3月5日 责任编辑：赵六", "赵六"},
		{"作者：王建宏 张文攀 2022-02-13", "王建宏 张文攀"},
		{"文／钱七 2024/09/12 14:30", "钱七"},
		{"文/记者 孙八", "孙八"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := findByline(tt.text)
			if !ok || got != tt.want {
				t.Errorf("findByline(%q) = %q, %v; want %q", tt.text, got, ok, tt.want)
			}
		})
	}
	for _, text := range []string{"没有署名的一段文字", "原文/译文对照", "本文/图片均为示例"} {
		if got, ok := findByline(text); ok {
			t.Errorf("findByline(%q) = %q, want no byline", text, got)
		}
	}
}

func TestCleanAuthor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"by  Jane Doe ", "Jane Doe"},
		{"Byron Smith", "Byron Smith"},
		{"作者：王五", "王五"},
		{"文／钱七", "钱七"},
		{"By", "By"},
		{"张三", "张三"},
	}
	for _, tt := range tests {
		if got := cleanAuthor(tt.in); got != tt.want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClockOnDay(t *testing.T) {
	la := time.FixedZone("PDT", -7*3600)
	day := time.Date(2023, 3, 14, 0, 0, 0, 0, la)
	stamp := time.Date(2023, 3, 14, 10, 5, 0, 0, la)
	other := time.Date(2023, 3, 13, 9, 0, 0, 0, la)
	tests := []struct {
		name      string
		published time.Time
		stamps    []time.Time
		want      time.Time
		ok        bool
	}{
		{"bare day gets the clock", day, []time.Time{other, stamp}, stamp, true},
		{"other days ignored", day, []time.Time{other}, time.Time{}, false},
		{"a time of day is kept", day.Add(8 * time.Hour), []time.Time{stamp}, time.Time{}, false},
		{"no date", time.Time{}, []time.Time{stamp}, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := clockOnDay(tt.published, tt.stamps, la)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Errorf("clockOnDay = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
