package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/framescope/framescope/index"
)

// httpError is an error with the status code and the message a client
// should see.
type httpError struct {
	code int
	msg  string
	err  error // the cause, logged for server errors
}

func (e *httpError) Error() string {
	if e.err != nil {
		return e.msg + ": " + e.err.Error()
	}
	return e.msg
}

func (e *httpError) Unwrap() error { return e.err }

// badRequest returns a 400 error with a message.
func badRequest(format string, a ...any) error {
	return &httpError{code: http.StatusBadRequest, msg: fmt.Sprintf(format, a...)}
}

// classify maps an error of a handler to a status code and the message a
// client sees: bad queries are 400, queries cut off by the timeout and an
// index under a crawl are 503, anything else is a 500 whose details stay
// in the log.
func (s *Server) classify(err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.code, he.msg
	case errors.Is(err, index.ErrBadQuery):
		return http.StatusBadRequest, strings.TrimPrefix(err.Error(), "index: bad query: ")
	case errors.Is(err, errAnswerTooLarge):
		return http.StatusBadRequest, strings.TrimPrefix(s.tooLarge().Error(), "index: answer too large: ")
	case errors.Is(err, index.ErrTooLarge):
		return http.StatusBadRequest, strings.TrimPrefix(err.Error(), "index: answer too large: ")
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, fmt.Sprintf("the query took longer than %s and was stopped; narrow it with more words, filters or a shorter date range", s.opts.QueryTimeout)
	case errors.Is(err, ErrUnavailable), errors.Is(err, index.ErrClosed):
		return http.StatusServiceUnavailable, "a crawl is updating the index; try again in a minute"
	case errors.Is(err, context.Canceled):
		return 499, "request cancelled"
	}
	return http.StatusInternalServerError, "internal error; see the server log"
}

// errors turns a handler that returns an error into an http.Handler that
// answers the error as JSON under /api/ and as an HTML page elsewhere.
func (s *Server) errors(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w := &sentWriter{ResponseWriter: rw}
		err := h(w, r)
		if err == nil {
			return
		}
		code, msg := s.classify(err)
		if w.sent {
			// Part of the answer is out (a CSV export whose client went
			// away): it cannot become an error page.
			if code >= 500 && code != http.StatusServiceUnavailable && r.Context().Err() == nil {
				s.opts.Logger.Error("request failed after the response began", "method", r.Method, "url", r.URL.String(), "err", err)
			}
			return
		}
		if code >= 500 && code != http.StatusServiceUnavailable {
			s.opts.Logger.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
		}
		if code == 499 {
			return // the client is gone
		}
		if code == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "30")
		}
		if wantsJSON(r) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(code)
			json.NewEncoder(w).Encode(map[string]any{"error": msg, "status": code})
			return
		}
		if err := s.tmpl.respond(w, code, "error", &page{Title: http.StatusText(code), Data: errorData{Code: code, Message: msg}}); err != nil {
			s.opts.Logger.Error("render error page", "err", err)
		}
	})
}

// errorData is what the error page shows.
type errorData struct {
	Code    int
	Message string
}

// wantsJSON reports whether an error should be answered as JSON: API
// routes and admin actions.
func wantsJSON(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/admin/") || p == "/healthz"
}

// sentWriter notes whether a response has begun, so that an error after
// it is not answered with a second status line.
type sentWriter struct {
	http.ResponseWriter
	sent bool
}

func (w *sentWriter) WriteHeader(code int) {
	w.sent = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *sentWriter) Write(p []byte) (int, error) {
	w.sent = true
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *sentWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
