package opensearch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/index/opensearch"
	"github.com/framescope/framescope/internal/synth"
)

// TestCluster is the real-cluster proof: scripts/opensearch starts three
// nodes, an index with three primaries and one replica each takes
// FRAMESCOPE_TEST_CLUSTER_N synthetic articles (default 100,000), one node
// is SIGKILLed while they are being indexed, and the test shows that every
// article is there (the count and a sample of IDs through Missing and
// Get), that searches, trends and facets answer while the cluster is
// yellow, and that it is green again once the node is restarted.
//
// It runs when FRAMESCOPE_TEST_CLUSTER names the folder scripts/opensearch
// may keep the three nodes in (make test sets it when Java is there); the
// nodes are stopped at the end.
func TestCluster(t *testing.T) {
	dir := os.Getenv("FRAMESCOPE_TEST_CLUSTER")
	if dir == "" {
		t.Skip("FRAMESCOPE_TEST_CLUSTER is not set: no folder for a three-node cluster (make test sets it when Java is there)")
	}
	n := 100_000
	if s := os.Getenv("FRAMESCOPE_TEST_CLUSTER_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 10 {
			t.Fatalf("FRAMESCOPE_TEST_CLUSTER_N=%q: want a number of at least 10", s)
		}
	}
	script, err := filepath.Abs("../../scripts/opensearch")
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(script, args...)
		cmd.Env = append(os.Environ(), "OPENSEARCH_DIR="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("scripts/opensearch %s: %v\n%s%s", strings.Join(args, " "), err, stderr.String(), logTails(dir))
		}
		t.Logf("scripts/opensearch %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
		return strings.TrimSpace(string(out))
	}
	began := time.Now()
	run("stop") // what an earlier, interrupted run left behind
	run("start", "--nodes", "3")
	t.Cleanup(func() { run("stop") })
	urls := run("urls")
	first := strings.Split(urls, ",")[0]
	t.Logf("3 nodes up in %s: %s", time.Since(began).Round(time.Second), urls)

	ctx := context.Background()
	x, err := opensearch.Open(ctx, urls, "framescope-cluster", segmenter(t), bleve.EnglishTerms,
		opensearch.Recreate(), opensearch.Shards(3, 1), opensearch.BulkDocs(1000))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if st := waitHealth(t, first, "green", time.Minute); st != "green" {
		t.Fatalf("new index: cluster %s, want green", st)
	}

	const chunk = 5000
	g := synth.New(11)
	killAt := n / 2 / chunk * chunk
	killed := make(chan struct{})
	began = time.Now()
	for start := 0; start < n; start += chunk {
		docs := make([]index.Doc, 0, chunk)
		for i := start; i < min(start+chunk, n); i++ {
			d := g.Article(i)
			docs = append(docs, index.Doc{Article: d.Article, Analysis: d.Analysis})
		}
		if start == killAt {
			// SIGKILL node 2 while this chunk's bulk requests are in flight.
			go func() {
				defer close(killed)
				time.Sleep(200 * time.Millisecond)
				run("kill", "2")
			}()
		}
		if err := x.Put(ctx, docs); err != nil {
			t.Fatalf("put articles %d-%d (node 2 killed after %d): %v", start, start+len(docs), killAt, err)
		}
	}
	<-killed
	t.Logf("%d articles indexed in %s with node 2 SIGKILLed after %d", n, time.Since(began).Round(time.Second), killAt)

	// Searches keep answering while the cluster is yellow.
	if st := health(t, first); st != "yellow" {
		t.Errorf("cluster %s after losing a node, want yellow", st)
	}
	checkAnswers(t, x, n)
	checkNothingLost(t, x, g, n)

	run("restart", "2")
	// The node may be back on other ports: reopen with the URLs it has now.
	urls = run("urls")
	t.Logf("node URLs after the restart: %s", urls)
	if st := waitHealth(t, first, "green", 3*time.Minute); st != "green" {
		t.Fatalf("after restarting node 2: cluster %s, want green", st)
	}
	y, err := opensearch.Open(ctx, urls, "framescope-cluster", segmenter(t), bleve.EnglishTerms, opensearch.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	checkNothingLost(t, y, g, n)
	t.Logf("green again; the whole test took %s", time.Since(began).Round(time.Second))
}

// checkAnswers runs a search, a trend and facets, which must answer.
func checkAnswers(t *testing.T, x *opensearch.Index, n int) {
	t.Helper()
	ctx := context.Background()
	res, err := x.Search(ctx, index.Query{Text: "*", Limit: 10})
	if err != nil {
		t.Fatalf("search while yellow: %v", err)
	}
	if res.Total != uint64(n) {
		t.Errorf("search * while yellow: %d hits, want %d", res.Total, n)
	}
	if _, err := x.Search(ctx, index.Query{Text: "OpenAI OR 百度", Limit: 10}); err != nil {
		t.Errorf("word search while yellow: %v", err)
	}
	if _, err := x.Trend(ctx, index.TrendQuery{Text: "*", By: index.Quarter, Actors: []string{"CN", "US"}}); err != nil {
		t.Errorf("trend while yellow: %v", err)
	}
	if _, err := x.Facets(ctx, index.Query{Text: "*"}); err != nil {
		t.Errorf("facets while yellow: %v", err)
	}
}

// checkNothingLost checks the count, that none of a sample of 2,000 IDs
// spread over the corpus is missing, and the titles of 20 of them.
func checkNothingLost(t *testing.T, x *opensearch.Index, g *synth.Generator, n int) {
	t.Helper()
	ctx := context.Background()
	info, err := x.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Docs != uint64(n) {
		t.Errorf("%d documents, want %d", info.Docs, n)
	}
	var ids []string
	step := max(1, n/2000)
	for i := 0; i < n; i += step {
		ids = append(ids, g.Article(i).Article.ID)
	}
	missing, err := x.Missing(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d sampled IDs missing, e.g. %s", len(missing), len(ids), missing[0])
	}
	for i := 0; i < n; i += max(1, n/20) {
		a := g.Article(i).Article
		h, ok, err := x.Get(ctx, a.ID)
		if err != nil || !ok || h.Title != a.Title {
			t.Errorf("get article %d: %v %v, title %q, want %q", i, ok, err, titleOf(h), a.Title)
		}
	}
}

// logTails returns the last lines of each node's log, for a failure.
func logTails(dir string) string {
	var b strings.Builder
	logs, _ := filepath.Glob(filepath.Join(dir, "node*", "logs", "framescope-test.log"))
	for _, l := range logs {
		raw, _ := os.ReadFile(l)
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		fmt.Fprintf(&b, "--- %s\n%s\n", l, strings.Join(lines[max(0, len(lines)-15):], "\n"))
	}
	return b.String()
}

func titleOf(h *index.Hit) string {
	if h == nil {
		return ""
	}
	return h.Title
}

// health returns the cluster's status (green, yellow, red) as the node at
// url reports it, or the error.
func health(t *testing.T, url string) string {
	t.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url + "/_cluster/health")
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	var h struct {
		Status string `json:"status"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || h.Status == "" {
		return fmt.Sprintf("status %d, %v", resp.StatusCode, err)
	}
	return h.Status
}

// waitHealth waits up to d for the cluster to report want and returns the
// last status seen.
func waitHealth(t *testing.T, url, want string, d time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		st := health(t, url)
		if st == want || time.Now().After(deadline) {
			return st
		}
		time.Sleep(time.Second)
	}
}
