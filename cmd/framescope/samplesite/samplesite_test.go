package samplesite

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/framescope/framescope/cmd/framescope/samplesite/internal/sitegen"
	"github.com/framescope/framescope/corpus"
)

// get fetches u and returns the response (body read) and its body.
func get(t *testing.T, c *http.Client, u string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("get %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", u, err)
	}
	return resp, b
}

func outletByName(t *testing.T, name string) sitegen.Outlet {
	t.Helper()
	for _, o := range sitegen.Outlets {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no outlet named %q", name)
	return sitegen.Outlet{}
}

func TestFeeds(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := srv.Client()
	seen := 0
	for _, src := range Sources(srv.URL) {
		if src.Feed == "" {
			continue
		}
		t.Run(src.Name, func(t *testing.T) {
			o := outletByName(t, src.Name)
			resp, body := get(t, c, src.Feed)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("feed status %d", resp.StatusCode)
			}
			want := map[string]string{sitegen.FeedRSS: "application/rss+xml", sitegen.FeedAtom: "application/atom+xml"}[o.Feed]
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, want) {
				t.Errorf("feed Content-Type %q, want %s", ct, want)
			}
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("parse feed: %v", err)
			}
			if feed.FeedType != o.Feed {
				t.Errorf("feed type %q, want %q", feed.FeedType, o.Feed)
			}
			if !strings.Contains(feed.Description, "Sample data") && !strings.Contains(feed.Description, "示例数据") {
				t.Errorf("feed description %q does not say it is sample data", feed.Description)
			}
			if len(feed.Items) == 0 {
				t.Fatal("feed has no items")
			}
			for _, it := range feed.Items {
				if !strings.HasPrefix(it.Link, srv.URL+"/") {
					t.Errorf("item %q: link %q is not absolute under %s", it.Title, it.Link, srv.URL)
					continue
				}
				if it.PublishedParsed == nil {
					t.Errorf("item %q: no parsable date", it.Title)
				}
				resp, page := get(t, c, it.Link)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("item %q: %s gives %d", it.Title, it.Link, resp.StatusCode)
					continue
				}
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
					t.Errorf("item %q: Content-Type %q", it.Title, resp.Header.Get("Content-Type"))
				}
				if !o.GBK {
					doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
					if err != nil {
						t.Fatal(err)
					}
					if title := doc.Find("title").Text(); !strings.HasPrefix(title, it.Title) {
						t.Errorf("page %s: title %q does not start with the item's %q", it.Link, title, it.Title)
					}
				}
				if !o.GBK && !bytes.Contains(page, []byte(`href="`+it.Link+`"`)) {
					t.Errorf("page %s: canonical link not rewritten to the server", it.Link)
				}
				seen++
			}
		})
	}
	if seen == 0 {
		t.Fatal("no feed items checked")
	}
}

func TestGBKOutlet(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := srv.Client()
	var gbk *corpus.Source
	for _, src := range Sources(srv.URL) {
		if outletByName(t, src.Name).GBK {
			gbk = &src
			break
		}
	}
	if gbk == nil {
		t.Fatal("no GBK outlet")
	}
	resp, body := get(t, c, gbk.Feed)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("feed status %d", resp.StatusCode)
	}
	if utf8.Valid(body) {
		t.Error("GBK feed is valid UTF-8; want GBK bytes")
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse GBK feed: %v", err)
	}
	if len(feed.Items) < 10 {
		t.Fatalf("GBK feed has %d items", len(feed.Items))
	}
	for _, it := range feed.Items[:5] {
		resp, page := get(t, c, it.Link)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s gives %d", it.Link, resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html" {
			t.Errorf("%s: Content-Type %q, want text/html without charset", it.Link, ct)
		}
		if utf8.Valid(page) {
			t.Errorf("%s: page is valid UTF-8; want GBK bytes", it.Link)
		}
		text, err := simplifiedchinese.GBK.NewDecoder().Bytes(page)
		if err != nil {
			t.Fatalf("%s: decode GBK: %v", it.Link, err)
		}
		if !strings.Contains(string(text), "<title>"+it.Title+"--华夏科技报</title>") {
			t.Errorf("%s: decoded page lacks title %q", it.Link, it.Title)
		}
		if !strings.Contains(string(text), sitegen.Notice("zh")) {
			t.Errorf("%s: decoded page lacks the sample-data notice", it.Link)
		}
	}
}

