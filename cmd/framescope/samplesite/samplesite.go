// Package samplesite is the bundled sample news site that framescope demo
// serves on 127.0.0.1 and crawls through the real crawler.
//
// Everything in it is SAMPLE DATA: fictional outlets and articles written
// for the demo. The articles live in data/<outlet>.txt; the static site in
// site/ is generated from them with
//
//	go run ./cmd/framescope/samplesite/gen
//
// and embedded in the binary. A test fails when site/ is out of date.
package samplesite

import (
	"embed"
	"io/fs"
	"sync"
	"time"

	"github.com/framescope/framescope/cmd/framescope/samplesite/internal/sitegen"
	"github.com/framescope/framescope/corpus"
)

//go:generate go run ./gen -data . -out site

//go:embed site
var siteFS embed.FS

//go:embed data/*.txt
var dataFS embed.FS

// site is the generated site with paths relative to its root.
var site = func() fs.FS {
	sub, err := fs.Sub(siteFS, "site")
	if err != nil {
		panic(err) // "site" is a valid path; fs.Sub cannot fail on it
	}
	return sub
}()

var sample = sync.OnceValues(func() (*sitegen.Sample, error) { return sitegen.Load(dataFS) })

// Count returns the number of articles in the sample, or 0 if the embedded
// data cannot be read (which the package tests rule out).
func Count() int {
	s, err := sample()
	if err != nil {
		return 0
	}
	return len(s.All())
}

// Sources returns one crawl source per sample outlet, with URLs under
// baseURL (such as "http://127.0.0.1:41234", no trailing slash). Every
// source keeps all of its items (Keywords is empty, not nil) and has short
// politeness delays, as the server is local.
func Sources(baseURL string) []corpus.Source {
	var out []corpus.Source
	for _, o := range sitegen.Outlets {
		src := corpus.Source{
			Name:     o.Name,
			Lang:     corpus.Lang(o.Lang),
			Country:  o.Country,
			Keywords: []string{},
			TimeZone: o.Zone,
			Politeness: corpus.Politeness{
				Delay:   10 * time.Millisecond,
				PerHost: 4,
			},
		}
		if o.Feed == sitegen.FeedNone {
			src.List = baseURL + o.ListPath
			src.Links = o.LinkSelector
			src.Select = corpus.Selectors{
				Title:  "h1.headline",
				Body:   "div.story-body",
				Date:   "span.dateline",
				Author: "span.byline-name",
			}
		} else {
			src.Feed = baseURL + o.FeedPath
		}
		out = append(out, src)
	}
	return out
}
