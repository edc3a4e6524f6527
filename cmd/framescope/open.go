package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
	"github.com/framescope/framescope/index/opensearch"
	"github.com/framescope/framescope/pipeline"
)

// The data directory's layout (see README).
func storeDir(data string) string       { return filepath.Join(data, "corpus") }
func indexDir(data string) string       { return filepath.Join(data, "index") }
func crawlLogPath(data string) string   { return filepath.Join(data, "crawls.jsonl") }
func crawlStatePath(data string) string { return filepath.Join(data, "crawl-state.json") }

// loadCodebook reads a codebook file, or the embedded default when path is
// empty. An invalid codebook is a usage error.
func loadCodebook(path string) (*analyzer.Codebook, error) {
	var (
		cb  *analyzer.Codebook
		err error
	)
	if path == "" {
		cb, err = analyzer.DefaultCodebook()
	} else {
		cb, err = analyzer.LoadCodebook(path)
	}
	if errors.Is(err, analyzer.ErrCodebook) {
		return nil, &exitError{exitUsage, err}
	}
	return cb, err
}

// processSegmenter loads the jieba dictionary once per process: loading it
// takes a second and some 100 MB that are never given back, and the
// commands a test runs in one process would otherwise each load it.
var processSegmenter = sync.OnceValues(func() (*analyzer.Segmenter, error) { return analyzer.NewSegmenter("") })

// segmenterFor returns the process's segmenter with cb's domain words
// added, so that Chinese text is segmented as an index built with cb
// segmented it; with a nil cb, as it is (for commands that segment no
// text, such as status).
func segmenterFor(cb *analyzer.Codebook) (*analyzer.Segmenter, error) {
	seg, err := processSegmenter()
	if err != nil {
		return nil, err
	}
	if cb == nil {
		return seg, nil
	}
	seg.AddWords(cb.DomainWords()...)
	return seg, nil
}

// newCoder builds an analyzer with the codebook file at path, or the
// embedded default codebook when path is empty.
func newCoder(path string) (*analyzer.Analyzer, error) {
	cb, err := loadCodebook(path)
	if err != nil {
		return nil, err
	}
	seg, err := segmenterFor(cb)
	if err != nil {
		return nil, err
	}
	return analyzer.New(cb, seg), nil
}

// openBleve opens the Bleve index under data with the segmenter of cb.
func openBleve(data string, cb *analyzer.Codebook, opts ...bleve.Option) (*bleve.Index, error) {
	seg, err := segmenterFor(cb)
	if err != nil {
		return nil, err
	}
	return bleve.Open(indexDir(data), seg, opts...)
}

// engine says which index engine a command reads and writes: the Bleve
// index under the data directory, or an OpenSearch index when url is set.
type engine struct {
	url, name string
}

// engineFlags are the flags every command that reads or writes the index
// takes to choose OpenSearch.
type engineFlags struct {
	url, name *string
}

// addEngineFlags defines --opensearch and --opensearch-index on fs.
func addEngineFlags(fs *flag.FlagSet) *engineFlags {
	return &engineFlags{
		url:  fs.String("opensearch", "", "use the OpenSearch cluster at `URL` (several nodes comma-separated) instead of the Bleve index under the data directory (default $FRAMESCOPE_OPENSEARCH)"),
		name: fs.String("opensearch-index", "", "OpenSearch index `NAME` (default $FRAMESCOPE_OPENSEARCH_INDEX or framescope)"),
	}
}

// engine returns the engine the flags, or else the environment, choose.
func (f *engineFlags) engine(e *env) engine {
	en := engine{url: *f.url, name: *f.name}
	if en.url == "" {
		en.url = e.getenv("FRAMESCOPE_OPENSEARCH")
	}
	if en.name == "" {
		en.name = e.getenv("FRAMESCOPE_OPENSEARCH_INDEX")
	}
	if en.name == "" {
		en.name = "framescope"
	}
	return en
}

// where names the index for messages.
func (en engine) where(data string) string {
	if en.url != "" {
		return fmt.Sprintf("OpenSearch index %s at %s", en.name, en.url)
	}
	return indexDir(data)
}

