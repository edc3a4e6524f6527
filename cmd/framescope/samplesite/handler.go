package samplesite

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/framescope/framescope/cmd/framescope/samplesite/internal/sitegen"
)

// Handler returns an http.Handler serving the embedded sample site: article
// pages, listing pages, RSS and Atom feeds and a /robots.txt allowing all.
// Absolute links in feeds and pages point at the host the request was sent
// to. Pages of GBK outlets are sent as "text/html" without a charset, as
// many real Chinese sites do. Unknown paths get 404; a folder without its
// trailing slash is redirected.
func Handler() http.Handler {
	return http.HandlerFunc(serve)
}

func serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		name = "."
	}
	if info, err := fs.Stat(site, name); err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
	}
	b, err := fs.ReadFile(site, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctype := contentType(name)
	if ext := path.Ext(name); ext == ".html" || ext == ".htm" || ext == ".xml" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		b = bytes.ReplaceAll(b, []byte(sitegen.Base), []byte(scheme+"://"+r.Host))
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "max-age=300")
	http.ServeContent(w, r, name, sitegen.Modified, bytes.NewReader(b))
}

// contentType returns the Content-Type for a site file.
func contentType(name string) string {
	gbk := false
	for _, o := range sitegen.Outlets {
		if o.GBK && strings.HasPrefix(name, o.Slug+"/") {
			gbk = true
		}
		if o.FeedPath != "" && "/"+name == o.FeedPath {
			if o.Feed == sitegen.FeedAtom {
				return "application/atom+xml; charset=utf-8"
			}
			if o.GBK {
				return "application/rss+xml" // the XML declaration says gbk
			}
			return "application/rss+xml; charset=utf-8"
		}
	}
	switch path.Ext(name) {
	case ".html", ".htm":
		if gbk {
			return "text/html"
		}
		return "text/html; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}
