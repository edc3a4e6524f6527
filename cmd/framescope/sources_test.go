package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framescope/framescope/crawler"
)

func TestSourcesCommand(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>OpenAI ships a model</title><link>/a/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Football results</title><link>/a/2</link></item></channel></rss>`))
	})
	mux.HandleFunc("/ai/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><body><h2><a href="/s/1">One</a></h2><h2><a href="/s/2">Two</a></h2><h2><a href="/s/3">Three</a></h2></body></html>`))
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusInternalServerError) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	write := func(name, yaml string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", `defaults: {delay: 10ms, timeout: 2s}
sources:
  - {name: feed, lang: en, country: US, feed: "`+srv.URL+`/rss.xml"}
  - {name: list, lang: zh, country: CN, list: "`+srv.URL+`/ai/", links: "h2 a"}
`)
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}

	t.Run("check table", func(t *testing.T) {
		stdout.Reset()
		if code := run(context.Background(), e, []string{"sources", "check", "--sources", good}); code != exitOK {
			t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
		}
		out := stdout.String()
		for _, want := range []string{"feed  ", "list  ", "ok", "2024-03-05"} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("check json", func(t *testing.T) {
		stdout.Reset()
		if code := run(context.Background(), e, []string{"sources", "check", "--json", "--sources", good}); code != exitOK {
			t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
		}
		var got struct {
			File    string                 `json:"file"`
			Sources []crawler.SourceStatus `json:"sources"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatalf("%v:\n%s", err, stdout.String())
		}
		if len(got.Sources) != 2 || !got.Sources[0].OK || got.Sources[0].Items != 2 || got.Sources[0].Matching != 1 ||
			got.Sources[1].Items != 3 || got.Sources[1].Kind != "list" {
			t.Errorf("statuses = %+v", got.Sources)
		}
	})
	t.Run("failing source", func(t *testing.T) {
		bad := write("bad.yaml", `defaults: {delay: 10ms, timeout: 2s}
sources:
  - {name: broken, lang: en, country: US, feed: "`+srv.URL+`/broken.xml"}
  - {name: feed, lang: en, country: US, feed: "`+srv.URL+`/rss.xml"}
`)
		stdout.Reset()
		code := run(context.Background(), e, []string{"sources", "check", "--sources", bad})
		if code != exitPartial || !strings.Contains(stdout.String(), "FAILED") || !strings.Contains(stdout.String(), "500") {
			t.Errorf("exit code %d, output:\n%s", code, stdout.String())
		}
	})
	t.Run("invalid file", func(t *testing.T) {
		invalid := write("invalid.yaml", "sources:\n  - {name: x, lang: en, feed: 'https://example.org/f', colour: red}\n")
		stderr.Reset()
		code := run(context.Background(), e, []string{"sources", "check", "--sources", invalid})
		msg := stderr.String()
		if code != exitFailure || !strings.Contains(msg, `source "x"`) || !strings.Contains(msg, `unknown key "colour"`) || !strings.Contains(msg, `missing key "country"`) {
			t.Errorf("exit code %d, stderr:\n%s", code, msg)
		}
	})
	t.Run("default", func(t *testing.T) {
		stdout.Reset()
		if code := run(context.Background(), e, []string{"sources", "default"}); code != exitOK || !bytes.Equal(stdout.Bytes(), crawler.DefaultSourcesYAML) {
			t.Errorf("exit code %d; output is not the shipped file", code)
		}
	})
	t.Run("data dir file", func(t *testing.T) {
		data := t.TempDir()
		if err := os.WriteFile(filepath.Join(data, "sources.yaml"), []byte("sources: []\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		stderr.Reset()
		if code := run(context.Background(), e, []string{"sources", "check", "--data", data}); code != exitFailure || !strings.Contains(stderr.String(), "sources.yaml") {
			t.Errorf("exit code %d, stderr: %s", code, stderr.String())
		}
	})
	t.Run("usage", func(t *testing.T) {
		if code := run(context.Background(), e, []string{"sources", "frobnicate"}); code != exitUsage {
			t.Errorf("exit code %d, want usage", code)
		}
	})
}
