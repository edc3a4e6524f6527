package web

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// authorized reports whether r carries the admin token.
func (s *Server) authorized(r *http.Request) bool {
	tok := s.opts.Admin.Token
	// The scheme is case-insensitive (RFC 9110 11.1).
	scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	ok = ok && strings.EqualFold(scheme, "Bearer")
	got = strings.TrimSpace(got)
	return tok != "" && ok && subtle.ConstantTimeCompare([]byte(got), []byte(tok)) == 1
}

// admin runs an admin action for a request that carries the token.
func (s *Server) admin(w http.ResponseWriter, r *http.Request, name string, action func(r *http.Request) error) error {
	if action == nil || s.opts.Admin.Token == "" {
		return &httpError{code: http.StatusNotFound, msg: name + " is not enabled on this server (start it with --token-file)"}
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="framescope admin"`)
		return &httpError{code: http.StatusUnauthorized, msg: name + " needs the admin token as 'Authorization: Bearer TOKEN'"}
	}
	if err := action(r); err != nil {
		return &httpError{code: http.StatusConflict, msg: name + ": " + err.Error()}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusAccepted)
	_, err := w.Write([]byte(`{"status":"accepted"}` + "\n"))
	return err
}

// adminCrawl starts a crawl.
func (s *Server) adminCrawl(w http.ResponseWriter, r *http.Request) error {
	var f func(r *http.Request) error
	if s.opts.Admin.Crawl != nil {
		f = func(r *http.Request) error { return s.opts.Admin.Crawl(r.Context()) }
	}
	return s.admin(w, r, "crawl", f)
}

// adminReload reads the codebook file again.
func (s *Server) adminReload(w http.ResponseWriter, r *http.Request) error {
	var f func(r *http.Request) error
	if s.opts.Admin.ReloadCodebook != nil {
		f = func(r *http.Request) error { return s.opts.Admin.ReloadCodebook(r.Context()) }
	}
	return s.admin(w, r, "reload-codebook", f)
}
