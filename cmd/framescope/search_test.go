package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

// queryTestDocs are hand-coded analyzed articles for the search and trend
// command tests.
func queryTestDocs() []index.Doc {
	cst := time.FixedZone("CST", 8*3600)
	doc := func(id, source, country string, lang corpus.Lang, pub time.Time, title, text string, frames ...corpus.Attribution) index.Doc {
		var actors []string
		for _, f := range frames {
			actors = append(actors, f.Actor)
		}
		return index.Doc{
			Article: corpus.Article{ID: id, URL: "https://" + source + ".example/" + id, Source: source,
				Country: country, Lang: lang, Title: title, Text: text, Published: pub},
			Analysis: corpus.Analysis{ID: id, Lang: lang, Actors: actors, Frames: frames, Codebook: "test"},
		}
	}
	at := func(actor string, f corpus.Frame, sentence, cue string) corpus.Attribution {
		return corpus.Attribution{Actor: actor, Frame: f, Evidence: []corpus.Evidence{{Sentence: sentence, Cue: cue, Mention: actor}}}
	}
	return []index.Doc{
		doc("z1", "xinhua", "CN", corpus.Chinese, time.Date(2023, 3, 16, 10, 0, 0, 0, cst),
			"百度发布文心一言", "百度发布文心一言。中国人工智能正在追赶美国。",
			at("CN", corpus.CatchingUp, "中国人工智能正在追赶美国。", "追赶"),
			at("US", corpus.Leader, "中国人工智能正在追赶美国。", "追赶")),
		doc("z2", "caixin", "CN", corpus.Chinese, time.Date(2023, 5, 2, 9, 0, 0, 0, cst),
			"应用落地", "中国在人工智能应用方面领先。",
			at("CN", corpus.Leader, "中国在人工智能应用方面领先。", "领先")),
		doc("e1", "wire", "US", corpus.English, time.Date(2023, 3, 14, 15, 0, 0, 0, time.UTC),
			"OpenAI leads the AI race", "OpenAI leads the field. China is catching up with the US in AI.",
			at("US", corpus.Leader, "OpenAI leads the field.", "leads"),
			at("CN", corpus.CatchingUp, "China is catching up with the US in AI.", "catching up")),
		doc("e2", "wire", "US", corpus.English, time.Date(2023, 4, 10, 12, 0, 0, 0, time.UTC),
			"Chinese labs are closing the gap", "Chinese labs are closing the gap on artificial intelligence.",
			at("CN", corpus.CatchingUp, "Chinese labs are closing the gap on artificial intelligence.", "closing the gap")),
	}
}

// queryTestData writes an index of queryTestDocs under a new data folder
// and returns the folder.
func queryTestData(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	// As the pipeline does, index with the codebook's domain words:
	// queries are segmented with them.
	cb, err := loadCodebook("")
	if err != nil {
		t.Fatal(err)
	}
	idx, err := openBleve(data, cb)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Put(context.Background(), queryTestDocs()); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	return data
}

// runQuery runs one command line and returns the exit code, stdout and stderr.
func runQuery(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

func TestSearchCommand(t *testing.T) {
	data := queryTestData(t)
	code, out, errOut := runQuery(t, "search", "--data", data, "文心一言")
	if code != 0 || !strings.Contains(out, "百度发布文心一言") {
		t.Fatalf("search 文心一言: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = runQuery(t, "search", "--data", data, "追赶")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2023-03-16", "xinhua", "百度发布文心一言", "https://xinhua.example/z1",
		"frames: CN catching-up, US leader", "CN catching-up: 中国人工智能正在[追赶]美国。"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "wire") {
		t.Errorf("English article listed for a Chinese word:\n%s", out)
	}

	// Both languages, flags after the query, JSON.
	code, out, errOut = runQuery(t, "search", "AI OR 人工智能", "--data", data, "--format", "json", "--since", "2023-03-15")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res index.SearchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, h := range res.Hits {
		got[h.ID] = true
	}
	if res.Total != 2 || !got["z1"] || !got["z2"] {
		t.Errorf("AI OR 人工智能 since 2023-03-15 = %+v, want z1 and z2", res.Hits)
	}

	// CSV with a filter.
	code, out, errOut = runQuery(t, "search", "--data", data, "--format", "csv", "--lang", "en", "--actor", "CN", "--frame", "catching-up", "*")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "published,source,country,lang,title,url,frames,evidence") {
		t.Errorf("csv:\n%s", out)
	}
	if !strings.Contains(out, "[closing the gap]") {
		t.Errorf("csv lacks the highlighted cue:\n%s", out)
	}
}

func TestSearchCommandErrors(t *testing.T) {
	data := queryTestData(t)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--since", "2023-13-01", "AI"}, exitUsage, "--since"},
		{[]string{"--until", "yesterday", "AI"}, exitUsage, "--until"},
		{[]string{"--source", "nosuch", "AI"}, exitUsage, `unknown source "nosuch"`},
		{[]string{"--frame", "winner", "AI"}, exitUsage, "--frame"},
		{[]string{"foo:bar"}, exitUsage, `unknown field "foo"`},
		{[]string{"--format", "xml", "AI"}, exitUsage, "--format"},
		{[]string{"--limit", "0", "AI"}, exitUsage, "--limit"},
	} {
		code, _, errOut := runQuery(t, append([]string{"search", "--data", data}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("search %v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
	code, _, errOut := runQuery(t, "search", "--data", t.TempDir(), "AI")
	if code != exitFailure || !strings.Contains(errOut, "no index") {
		t.Errorf("search without an index: exit %d, %q", code, errOut)
	}
}

func TestHighlight(t *testing.T) {
	for _, tc := range []struct{ sentence, cue, want string }{
		{"中国正在追赶美国。", "追赶", "中国正在[追赶]美国。"},
		{"China Is Catching Up.", "catching up", "China Is [Catching Up]."},
		{"No cue here.", "leads", "No cue here. [leads]"},
		{"Nothing to mark.", "", "Nothing to mark."},
	} {
		if got := highlight(tc.sentence, tc.cue, false); got != tc.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", tc.sentence, tc.cue, got, tc.want)
		}
	}
	if got := highlight("a leads b", "leads", true); got != "a \x1b[1mleads\x1b[0m b" {
		t.Errorf("terminal highlight = %q", got)
	}
}
