package web

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
)

// DefaultMaxQueries returns how many requests that query the index or the
// store a Server answers at once when Options.MaxQueries is 0: two per
// CPU the Go runtime uses.
func DefaultMaxQueries() int { return MaxQueriesFor(runtime.GOMAXPROCS(0)) }

// MaxQueriesFor returns the default number of requests that query the
// index or the store a Server answers at once on cpus CPUs.
func MaxQueriesFor(cpus int) int { return 2 * cpus }

// admit runs h once one of the server's query slots is free, so that no
// more than Options.MaxQueries such requests run at once. Requests beyond
// that wait for a slot (in the order they came) without using the CPU,
// which keeps the goroutines the scheduler shares the CPUs among few: a
// cheap request (/healthz, a static file) is answered at once however
// many searches are queued, and memory does not grow with the number of
// connections. A request that waits longer than the query timeout is
// answered 503.
func (s *Server) admit(h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	if s.slots == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
		defer cancel()
		select {
		case s.slots <- struct{}{}:
		case <-ctx.Done():
			if err := r.Context().Err(); err != nil {
				return err
			}
			return &httpError{code: http.StatusServiceUnavailable,
				msg: fmt.Sprintf("the server is busy: no query could start within %s; try again", s.opts.QueryTimeout)}
		}
		defer func() { <-s.slots }()
		return h(w, r)
	}
}
