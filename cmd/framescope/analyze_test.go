package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runIO runs one command line with stdin and returns the exit code, stdout
// and stderr.
func runIO(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

func TestAnalyzeCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	outFile := filepath.Join(dir, "out.jsonl")
	input := strings.Join([]string{
		`{"id":"a","lang":"en","text":"Baidu still trails OpenAI, analysts say.","published":"2024-05-01"}`,
		`{"id":"b","text":"DeepSeek超越了OpenAI。"}`,
		``,
		`not json`,
		`{"id":"c","lang":"en","text":"Microsoft reported earnings."}`,
	}, "\n")
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runIO(t, "", "analyze", "--in", in, "--out", outFile)
	if code != exitPartial {
		t.Errorf("exit %d, want %d (a bad line was skipped)", code, exitPartial)
	}
	if !strings.Contains(errOut, "in.jsonl:4:") || !strings.Contains(errOut, "skipped 1 bad input line") {
		t.Errorf("stderr does not name the bad line 4:\n%s", errOut)
	}
	b, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	want := map[string][]string{
		"a": {"baidu catching-up", "openai leader", "CN catching-up", "US leader"},
		"b": {"deepseek leader", "openai catching-up", "CN leader", "US catching-up"},
		"c": {},
	}
	var ids []string
	for _, l := range lines {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &raw); err != nil {
			t.Fatalf("output line %q: %v", l, err)
		}
		for _, k := range []string{"id", "lang", "frames"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("output line lacks %q: %s", k, l)
			}
		}
		var res struct {
			ID     string `json:"id"`
			Lang   string `json:"lang"`
			Frames []map[string]json.RawMessage
		}
		if err := json.Unmarshal([]byte(l), &res); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ID)
		got := []string{}
		for _, f := range res.Frames {
			for _, k := range []string{"actor", "frame", "score", "evidence"} {
				if _, ok := f[k]; !ok {
					t.Errorf("%s: frame entry lacks %q", res.ID, k)
				}
			}
			var actor, frame string
			json.Unmarshal(f["actor"], &actor)
			json.Unmarshal(f["frame"], &frame)
			got = append(got, actor+" "+frame)
			var evs []map[string]string
			json.Unmarshal(f["evidence"], &evs)
			for _, ev := range evs {
				for _, k := range []string{"sentence", "cue", "mention", "rule"} {
					if _, ok := ev[k]; !ok {
						t.Errorf("%s %s: evidence lacks %q", res.ID, actor, k)
					}
				}
			}
		}
		if !reflect.DeepEqual(got, want[res.ID]) {
			t.Errorf("%s frames = %q, want %q", res.ID, got, want[res.ID])
		}
		if res.ID == "b" && res.Lang != "zh" {
			t.Errorf("b lang = %q, want detected zh", res.Lang)
		}
	}
	if !reflect.DeepEqual(ids, []string{"a", "b", "c"}) {
		t.Errorf("ids = %q, want a b c in input order", ids)
	}
}

func TestAnalyzeCommandStdio(t *testing.T) {
	code, out, errOut := runIO(t, `{"id":"m1","text":"百度的文心一言正在追赶OpenAI的ChatGPT。"}`+"\n", "analyze")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"actor":"baidu","frame":"catching-up"`) || !strings.Contains(out, `"codebook":"default-`) {
		t.Errorf("stdout:\n%s", out)
	}
}

func TestAnalyzeCommandErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nactors:\n  - id: cn\n    kind: country\n    aliases: [China]\n"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"analyze", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"analyze", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"analyze", "--in", "/nonexistent/in.jsonl"}, exitFailure, "open input"},
		{[]string{"analyze", "--codebook", bad}, exitUsage, "bad.yaml: line 3: country id \"cn\""},
	} {
		code, _, errOut := runIO(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.msg)
		}
	}
	code, out, _ := runIO(t, "", "analyze", "--help")
	if code != 0 {
		t.Errorf("--help exit %d", code)
	}
	for _, flag := range []string{"-in", "-out", "-codebook"} {
		if !strings.Contains(out, flag) {
			t.Errorf("--help does not describe %s:\n%s", flag, out)
		}
	}
}

func TestAnalyzeRejectsOversizedArticle(t *testing.T) {
	big := strings.Repeat("a", 1<<20+1)
	in := `{"id":"big","lang":"en","text":"` + big + `"}` + "\n" + `{"id":"ok","lang":"en","text":"Baidu trails OpenAI."}` + "\n"
	code, out, errOut := runIO(t, in, "analyze")
	if code != exitPartial || !strings.Contains(errOut, "larger than the limit") {
		t.Errorf("exit %d, stderr %q; want %d and the limit named", code, errOut, exitPartial)
	}
	if !strings.Contains(out, `"id":"ok"`) || strings.Contains(out, `"id":"big"`) {
		t.Errorf("output %q: want only the small article", out)
	}
}
