package bleve

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
)

var shanghai = time.FixedZone("CST", 8*3600)

// ev builds an attribution with one evidence sentence per cue.
func ev(actor string, f corpus.Frame, sentence string, cues ...string) corpus.Attribution {
	a := corpus.Attribution{Actor: actor, Frame: f, Score: 1}
	for _, c := range cues {
		a.Evidence = append(a.Evidence, corpus.Evidence{Sentence: sentence, Cue: c, Mention: actor, Rule: "test"})
	}
	return a
}

func fixDoc(id, source, country string, lang corpus.Lang, published time.Time, title, text, story string, actors []string, frames ...corpus.Attribution) index.Doc {
	return index.Doc{
		Article: corpus.Article{
			ID: id, URL: "https://" + source + ".example/" + id, Source: source, Country: country,
			Lang: lang, Title: title, Text: text, Published: published, Story: story,
		},
		Analysis: corpus.Analysis{ID: id, Lang: lang, Actors: actors, Frames: frames, Codebook: "v1"},
	}
}

// fixtures returns the test corpus: Chinese and English articles from four
// sources over 2023, with hand-coded analyses.
func fixtures() []index.Doc {
	return []index.Doc{
		fixDoc("zh1", "xinhua", "CN", corpus.Chinese, time.Date(2023, 3, 16, 10, 0, 0, 0, shanghai),
			"百度发布文心一言", "百度发布文心一言。中国人工智能正在追赶美国。", "",
			[]string{"baidu", "CN", "US"},
			ev("CN", corpus.CatchingUp, "中国人工智能正在追赶美国。", "追赶"),
			ev("US", corpus.Leader, "中国人工智能正在追赶美国。", "追赶")),
		fixDoc("zh2", "xinhua", "CN", corpus.Chinese, time.Date(2023, 3, 20, 9, 0, 0, 0, shanghai),
			"国产大模型观察", "文心很好，一言难尽。国产大模型与美国仍有差距，仍在追赶。", "",
			[]string{"CN", "US"},
			corpus.Attribution{Actor: "CN", Frame: corpus.CatchingUp, Evidence: []corpus.Evidence{
				{Sentence: "国产大模型与美国仍有差距，仍在追赶。", Cue: "差距"},
				{Sentence: "国产大模型与美国仍有差距，仍在追赶。", Cue: "追赶"},
			}}),
		// Published just after midnight on April 1st in Shanghai: March in UTC.
		fixDoc("zh3", "caixin", "CN", corpus.Chinese, time.Date(2023, 4, 1, 0, 30, 0, 0, shanghai),
			"应用落地", "中国在人工智能应用方面领先。", "",
			[]string{"CN"},
			ev("CN", corpus.Leader, "中国在人工智能应用方面领先。", "领先")),
		fixDoc("en1", "wire", "US", corpus.English, time.Date(2023, 3, 14, 15, 0, 0, 0, time.UTC),
			"OpenAI leads the AI race with GPT-4", "OpenAI leads the field. China is catching up with the United States in AI.", "",
			[]string{"openai", "US", "CN"},
			ev("openai", corpus.Leader, "OpenAI leads the field.", "leads"),
			ev("US", corpus.Leader, "OpenAI leads the field.", "leads"),
			ev("CN", corpus.CatchingUp, "China is catching up with the United States in AI.", "catching up"),
			ev("US", corpus.Race, "OpenAI leads the AI race with GPT-4", "race")),
		fixDoc("en2", "wire", "US", corpus.English, time.Date(2023, 4, 10, 12, 0, 0, 0, time.UTC),
			"Chinese labs are closing the gap", "Chinese labs are closing the gap on artificial intelligence, analysts say.", "s5",
			[]string{"CN"},
			ev("CN", corpus.CatchingUp, "Chinese labs are closing the gap on artificial intelligence, analysts say.", "closing the gap")),
		fixDoc("en3", "gazette", "GB", corpus.English, time.Date(2023, 4, 11, 8, 0, 0, 0, time.UTC),
			"Chinese labs are closing the gap (syndicated)", "Chinese labs are closing the gap on artificial intelligence. America still leads.", "s5",
			[]string{"CN", "US"},
			ev("CN", corpus.CatchingUp, "Chinese labs are closing the gap on artificial intelligence.", "closing the gap"),
			ev("US", corpus.Leader, "America still leads.", "leads")),
		fixDoc("en4", "gazette", "GB", corpus.English, time.Date(2023, 7, 1, 8, 0, 0, 0, time.UTC),
			"Europe falls behind in chips", "Europe is falling behind in AI chips; the leaders are elsewhere.", "",
			[]string{"EU"},
			ev("EU", corpus.CatchingUp, "Europe is falling behind in AI chips", "falling behind")),
		fixDoc("en5", "gazette", "GB", corpus.English, time.Date(2023, 7, 3, 8, 0, 0, 0, time.UTC),
			"Robots in warehouses", "Warehouse robots get cheaper every year.", "", nil),
	}
}

// testSeg returns the segmenter the tests index with: the process's shared
// one, to which tests add the words of their articles as a codebook does.
func testSeg(t testing.TB) *analyzer.Segmenter {
	t.Helper()
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	return seg
}

// openFixture returns an index in a temporary folder holding fixtures().
func openFixture(t testing.TB) *Index {
	t.Helper()
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	// The analyzer adds its codebook's names the same way.
	seg.AddWords("文心一言")
	b, err := Open(filepath.Join(t.TempDir(), "index"), testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := b.Put(context.Background(), fixtures()); err != nil {
		t.Fatal(err)
	}
	return b
}
