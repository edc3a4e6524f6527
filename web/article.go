package web

import (
	"context"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// articleIDPattern is the shape of article IDs (corpus.IDFor) and of IDs
// given to imported articles; anything else is a bad request.
var articleIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)

// articleView is an article with its frames, as the article page and
// /api/articles/{id} show it.
type articleView struct {
	Article corpus.Article       `json:"article"`
	Frames  []corpus.Attribution `json:"frames"`
	// FramesFrom says where the frames come from: "index", or "analysis"
	// when the index does not hold the article and it was coded now.
	FramesFrom string `json:"frames_from"`
	// Copies are the other stored copies of the same story.
	Copies []copyView `json:"copies"`
}

// copyView is one near-duplicate copy of an article.
type copyView struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Source    string      `json:"source"`
	Lang      corpus.Lang `json:"lang"`
	Published time.Time   `json:"published"`
	URL       string      `json:"url"`
}

// loadArticle reads an article, its frames and its copies.
func (s *Server) loadArticle(ctx context.Context, id string) (*articleView, error) {
	if !articleIDPattern.MatchString(id) {
		return nil, badRequest("article id %q: want letters, digits, '.', '_' or '-'", id)
	}
	a, ok, err := s.opts.Store.Get(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &httpError{code: http.StatusNotFound, msg: "no article with id " + id}
	}
	v := &articleView{Article: a, Frames: []corpus.Attribution{}, Copies: []copyView{}}
	h, err := s.indexedHit(ctx, a)
	if err != nil {
		return nil, err
	}
	switch {
	case h != nil:
		v.Frames, v.FramesFrom = h.Frames, "index"
	case s.opts.Analyze != nil:
		v.Frames, v.FramesFrom = s.opts.Analyze(a).Frames, "analysis"
	default:
		v.FramesFrom = "none"
	}
	if v.Frames == nil {
		v.Frames = []corpus.Attribution{}
	}
	if a.Story != "" {
		for _, cid := range s.opts.Store.Copies(a.Story) {
			if cid == a.ID {
				continue
			}
			c, ok, err := s.opts.Store.Get(cid)
			if err != nil || !ok {
				continue
			}
			v.Copies = append(v.Copies, copyView{ID: c.ID, Title: c.Title, Source: c.Source, Lang: c.Lang, Published: c.Published, URL: c.URL})
		}
	}
	return v, nil
}

// indexedHit returns the article as the index holds it, nil when it does
// not (not indexed yet).
func (s *Server) indexedHit(ctx context.Context, a corpus.Article) (*index.Hit, error) {
	h, ok, err := s.opts.Index.Get(ctx, a.ID)
	if err != nil || !ok {
		return nil, err
	}
	return h, nil
}

// articleData is what the article page shows.
type articleData struct {
	View       *articleView
	Paragraphs [][]segment
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	v, err := s.loadArticle(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := &articleData{View: v, Paragraphs: markEvidence(v.Article.Text, v.Frames)}
	return s.tmpl.respond(w, http.StatusOK, "article", &page{Title: v.Article.Title, Nav: "", Data: d})
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	v, err := s.loadArticle(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.writeJSON(w, v)
}

// markedRange is a marked evidence sentence in a paragraph, by byte
// offsets, with the frames it carries.
type markedRange struct {
	start, end int
	note       string
}

// markEvidence splits text into paragraphs and marks every evidence
// sentence of the frames in them, labelled with actor and frame.
func markEvidence(text string, frames []corpus.Attribution) [][]segment {
	notes := map[string][]string{}
	var sentences []string
	for _, a := range frames {
		for _, e := range a.Evidence {
			if e.Sentence == "" {
				continue
			}
			if _, ok := notes[e.Sentence]; !ok {
				sentences = append(sentences, e.Sentence)
			}
			notes[e.Sentence] = append(notes[e.Sentence], a.Actor+" "+string(a.Frame)+" ("+e.Cue+")")
		}
	}
	// Longer sentences first, so that a sentence inside another is not
	// marked on its own.
	sort.SliceStable(sentences, func(i, j int) bool { return len(sentences[i]) > len(sentences[j]) })
	var out [][]segment
	for _, p := range strings.Split(text, "\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		var rs []markedRange
		for _, sent := range sentences {
			for from := 0; from < len(p); {
				i := strings.Index(p[from:], sent)
				if i < 0 {
					break
				}
				r := markedRange{start: from + i, end: from + i + len(sent), note: strings.Join(notes[sent], "; ")}
				if !overlaps(rs, r) {
					rs = append(rs, r)
				}
				from = r.end
			}
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].start < rs[j].start })
		var segs []segment
		at := 0
		for _, r := range rs {
			if r.start > at {
				segs = append(segs, segment{Text: p[at:r.start]})
			}
			segs = append(segs, segment{Text: p[r.start:r.end], Mark: true, Note: r.note})
			at = r.end
		}
		if at < len(p) {
			segs = append(segs, segment{Text: p[at:]})
		}
		out = append(out, segs)
	}
	return out
}

func overlaps(rs []markedRange, r markedRange) bool {
	for _, x := range rs {
		if r.start < x.end && x.start < r.end {
			return true
		}
	}
	return false
}
