package corpus

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLimitsCheck(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	ok := Article{ID: "abc123", URL: "https://news.example/a", Title: "t", Text: "x", Published: now.Add(-time.Hour)}
	for _, tc := range []struct {
		name   string
		change func(*Article)
		want   string // "" accepted, else part of the error
	}{
		{"ok", func(*Article) {}, ""},
		{"no date", func(a *Article) { a.Published = time.Time{} }, ""},
		{"year 9999", func(a *Article) { a.Published = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC) }, "published 9999-12-31"},
		{"before 1990", func(a *Article) { a.Published = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC) }, "not between 1990-01-01"},
		{"two days ahead", func(a *Article) { a.Published = now.Add(48 * time.Hour) }, "published"},
		{"javascript url", func(a *Article) { a.URL = "javascript:alert(1)" }, "not an http(s) URL"},
		{"data url", func(a *Article) { a.URL = "data:text/html,x" }, "not an http(s) URL"},
		{"path id", func(a *Article) { a.ID = "../../../../etc/passwd" }, "id"},
		{"dot dot id", func(a *Article) { a.ID = "a..b" }, "id"},
		{"large text", func(a *Article) { a.Text = strings.Repeat("x", 1<<20+1) }, "text of 1048577 bytes is larger than the limit of 1048576"},
		{"large title", func(a *Article) { a.Title = strings.Repeat("x", 5000) }, "title of 5000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ok
			tc.change(&a)
			err := Limits{}.Check(a, now)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrRejected)):
				t.Errorf("Check = %v, want an ErrRejected containing %q", err, tc.want)
			}
		})
	}
	later := Limits{Earliest: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	if later.Check(ok, now) != nil || later.PlausibleDate(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), now) {
		t.Error("a configured earliest date is not applied")
	}
}

// TestReadCSVQuoteErrorInFirstField: a quote error in a row's first field
// is reported with its line and the rows after it are still read.
func TestReadCSVQuoteErrorInFirstField(t *testing.T) {
	in := "url,text\n\"https://x.example/1\"x,one\nhttps://x.example/2,two\n"
	var lines []int
	var texts []string
	var errs int
	err := ReadArticles(context.Background(), strings.NewReader(in), CSV, func(line int, a Article, err error) error {
		lines = append(lines, line)
		if err != nil {
			errs++
		} else {
			texts = append(texts, a.Text)
		}
		return nil
	})
	if err != nil || errs != 1 || len(texts) != 1 || texts[0] != "two" || lines[0] != 2 || lines[1] != 3 {
		t.Errorf("read: err %v, %d bad rows, texts %q, lines %v", err, errs, texts, lines)
	}
}

// TestReadJSONLLongLine: a line over MaxRecordLine is reported and
// skipped, and the next line is read.
func TestReadJSONLLongLine(t *testing.T) {
	in := `{"text":"` + strings.Repeat("x", MaxRecordLine) + "\"}\n" + `{"text":"after"}` + "\n"
	var got []string
	err := ReadArticles(context.Background(), strings.NewReader(in), JSONL, func(line int, a Article, err error) error {
		if err != nil {
			got = append(got, "bad:"+err.Error())
		} else {
			got = append(got, a.Text)
		}
		return nil
	})
	if err != nil || len(got) != 2 || !strings.Contains(got[0], "longer than the limit") || got[1] != "after" {
		t.Errorf("read: %v, %.100q", err, got)
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+cmd|' /C calc'!A0":       "'+cmd|' /C calc'!A0",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tx":                      "'\tx",
		"OpenAI leads":             "OpenAI leads",
		"":                         "",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
