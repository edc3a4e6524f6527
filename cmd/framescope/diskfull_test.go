package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/internal/smalldisk"
	"github.com/framescope/framescope/internal/synth"
)

// Full disks: at every stage that writes (the store, the index, the crawl
// state) a full disk fails the command with exit 1 and an error that says
// "no space left on device", never a panic, and the same command run
// again once space is freed brings the store and the index level.

const diskFullArticles = 600

// synthJSONL writes n generated articles as JSONL into a new file.
func synthJSONL(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	g := synth.New(13)
	for i := range n {
		a := g.Article(i).Article
		a.Fetched = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// importedData imports articles into a new data directory on the test's
// own disk and returns it with the sizes of its store and index.
func importedData(t *testing.T, articles string) (data string, store, idx int64) {
	t.Helper()
	data = filepath.Join(t.TempDir(), "data")
	if code, _, stderr := runCmd(t, "import", "--data", data, articles); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	return data, smalldisk.DirSize(t, storeDir(data)), smalldisk.DirSize(t, indexDir(data))
}

// wantDiskFull checks that a command failed with exit 1 because the disk
// is full, saying so, and that the error names what: each of want.
func wantDiskFull(t *testing.T, what string, code int, stderr string, want ...string) {
	t.Helper()
	if code != exitFailure {
		t.Fatalf("%s on a full disk: exit %d, want %d\n%s", what, code, exitFailure, stderr)
	}
	for _, w := range append([]string{"no space left on device"}, want...) {
		if !strings.Contains(stderr, w) {
			t.Errorf("%s on a full disk: stderr does not say %q:\n%s", what, w, stderr)
		}
	}
	if strings.Contains(stderr, "panic") {
		t.Errorf("%s on a full disk panicked:\n%s", what, stderr)
	}
}

// wantLevel checks that the store holds n articles and the index all of
// them.
func wantLevel(t *testing.T, data string, n int) {
	t.Helper()
	code, out, stderr := runCmd(t, "status", "--data", data, "--json")
	var st statusReport
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 {
		t.Fatalf("status: exit %d, %v\n%s%s", code, err, out, stderr)
	}
	if st.Articles != n || st.Indexed != uint64(n) {
		t.Errorf("after space was freed: %d stored, %d indexed, want %d of each", st.Articles, st.Indexed, n)
	}
}

func TestImportDiskFull(t *testing.T) {
	articles := synthJSONL(t, diskFullArticles)
	_, store, idx := importedData(t, articles)
	for _, tc := range []struct {
		name string
		size int64
		want string // what the error names
	}{
		// The store's first segment does not fit.
		{"store", store / 2, "corpus: append"},
		// The store fits, the index does not: every article is stored
		// and the error says how many are not indexed.
		{"index", store + idx/3, "not indexed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			disk := smalldisk.Mount(t, tc.size)
			data := filepath.Join(disk, "data")
			code, _, stderr := runCmd(t, "import", "--data", data, articles)
			wantDiskFull(t, "import", code, stderr, tc.want)

			smalldisk.Resize(t, disk, 4*(store+idx))
			if code, _, stderr := runCmd(t, "import", "--data", data, articles); code != 0 {
				t.Fatalf("import after space was freed: exit %d\n%s", code, stderr)
			}
			wantLevel(t, data, diskFullArticles)
		})
	}
}

func TestIndexRebuildDiskFull(t *testing.T) {
	full, store, idx := importedData(t, synthJSONL(t, diskFullArticles))
	disk := smalldisk.Mount(t, store+idx/3)
	data := filepath.Join(disk, "data")
	smalldisk.CopyDir(t, storeDir(full), storeDir(data))
	code, _, stderr := runCmd(t, "index", "--rebuild", "--data", data)
	wantDiskFull(t, "index --rebuild", code, stderr, "index")

	smalldisk.Resize(t, disk, 4*(store+idx))
	code, _, stderr = runCmd(t, "index", "--data", data)
	if code != 0 {
		t.Fatalf("index after space was freed: exit %d\n%s", code, stderr)
	}
	wantLevel(t, data, diskFullArticles)
}

// fillingSite is the sample site that fills a disk the first time a
// request matches, and never answers conditional requests with 304, so
// that every crawl reads each feed (and saves its state) again.
type fillingSite struct {
	t     *testing.T
	disk  string
	match func(*http.Request) bool
	once  sync.Once
	free  func()
}

func (s *fillingSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.match != nil && s.match(r) {
		s.once.Do(func() { s.free = smalldisk.Fill(s.t, s.disk) })
	}
	r.Header.Del("If-Modified-Since")
	r.Header.Del("If-None-Match")
	samplesite.Handler().ServeHTTP(w, r)
}

// isFeed reports whether r asks for one of the sample site's feeds, and
// isArticle whether for an article page.
func isFeed(r *http.Request) bool { return sampleFeedOrList(r.URL.Path, true) }

func isArticle(r *http.Request) bool {
	return r.URL.Path != "/robots.txt" && !sampleFeedOrList(r.URL.Path, true) && !sampleFeedOrList(r.URL.Path, false)
}

// sampleFeedOrList reports whether path is a feed (or, with feed false, a
// listing page) of the sample site.
func sampleFeedOrList(path string, feed bool) bool {
	for _, s := range samplesite.Sources("") {
		if (feed && s.Feed == path) || (!feed && s.List == path) {
			return true
		}
	}
	return false
}

func TestCrawlDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	t.Run("store", func(t *testing.T) {
		disk := smalldisk.Mount(t, 8<<20)
		site := &fillingSite{t: t, disk: disk, match: isArticle}
		srv := httptest.NewServer(site)
		defer srv.Close()
		sources, data := sampleSourcesFile(t, srv.URL), filepath.Join(disk, "data")
		code, _, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources)
		wantDiskFull(t, "crawl", code, stderr, "storage failed")
		if site.free == nil {
			t.Fatal("the crawl fetched no article page")
		}

		site.free()
		if code, _, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources); code != 0 {
			t.Fatalf("crawl after space was freed: exit %d\n%s", code, stderr)
		}
		wantLevel(t, data, samplesite.Count())
	})
	t.Run("state", func(t *testing.T) {
		disk := smalldisk.Mount(t, 8<<20)
		site := &fillingSite{t: t, disk: disk}
		srv := httptest.NewServer(site)
		defer srv.Close()
		sources, data := sampleSourcesFile(t, srv.URL), filepath.Join(disk, "data")
		if code, _, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources); code != 0 {
			t.Fatalf("first crawl: exit %d\n%s", code, stderr)
		}
		// The second crawl finds nothing new: what it writes is the
		// state of each feed (and the crawl log).
		site.match = isFeed
		code, _, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources)
		wantDiskFull(t, "crawl", code, stderr, crawlStatePath(data))
		if site.free == nil {
			t.Fatal("the crawl read no feed")
		}

		site.free()
		if code, _, stderr := runCmd(t, "crawl", "--data", data, "--sources", sources); code != 0 {
			t.Fatalf("crawl after space was freed: exit %d\n%s", code, stderr)
		}
		b, err := os.ReadFile(crawlStatePath(data))
		if err != nil || !json.Valid(b) || !strings.Contains(string(b), srv.URL) {
			t.Errorf("crawl state after space was freed (%v):\n%s", err, b)
		}
		wantLevel(t, data, samplesite.Count())
	})
}

