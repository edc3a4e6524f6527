package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// fakeIndex is an index.Writer in memory.
type fakeIndex struct {
	mu      sync.Mutex
	docs    map[string]index.Doc
	version string
	closed  int
}

func (f *fakeIndex) Put(_ context.Context, docs []index.Doc) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range docs {
		f.docs[d.Article.ID] = d
	}
	return nil
}

func (f *fakeIndex) Missing(_ context.Context, ids []string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, id := range ids {
		if _, ok := f.docs[id]; !ok {
			out = append(out, id)
		}
	}
	return out, nil
}

func (f *fakeIndex) SetCodebookVersion(_ context.Context, v string) error {
	f.version = v
	return nil
}

func (f *fakeIndex) Close() error { f.closed++; return nil }

func testAnalyzer(t *testing.T) *analyzer.Analyzer {
	t.Helper()
	cb, err := analyzer.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	return analyzer.New(cb, seg)
}

func article(n string) corpus.Article {
	return corpus.Article{URL: "https://wire.example/" + n, Source: "wire", Country: "US", Lang: corpus.English,
		Title: "Story " + n, Text: "OpenAI leads the field, story " + n + ". China is catching up."}
}

func TestPipeline(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	an := testAnalyzer(t)
	fake := &fakeIndex{docs: map[string]index.Doc{}}
	open := func() (*Pipeline, error) {
		return Open(Config{Dir: data, StoreDir: filepath.Join(data, "corpus"), Analyzer: an,
			OpenIndex: func() (index.Writer, error) { return fake, nil }})
	}
	p, err := open()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := open(); !errors.Is(err, corpus.ErrLocked) {
		t.Errorf("second Open: %v, want ErrLocked", err)
	}
	a := article("1")
	if added, err := p.Put(ctx, a); err != nil || !added {
		t.Fatalf("Put: %v, %v", added, err)
	}
	if added, err := p.Put(ctx, a); err != nil || added {
		t.Errorf("Put again: %v, %v; want not added", added, err)
	}
	if !p.Seen(a.URL) {
		t.Errorf("Seen(%s) = false after Put", a.URL)
	}
	if len(fake.docs) != 0 {
		t.Errorf("%d docs indexed before the batch is full or the pipeline closed", len(fake.docs))
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if len(fake.docs) != 1 || fake.closed != 1 || fake.version != an.Codebook().Version() {
		t.Fatalf("after Close: %d docs, closed %d times, version %q", len(fake.docs), fake.closed, fake.version)
	}
	for _, d := range fake.docs {
		if len(d.Analysis.Frames) == 0 {
			t.Errorf("indexed %s without frames", d.Article.ID)
		}
	}

	// Articles stored but not indexed (an index rebuilt elsewhere) are
	// caught up; all re-analyzes every stored one.
	p, err = open()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, n := range []string{"2", "3"} {
		if _, err := p.Store().Put(article(n)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := p.CatchUp(ctx, false, nil)
	if err != nil || n != 2 {
		t.Fatalf("CatchUp: %d, %v; want 2", n, err)
	}
	var last int
	if n, err = p.CatchUp(ctx, true, func(done, total int) { last = done; _ = total }); err != nil || n != 3 || last != 3 {
		t.Fatalf("CatchUp(all): %d (progress %d), %v; want 3", n, last, err)
	}
	ids := make([]string, 0, len(fake.docs))
	for id := range fake.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	want := p.Store().IDs()
	sort.Strings(want)
	if !reflect.DeepEqual(ids, want) || len(ids) != 3 {
		t.Errorf("indexed %v, stored %v", ids, want)
	}
}
