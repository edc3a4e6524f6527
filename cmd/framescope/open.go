package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
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
// segmented it.
func segmenterFor(cb *analyzer.Codebook) (*analyzer.Segmenter, error) {
	seg, err := processSegmenter()
	if err != nil {
		return nil, err
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

// pipelineConfig changes what openPipeline opens.
type pipelineConfig func(*pipeline.Config)

// openPipeline locks the data directory and opens the pipeline coding with
// an and writing to the Bleve index under data, as changed by the config
// functions (the server lends its index). It fails with an error wrapping
// corpus.ErrLocked when another process holds the data directory.
func openPipeline(data string, an *analyzer.Analyzer, change ...pipelineConfig) (*pipeline.Pipeline, error) {
	cfg := pipeline.Config{
		Dir: data, StoreDir: storeDir(data), Analyzer: an,
		OpenIndex: func() (index.Writer, error) { return openBleve(data, an.Codebook()) },
	}
	for _, c := range change {
		c(&cfg)
	}
	return pipeline.Open(cfg)
}

// queryIndex is an index opened for queries.
type queryIndex interface {
	index.Reader
	Close() error
}

// openIndexForQuery opens the index under the data directory read-only,
// segmenting queries with the domain words of the codebook at path (the
// embedded default when empty) as the indexed text was.
func openIndexForQuery(e *env, data, codebook string) (queryIndex, error) {
	cb, err := loadCodebook(codebook)
	if err != nil {
		return nil, err
	}
	dir := dataDir(e, data)
	idx, err := openBleve(dir, cb, bleve.ReadOnly())
	switch {
	case errors.Is(err, index.ErrNoIndex):
		return nil, &exitError{exitFailure, fmt.Errorf("no index at %s: run 'framescope crawl', 'framescope import' or 'framescope demo' first", indexDir(dir))}
	case errors.Is(err, bleve.ErrLayout):
		return nil, &exitError{exitFailure, fmt.Errorf("%w; run 'framescope index --rebuild'", err)}
	case err != nil:
		return nil, err
	}
	return idx, nil
}