func TestListing(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := srv.Client()
	s, err := sitegen.Load(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, src := range Sources(srv.URL) {
		if src.List == "" {
			continue
		}
		o := outletByName(t, src.Name)
		resp, body := get(t, c, src.List)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: listing status %d", src.Name, resp.StatusCode)
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		base, err := url.Parse(src.List)
		if err != nil {
			t.Fatal(err)
		}
		links := doc.Find(src.Links)
		if got, want := links.Length(), len(s.Articles[o.Slug]); got != want {
			t.Errorf("%s: selector %q finds %d links, want %d", src.Name, src.Links, got, want)
		}
		links.Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			u, err := base.Parse(href)
			if err != nil {
				t.Errorf("bad link %q: %v", href, err)
				return
			}
			resp, page := get(t, c, u.String())
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s gives %d", u, resp.StatusCode)
				return
			}
			pd, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if got := pd.Find(src.Select.Title).Text(); got != a.Text() {
				t.Errorf("%s: title selector gives %q, want %q", u, got, a.Text())
			}
			if _, err := time.ParseInLocation("2006-01-02 15:04", pd.Find(src.Select.Date).Text(), src.Location()); err != nil {
				t.Errorf("%s: date selector: %v", u, err)
			}
			if pd.Find(src.Select.Body+" p").Length() == 0 || pd.Find(src.Select.Author).Text() == "" {
				t.Errorf("%s: body or author selector finds nothing", u)
			}
			checked++
		})
	}
	if checked == 0 {
		t.Fatal("no listing links checked")
	}
}

