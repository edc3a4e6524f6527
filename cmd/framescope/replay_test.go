package main

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

// evalDataDir is the shared evaluation folder, relative to this package:
// ../shared/evaldata beside the repository. It is not part of the
// repository; what reads it skips when it is absent.
var evalDataDir = filepath.Join("..", "..", "..", "shared", "evaldata")

// realOutletsPerSet is how many outlets the pages of one evaluation set
// are dealt to in a realReplay.
const realOutletsPerSet = 8

// realReplay serves the real pages of the evaluation folder as a news
// site: /robots.txt, an RSS feed per outlet (/<outlet>/feed.xml) and the
// pages (/<outlet>/<id>.html), sent with "text/html" and no charset as
// many Chinese servers do, so that the crawler reads their charset itself.
type realReplay struct {
	outlets []realOutlet
	pages   map[string]realPage // by path
}

type realOutlet struct {
	name    string
	lang    corpus.Lang
	country string
	pages   []realPage
}

type realPage struct {
	path string
	lang corpus.Lang
	body []byte
}

// loadRealReplay reads the pages of extract-en and extract-zh, skipping b
// when the evaluation folder is absent.
func loadRealReplay(b *testing.B) *realReplay {
	b.Helper()
	r := &realReplay{pages: map[string]realPage{}}
	for _, set := range []struct {
		dir, country string
		lang         corpus.Lang
	}{{"extract-en", "US", corpus.English}, {"extract-zh", "CN", corpus.Chinese}} {
		files, _ := filepath.Glob(filepath.Join(evalDataDir, set.dir, "html", "*"))
		if len(files) == 0 {
			b.Skipf("no evaluation pages at %s (the folder is not part of the repository)", filepath.Join(evalDataDir, set.dir))
		}
		sort.Strings(files)
		first := len(r.outlets)
		for i := range realOutletsPerSet {
			r.outlets = append(r.outlets, realOutlet{name: fmt.Sprintf("%s-%d", set.dir, i+1), lang: set.lang, country: set.country})
		}
		for i, f := range files {
			body, err := readPage(f)
			if err != nil {
				b.Fatal(err)
			}
			o := &r.outlets[first+i%realOutletsPerSet]
			id := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".gz"), ".html")
			p := realPage{path: "/" + o.name + "/" + id + ".html", lang: set.lang, body: body}
			o.pages = append(o.pages, p)
			r.pages[p.path] = p
		}
	}
	return r
}

// sources returns one source per outlet, its feed under baseURL, keeping
// every item.
func (r *realReplay) sources(baseURL string) []corpus.Source {
	out := make([]corpus.Source, 0, len(r.outlets))
	for _, o := range r.outlets {
		out = append(out, corpus.Source{
			Name: o.name, Lang: o.lang, Country: o.country, Keywords: []string{},
			Feed:       baseURL + "/" + o.name + "/feed.xml",
			Politeness: corpus.Politeness{Delay: time.Millisecond},
		})
	}
	return out
}

func (r *realReplay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
		return
	}
	if p, ok := r.pages[req.URL.Path]; ok {
		w.Header().Set("Content-Type", "text/html")
		w.Write(p.body)
		return
	}
	base := "http://" + req.Host
	for _, o := range r.outlets {
		if req.URL.Path != "/"+o.name+"/feed.xml" {
			continue
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<rss version="2.0"><channel><title>%s</title><link>%s/%s/</link>`+"\n", o.name, base, o.name)
		for i, p := range o.pages {
			fmt.Fprintf(&b, "<item><title>%s item %d</title><link>%s</link></item>\n", html.EscapeString(o.name), i+1, html.EscapeString(base+p.path))
		}
		b.WriteString("</channel></rss>\n")
		io.WriteString(w, b.String())
		return
	}
	http.NotFound(w, req)
}
