package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framescope/framescope/internal/synth"
)

// TestOpenSearchDownMidImport: an import whose OpenSearch node goes down
// after the first bulk request stores every article all the same, fails
// with exit code 1 and an error naming the URL and how many articles are
// not indexed, and the next import, with the node back, indexes what is
// missing. The node is the test node (FRAMESCOPE_TEST_OPENSEARCH) behind a
// proxy on 127.0.0.1 that the test takes down.
func TestOpenSearchDownMidImport(t *testing.T) {
	node := os.Getenv("FRAMESCOPE_TEST_OPENSEARCH")
	if node == "" {
		t.Skip("FRAMESCOPE_TEST_OPENSEARCH is not set: no OpenSearch node to test against (scripts/opensearch start prints one)")
	}
	target, err := url.Parse(strings.Split(node, ",")[0])
	if err != nil {
		t.Fatal(err)
	}
	var bulks, down atomic.Int32
	rp := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/_bulk") && bulks.Add(1) > 1 {
			down.Store(1)
		}
		if down.Load() == 1 {
			// The node is gone: the connection drops without an answer.
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		rp.ServeHTTP(w, r)
	}))
	defer proxy.Close()

	const n = 1500 // three of the pipeline's batches of 500
	g := synth.New(3)
	var lines strings.Builder
	for i := range n {
		raw, err := json.Marshal(g.Article(i).Article)
		if err != nil {
			t.Fatal(err)
		}
		lines.Write(raw)
		lines.WriteByte('\n')
	}
	file := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(file, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	name := fmt.Sprintf("framescope-test-down-%d", time.Now().UnixNano()%1e6)
	defer func() {
		req, _ := http.NewRequest(http.MethodDelete, node+"/"+name, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		req, _ = http.NewRequest(http.MethodDelete, node+"/_index_template/"+name, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()

	code, _, errOut := runCmd(t, "import", "--data", data, "--opensearch", proxy.URL, "--opensearch-index", name, file)
	if code != exitFailure || !strings.Contains(errOut, proxy.URL) || !strings.Contains(errOut, "unreachable") ||
		!strings.Contains(errOut, "1000 stored articles are not indexed") {
		t.Errorf("import with the node going down: exit %d, stderr %q; want %d, an error naming %s and 1000 articles not indexed",
			code, errOut, exitFailure, proxy.URL)
	}
	t.Logf("import with the node going down: exit %d: %s", code, strings.TrimSpace(errOut))
	if got := storedLines(t, data); got != n {
		t.Errorf("%d articles stored, want all %d", got, n)
	}
	if got := indexedTotal(t, data, node, name); got != 500 {
		t.Errorf("%d articles indexed while the node was up, want the first batch of 500", got)
	}

	// The node is back: the next import indexes what the index lacks.
	code, _, errOut = runCmd(t, "import", "--data", data, "--opensearch", node, "--opensearch-index", name, file)
	if code != exitOK {
		t.Fatalf("import with the node back: exit %d: %s", code, errOut)
	}
	if got := indexedTotal(t, data, node, name); got != n {
		t.Errorf("after the next import: %d articles indexed, want %d", got, n)
	}
	if got := storedLines(t, data); got != n {
		t.Errorf("after the next import: %d articles stored, want %d", got, n)
	}
}

// storedLines counts the article lines in data's store.
func storedLines(t *testing.T, data string) int {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(storeDir(data), "*.jsonl"))
	n := 0
	for _, s := range segs {
		raw, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		n += strings.Count(string(raw), "\n")
	}
	return n
}

// indexedTotal is the number of articles search finds in the OpenSearch
// index name at node.
func indexedTotal(t *testing.T, data, node, name string) int {
	t.Helper()
	code, out, errOut := runCmd(t, "search", "--data", data, "--opensearch", node, "--opensearch-index", name, "--format", "json", "--limit", "1", "*")
	if code != exitOK {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	var res struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search output: %v: %s", err, out)
	}
	return res.Total
}
