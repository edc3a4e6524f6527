package analyzer_test

import (
	"fmt"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/corpus"
)

func ExampleAnalyzer_Analyze() {
	cb, err := analyzer.DefaultCodebook()
	if err != nil {
		panic(err)
	}
	seg, err := analyzer.SharedSegmenter()
	if err != nil {
		panic(err)
	}
	an := analyzer.New(cb, seg)
	res := an.Analyze(corpus.Article{ID: "a1", Text: "百度的文心一言正在追赶OpenAI的ChatGPT。"})
	fmt.Println(res.Lang, res.Actors)
	for _, at := range res.Frames {
		ev := at.Evidence[0]
		fmt.Printf("%s %s %.1f cue=%s mention=%s rule=%s\n", at.Actor, at.Frame, at.Score, ev.Cue, ev.Mention, ev.Rule)
	}
	// Output:
	// zh [CN US baidu openai]
	// baidu catching-up 1.0 cue=追赶 mention=百度 rule=catching-up-comparative/subject
	// openai leader 1.0 cue=追赶 mention=OpenAI rule=catching-up-comparative/object
	// CN catching-up 1.0 cue=追赶 mention=百度 rule=catching-up-comparative/subject +rollup:baidu→CN
	// US leader 1.0 cue=追赶 mention=OpenAI rule=catching-up-comparative/object +rollup:openai→US
}
