package sitegen

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"
)

// Article is one sample article as written in a data file.
type Article struct {
	Outlet    *Outlet
	Slug      string
	Published time.Time // in the outlet's zone
	Author    string
	Title     string
	Paras     []string
	// Path is the article page's path below the site root, set by Load.
	Path string
}

// Sample is the whole sample: every outlet's articles, newest first per outlet.
type Sample struct {
	Articles map[string][]*Article // by outlet slug
}

// All returns every article, outlet by outlet in Outlets order.
func (s *Sample) All() []*Article {
	var all []*Article
	for _, o := range Outlets {
		all = append(all, s.Articles[o.Slug]...)
	}
	return all
}

// Load reads data/<slug>.txt for every outlet from fsys.
//
// A data file holds articles separated by header lines
//
//	=== 2023-03-16 14:05 | author | url-slug
//
// followed by the title on the next line and the body as paragraphs
// separated by blank lines. Lines starting with # before the first header
// are comments. Times are local to the outlet's zone.
func Load(fsys fs.FS) (*Sample, error) {
	s := &Sample{Articles: make(map[string][]*Article)}
	for i := range Outlets {
		o := &Outlets[i]
		name := "data/" + o.Slug + ".txt"
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load sample: %w", err)
		}
		arts, err := parse(o, b)
		if err != nil {
			return nil, fmt.Errorf("load sample %s: %w", name, err)
		}
		sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.After(arts[j].Published) })
		seen := make(map[string]bool)
		for n, a := range arts {
			a.Path = articlePath(a, len(arts)-n)
			if seen[a.Path] {
				return nil, fmt.Errorf("load sample %s: duplicate article path %s", name, a.Path)
			}
			seen[a.Path] = true
		}
		s.Articles[o.Slug] = arts
	}
	return s, nil
}

func parse(o *Outlet, b []byte) ([]*Article, error) {
	var (
		arts []*Article
		cur  *Article
		para []string
	)
	flush := func() {
		if cur != nil && len(para) > 0 {
			cur.Paras = append(cur.Paras, strings.Join(para, " "))
		}
		para = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(text, "==="):
			flush()
			a, err := parseHeader(o, strings.TrimSpace(strings.TrimPrefix(text, "===")))
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			cur = a
			arts = append(arts, a)
		case cur == nil:
			if text != "" && !strings.HasPrefix(text, "#") {
				return nil, fmt.Errorf("line %d: text before the first === header", line)
			}
		case text == "":
			flush()
		case cur.Title == "":
			cur.Title = text
		default:
			para = append(para, text)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	for _, a := range arts {
		if a.Title == "" || len(a.Paras) == 0 {
			return nil, fmt.Errorf("article %s: missing title or body", a.Slug)
		}
	}
	return arts, nil
}

func parseHeader(o *Outlet, h string) (*Article, error) {
	parts := strings.Split(h, "|")
	if len(parts) != 3 {
		return nil, fmt.Errorf("header %q: want \"date time | author | slug\"", h)
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", parts[0], o.Location())
	if err != nil {
		return nil, fmt.Errorf("header %q: %w", h, err)
	}
	if parts[1] == "" || parts[2] == "" {
		return nil, fmt.Errorf("header %q: empty author or slug", h)
	}
	return &Article{Outlet: o, Published: t, Author: parts[1], Slug: parts[2]}, nil
}

// articlePath gives each outlet its own URL scheme, as real sites differ;
// seq numbers the outlet's articles oldest first.
func articlePath(a *Article, seq int) string {
	t := a.Published
	switch a.Outlet.Slug {
	case "pacifictech":
		return t.Format("/pacifictech/2006/01/02/") + a.Slug + ".html"
	case "albion":
		return "/albion/news/" + a.Slug + t.Format("-20060102") + ".html"
	case "prairie":
		return t.Format("/prairie/2006/01/") + a.Slug + "/"
	case "shuzhi":
		return fmt.Sprintf("/shuzhi/article/%s%04d.html", t.Format("20060102"), seq)
	case "huaxia":
		return fmt.Sprintf("/huaxia/content/%s/content_%d.htm", t.Format("2006-01/02"), 880000+seq*37)
	default:
		return "/" + a.Outlet.Slug + "/p/" + t.Format("20060102") + "-" + a.Slug + ".html"
	}
}