func TestSiteUpToDate(t *testing.T) {
	s, err := sitegen.Load(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	files, err := sitegen.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := sitegen.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	fresh := os.DirFS(dir)
	const hint = "; run: go run ./cmd/framescope/samplesite/gen"
	err = fs.WalkDir(fresh, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want, err := fs.ReadFile(fresh, name)
		if err != nil {
			return err
		}
		got, err := fs.ReadFile(site, name)
		if err != nil {
			t.Errorf("site/%s is missing%s", name, hint)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("site/%s is out of date%s", name, hint)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := files[name]; !ok {
			t.Errorf("site/%s is not generated from the data%s", name, hint)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCounts(t *testing.T) {
	s, err := sitegen.Load(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	all := s.All()
	if Count() != len(all) || Count() < 130 {
		t.Fatalf("Count() = %d, %d articles loaded; want the same and >= 130", Count(), len(all))
	}
	if n := len(sitegen.Outlets); n < 6 {
		t.Errorf("%d outlets, want >= 6", n)
	}
	langs := map[string]int{}
	quarters := map[string]int{} // "2023Q1 zh"
	from := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, a := range all {
		langs[a.Outlet.Lang]++
		if a.Published.Before(from) || !a.Published.Before(to) {
			t.Errorf("%s: date %s outside 2022-01..2025-12", a.Path, a.Published)
		}
		if n := sentences(strings.Join(a.Paras, " ")); n < 3 || n > 7 {
			t.Errorf("%s: %d sentences, want 3 to 7", a.Path, n)
		}
		q := fmt.Sprintf("%dQ%d %s", a.Published.Year(), (int(a.Published.Month())+2)/3, a.Outlet.Lang)
		quarters[q]++
	}
	if zh := float64(langs["zh"]) / float64(len(all)); zh < 0.4 || zh > 0.6 {
		t.Errorf("zh share %.2f (%v), want about half", zh, langs)
	}
	for y := 2022; y <= 2025; y++ {
		for q := 1; q <= 4; q++ {
			for _, lang := range []string{"zh", "en"} {
				if k := fmt.Sprintf("%dQ%d %s", y, q, lang); quarters[k] == 0 {
					t.Errorf("no %s article in %dQ%d", lang, y, q)
				}
			}
		}
	}
}

// sentences counts sentence ends: 。？！ and . ? ! before a space or the end.
func sentences(text string) int {
	n := 0
	for i, r := range text {
		switch r {
		case '。', '？', '！':
			n++
		case '.', '?', '!':
			if i+1 == len(text) || text[i+1] == ' ' {
				n++
			}
		}
	}
	return n
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		path, ctype string
		status      int
		contains    string
	}{
		{"/robots.txt", "text/plain; charset=utf-8", http.StatusOK, "Allow: /"},
		{"/", "text/html; charset=utf-8", http.StatusOK, "Sample data"},
		{"/prairie/", "text/html; charset=utf-8", http.StatusOK, `<section class="river">`},
		{"/prairie", "", http.StatusMovedPermanently, ""},
		{"/huaxia/", "text/html", http.StatusOK, ""},
		{"/nope.html", "", http.StatusNotFound, ""},
		{"/pacifictech/2099/01/01/missing.html", "", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, c, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			if !bytes.Contains(body, []byte(tt.contains)) {
				t.Errorf("body lacks %q", tt.contains)
			}
			if tt.status == http.StatusMovedPermanently && resp.Header.Get("Location") != tt.path+"/" {
				t.Errorf("Location %q, want %q", resp.Header.Get("Location"), tt.path+"/")
			}
		})
	}
}

// TestNotice checks that every HTML page says it is sample data.
func TestNotice(t *testing.T) {
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (path.Ext(name) != ".html" && path.Ext(name) != ".htm") {
			return err
		}
		b, err := fs.ReadFile(site, name)
		if err != nil {
			return err
		}
		if !utf8.Valid(b) {
			if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
				return err
			}
		}
		if !bytes.Contains(b, []byte("Sample data")) && !bytes.Contains(b, []byte("示例数据")) {
			t.Errorf("%s has no sample-data notice", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSources(t *testing.T) {
	const base = "http://127.0.0.1:41234"
	srcs := Sources(base)
	names := map[string]bool{}
	for _, s := range srcs {
		if names[s.Name] {
			t.Errorf("duplicate source name %q", s.Name)
		}
		names[s.Name] = true
		if (s.Feed == "") == (s.List == "") {
			t.Errorf("%s: want exactly one of Feed and List", s.Name)
		}
		if !strings.HasPrefix(s.Feed+s.List, base+"/") {
			t.Errorf("%s: URL %q not under %s", s.Name, s.Feed+s.List, base)
		}
		if s.List != "" && s.Links == "" {
			t.Errorf("%s: listing without a links selector", s.Name)
		}
		if s.Keywords == nil || len(s.Keywords) != 0 {
			t.Errorf("%s: Keywords %#v, want empty non-nil", s.Name, s.Keywords)
		}
		if s.Lang != corpus.Chinese && s.Lang != corpus.English {
			t.Errorf("%s: lang %q", s.Name, s.Lang)
		}
	}
}

func ExampleSources() {
	for _, s := range Sources("http://127.0.0.1:8080") {
		fmt.Println(s.Name, s.Lang, s.Country, s.Feed+s.List)
	}
	// Output:
	// Pacific Tech Review en US http://127.0.0.1:8080/pacifictech/feed.xml
	// The Albion Ledger en GB http://127.0.0.1:8080/albion/atom.xml
	// Prairie Dispatch en US http://127.0.0.1:8080/prairie/
	// 数智前沿 zh CN http://127.0.0.1:8080/shuzhi/rss.xml
	// 华夏科技报 zh CN http://127.0.0.1:8080/huaxia/rss.xml
	// 港湾科技评论 zh CN http://127.0.0.1:8080/gangwan/atom.xml
}
