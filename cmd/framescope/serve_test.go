package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
)

func TestServeHelp(t *testing.T) {
	code, out, _ := runQuery(t, "serve", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, flag := range []string{"-addr", "-data", "-token-file", "-crawl-every", "-codebook", "-sources", "-events", "-query-timeout", "-rate", "-log-format"} {
		if !strings.Contains(out, flag) {
			t.Errorf("--help lacks %s", flag)
		}
	}
}

func TestServeUsageErrors(t *testing.T) {
	short := filepath.Join(t.TempDir(), "token")
	os.WriteFile(short, []byte("short\n"), 0o600)
	for _, args := range [][]string{
		{"serve", "--crawl-every", "10s"},
		{"serve", "--token-file", short},
		{"serve", "--rate", "-1"},
		{"serve", "extra"},
	} {
		if code, _, errOut := runQuery(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, errOut)
		}
	}
	if code, _, errOut := runQuery(t, "serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0"); code != exitFailure || !strings.Contains(errOut, "no index") {
		t.Errorf("empty data dir: exit %d: %s", code, errOut)
	}
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu chan struct{}
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.String()
}

// TestServe starts the server on a data folder, asks the API, runs an
// admin crawl of the sample site (which writes to the server's index) and
// stops the server as SIGTERM does, by cancelling its context.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	data := serveTestData(t)

	site := httptest.NewServer(samplesite.Handler())
	defer site.Close()
	srcs := samplesite.Sources(site.URL)[:1]
	y, err := yaml.Marshal(map[string]any{"defaults": map[string]any{"delay": "1ms"}, "sources": srcs})
	if err != nil {
		t.Fatal(err)
	}
	sourcesFile := filepath.Join(t.TempDir(), "sources.yaml")
	tokenFile := filepath.Join(t.TempDir(), "token")
	const token = "test-token-0123456789"
	os.WriteFile(sourcesFile, y, 0o644)
	os.WriteFile(tokenFile, []byte(token+"\n"), 0o600)

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errOut := &syncBuffer{mu: make(chan struct{}, 1)}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: errOut, getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, e, []string{"--addr", addr, "--data", data, "--token-file", tokenFile, "--sources", sourcesFile, "--rate", "0"})
	}()
	base := "http://" + addr
	getJSON := func(path string, v any) int {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			return 0
		}
		defer resp.Body.Close()
		if v != nil {
			json.NewDecoder(resp.Body).Decode(v)
		}
		return resp.StatusCode
	}
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(40 * time.Second); !cond(); {
			if time.Now().After(deadline) {
				t.Fatalf("gave up waiting for %s; log:\n%s", what, errOut.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitUntil("the server", func() bool { return getJSON("/healthz", nil) == 200 })

	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if code := getJSON("/api/search?q=OpenAI", &res); code != 200 || res.Total != 1 || res.Hits[0].ID != "e1" {
		t.Fatalf("search: %d %+v", code, res)
	}
	var art struct {
		FramesFrom string `json:"frames_from"`
		Frames     []any  `json:"frames"`
	}
	if code := getJSON("/api/articles/e1", &art); code != 200 || art.FramesFrom != "index" || len(art.Frames) != 2 {
		t.Fatalf("article: %d %+v", code, art)
	}

	post := func(path, tok string) int {
		req, _ := http.NewRequest(http.MethodPost, base+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("/admin/crawl", "wrong-token-0123456789"); code != http.StatusUnauthorized {
		t.Errorf("crawl with a wrong token: %d", code)
	}
	if code := post("/admin/reload-codebook", token); code != http.StatusAccepted {
		t.Errorf("reload: %d", code)
	}
	if code := post("/admin/crawl", token); code != http.StatusAccepted {
		t.Fatalf("crawl: %d", code)
	}
	waitUntil("the crawl", func() bool {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		m, _ := io.ReadAll(resp.Body)
		return strings.Contains(string(m), "framescope_crawls_total 1")
	})
	var h struct {
		Docs int `json:"docs"`
	}
	if code := getJSON("/healthz", &h); code != 200 || h.Docs <= len(queryTestDocs()) {
		t.Fatalf("healthz after the crawl: %d %+v", code, h)
	}
	var src struct {
		LastCrawl *struct {
			Sources []struct {
				Source string `json:"source"`
				New    int    `json:"new"`
			} `json:"sources"`
		} `json:"last_crawl"`
	}
	if code := getJSON("/api/sources", &src); code != 200 || src.LastCrawl == nil || src.LastCrawl.Sources[0].New == 0 {
		t.Fatalf("sources after the crawl: %d %+v", code, src.LastCrawl)
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(m), "framescope_crawls_total 1") || strings.Contains(string(m), "framescope_crawled_articles_total 0") {
		t.Errorf("metrics after the crawl:\n%s", m)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}

func TestServeProcs(t *testing.T) {
	for _, c := range []struct {
		cpus, maxQueries int
		envSet           bool
		procs, slots     int
	}{
		{cpus: 2, procs: 8, slots: 4},
		{cpus: 1, procs: 4, slots: 2},
		{cpus: 2, maxQueries: 2, procs: 6, slots: 2},
		{cpus: 2, maxQueries: 64, procs: 8, slots: 64},
		{cpus: 2, maxQueries: -1, procs: 2, slots: -1},
		{cpus: 3, envSet: true, procs: 3, slots: 6},
	} {
		procs, slots := serveProcs(c.cpus, c.maxQueries, c.envSet)
		if procs != c.procs || slots != c.slots {
			t.Errorf("serveProcs(%d, %d, %v) = %d, %d; want %d, %d", c.cpus, c.maxQueries, c.envSet, procs, slots, c.procs, c.slots)
		}
		if !c.envSet && c.maxQueries >= 0 && procs <= min(slots, 2*c.cpus) {
			t.Errorf("serveProcs(%d, %d): %d Ps leave none beyond %d query slots", c.cpus, c.maxQueries, procs, slots)
		}
	}
}
