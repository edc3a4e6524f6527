package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framescope/framescope/analyzer"
)

func TestCodebookCommand(t *testing.T) {
	code, out, errOut := runIO(t, "", "codebook", "dump")
	if code != 0 {
		t.Fatalf("dump: exit %d: %s", code, errOut)
	}
	if out != string(analyzer.DefaultCodebookYAML()) {
		t.Error("dump to stdout differs from the embedded codebook")
	}
	path := filepath.Join(t.TempDir(), "cb.yaml")
	if code, _, errOut := runIO(t, "", "codebook", "dump", "--out", path); code != 0 {
		t.Fatalf("dump --out: exit %d: %s", code, errOut)
	}
	def, err := analyzer.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runIO(t, "", "codebook", "check", path)
	if code != 0 || !strings.Contains(out, def.Version()) {
		t.Errorf("check of the dumped codebook: exit %d, %s%s; want version %s", code, out, errOut, def.Version())
	}
	b, _ := os.ReadFile(path)
	broken := strings.Replace(string(b), "    frame: leader\n", "    frame: ahead\n", 1)
	os.WriteFile(path, []byte(broken), 0o644)
	code, _, errOut = runIO(t, "", "codebook", "check", path)
	if code == 0 || !strings.Contains(errOut, "line ") || !strings.Contains(errOut, `frame "ahead"`) {
		t.Errorf("check of a broken codebook: exit %d, stderr %q", code, errOut)
	}
	for _, args := range [][]string{{"codebook"}, {"codebook", "frobnicate"}, {"codebook", "check"}} {
		if code, _, _ := runIO(t, "", args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}
