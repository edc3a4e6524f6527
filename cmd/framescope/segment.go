package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
)

func runSegment(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "segment", "[--search] [TEXT...]", `
Segments Chinese text into words with the embedded jieba dictionary plus the
codebook's domain words, one input line per output line, words separated by
spaces. Reads TEXT from the arguments, or lines from stdin when none are given.
Useful for checking how a codebook cue or actor name will be matched.`)
	search := fs.Bool("search", false, "search-mode segmentation (long words also split into their sub-words, as the index does)")
	codebook := fs.String("codebook", "", "codebook `FILE` whose domain words are added (default: the embedded codebook)")
	texts, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	cb, err := loadCodebook(*codebook)
	if err != nil {
		return err
	}
	seg, err := segmenterFor(cb)
	if err != nil {
		return err
	}
	cut := func(line string) string {
		var words []string
		for _, tok := range seg.Tokenize(line, *search) {
			if strings.TrimSpace(tok.Text) != "" {
				words = append(words, tok.Text)
			}
		}
		return strings.Join(words, " ")
	}
	if len(texts) > 0 {
		fmt.Fprintln(e.stdout, cut(strings.Join(texts, " ")))
		return nil
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		fmt.Fprintln(e.stdout, cut(sc.Text()))
	}
	return sc.Err()
}
