package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/internal/synth"
)

// synthN is the number of synthetic articles in the test index.
const synthN = 300

// hostileTitle and hostileText try to inject markup into every place an
// article's text is shown. The text carries a frame cue so that the
// hostile sentence is also an evidence sentence.
const (
	hostileTitle = `<script>window.xss=1</script> DeepSeek " onmouseover="window.xss=2`
	hostileText  = "China is catching up with the United States in AI <img src=x onerror=\"window.xss=3\">.\n" +
		"Analysts say the United States still leads <script>window.xss=4</script> \" onmouseover=\"window.xss=5\" in chips."
)

// fixture is a real Bleve index and store with synthetic articles, two
// hand-written copies of one story and a hostile article.
type fixture struct {
	dir       string
	idx       *bleve.Index
	store     *corpus.Store
	stories   map[string][]string
	an        *analyzer.Analyzer
	cb        *analyzer.Codebook
	hostileID string
	copyIDs   []string
	// unindexedID is stored but not indexed (a crawl has not indexed it yet).
	unindexedID string
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIdx != nil {
		benchIdx.Close()
	}
	if benchTemp != "" {
		os.RemoveAll(benchTemp)
	}
	if fix != nil {
		fix.idx.Close()
		fix.store.Close()
		os.RemoveAll(fix.dir)
	}
	os.Exit(code)
}

// testFixture builds the fixture once per test binary.
func testFixture(t testing.TB) *fixture {
	t.Helper()
	fixOnce.Do(func() { fix, fixErr = buildFixture() })
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fix
}

func buildFixture() (*fixture, error) {
	dir, err := os.MkdirTemp("", "framescope-web-test")
	if err != nil {
		return nil, err
	}
	f := &fixture{dir: dir, stories: map[string][]string{}}
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		return nil, err
	}
	seg.AddWords(synth.Words()...)
	if f.cb, err = analyzer.DefaultCodebook(); err != nil {
		return nil, err
	}
	f.an = analyzer.New(f.cb, seg)
	if f.store, err = corpus.Open(filepath.Join(dir, "corpus")); err != nil {
		return nil, err
	}
	if f.idx, err = bleve.Open(filepath.Join(dir, "index"), seg); err != nil {
		return nil, err
	}
	var docs []index.Doc
	add := func(a corpus.Article, an corpus.Analysis) error {
		a.Fill()
		an.ID = a.ID
		if _, err := f.store.Put(a); err != nil {
			return err
		}
		if a.Story != "" {
			f.stories[a.Story] = append(f.stories[a.Story], a.ID)
		}
		docs = append(docs, index.Doc{Article: a, Analysis: an})
		return nil
	}
	g := synth.New(7)
	for i := range synthN {
		d := g.Article(i)
		d.Article.Story = "" // the copies below are the only story
		if err := add(d.Article, d.Analysis); err != nil {
			return nil, err
		}
	}
	shanghai := time.FixedZone("CST", 8*3600)
	hostile := corpus.Article{URL: "https://hostile.example/a", Source: "Hostile Times", Country: "US", Lang: corpus.English,
		Title: hostileTitle, Text: hostileText, Published: time.Date(2025, 2, 3, 9, 0, 0, 0, time.UTC)}
	hostile.Fill()
	f.hostileID = hostile.ID
	if err := add(hostile, f.an.Analyze(hostile)); err != nil {
		return nil, err
	}
	for i, src := range []string{"Wire One", "Wire Two"} {
		a := corpus.Article{URL: fmt.Sprintf("https://wire.example/%d", i), Source: src, Country: "CN", Lang: corpus.Chinese,
			Title: "百度发布新模型", Text: fmt.Sprintf("百度表示，中国在人工智能领域正在追赶美国。(%s)", src),
			Published: time.Date(2024, 6, 1, 10, i, 0, 0, shanghai), Story: "story-baidu"}
		a.Fill()
		f.copyIDs = append(f.copyIDs, a.ID)
		if err := add(a, f.an.Analyze(a)); err != nil {
			return nil, err
		}
	}
	late := corpus.Article{URL: "https://late.example/1", Source: "Late Wire", Country: "US", Lang: corpus.English,
		Title: "Late news", Text: "OpenAI leads the field.", Published: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	late.Fill()
	if _, err := f.store.Put(late); err != nil {
		return nil, err
	}
	f.unindexedID = late.ID
	ctx := context.Background()
	if err := f.idx.Put(ctx, docs); err != nil {
		return nil, err
	}
	if err := f.idx.SetCodebookVersion(ctx, f.cb.Version()); err != nil {
		return nil, err
	}
	return f, nil
}

// testStore adds the story map to the fixture's store.
type testStore struct{ f *fixture }

func (s testStore) Get(id string) (corpus.Article, bool, error) { return s.f.store.Get(id) }
func (s testStore) Copies(story string) []string                { return s.f.stories[story] }

// options returns server options over the fixture with idx in place of
// the fixture's index when not nil.
func (f *fixture) options(idx index.Reader) Options {
	if idx == nil {
		idx = f.idx
	}
	return Options{
		Index: idx, Store: testStore{f}, Codebook: func() *analyzer.Codebook { return f.cb },
		Analyze: f.an.Analyze, RatePerSecond: -1,
		Events: []corpus.Event{{Date: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC), Label: "DeepSeek-R1"}},
	}
}

// newServer returns a server over the fixture.
func newServer(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
