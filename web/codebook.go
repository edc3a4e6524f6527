package web

import (
	"bytes"
	"net/http"

	"github.com/framescope/framescope/analyzer"
)

// codebookData is what the codebook page shows.
type codebookData struct {
	Codebook *analyzer.Codebook
	YAML     string
	// IndexVersion is the codebook version the index was built with.
	IndexVersion string
	Stale        bool
}

func (s *Server) codebookPage(w http.ResponseWriter, r *http.Request) error {
	cb := s.opts.Codebook()
	var buf bytes.Buffer
	if err := cb.Dump(&buf); err != nil {
		return err
	}
	d := &codebookData{Codebook: cb, YAML: buf.String()}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	if info, err := s.opts.Index.Info(ctx); err == nil {
		d.IndexVersion, d.Stale = info.Codebook, info.Stale(cb.Version())
	}
	return s.tmpl.respond(w, http.StatusOK, "codebook", &page{Title: "Codebook " + cb.Version(), Nav: "codebook", Data: d})
}

// codebookYAML answers /codebook.yaml with the codebook file as read, as
// 'framescope codebook dump' prints it.
func (s *Server) codebookYAML(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	return s.opts.Codebook().Dump(w)
}