// openMode is how engine.open opens an index.
type openMode struct {
	readOnly, recreate bool
	cache              int
}

// open opens the engine's index for the data directory data with the
// segmenter of cb.
func (en engine) open(data string, cb *analyzer.Codebook, m openMode) (index.Index, error) {
	seg, err := segmenterFor(cb)
	if err != nil {
		return nil, err
	}
	if en.url == "" {
		var opts []bleve.Option
		if m.readOnly {
			opts = append(opts, bleve.ReadOnly())
		}
		if m.recreate {
			opts = append(opts, bleve.Recreate())
		}
		if m.cache > 0 {
			opts = append(opts, bleve.CacheSize(m.cache))
		}
		return bleve.Open(indexDir(data), seg, opts...)
	}
	var opts []opensearch.Option
	if m.readOnly {
		opts = append(opts, opensearch.ReadOnly())
	}
	if m.recreate {
		opts = append(opts, opensearch.Recreate())
	}
	x, err := opensearch.Open(context.Background(), en.url, en.name, seg, bleve.EnglishTerms, opts...)
	if err != nil {
		return nil, err
	}
	return x, nil
}

// pipelineConfig changes what openPipeline opens.
type pipelineConfig func(*pipeline.Config)

// openPipeline locks the data directory and opens the pipeline coding with
// an and writing to the Bleve index under data, as changed by the config
// functions (the server lends its index). It fails with an error wrapping
// corpus.ErrLocked when another process holds the data directory.
func openPipeline(en engine, data string, an *analyzer.Analyzer, change ...pipelineConfig) (*pipeline.Pipeline, error) {
	cfg := pipeline.Config{
		Dir: data, StoreDir: storeDir(data), Analyzer: an,
		OpenIndex: func() (index.Writer, error) { return en.open(data, an.Codebook(), openMode{}) },
	}
	for _, c := range change {
		c(&cfg)
	}
	p, err := pipeline.Open(cfg)
	if err != nil {
		return nil, withRebuildAdvice(err)
	}
	return p, nil
}

// withRebuildAdvice returns err, an error opening an index, with the
// advice to rebuild the index when another framescope version wrote it,
// and other errors as they are.
func withRebuildAdvice(err error) error {
	if errors.Is(err, bleve.ErrLayout) || errors.Is(err, opensearch.ErrMapping) {
		return &exitError{exitFailure, fmt.Errorf("%w; run 'framescope index --rebuild'", err)}
	}
	return err
}

// queryIndex is an index opened for queries.
type queryIndex interface {
	index.Reader
	Close() error
}

// openIndexForQuery opens the index under the data directory read-only,
// segmenting queries with the domain words of the codebook at path (the
// embedded default when empty) as the indexed text was.
func openIndexForQuery(e *env, en engine, data, codebook string) (queryIndex, error) {
	cb, err := loadCodebook(codebook)
	if err != nil {
		return nil, err
	}
	dir := dataDir(e, data)
	idx, err := en.open(dir, cb, openMode{readOnly: true})
	switch {
	case errors.Is(err, index.ErrNoIndex):
		return nil, &exitError{exitFailure, fmt.Errorf("no index at %s: run 'framescope crawl', 'framescope import', 'framescope index --rebuild' or 'framescope demo' first", en.where(dir))}
	case err != nil:
		return nil, withRebuildAdvice(err)
	}
	return idx, nil
}

// converge reports what the store repaired when it was opened and indexes
// the stored articles the index lacks since its checkpoint (left by a
// process that was killed before it indexed all it had stored), showing
// progress on w.
func converge(ctx context.Context, p *pipeline.Pipeline, w io.Writer, logger *slog.Logger) error {
	for _, r := range p.Store().Repairs() {
		logger.Warn("repaired the article store", "repair", r)
	}
	n, err := p.CatchUp(ctx, false, newProgress(w, "indexing stored articles the index lacks"))
	if err != nil {
		return fmt.Errorf("catch the index up with the store: %w", err)
	}
	if n > 0 {
		logger.Info("indexed stored articles the index lacked", "articles", n)
	}
	return nil
}
