package sitegen

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Base is the site root written into feeds and canonical links. The server
// replaces it with the address it actually listens on.
const Base = "http://framescope-sample.invalid"

// Files maps a site path ("pacifictech/feed.xml", no leading slash) to its bytes.
type Files map[string][]byte

// Render renders the whole site for s. Pages of GBK outlets are GBK-encoded;
// it returns an error if their text has a character GBK cannot encode.
func Render(s *Sample) (Files, error) {
	files := Files{"robots.txt": []byte("User-agent: *\nAllow: /\n")}
	var root bytes.Buffer
	if err := rootTmpl.Execute(&root, Outlets); err != nil {
		return nil, fmt.Errorf("render site index: %w", err)
	}
	files["index.html"] = root.Bytes()
	for i := range Outlets {
		o := &Outlets[i]
		arts := s.Articles[o.Slug]
		tmpl := layouts[o.Slug]
		if tmpl == nil {
			return nil, fmt.Errorf("render %s: no layout", o.Slug)
		}
		for n, a := range arts {
			var buf bytes.Buffer
			d := page{O: o, A: a, Related: related(arts, n, 4), Notice: Notice(o.Lang)}
			if err := tmpl.ExecuteTemplate(&buf, "article", d); err != nil {
				return nil, fmt.Errorf("render %s: %w", a.Path, err)
			}
			if err := put(files, o, a.Path, buf.Bytes()); err != nil {
				return nil, err
			}
		}
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, "list", page{O: o, Items: arts, Notice: Notice(o.Lang)}); err != nil {
			return nil, fmt.Errorf("render %s: %w", o.ListPath, err)
		}
		if err := put(files, o, o.ListPath, buf.Bytes()); err != nil {
			return nil, err
		}
		switch o.Feed {
		case FeedRSS:
			if err := put(files, o, o.FeedPath, rss(o, arts)); err != nil {
				return nil, err
			}
		case FeedAtom:
			if err := put(files, o, o.FeedPath, atom(o, arts)); err != nil {
				return nil, err
			}
		}
	}
	return files, nil
}

// put stores b under the site path p ("/x/" means "/x/index.html"),
// encoding it to GBK for GBK outlets.
func put(files Files, o *Outlet, p string, b []byte) error {
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	p = strings.TrimPrefix(p, "/")
	if o.GBK {
		enc, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			return fmt.Errorf("render %s: encode gbk: %w", p, err)
		}
		b = enc
	}
	if _, dup := files[p]; dup {
		return fmt.Errorf("render %s: path rendered twice", p)
	}
	files[p] = b
	return nil
}

// related picks up to n neighbours of arts[i] in time.
func related(arts []*Article, i, n int) []*Article {
	var out []*Article
	for d := 1; len(out) < n && (i-d >= 0 || i+d < len(arts)); d++ {
		if i+d < len(arts) {
			out = append(out, arts[i+d])
		}
		if i-d >= 0 && len(out) < n {
			out = append(out, arts[i-d])
		}
	}
	return out
}

// Write writes files below dir, replacing what was there.
func Write(dir string, files Files) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
	}
	return nil
}

// page is the data of every HTML template.
type page struct {
	O       *Outlet
	A       *Article
	Related []*Article
	Items   []*Article
	Notice  string
}

var funcs = template.FuncMap{
	"base": func() string { return Base },
	"fmt":  func(layout string, t time.Time) string { return t.Format(layout) },
	"iso":  func(t time.Time) string { return t.Format(time.RFC3339) },
	"cn": func(t time.Time) string {
		return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
	},
	"lead": func(a *Article) string { return firstSentence(a.Paras[0]) },
}

// firstSentence returns the first sentence of p, for teasers and summaries.
func firstSentence(p string) string {
	for i, r := range p {
		switch r {
		case '。', '？', '！':
			return p[:i+len(string(r))]
		case '.', '?', '!':
			if rest := p[i+1:]; rest == "" || rest[0] == ' ' {
				return p[:i+1]
			}
		}
	}
	return p
}

// Modified is the Last-Modified time the server reports for every file:
// the sample is static and newer than its newest article.
var Modified = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
