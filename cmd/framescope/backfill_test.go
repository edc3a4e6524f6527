package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// TestMain lets a test run the command in a child process (to kill it).
func TestMain(m *testing.M) {
	if os.Getenv("FRAMESCOPE_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// replaySite serves three outlets' dated AI articles, a sitemap index of
// per-outlet sitemaps (one gzipped) and robots.txt. It returns the server
// and the article URLs with their dates.
func replaySite(t *testing.T, perOutlet int) (*httptest.Server, map[string]string) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	pages := map[string]string{}
	var index strings.Builder
	index.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for o, outlet := range []string{"alpha", "beta", "gamma"} {
		var sm strings.Builder
		sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for i := range perOutlet {
			day := time.Date(2022+i%4, time.Month(1+(i+o)%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			path := fmt.Sprintf("/%s/news/%d.html", outlet, i)
			pages[srv.URL+path] = day
			body := fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s %d</title></head><body><article>`+
				`<h1>%s story %d about AI chips</h1><time datetime="%sT08:00:00+08:00">%s</time>`+
				`<p>Story %d of %s. The Chinese lab says its AI model now rivals the best American systems on several benchmarks, while analysts caution that the gap in chips remains wide.</p>`+
				`<p>Another paragraph of the %s story %d keeps the page long enough for extraction to treat it as an article body with real content.</p></article></body></html>`,
				outlet, i, outlet, i, day, day, i, outlet, outlet, i)
			mux.HandleFunc(path, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, body)
			})
			fmt.Fprintf(&sm, `<url><loc>%s%s</loc><lastmod>%s</lastmod></url>`, srv.URL, path, day)
		}
		sm.WriteString(`</urlset>`)
		name := "/" + outlet + "/sitemap.xml"
		doc := []byte(sm.String())
		if o == 1 {
			name += ".gz"
			var b strings.Builder
			zw := gzip.NewWriter(&b)
			zw.Write(doc)
			zw.Close()
			doc = []byte(b.String())
		}
		mux.HandleFunc(name, func(w http.ResponseWriter, _ *http.Request) { w.Write(doc) })
		fmt.Fprintf(&index, `<sitemap><loc>%s%s</loc></sitemap>`, srv.URL, name)
	}
	index.WriteString(`</sitemapindex>`)
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, index.String())
	})
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n", srv.URL)
	})
	return srv, pages
}

// storedDates returns url -> published day of every corpus line, failing
// on a repeated id.
func storedDates(t *testing.T, data string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ids := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(data, "corpus", "*.jsonl"))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var a struct{ ID, URL, Published string }
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if ids[a.ID] {
				t.Errorf("article %s (%s) stored twice", a.ID, a.URL)
			}
			ids[a.ID] = true
			pt, _ := time.Parse(time.RFC3339, a.Published)
			out[a.URL] = pt.UTC().Add(8 * time.Hour).Format(time.DateOnly)
		}
		fh.Close()
	}
	return out
}

func sameDates(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d articles, want %d", what, len(got), len(want))
	}
	for u, d := range want {
		if got[u] != d {
			t.Errorf("%s: %s published %q, want %q", what, u, got[u], d)
		}
	}
}

func sortedURLs(pages map[string]string) []string {
	var us []string
	for u := range pages {
		us = append(us, u)
	}
	sort.Strings(us)
	return us
}

// TestBackfillSitemapAndWgetWARC crawls a replay site's sitemap index in
// full, imports a WARC that wget wrote of the same pages, and checks that
// both store the same articles with the pages' dates and that running
// either again adds nothing.
func TestBackfillSitemapAndWgetWARC(t *testing.T) {
	srv, pages := replaySite(t, 4)
	dir := t.TempDir()
	sources := writeFile(t, dir, "sources.yaml", fmt.Sprintf(
		"defaults:\n  delay: 0s\nsources:\n  - name: replay\n    lang: en\n    country: US\n    sitemap: %s/sitemap.xml\n    keywords: []\n", srv.URL))
	crawled := filepath.Join(dir, "crawled")
	for run := range 2 {
		code, out, stderr := runCmd(t, "crawl", "--data", crawled, "--sources", sources, "--format", "json")
		if code != 0 {
			t.Fatalf("crawl: exit %d: %s", code, stderr)
		}
		var sum struct{ Sources []struct{ New int } }
		json.Unmarshal([]byte(out), &sum)
		if want := []int{12, 0}[run]; len(sum.Sources) != 1 || sum.Sources[0].New != want {
			t.Errorf("crawl %d: %s, want %d new", run+1, out, want)
		}
	}
	sameDates(t, "sitemap crawl", storedDates(t, crawled), pages)

	wget, err := exec.LookPath("wget")
	if err != nil {
		t.Skip("no wget: the WARC half of the test is skipped (apt-get install wget)")
	}
	warc := filepath.Join(dir, "site")
	cmd := exec.Command(wget, append([]string{"-q", "--tries=1", "--warc-file=" + warc, "-O", os.DevNull}, sortedURLs(pages)...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wget: %v\n%s", err, out)
	}
	imported := filepath.Join(dir, "imported")
	for run := range 2 {
		code, out, stderr := runCmd(t, "import", "--data", imported, "--warc", "--sources", sources, "--format", "json", warc+".warc.gz")
		if code != 0 {
			t.Fatalf("import --warc: exit %d: %s", code, stderr)
		}
		var n importCounts
		json.Unmarshal([]byte(out), &n)
		if want := []int{12, 0}[run]; n.Added != want {
			t.Errorf("import %d: %s, want %d added", run+1, out, want)
		}
	}
	sameDates(t, "wget WARC import", storedDates(t, imported), pages)
	// Named by --sources: the same source as the crawl's.
	if _, out, _ := runCmd(t, "search", "--data", imported, "--source", "replay", "--format", "json", "AI"); !strings.Contains(out, `"total": 12`) && !strings.Contains(out, `"total":12`) {
		t.Errorf("search --source replay on the import: %.300s", out)
	}
}

// writeWARC writes pages (URL -> HTML) as response records of a
// gzip-compressed WARC file in dir with gowarc and returns its path.
func writeWARC(t *testing.T, dir string, pages map[string]string) string {
	t.Helper()
	w := gowarc.NewWarcFileWriter(gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: "lib-"}),
		gowarc.WithCompression(true))
	for _, u := range sortedURLs(pages) {
		b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true),
			gowarc.WithAddMissingRecordId(true))
		body := pages[u]
		fmt.Fprintf(b, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		b.AddWarcHeader(gowarc.WarcTargetURI, u)
		b.AddWarcHeader(gowarc.WarcDate, "2025-06-01T00:00:00Z")
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		rec, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range w.Write(rec) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "lib-*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("gowarc wrote %v", files)
	}
	return files[0]
}

// TestImportWARCKilled kills an import of a library-written WARC with
// SIGKILL once it has stored something, then runs it again: every article
// is stored once and the index is level with the store.
func TestImportWARCKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the import in a child process")
	}
	dir := t.TempDir()
	pages := map[string]string{}
	want := map[string]string{}
	for i := range 600 {
		u := fmt.Sprintf("https://news.example/ai/%d.html", i)
		day := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly)
		want[u] = day
		pages[u] = fmt.Sprintf(`<html><head><title>AI %d</title></head><body><article><h1>AI model news %d</h1><time datetime="%sT08:00:00+08:00">%s</time>`+
			`<p>Item %d: the AI lab released a model that it says rivals the leading American systems, and analysts discussed chips and benchmarks at length.</p>`+
			`<p>A second paragraph for item %d explains the details of the training run, the data used and the costs of serving the model to users.</p></article></body></html>`, i, i, day, day, i, i)
	}
	pages["https://news.example/about.html"] = `<html><body><p>About us: a page with nothing on the topic.</p></body></html>`
	warc := writeWARC(t, dir, pages)
	data := filepath.Join(dir, "data")

	cmd := exec.Command(os.Args[0], "import", "--data", data, "--warc", warc)
	cmd.Env = append(os.Environ(), "FRAMESCOPE_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	seg := filepath.Join(data, "corpus", "seg-000001.jsonl")
	for done := false; !done; {
		select {
		case <-exited:
			done = true // finished before it could be killed: still checked below
		case <-time.After(5 * time.Millisecond):
			if fi, err := os.Stat(seg); err == nil && fi.Size() > 0 {
				cmd.Process.Kill()
				<-exited
				done = true
			}
		}
	}
	code, out, stderr := runCmd(t, "import", "--data", data, "--warc", warc, "--format", "json")
	if code != 0 {
		t.Fatalf("import after kill: exit %d: %s", code, stderr)
	}
	sameDates(t, "import after SIGKILL", storedDates(t, data), want)
	_, out, _ = runCmd(t, "status", "--data", data, "--format", "json")
	var st struct{ Articles, Indexed int }
	json.Unmarshal([]byte(out), &st)
	if st.Articles != 600 || st.Indexed != 600 {
		t.Errorf("status after the resumed import: %s", out)
	}
	_ = context.Background
}

// TestImportURLList fetches a Media Cloud style CSV of URLs.
func TestImportURLList(t *testing.T) {
	srv, pages := replaySite(t, 2)
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("id,publish_date,title,url,language,media_name\n")
	for i, u := range sortedURLs(pages) {
		fmt.Fprintf(&csv, "%d,%s,\"Title, %d\",%s,en,%s\n", i, pages[u], i, u, strings.Split(u, "/")[3]+".example")
	}
	csv.WriteString("99,2024-01-01,bad,ftp://x/y,en,x\n")
	list := writeFile(t, dir, "stories.csv", csv.String())
	data := filepath.Join(dir, "data")
	for run := range 2 {
		code, out, stderr := runCmd(t, "import", "--data", data, "--urls", "--format", "json", list)
		if code != exitPartial || !strings.Contains(stderr, "stories.csv:8") {
			t.Fatalf("import --urls: exit %d, want %d for the bad line 8: %s", code, exitPartial, stderr)
		}
		var n importCounts
		json.Unmarshal([]byte(out), &n)
		if want := []int{6, 0}[run]; n.Added != want {
			t.Errorf("import --urls %d: %s, want %d added", run+1, out, want)
		}
	}
	sameDates(t, "url list", storedDates(t, data), pages)
	if _, out, _ := runCmd(t, "search", "--data", data, "--source", "beta.example", "--format", "json", "AI"); !strings.Contains(out, "beta/news") {
		t.Errorf("no article under the outlet column's name: %.300s", out)
	}
	_ = srv
}
