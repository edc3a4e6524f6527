package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/terms"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages are the page templates; each is parsed with templates/layout.html.
var pages = []string{"search", "trend", "terms", "article", "sources", "codebook", "error"}

// templates holds one parsed template set per page.
type templates struct {
	sets map[string]*template.Template
	max  int // bytes of a rendered page
}

// page is what the layout gets: the title, the navigation entry to mark
// current, and the page's own data.
type page struct {
	Title string
	Nav   string
	Data  any
}

// funcs are the functions templates may call. Each returns text that
// html/template escapes where it is placed.
var funcs = template.FuncMap{
	"mark": markCue,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "undated"
		}
		return t.Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	},
	"pct":   func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"join":  strings.Join,
	"split": func(s string) []string { return strings.Split(s, ",") },
	"itoa":  itoa,
	"add":   func(a, b int) int { return a + b },
	"frameClass": func(f corpus.Frame) string {
		return "fr-" + strings.ReplaceAll(string(f), "-", "")
	},
	"frames": func() []corpus.Frame { return corpus.Frames },
	"langName": func(l corpus.Lang) string {
		switch l {
		case corpus.Chinese:
			return "Chinese"
		case corpus.English:
			return "English"
		}
		return string(l)
	},
	"termList": func(title string, articles int, ts []terms.Term) termList {
		return termList{Title: title, Articles: articles, Terms: ts}
	},
	"evidenceCount": func(as []corpus.Attribution) int {
		n := 0
		for _, a := range as {
			n += len(a.Evidence)
		}
		return n
	},
}

// parseTemplates parses the embedded pages, which respond renders up to
// maxBytes.
func parseTemplates(maxBytes int) (*templates, error) {
	t := &templates{sets: map[string]*template.Template{}, max: maxBytes}
	for _, name := range pages {
		set, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		t.sets[name] = set
	}
	return t, nil
}

// respond renders page p into memory first, so that a template error is
// answered as a server error rather than a truncated page, then writes it
// with the status code.
//
// A page over the answer limit is an error wrapping errAnswerTooLarge.
func (t *templates) respond(w http.ResponseWriter, status int, name string, p *page) error {
	buf := &cappedBuffer{max: t.max}
	if err := t.sets[name].ExecuteTemplate(buf, "layout", p); err != nil {
		if buf.over {
			return fmt.Errorf("web: render %s: %w", name, errAnswerTooLarge)
		}
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// staticHandler serves the embedded styles and script; they change only
// with the binary, so clients may keep them an hour.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded folder exists at build time
	}
	files := http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Paths that are no valid file name (overlong UTF-8 such as
		// %c0%ae, NUL, ..) would be a 500 from http.FS: they name nothing.
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if strings.HasSuffix(r.URL.Path, "/") || !utf8.ValidString(name) || !fs.ValidPath(name) || strings.ContainsRune(name, 0) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// termList is one side's list of distinctive words on the terms page.
type termList struct {
	Title    string
	Articles int
	Terms    []terms.Term
}
