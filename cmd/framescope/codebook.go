package main

import (
	"context"
	"fmt"

	"github.com/framescope/framescope/analyzer"
)

func runCodebook(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "codebook", "dump [--out FILE] | check FILE", `
Work with codebooks, the YAML files that hold the actor gazetteer, the frame
cues and the attribution markers.

  dump         write the embedded default codebook (to stdout or --out FILE),
               as a starting point for a codebook of your own
  check FILE   load a codebook file and report its first error with its line,
               or its version (name and content hash) when it is valid

Use a codebook with 'framescope analyze --codebook FILE' (and validate).`)
	out := fs.String("out", "-", "output `file` for dump, - for stdout")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError("missing subcommand: dump or check")
	}
	switch pos[0] {
	case "dump":
		if len(pos) > 1 {
			return usageError("dump takes no arguments, got %q", pos[1])
		}
		w, closeOut, err := openOut(e, *out)
		if err != nil {
			return err
		}
		if _, err := w.Write(analyzer.DefaultCodebookYAML()); err != nil {
			closeOut()
			return fmt.Errorf("write codebook: %w", err)
		}
		if err := closeOut(); err != nil {
			return fmt.Errorf("write codebook: %w", err)
		}
		return nil
	case "check":
		if len(pos) != 2 {
			return usageError("check takes one codebook file")
		}
		cb, err := analyzer.LoadCodebook(pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: ok, version %s, %d actors, %d cue groups\n", pos[1], cb.Version(), len(cb.Actors), len(cb.Cues))
		return nil
	}
	return usageError("unknown codebook subcommand %q (dump or check)", pos[0])
}
