package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// feedSize is the number of newest matching articles a feed lists.
const feedSize = 50

// atomFeed is an Atom 1.0 feed (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Author    atomPerson `xml:"author"`
	Summary   string     `xml:"summary"`
}

// feed answers /feed with an Atom feed of the newest articles matching a
// search, so that a feed reader follows it.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) error {
	st, q, err := parseSearch(r.URL.Query())
	if err != nil {
		return err
	}
	q.ByDate, q.Limit, q.Offset = true, feedSize, 0
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	res, err := s.opts.Index.Search(ctx, q)
	if err != nil {
		return err
	}
	base := s.opts.BaseURL
	st.Sort, st.Page = "date", 1
	title := "framescope: " + st.Q
	if st.Q == "" || st.Q == "*" {
		title = "framescope: all articles"
	}
	f := atomFeed{
		ID:      base + st.FeedURL(),
		Title:   title,
		Updated: s.opts.Now().UTC().Format(time.RFC3339),
		Links:   []atomLink{{Href: base + st.FeedURL(), Rel: "self", Type: "application/atom+xml"}, {Href: base + st.URL(), Rel: "alternate", Type: "text/html"}},
		Author:  atomPerson{Name: "framescope"},
	}
	if len(res.Hits) > 0 && !res.Hits[0].Published.IsZero() {
		f.Updated = res.Hits[0].Published.UTC().Format(time.RFC3339)
	}
	for _, h := range res.Hits {
		e := atomEntry{
			ID:      base + "/articles/" + url.PathEscape(h.ID),
			Title:   h.Title,
			Updated: f.Updated,
			Links:   []atomLink{{Href: base + "/articles/" + url.PathEscape(h.ID), Rel: "related", Type: "text/html"}},
			Author:  atomPerson{Name: h.Source},
		}
		if webURL(h.URL) {
			e.Links = append([]atomLink{{Href: h.URL, Rel: "alternate"}}, e.Links...)
		}
		if !h.Published.IsZero() {
			e.Published = h.Published.Format(time.RFC3339)
			e.Updated = e.Published
		}
		var sum []string
		for _, a := range h.Frames {
			sum = append(sum, a.Actor+" "+string(a.Frame))
		}
		e.Summary = h.Source + " (" + string(h.Lang) + ")"
		if len(sum) > 0 {
			e.Summary += ": " + strings.Join(sum, ", ")
		}
		f.Entries = append(f.Entries, e)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return nil
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(f)
}

// webURL reports whether u is an absolute http(s) URL, the only article
// links a feed carries (not javascript:, data: or relative ones).
func webURL(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != ""
}
