package samplesite

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/framescope/framescope/cmd/framescope/samplesite/internal/sitegen"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/crawler"
)

// furniture lists text around the article on the sample pages, by outlet
// language, that an extracted body must not contain: navigation,
// breadcrumbs, bylines, editor credits, reprint and copyright notices,
// cookie banners, share links and the sample-data notice.
var furniture = map[string][]string{
	"en": {
		"Sample data", "Home", "Subscribe", "Log in", "Front page", "Artificial intelligence",
		"technology correspondent", "By ", "Share this story", "Related stories", "More on this story",
		"More from the Dispatch", "Filed under", "reader-funded", "cookies", "All rights reserved",
		"Advertisement", "Newsletter", "AI Brief",
	},
	"zh": {
		"示例数据", "首页", "当前位置", "正文", "发布时间", "来源：", "作者：", "记者", "文／",
		"责任编辑", "（编辑：", "分享到", "相关阅读", "相关新闻", "延伸阅读", "转载", "版权所有",
		"Cookie", "同意", "关于我们", "ICP",
	},
}

// TestExtractSampleArticles runs the crawler's extractor on every sample
// article page as the server sends it (GBK pages without a charset in the
// header) and compares with the data files: the text must be exactly the
// body paragraphs, one a line, and title, author and date must match.
func TestExtractSampleArticles(t *testing.T) {
	s, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := srv.Client()
	srcs := map[string]corpus.Source{}
	for _, src := range Sources(srv.URL) {
		srcs[src.Name] = src
	}
	all := s.All()
	if len(all) == 0 {
		t.Fatal("no sample articles")
	}
	for _, a := range all {
		t.Run(a.Path, func(t *testing.T) {
			resp, body := get(t, c, srv.URL+a.Path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			p, err := crawler.Extract(body, resp.Header.Get("Content-Type"), srv.URL+a.Path, srcs[a.Outlet.Name])
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkExtracted(t, a, p)
		})
	}
}

func checkExtracted(t *testing.T, a *sitegen.Article, p crawler.Page) {
	t.Helper()
	want := make([]string, len(a.Paras))
	for i, para := range a.Paras {
		want[i] = collapse(para)
	}
	got := p.Text
	for _, para := range want {
		if !strings.Contains(got, para) {
			t.Errorf("text lacks paragraph %q", para)
		}
	}
	own := a.Title + "\n" + strings.Join(want, "\n")
	for _, f := range furniture[a.Outlet.Lang] {
		if strings.Contains(got, f) && !strings.Contains(own, f) {
			t.Errorf("text holds page furniture %q", f)
		}
	}
	if got != strings.Join(want, "\n") {
		t.Errorf("text:\n%s\nwant the %d body paragraphs, one a line:\n%s", got, len(want), strings.Join(want, "\n"))
	}
	if p.Title != a.Title {
		t.Errorf("title %q, want %q", p.Title, a.Title)
	}
	if p.Author != a.Author {
		t.Errorf("author %q, want %q", p.Author, a.Author)
	}
	if !p.Published.Equal(a.Published) {
		t.Errorf("published %v, want %v", p.Published, a.Published)
	}
	if string(p.Lang) != a.Outlet.Lang {
		t.Errorf("lang %q, want %q", p.Lang, a.Outlet.Lang)
	}
}

// collapse folds runs of white space, including the ideographic space that
// indents Chinese paragraphs, into one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0'
	}), " ")
}
