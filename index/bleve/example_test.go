package bleve_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/index/bleve"
)

func Example() {
	dir, err := os.MkdirTemp("", "framescope-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	// The segmenter for Chinese text; a program gives it its codebook's
	// words (analyzer.NewSegmenter(dir, cb.DomainWords()...)).
	seg, err := analyzer.NewSegmenter("")
	if err != nil {
		log.Fatal(err)
	}
	idx, err := bleve.Open(filepath.Join(dir, "index"), seg)
	if err != nil {
		log.Fatal(err)
	}
	defer idx.Close()

	catchUp := func(actor, sentence, cue string) corpus.Attribution {
		return corpus.Attribution{Actor: actor, Frame: corpus.CatchingUp,
			Evidence: []corpus.Evidence{{Sentence: sentence, Cue: cue, Mention: actor}}}
	}
	err = idx.Put(ctx, []index.Doc{
		{
			Article: corpus.Article{ID: "a1", Source: "xinhua", Country: "CN", Lang: corpus.Chinese,
				Title: "国产大模型", Text: "中国人工智能正在追赶美国。",
				Published: time.Date(2023, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))},
			Analysis: corpus.Analysis{Actors: []string{"CN", "US"},
				Frames: []corpus.Attribution{catchUp("CN", "中国人工智能正在追赶美国。", "追赶")}},
		},
		{
			Article: corpus.Article{ID: "a2", Source: "wire", Country: "US", Lang: corpus.English,
				Title: "Chinese labs are closing the gap", Text: "China is catching up in AI.",
				Published: time.Date(2023, 4, 2, 9, 0, 0, 0, time.UTC)},
			Analysis: corpus.Analysis{Actors: []string{"CN"},
				Frames: []corpus.Attribution{catchUp("CN", "China is catching up in AI.", "catching up")}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}

	res, err := idx.Search(ctx, index.Query{Text: "AI OR 人工智能"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Lang, h.Title)
	}

	tr, err := idx.Trend(ctx, index.TrendQuery{Text: "*", By: index.Month, Actors: []string{"CN"}, Split: index.SplitLang})
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range tr.Buckets {
		cn := b.Actors["CN"]
		fmt.Printf("%s %s articles=%d catching-up=%d share=%.2f ci=%.2f..%.2f\n",
			b.Start, b.Split, b.Articles, cn.CatchingUp, cn.CatchingUpShare, cn.CILow, cn.CIHigh)
	}
	// Unordered output:
	// a1 zh 国产大模型
	// a2 en Chinese labs are closing the gap
	// 2023-03-01 en articles=0 catching-up=0 share=0.00 ci=0.00..1.00
	// 2023-03-01 zh articles=1 catching-up=1 share=1.00 ci=0.21..1.00
	// 2023-04-01 en articles=1 catching-up=1 share=1.00 ci=0.21..1.00
	// 2023-04-01 zh articles=0 catching-up=0 share=0.00 ci=0.00..1.00
}
