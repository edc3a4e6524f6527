package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildBinary builds the framescope binary into dir and returns its path.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		if gobin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to build the binary with")
		}
	}
	bin := filepath.Join(dir, "framescope")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestMovedBinary copies the built binary alone to an empty folder and runs
// it with an empty environment: the jieba dictionaries and the codebook must
// come from the binary, not from the build machine's module cache.
func TestMovedBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	built := buildBinary(t, t.TempDir())
	moved := t.TempDir()
	b, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(moved, "framescope")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = moved
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + moved}
		cmd.Stdin = strings.NewReader(stdin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("framescope %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return string(out)
	}
	if got, want := run("", "segment", "百度的文心一言正在追赶OpenAI的ChatGPT"), "百度 的 文心一言 正在 追赶 OpenAI 的 ChatGPT\n"; got != want {
		t.Errorf("segment = %q, want %q", got, want)
	}
	out := run(`{"id":"m1","text":"百度的文心一言正在追赶OpenAI的ChatGPT。"}`+"\n", "analyze")
	for _, want := range []string{`"id":"m1"`, `"actor":"baidu"`, `"frame":"catching-up"`} {
		if !strings.Contains(out, want) {
			t.Errorf("analyze output lacks %s: %s", want, out)
		}
	}
}
