package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// get answers one request to s.
func get(t *testing.T, s http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func TestPages(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	tests := []struct {
		name, target string
		want         []string
	}{
		{"home", "/", []string{`<ol class="hits"`, `id="search-chart"`, `data-facet="lang"`, `data-facet="frame"`}},
		{"search", "/search?q=DeepSeek&sort=date", []string{`class="hit"`, "newest first", `href="/api/search?format=csv&amp;q=DeepSeek&amp;sort=date"`, `type="application/atom+xml"`}},
		{"search filtered", "/search?lang=zh&frame=catching-up&page=2", []string{`class="on" aria-current="true">✓ zh`, `rel="prev"`}},
		{"search chinese", "/search?q=百度", []string{"百度发布新模型", "<mark>追赶</mark>"}},
		{"trend", "/trend?actor=CN,US&by=year", []string{`<svg`, `class="series" data-actor="CN" data-split="en"`, "DeepSeek-R1", "<table>"}},
		{"trend compare actors", "/trend?actor=CN&actor=US&compare=actors", []string{`class="panels compare"`, "CN in all articles", "US in all articles"}},
		{"trend compare queries", "/trend?q=DeepSeek&q2=OpenAI&compare=queries&split=none", []string{"<h2>DeepSeek</h2>", "<h2>OpenAI</h2>"}},
		{"trend svg", "/trend.svg?actor=CN&by=quarter", []string{`<svg xmlns="http://www.w3.org/2000/svg"`}},
		{"article", "/articles/" + f.copyIDs[0], []string{"百度发布新模型", `<mark class="ev"`, "Copies of this story", "/articles/" + f.copyIDs[1], "original article"}},
		{"sources", "/sources", []string{"Hostile Times", "Wire One", "No crawl recorded yet"}},
		{"codebook", "/codebook", []string{f.cb.Version(), "catching-up", "Codebook file"}},
		{"codebook yaml", "/codebook.yaml", []string{"actors:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, tt.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d, body:\n%s", rec.Code, rec.Body)
			}
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	for _, target := range []string{"/", "/api/search", "/static/style.css", "/nope"} {
		rec := get(t, s, target)
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", target, h)
		}
	}
}

// TestHostileArticle checks that markup in an article's title and text is
// shown as text wherever it appears.
func TestHostileArticle(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	for _, target := range []string{"/articles/" + f.hostileID, "/search?q=onmouseover", "/search?source=Hostile+Times", "/feed?source=Hostile+Times"} {
		t.Run(target, func(t *testing.T) {
			rec := get(t, s, target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			body := rec.Body.String()
			for _, bad := range []string{"<script>window", "<img src=x", `" onmouseover="window`, `"window.xss`} {
				if strings.Contains(body, bad) {
					t.Errorf("body contains unescaped %q", bad)
				}
			}
			if !strings.Contains(body, "&lt;script&gt;window.xss=1&lt;/script&gt;") {
				t.Errorf("escaped title missing")
			}
		})
	}
	var v articleView
	rec := get(t, s, "/api/articles/"+f.hostileID)
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Article.Title != hostileTitle || v.FramesFrom != "index" || len(v.Frames) == 0 {
		t.Errorf("api article: title %q, frames from %q, %d frames", v.Article.Title, v.FramesFrom, len(v.Frames))
	}
}

func TestBadParameters(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	tests := []struct {
		target string
		code   int
		msg    string
	}{
		{"/search?frame=bogus", 400, `frame &#34;bogus&#34;`},
		{"/search?q=%22unclosed", 400, "unclosed quote"},
		{"/search?lang=xx", 400, "unknown language"},
		{"/search?actor=nobody", 400, "unknown actor"},
		{"/search?since=yesterday", 400, "want a date"},
		{"/search?since=2025-01-02&until=2024-01-01", 400, "is not before"},
		{"/search?page=-1", 400, "page"},
		{"/search?page=100000", 400, "too deep"},
		{"/search?per=1000", 400, "per"},
		{"/search?sort=random", 400, "sort"},
		{"/search?q=" + strings.Repeat("a", maxQuery+1), 400, "longer than"},
		{"/trend?by=century", 400, "by &#34;century&#34;"},
		{"/trend?split=planet", 400, "split"},
		{"/trend?unit=word", 400, "unit"},
		{"/trend?compare=queries", 400, "q2"},
		{"/trend?compare=actors&actor=CN", 400, "two actors"},
		{"/trend?compare=sideways", 400, "compare"},
		{"/trend?actor=martians", 400, "unknown actor"},
		{"/trend?actor=a,b,c,d,e,f,g,h,i", 400, "at most"},
		{"/trend?by=day&since=1900-01-01&until=2199-01-01", 400, "buckets"},
		{"/trend?since=1000-01-01", 400, "between 1900 and 2200"},
		{"/api/search?until=2900-01-01T00:00:00Z", 400, "between 1900 and 2200"},
		{"/trend.svg?panel=7", 400, "panel"},
		{"/api/search?format=xml", 400, "format"},
		{"/api/search?lang=xx", 400, "unknown language"},
		{"/api/search?until=31/12/2024", 400, "want a date"},
		{"/api/trend?compare=actors", 400, "compare"},
		{"/api/trend?by=x", 400, "by"},
		{"/api/trend?format=pdf", 400, "format"},
		{"/api/articles/has%20space", 400, "article id"},
		{"/api/articles/0000000000000000", 404, "no article"},
		{"/articles/0000000000000000", 404, "no article"},
		{"/feed?frame=x", 400, "frame"},
		{"/no/such/page", 404, "no page"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, s, tt.target)
			if rec.Code != tt.code {
				t.Fatalf("status %d, want %d; body:\n%.500s", rec.Code, tt.code, rec.Body)
			}
			body := rec.Body.String()
			if strings.HasPrefix(tt.target, "/api/") {
				var e struct {
					Error  string `json:"error"`
					Status int    `json:"status"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Status != tt.code {
					t.Fatalf("not a JSON error: %v: %s", err, body)
				}
				body = e.Error
			}
			if !strings.Contains(body, tt.msg) {
				t.Errorf("body lacks %q:\n%.800s", tt.msg, body)
			}
		})
	}
}

// TestAPISameAsIndex checks that the API answers with what the index
// answers the command line, in the command line's JSON shape.
func TestAPISameAsIndex(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	ctx := context.Background()

	want, err := f.idx.Search(ctx, index.Query{Text: "DeepSeek", Filters: index.Filters{Lang: []corpus.Lang{"en"}}, Limit: 5, ByDate: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, s, "/api/search?q=DeepSeek&lang=en&per=5&sort=date")
	var got index.SearchResult
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if got.Total != want.Total || len(got.Hits) != len(want.Hits) || want.Total == 0 {
		t.Fatalf("api total %d hits %d, index total %d hits %d", got.Total, len(got.Hits), want.Total, len(want.Hits))
	}
	for i := range got.Hits {
		if got.Hits[i].ID != want.Hits[i].ID || len(got.Hits[i].Frames) != len(want.Hits[i].Frames) {
			t.Errorf("hit %d: %s, want %s", i, got.Hits[i].ID, want.Hits[i].ID)
		}
	}
	if !strings.Contains(rec.Body.String(), `"took_ns"`) || !strings.Contains(rec.Body.String(), "\n  \"hits\"") {
		t.Errorf("not the command line's indented JSON shape:\n%.300s", rec.Body)
	}

	tw, err := f.idx.Trend(ctx, index.TrendQuery{Text: "*", By: index.Year, Split: index.SplitLang, Actors: []string{"CN"}})
	if err != nil {
		t.Fatal(err)
	}
	rec = get(t, s, "/api/trend?by=year&actor=CN")
	var tg struct {
		Buckets []index.Bucket `json:"buckets"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tg); err != nil {
		t.Fatal(err)
	}
	if len(tg.Buckets) != len(tw.Buckets) || len(tw.Buckets) == 0 {
		t.Fatalf("api %d buckets, index %d", len(tg.Buckets), len(tw.Buckets))
	}
	for i := range tg.Buckets {
		if tg.Buckets[i].Start != tw.Buckets[i].Start || tg.Buckets[i].Actors["CN"] != tw.Buckets[i].Actors["CN"] {
			t.Errorf("bucket %d: %+v, want %+v", i, tg.Buckets[i], tw.Buckets[i])
		}
	}

	rec = get(t, s, "/api/trend?by=year&actor=CN&format=csv")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(tw.Buckets)+1 || rows[0][0] != "start" || rows[0][9] != "ci_low" {
		t.Errorf("trend CSV: %d rows, header %v", len(rows), rows[0])
	}
	rec = get(t, s, "/api/search?q=DeepSeek&lang=en&per=5&sort=date&format=csv")
	rows, err = csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want.Hits)+1 || rows[1][5] != want.Hits[0].URL {
		t.Errorf("search CSV: %d rows: %v", len(rows), rows)
	}

	rec = get(t, s, "/api/sources")
	var sv sourcesView
	if err := json.Unmarshal(rec.Body.Bytes(), &sv); err != nil {
		t.Fatal(err)
	}
	if sv.Indexed["Hostile Times"] != 1 || sv.Docs != synthN+3 {
		t.Errorf("sources: %+v", sv)
	}
}

// TestArticleNotIndexed checks that a stored article the index lacks is
// shown with frames coded on the spot, and says so.
func TestArticleNotIndexed(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	var v articleView
	rec := get(t, s, "/api/articles/"+f.unindexedID)
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if v.FramesFrom != "analysis" || len(v.Frames) == 0 || v.Frames[0].Actor != "openai" {
		t.Errorf("frames from %q: %+v", v.FramesFrom, v.Frames)
	}
	rec = get(t, s, "/articles/"+f.unindexedID)
	if !strings.Contains(rec.Body.String(), "coded now with the current codebook") {
		t.Errorf("page does not say where the frames come from")
	}
}

func TestFeed(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	rec := get(t, s, "/feed?q=DeepSeek&lang=en")
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Fatalf("content type %q", ct)
	}
	var feed atomFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) == 0 || feed.Title != "framescope: DeepSeek" {
		t.Fatalf("feed %q with %d entries", feed.Title, len(feed.Entries))
	}
	for i := 1; i < len(feed.Entries); i++ {
		if feed.Entries[i].Published > feed.Entries[i-1].Published && feed.Entries[i].Published[:10] > feed.Entries[i-1].Published[:10] {
			t.Errorf("entries not newest first: %s after %s", feed.Entries[i].Published, feed.Entries[i-1].Published)
		}
	}
}

func TestOpsRoutes(t *testing.T) {
	f := testFixture(t)
	s := newServer(t, f.options(nil))
	rec := get(t, s, "/api/openapi.json")
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc["openapi"] == nil {
		t.Fatalf("openapi: %v", err)
	}
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range []string{"/api/search", "/api/trend", "/api/terms", "/api/pairs", "/api/articles/{id}", "/api/sources"} {
		if paths[p] == nil {
			t.Errorf("openapi lacks %s", p)
		}
	}
	rec = get(t, s, "/healthz")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"status": "ok"`) {
		t.Errorf("healthz %d %s", rec.Code, rec.Body)
	}
	get(t, s, "/search?q=DeepSeek")
	get(t, s, "/search?lang=xx")
	s.RecordCrawl(4, nil)
	rec = get(t, s, "/metrics")
	body := rec.Body.String()
	for _, w := range []string{
		`framescope_http_requests_total{route="GET /search",code="200"} 1`,
		`framescope_http_requests_total{route="GET /search",code="400"} 1`,
		`framescope_http_request_duration_seconds_bucket{route="GET /search",le="+Inf"} 2`,
		`framescope_http_request_duration_seconds_count{route="GET /search"} 2`,
		fmt.Sprintf("framescope_index_documents %d", synthN+3),
		"framescope_crawls_total 1", "framescope_crawled_articles_total 4",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("metrics lack %q", w)
		}
	}
}

func TestRateLimit(t *testing.T) {
	f := testFixture(t)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	opts := f.options(nil)
	opts.RatePerSecond, opts.Burst = 1, 3
	opts.Now = func() time.Time { return now }
	s := newServer(t, opts)
	for i := range 3 {
		if rec := get(t, s, "/healthz"); rec.Code != 200 {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	rec := get(t, s, "/healthz")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("4th request: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	// Another client has its own bucket.
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.RemoteAddr = "192.0.2.7:1234"
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("other client: %d", rec.Code)
	}
	now = now.Add(time.Second)
	if rec := get(t, s, "/healthz"); rec.Code != 200 {
		t.Errorf("after a second: %d", rec.Code)
	}
}

func TestAdmin(t *testing.T) {
	f := testFixture(t)
	var crawls, reloads atomic.Int32
	opts := f.options(nil)
	post := func(s *Server, path, token string) int {
		req := httptest.NewRequest(http.MethodPost, path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Code
	}
	off := newServer(t, opts)
	if code := post(off, "/admin/crawl", "x"); code != http.StatusNotFound {
		t.Errorf("admin without a token configured: %d", code)
	}
	opts.Admin = Admin{Token: "0123456789abcdef-token",
		Crawl:          func(context.Context) error { crawls.Add(1); return nil },
		ReloadCodebook: func(context.Context) error { reloads.Add(1); return errors.New("codebook.yaml: line 3: bad") }}
	s := newServer(t, opts)
	for _, tt := range []struct {
		path, token string
		code        int
	}{
		{"/admin/crawl", "", 401},
		{"/admin/crawl", "wrong", 401},
		{"/admin/crawl", "0123456789abcdef-token", 202},
		{"/admin/reload-codebook", "0123456789abcdef-token", 409},
	} {
		if code := post(s, tt.path, tt.token); code != tt.code {
			t.Errorf("POST %s with %q: %d, want %d", tt.path, tt.token, code, tt.code)
		}
	}
	if rec := get(t, s, "/admin/crawl"); rec.Code == 202 {
		t.Error("GET ran an admin action")
	}
	if crawls.Load() != 1 || reloads.Load() != 1 {
		t.Errorf("crawls %d reloads %d", crawls.Load(), reloads.Load())
	}
}

// blockingIndex is an index whose queries wait until their context ends,
// like a query over too many articles.
type blockingIndex struct{ index.Reader }

func (b blockingIndex) Search(ctx context.Context, q index.Query) (*index.SearchResult, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("index: search: %w", ctx.Err())
}

func (b blockingIndex) Trend(ctx context.Context, q index.TrendQuery) (*index.TrendResult, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("index: trend: %w", ctx.Err())
}

// closedIndex is an index a crawl is writing.
type closedIndex struct{ index.Reader }

func (closedIndex) Search(context.Context, index.Query) (*index.SearchResult, error) {
	return nil, fmt.Errorf("serve: %w", ErrUnavailable)
}

func TestQueryTimeoutAndUnavailable(t *testing.T) {
	f := testFixture(t)
	opts := f.options(blockingIndex{f.idx})
	opts.QueryTimeout = 20 * time.Millisecond
	s := newServer(t, opts)
	for _, target := range []string{"/search?q=AI", "/api/search?q=AI", "/trend", "/api/trend"} {
		rec := get(t, s, target)
		if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "took longer than 20ms") {
			t.Errorf("%s: %d %.300s", target, rec.Code, rec.Body)
		}
	}
	s = newServer(t, f.options(closedIndex{f.idx}))
	rec := get(t, s, "/api/search?q=AI")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "crawl") {
		t.Errorf("unavailable: %d %s", rec.Code, rec.Body)
	}
}

// TestStateInURL checks that the links of the search page keep its state.
func TestStateInURL(t *testing.T) {
	st, _, err := parseSearch(url.Values{"q": {"DeepSeek"}, "lang": {"zh,en"}, "frame": {"leader"}, "sort": {"date"}, "page": {"3"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ got, want string }{
		{st.URL(), "/search?frame=leader&lang=zh&lang=en&page=3&q=DeepSeek&sort=date"},
		{st.Toggle("lang", "zh"), "/search?frame=leader&lang=en&q=DeepSeek&sort=date"},
		{st.Toggle("country", "CN"), "/search?country=CN&frame=leader&lang=zh&lang=en&q=DeepSeek&sort=date"},
		{st.WithSort("relevance"), "/search?frame=leader&lang=zh&lang=en&q=DeepSeek"},
		{st.FeedURL(), "/feed?frame=leader&lang=zh&lang=en&q=DeepSeek"},
		{st.TrendURL(), "/trend?frame=leader&lang=zh&lang=en&q=DeepSeek"},
	} {
		if tt.got != tt.want {
			t.Errorf("got  %s\nwant %s", tt.got, tt.want)
		}
	}
}

// bracketCue renders markCue's segments with the cue in [brackets].
func bracketCue(sentence, cue string) string {
	var b strings.Builder
	for _, p := range markCue(sentence, cue) {
		if p.Mark {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestMarkCue(t *testing.T) {
	for _, tt := range []struct {
		sentence, cue, want string
	}{
		{"China is catching up fast.", "catching up", "China is [catching up] fast."},
		{"Leads the field.", "leads", "[Leads] the field."},
		{"中国正在追赶美国。", "追赶", "中国正在[追赶]美国。"},
		{"No cue here.", "lead", "No cue here. [lead]"},
		{"Plain.", "", "Plain."},
	} {
		if got := bracketCue(tt.sentence, tt.cue); got != tt.want {
			t.Errorf("bracketCue(%q, %q) = %q, want %q", tt.sentence, tt.cue, got, tt.want)
		}
	}
}
