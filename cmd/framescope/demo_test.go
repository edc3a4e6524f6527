package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/framescope/framescope/cmd/framescope/samplesite"
	"github.com/framescope/framescope/corpus"
)

// TestDemo runs the whole pipeline on the sample site, twice: the table
// must show CN and US framed both ways in both languages, the store must
// hold every sample article once, and the second run must add nothing.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample site")
	}
	dir := t.TempDir()
	runDemo := func() (string, string) {
		var out, errOut bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
		if code := run(context.Background(), e, []string{"demo", "--data", dir}); code != 0 {
			t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
		}
		return out.String(), errOut.String()
	}
	out, _ := runDemo()

	// Sum each column of the table per language.
	lines := strings.Split(out, "\n")
	var header []string
	sums := map[string]map[string]int{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) > 3 && f[0] == "quarter" {
			header = regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1)
			continue
		}
		if header == nil || len(f) < 4 || !regexp.MustCompile(`^\d{4}-Q\d$`).MatchString(f[0]) {
			continue
		}
		cols := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1)
		lang := cols[1]
		if sums[lang] == nil {
			sums[lang] = map[string]int{}
		}
		for i, h := range header {
			if n, err := strconv.Atoi(cols[i]); err == nil && i > 1 {
				sums[lang][h] += n
			}
		}
	}
	for _, lang := range []string{"en", "zh"} {
		for _, col := range []string{"articles", "CN leader", "CN catching-up", "US leader", "US catching-up"} {
			if sums[lang][col] == 0 {
				t.Errorf("%s: column %q sums to 0\n%s", lang, col, out)
			}
		}
	}
	if got := sums["en"]["articles"] + sums["zh"]["articles"]; got != samplesite.Count() {
		t.Errorf("table counts %d articles, sample has %d", got, samplesite.Count())
	}
	if !strings.Contains(out, "framescope search --data") || !strings.Contains(out, "framescope trend --data") {
		t.Errorf("demo does not say how to continue:\n%s", out)
	}

	count := func() int {
		n := 0
		segs, _ := filepath.Glob(filepath.Join(dir, "corpus", "*.jsonl"))
		for _, s := range segs {
			f, err := os.Open(s)
			if err != nil {
				t.Fatal(err)
			}
			corpus.ReadJSONL(f, func(corpus.Article) error { n++; return nil }, func(line int, err error) {
				t.Errorf("%s:%d: %v", s, line, err)
			})
			f.Close()
		}
		return n
	}
	if n := count(); n != samplesite.Count() {
		t.Errorf("store holds %d records, want %d", n, samplesite.Count())
	}
	out2, _ := runDemo()
	if n := count(); n != samplesite.Count() {
		t.Errorf("after a second demo the store holds %d records, want %d", n, samplesite.Count())
	}
	if !strings.Contains(out2, "stored 0 new articles") {
		t.Errorf("second run stored something:\n%s", out2)
	}
}
