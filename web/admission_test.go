package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestAdmit checks that no more than MaxQueries admitted requests run at
// once, that one waiting longer than the query timeout is answered 503,
// and that a waiting request runs as soon as a slot is free.
func TestAdmit(t *testing.T) {
	s := &Server{opts: Options{QueryTimeout: 50 * time.Millisecond}, slots: make(chan struct{}, 1)}
	release, running := make(chan struct{}), make(chan struct{})
	blocking := s.admit(func(http.ResponseWriter, *http.Request) error {
		close(running)
		<-release
		return nil
	})
	ran := false
	quick := s.admit(func(http.ResponseWriter, *http.Request) error { ran = true; return nil })
	req := httptest.NewRequest("GET", "/api/search?q=a", nil)

	done := make(chan error, 1)
	go func() { done <- blocking(httptest.NewRecorder(), req) }()
	<-running
	err := quick(httptest.NewRecorder(), req)
	var he *httpError
	if !errors.As(err, &he) || he.code != http.StatusServiceUnavailable {
		t.Fatalf("second query while the only slot is taken: %v, want a 503 answer", err)
	}
	if ran {
		t.Fatal("the second query ran while the only slot was taken")
	}

	s.opts.QueryTimeout = time.Minute // the wait below must not time out
	waited := make(chan error, 1)
	go func() { waited <- quick(httptest.NewRecorder(), req) }()
	time.Sleep(10 * time.Millisecond)
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-waited; err != nil || !ran {
		t.Fatalf("a query waiting for a freed slot: err %v, ran %v; want it run", err, ran)
	}
}
