package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/corpus"
)

// gatedSite serves the sample site but holds every request other than
// /robots.txt until open is called, so that a crawl of it stays running
// (with its pipeline open) for as long as a test needs.
type gatedSite struct {
	h       http.Handler
	reached chan struct{} // closed by the first held request
	release chan struct{} // closed by open
	once    sync.Once
	opened  sync.Once
}

func newGatedSite() *gatedSite {
	return &gatedSite{h: samplesite.Handler(), reached: make(chan struct{}), release: make(chan struct{})}
}

func (g *gatedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/robots.txt" {
		g.once.Do(func() { close(g.reached) })
		select {
		case <-g.release:
		case <-r.Context().Done():
			return
		}
	}
	g.h.ServeHTTP(w, r)
}

// open lets held and later requests through.
func (g *gatedSite) open() { g.opened.Do(func() { close(g.release) }) }

// waitReached waits until a crawl by s holds a request to the site.
func (g *gatedSite) waitReached(t *testing.T, s *testServer) {
	t.Helper()
	select {
	case <-g.reached:
	case <-time.After(60 * time.Second):
		t.Fatalf("the crawl did not reach the sample site; log:\n%s", s.log.String())
	}
}

// heldCrawl is a server whose crawl waits on a gated sample site.
type heldCrawl struct {
	s           *testServer
	gate        *gatedSite
	source      string // the site's source name
	sourcesFile string
}

// heldAdminCrawl starts a server on data and, through the admin endpoint,
// a crawl of a gated sample site, and returns once the crawl waits on the
// site. The gate opens when the test ends, before the server stops,
// unless the test opened it.
func heldAdminCrawl(t *testing.T, data string) heldCrawl {
	t.Helper()
	gate := newGatedSite()
	site := httptest.NewServer(gate)
	t.Cleanup(site.Close)
	sourcesFile, tokenFile, source, token := crawlTestFiles(t, site.URL)
	s := startTestServer(t, data, "--token-file", tokenFile, "--sources", sourcesFile)
	t.Cleanup(gate.open) // runs first: the server's crawl can then end
	if code := s.post("/admin/crawl", token); code != http.StatusAccepted {
		t.Fatalf("crawl: %d", code)
	}
	gate.waitReached(t, s)
	return heldCrawl{s: s, gate: gate, source: source, sourcesFile: sourcesFile}
}

// testServer is a running 'framescope serve' for a test.
type testServer struct {
	t      *testing.T
	base   string
	log    *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startTestServer runs serve on data with args besides --addr and
// --data, and waits until it answers /healthz (with any status).
func startTestServer(t *testing.T, data string, args ...string) *testServer {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{t: t, base: "http://" + addr, log: &syncBuffer{mu: make(chan struct{}, 1)}, cancel: cancel, done: make(chan error, 1)}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: s.log, getenv: func(string) string { return "" }}
	go func() {
		s.done <- runServe(ctx, e, append([]string{"--addr", addr, "--data", data, "--rate", "0"}, args...))
	}()
	t.Cleanup(func() { cancel(); <-s.done })
	s.waitUntil("the server", func() bool { return s.get("/healthz", nil) != 0 })
	return s
}

// get returns the status of a GET of path (0 when the request failed),
// decoding a JSON body into v when v is not nil.
func (s *testServer) get(path string, v any) int {
	resp, err := http.Get(s.base + path)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if v != nil {
		json.NewDecoder(resp.Body).Decode(v)
	} else {
		io.Copy(io.Discard, resp.Body)
	}
	return resp.StatusCode
}

