package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// extractTestPage is a saved Chinese news page (UTF-8, no declaration).
const extractTestPage = `<html><head><title>百度发布新模型_示例网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/tech">科技</a></div>
<h1>百度发布新模型</h1>
<div class="info">发布时间：2024-03-05 10:20 来源：示例网 作者：张三</div>
<div class="content"><p>百度今天发布了新一代文心大模型，公司表示，新模型在中文理解、代码生成和逻辑推理方面已经达到国际领先水平，并将向企业客户全面开放。</p>
<p>业内人士认为，国产大模型正在快速追赶美国同行，但在高端芯片和训练算力方面仍然面临不小的挑战，差距短期内难以完全消除。</p>
<p>分析人士指出，随着越来越多的企业将人工智能应用于生产和服务，大模型的商业化落地将成为下一阶段竞争的关键。</p></div>
<div class="footer">版权所有 示例网</div></body></html>`

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "page-one.html")
	if err := os.WriteFile(plain, []byte(extractTestPage), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(extractTestPage))
	zw.Close()
	zipped := filepath.Join(dir, "page-two.html.gz")
	if err := os.WriteFile(zipped, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.html")

	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, []string{"extract", plain, missing, zipped})
	if code != exitPartial {
		t.Errorf("exit code = %d, want %d (one file unreadable); stderr: %s", code, exitPartial, stderr.String())
	}
	if !strings.Contains(stderr.String(), "missing.html") {
		t.Errorf("stderr does not name the unreadable file: %s", stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d JSON lines, want 2:\n%s", len(lines), stdout.String())
	}
	for i, id := range []string{"page-one", "page-two"} {
		var rec map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, key := range []string{"id", "title", "text", "published", "author", "lang"} {
			if _, ok := rec[key]; !ok {
				t.Errorf("line %d lacks key %q", i+1, key)
			}
		}
		if rec["id"] != id || rec["title"] != "百度发布新模型" || rec["author"] != "张三" || rec["lang"] != "zh" ||
			rec["published"] != "2024-03-05T10:20:00+08:00" {
			t.Errorf("line %d = %v", i+1, rec)
		}
		if text, _ := rec["text"].(string); !strings.HasPrefix(text, "百度今天发布了新一代文心大模型") || strings.Contains(text, "版权所有") {
			t.Errorf("line %d text = %q", i+1, text)
		}
	}

	stdout.Reset()
	if code := run(context.Background(), e, []string{"extract"}); code != exitUsage {
		t.Errorf("extract without files: exit code %d, want %d", code, exitUsage)
	}
	if code := run(context.Background(), e, []string{"extract", "--lang", "en", "--country", "US", "--tz", "America/New_York", plain}); code != exitOK {
		t.Errorf("extract with flags: exit code %d; stderr %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"lang":"en"`) || !strings.Contains(stdout.String(), `"published":"2024-03-05T10:20:00-05:00"`) {
		t.Errorf("--lang/--tz not applied: %s", stdout.String())
	}
}