// A power loss in the middle of an append leaves a torn last line in the
// store: the next import reports that it cut it off, stores the article
// again and leaves the store and the index level, every line whole.
func TestImportRepairsTornStore(t *testing.T) {
	articles := synthJSONL(t, 300)
	b, err := os.ReadFile(articles)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	first := writeFile(t, t.TempDir(), "first.jsonl", strings.Join(lines[:200], ""))
	data := filepath.Join(t.TempDir(), "data")
	if code, _, stderr := runCmd(t, "import", "--data", data, first); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	seg := filepath.Join(storeDir(data), "seg-000001.jsonl")
	f, err := os.OpenFile(seg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	torn := lines[200][:len(lines[200])/2]
	if _, err := f.WriteString(torn); err != nil {
		t.Fatal(err)
	}
	f.Close()

	code, _, stderr := runCmd(t, "import", "--data", data, articles)
	if code != 0 {
		t.Fatalf("import after the torn write: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "repaired the article store") || !strings.Contains(stderr, "torn last record") {
		t.Errorf("import did not report the repair:\n%s", stderr)
	}
	wantLevel(t, data, 300)
	st, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(st), "\n"), "\n") {
		if !json.Valid([]byte(l)) {
			t.Errorf("store line %d does not parse after the repair: %.80s", i+1, l)
		}
	}
}