// post returns the status of a POST of path with the admin token.
func (s *testServer) post(path, token string) int {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// metrics returns the /metrics text.
func (s *testServer) metrics() string {
	resp, err := http.Get(s.base + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// waitUntil polls cond until it holds, failing the test after a generous
// deadline.
func (s *testServer) waitUntil(what string, cond func() bool) {
	s.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			s.t.Fatalf("gave up waiting for %s; log:\n%s", what, s.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop cancels the server's context, as SIGTERM does, and checks that
// serve returns without an error.
func (s *testServer) stop() {
	s.t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		if err != nil {
			s.t.Fatalf("serve returned %v; log:\n%s", err, s.log.String())
		}
	case <-time.After(60 * time.Second):
		s.t.Fatal("serve did not stop after its context was cancelled")
	}
}

// crawlTestFiles writes a sources file with the first sample outlet at
// siteURL and an admin token file, and returns their paths, the outlet's
// name and the token.
func crawlTestFiles(t *testing.T, siteURL string) (sourcesFile, tokenFile, source, token string) {
	t.Helper()
	srcs := samplesite.Sources(siteURL)[:1]
	y, err := yaml.Marshal(map[string]any{"defaults": map[string]any{"delay": "1ms"}, "sources": srcs})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sourcesFile, tokenFile, token = filepath.Join(dir, "sources.yaml"), filepath.Join(dir, "token"), "test-token-0123456789"
	if err := os.WriteFile(sourcesFile, y, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return sourcesFile, tokenFile, srcs[0].Name, token
}

// serveTestData returns a data folder whose index and store hold the
// query test articles.
func serveTestData(t *testing.T) string {
	t.Helper()
	data := queryTestData(t)
	store, err := corpus.Open(filepath.Join(data, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range queryTestDocs() {
		if _, err := store.Put(d.Article); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	return data
}

// searchResult is the part of /api/search answers the tests read.
type searchResult struct {
	Total int `json:"total"`
	Hits  []struct {
		ID string `json:"id"`
	} `json:"hits"`
}

// TestServeAnswersDuringCrawl runs an admin crawl in the server against a
// sample site that holds its pages, and checks that while the crawl runs
// (and holds the data directory) the pages and the API answer from the
// index, and that afterwards the new articles are searchable.
func TestServeAnswersDuringCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	data := serveTestData(t)
	c := heldAdminCrawl(t, data)
	s := c.s

	// The crawl is running: it cannot finish before the gate opens.
	var res searchResult
	if code := s.get("/api/search?q=OpenAI", &res); code != http.StatusOK || res.Total != 1 || res.Hits[0].ID != "e1" {
		t.Errorf("/api/search during the crawl: %d %+v", code, res)
	}
	for _, path := range []string{"/search?q=OpenAI", "/", "/api/articles/e1", "/articles/e1", "/api/trend?q=AI", "/healthz"} {
		if code := s.get(path, nil); code != http.StatusOK {
			t.Errorf("%s during the crawl: %d", path, code)
		}
	}
	// The server's crawl holds the data directory: a crawl from another
	// process (here, the command in this one) is turned away.
	if code, _, errOut := runQuery(t, "crawl", "--data", data, "--sources", c.sourcesFile); code != exitLocked {
		t.Errorf("crawl beside the server's: exit %d, want %d: %s", code, exitLocked, errOut)
	}
	if m := s.metrics(); !strings.Contains(m, "framescope_crawls_total 0") {
		t.Errorf("the crawl ended while the site held its requests:\n%s", m)
	}

	c.gate.open()
	s.waitUntil("the crawl", func() bool { return strings.Contains(s.metrics(), "framescope_crawls_total 1") })
	if m := s.metrics(); !strings.Contains(m, "framescope_crawls_failed_total 0") {
		t.Fatalf("the crawl failed:\n%s\nlog:\n%s", m, s.log.String())
	}
	res = searchResult{}
	if code := s.get("/api/search?"+url.Values{"source": {c.source}}.Encode(), &res); code != http.StatusOK || res.Total == 0 {
		t.Fatalf("search for the new articles: %d %+v; log:\n%s", code, res, s.log.String())
	}
	if code := s.get("/api/articles/"+res.Hits[0].ID, nil); code != http.StatusOK {
		t.Errorf("new article %s: %d", res.Hits[0].ID, code)
	}
	if code := s.get("/search?q=OpenAI", nil); code != http.StatusOK {
		t.Errorf("/search after the crawl: %d", code)
	}
	// The index is read-only again: nothing of the server holds it for
	// writing, so the same folder opens for writing once serve stops.
	s.stop()
	if code, _, errOut := runQuery(t, "index", "--data", data); code != 0 {
		t.Errorf("index after serve: exit %d: %s", code, errOut)
	}
}

// TestServeCrawlLockedKeepsServing checks that a crawl in the server fails
// cleanly when another process holds the data directory, is counted as
// failed in /metrics, and leaves the pages answering.
func TestServeCrawlLockedKeepsServing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server")
	}
	data := serveTestData(t)
	sourcesFile, tokenFile, _, token := crawlTestFiles(t, "http://127.0.0.1:1")
	lock, err := corpus.Lock(data)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	s := startTestServer(t, data, "--token-file", tokenFile, "--sources", sourcesFile)

	if code := s.post("/admin/crawl", token); code != http.StatusAccepted {
		t.Fatalf("crawl: %d", code)
	}
	s.waitUntil("the crawl", func() bool { return strings.Contains(s.metrics(), "framescope_crawls_total 1") })
	if m := s.metrics(); !strings.Contains(m, "framescope_crawls_failed_total 1") {
		t.Errorf("metrics after a crawl of a locked folder:\n%s", m)
	}
	if log := s.log.String(); !strings.Contains(log, "crawl failed") || !strings.Contains(log, "locked") {
		t.Errorf("log lacks the failure:\n%s", log)
	}
	var res searchResult
	if code := s.get("/api/search?q=OpenAI", &res); code != http.StatusOK || res.Total != 1 {
		t.Errorf("/api/search after the failed crawl: %d %+v", code, res)
	}
	if code := s.get("/search?q=OpenAI", nil); code != http.StatusOK {
		t.Errorf("/search after the failed crawl: %d", code)
	}
	s.stop()
}

// TestServeFirstCrawlCreatesIndex starts the server with --crawl-every on
// a folder without an index: it answers 503 until the crawl has created
// the index, then answers while the crawl still runs.
func TestServeFirstCrawlCreatesIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	data := t.TempDir()
	gate := newGatedSite()
	site := httptest.NewServer(gate)
	defer site.Close()
	defer gate.open()
	sourcesFile, _, source, _ := crawlTestFiles(t, site.URL)
	s := startTestServer(t, data, "--crawl-every", "1h", "--sources", sourcesFile)
	gate.waitReached(t, s)
	var res searchResult
	if code := s.get("/api/search?q=OpenAI", &res); code != http.StatusOK || res.Total != 0 {
		t.Errorf("/api/search during the first crawl: %d %+v", code, res)
	}
	if code := s.get("/search?q=OpenAI", nil); code != http.StatusOK {
		t.Errorf("/search during the first crawl: %d", code)
	}
	gate.open()
	s.waitUntil("the crawl", func() bool { return strings.Contains(s.metrics(), "framescope_crawls_total 1") })
	res = searchResult{}
	if code := s.get("/api/search?"+url.Values{"source": {source}}.Encode(), &res); code != http.StatusOK || res.Total == 0 {
		t.Fatalf("search for the new articles: %d %+v; log:\n%s", code, res, s.log.String())
	}
	s.stop()
}

// TestServeStopsDuringCrawl stops the server, as SIGTERM does, while its
// crawl waits on the sample site, and checks that serve returns cleanly
// and leaves the data directory and the index free for the next process.
func TestServeStopsDuringCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	data := serveTestData(t)
	s := heldAdminCrawl(t, data).s
	s.stop()
	if code, _, errOut := runQuery(t, "index", "--data", data); code != 0 {
		t.Errorf("index after serve stopped during a crawl: exit %d: %s", code, errOut)
	}
}
