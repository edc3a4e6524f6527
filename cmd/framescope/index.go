package main

import (
	"context"
	"fmt"

	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/pipeline"
)

func runIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "index", "[--data DIR] [--rebuild | --reanalyze] [--codebook FILE]", `
Brings the index up to date with the article store. By default only stored
articles the index lacks are analyzed and indexed (crawl and import do this
themselves). The index is derived data: --rebuild deletes it and rebuilds it
from the store; --reanalyze codes every stored article again with the current
codebook and replaces its entry (after editing the codebook; see 'status').`)
	dataFlag := fs.String("data", "", "data `DIR` (default $FRAMESCOPE_DATA or ./framescope-data)")
	rebuild := fs.Bool("rebuild", false, "delete the index and rebuild it from the store")
	reanalyze := fs.Bool("reanalyze", false, "re-analyze every stored article and replace its index entry")
	codebook := fs.String("codebook", "", "codebook `FILE` (default: the embedded codebook)")
	engineF := addEngineFlags(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("unexpected argument %q", rest[0])
	}
	if *rebuild && *reanalyze {
		return usageError("--rebuild and --reanalyze exclude each other (--rebuild re-analyzes too)")
	}
	an, err := newCoder(*codebook)
	if err != nil {
		return err
	}
	data := dataDir(e, *dataFlag)
	en := engineF.engine(e)
	var change []pipelineConfig
	if *rebuild {
		// The index is deleted once the data directory is locked.
		change = append(change, func(c *pipeline.Config) {
			c.OpenIndex = func() (index.Writer, error) { return en.open(data, an.Codebook(), openMode{recreate: true}) }
		})
	}
	p, err := openPipeline(en, data, an, change...)
	if err != nil {
		return err
	}
	defer p.Close()
	n, err := p.CatchUp(ctx, *rebuild || *reanalyze, newProgress(e.stderr, "indexing"))
	if err != nil {
		return err
	}
	stored := p.Store().Len()
	if err := p.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "indexed %d articles of %d stored into %s (codebook %s)\n", n, stored, en.where(data), p.Version())
	return nil
}
