// Package synth generates synthetic analyzed news articles for benchmarks
// and load tests: Chinese and English articles of realistic length from a
// dozen fictional outlets, spread over 2022–2025, with actors framed as
// leader, catching-up, race or threat in hand-made evidence sentences. The
// text is nonsense assembled from templates; only its statistics are
// meant to resemble news.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/framescope/framescope/corpus"
)

// Generator produces articles deterministically from a seed: article i is
// the same for a given seed whatever order articles are asked for in, so
// several goroutines may generate disjoint ranges in parallel.
type Generator struct {
	seed uint64
}

// New returns a generator for seed.
func New(seed uint64) *Generator { return &Generator{seed: seed} }

// Start and End bound the publication dates of generated articles.
var (
	Start = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	End   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
)

type source struct {
	name, country string
	lang          corpus.Lang
	zone          *time.Location
}

var (
	cst     = time.FixedZone("CST", 8*3600)
	sources = []source{
		{"sample-xinwen", "CN", corpus.Chinese, cst},
		{"sample-keji", "CN", corpus.Chinese, cst},
		{"sample-caijing", "CN", corpus.Chinese, cst},
		{"sample-zhineng", "CN", corpus.Chinese, cst},
		{"sample-lianhe", "SG", corpus.Chinese, time.FixedZone("SGT", 8*3600)},
		{"sample-huaren", "US", corpus.Chinese, time.FixedZone("EST", -5*3600)},
		{"sample-wire", "US", corpus.English, time.FixedZone("EST", -5*3600)},
		{"sample-techdaily", "US", corpus.English, time.FixedZone("PST", -8*3600)},
		{"sample-gazette", "GB", corpus.English, time.UTC},
		{"sample-herald", "GB", corpus.English, time.UTC},
		{"sample-observer", "AU", corpus.English, time.FixedZone("AEST", 10*3600)},
		{"sample-chinapost", "CN", corpus.English, cst},
	}
)

// actor is a gazetteer entry with names in both languages and its parent
// (maker or home country) for roll-up.
type actor struct {
	id, parent string
	zh, en     []string
}

var actors = []actor{
	{"CN", "", []string{"中国", "我国"}, []string{"China", "Beijing"}},
	{"US", "", []string{"美国"}, []string{"the United States", "America", "Washington"}},
	{"EU", "", []string{"欧洲", "欧盟"}, []string{"Europe", "the EU"}},
	{"JP", "", []string{"日本"}, []string{"Japan"}},
	{"openai", "US", []string{"OpenAI"}, []string{"OpenAI"}},
	{"google", "US", []string{"谷歌"}, []string{"Google"}},
	{"nvidia", "US", []string{"英伟达"}, []string{"Nvidia"}},
	{"baidu", "CN", []string{"百度"}, []string{"Baidu"}},
	{"alibaba", "CN", []string{"阿里巴巴"}, []string{"Alibaba"}},
	{"deepseek", "CN", []string{"深度求索"}, []string{"DeepSeek"}},
	{"huawei", "CN", []string{"华为"}, []string{"Huawei"}},
	{"chatgpt", "openai", []string{"ChatGPT"}, []string{"ChatGPT"}},
	{"ernie", "baidu", []string{"文心一言"}, []string{"ERNIE Bot"}},
}

// Actors returns the IDs of the actors articles mention.
func Actors() []string {
	out := make([]string, len(actors))
	for i, a := range actors {
		out[i] = a.id
	}
	return out
}

// Words returns the names the generated Chinese text needs kept whole by
// the segmenter (as a codebook would add them).
func Words() []string {
	var out []string
	for _, a := range actors {
		out = append(out, a.zh...)
	}
	return append(out, "第一梯队", "百模大战", "卡脖子")
}

// cues per language and frame; %s is the actor.
var cues = map[corpus.Lang]map[corpus.Frame][]string{
	corpus.Chinese: {
		corpus.Leader:     {"%s在人工智能领域保持领先。", "%s的大模型处于第一梯队。", "%s在芯片市场占据主导地位。", "%s正在引领新一轮技术浪潮。", "%s在应用落地方面领跑全球。"},
		corpus.CatchingUp: {"%s正在奋起直追。", "%s与领先者仍有差距。", "%s在高端芯片上仍然落后。", "%s的模型正在追赶国际先进水平。", "业内认为%s目前处于跟跑阶段。"},
		corpus.Race:       {"%s加入了这场百模大战。", "%s在全球人工智能竞赛中角逐。"},
		corpus.Threat:     {"%s面临卡脖子的风险。", "有人认为%s构成威胁。"},
	},
	corpus.English: {
		corpus.Leader:     {"%s leads the world in artificial intelligence.", "%s dominates the market for AI chips.", "%s is far ahead in large language models.", "%s sets the pace for the industry.", "%s pioneered the approach."},
		corpus.CatchingUp: {"%s is catching up fast.", "%s still lags behind its rivals.", "%s trails the leaders by a year or more.", "%s is closing the gap on frontier models.", "%s is racing to catch up."},
		corpus.Race:       {"%s is locked in an AI arms race.", "%s joined the race to build bigger models."},
		corpus.Threat:     {"%s is seen as a national security threat.", "%s faces tighter export controls."},
	},
}

var cueWords = map[corpus.Lang]map[corpus.Frame][]string{
	corpus.Chinese: {
		corpus.Leader:     {"领先", "第一梯队", "主导", "引领", "领跑"},
		corpus.CatchingUp: {"奋起直追", "差距", "落后", "追赶", "跟跑"},
		corpus.Race:       {"百模大战", "竞赛"},
		corpus.Threat:     {"卡脖子", "威胁"},
	},
	corpus.English: {
		corpus.Leader:     {"leads", "dominates", "far ahead", "sets the pace", "pioneered"},
		corpus.CatchingUp: {"catching up", "lags behind", "trails", "closing the gap", "catch up"},
		corpus.Race:       {"arms race", "race"},
		corpus.Threat:     {"threat", "export controls"},
	},
}

var filler = map[corpus.Lang][]string{
	corpus.Chinese: {
		"记者从会上获悉，相关企业正在加大研发投入。", "专家表示，算力和数据是大模型发展的关键。",
		"多家公司发布了新的生成式人工智能产品。", "该模型在多项评测中取得了较好的成绩。",
		"业内人士指出，商业化仍然面临不少挑战。", "地方政府出台政策支持人工智能产业发展。",
		"开源社区的活跃度持续上升。", "数据中心的能耗问题引发关注。",
		"高校和科研机构加强了基础研究。", "投资者对人工智能初创企业保持热情。",
		"新一代芯片将在明年量产。", "监管部门发布了生成式人工智能服务管理办法。",
		"智能体和多模态成为今年的热点。", "云计算厂商纷纷下调了模型调用价格。",
	},
	corpus.English: {
		"The company said the new model would be available to developers next month.",
		"Analysts expect spending on data centres to keep rising this year.",
		"Regulators are still debating how to oversee generative AI.",
		"The startup raised funding from several venture capital firms.",
		"Researchers published a paper describing the training method.",
		"Energy use by large models has drawn growing scrutiny.",
		"Open-source models have narrowed the distance to proprietary systems.",
		"Cloud providers cut prices for access to their models.",
		"The benchmark results could not be independently verified.",
		"Executives told investors that demand for chips remained strong.",
		"Universities are struggling to hire and keep AI researchers.",
		"Several governments announced national AI strategies.",
		"Critics warned about the spread of misinformation.",
		"The agreement covers research, safety testing and talent.",
	},
}

// Doc is one generated article with its analysis.
type Doc struct {
	Article  corpus.Article
	Analysis corpus.Analysis
}

// Article returns article i.
func (g *Generator) Article(i int) Doc {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	src := sources[r.IntN(len(sources))]
	lang := src.lang
	span := End.Sub(Start)
	pubOffset := time.Duration(r.Int64N(int64(span)))
	pub := Start.Add(pubOffset).In(src.zone).Truncate(time.Minute)
	progress := float64(pubOffset) / float64(span) // 0 at the start, 1 at the end

	name := func(a actor) string {
		ns := a.en
		if lang == corpus.Chinese {
			ns = a.zh
		}
		return ns[r.IntN(len(ns))]
	}

	frames, evidence, mentioned := attributions(r, lang, progress, name)
	title, text := body(r, lang, evidence)

	id := fmt.Sprintf("synth%08d", i)
	art := corpus.Article{
		ID:        id,
		URL:       fmt.Sprintf("https://%s.example/%d/%s", src.name, pub.Year(), id),
		Source:    src.name,
		Country:   src.country,
		Lang:      lang,
		Title:     title,
		Text:      text,
		Published: pub,
	}
	art.CanonicalURL = art.URL
	// About one article in ten is a syndicated copy of a story.
	if r.IntN(10) == 0 {
		art.Story = fmt.Sprintf("story%07d", i/10)
	}
	ids := make([]string, 0, len(mentioned))
	for _, a := range actors {
		if mentioned[a.id] {
			ids = append(ids, a.id)
		}
	}
	return Doc{
		Article:  art,
		Analysis: corpus.Analysis{ID: id, Lang: lang, Actors: ids, Frames: frames, Codebook: "synthetic-1"},
	}
}

// attributions draws the actors an article frames, with their evidence
// sentences, and the actors it mentions (rolled up to makers and
// countries); name gives a name of an actor in the article's language.
func attributions(r *rand.Rand, lang corpus.Lang, progress float64, name func(actor) string) ([]corpus.Attribution, []string, map[string]bool) {
	// Which actors are framed, and how.
	var frames []corpus.Attribution
	var evidence []string
	mentioned := map[string]bool{}
	nFramed := []int{0, 1, 1, 1, 2, 2, 3}[r.IntN(7)]
	for k := 0; k < nFramed; k++ {
		a := actors[weightedActor(r)]
		f := pickFrame(r, a, lang, progress)
		dup := false
		for _, at := range frames {
			if at.Actor == a.id && at.Frame == f {
				dup = true
			}
		}
		if dup {
			continue
		}
		at := corpus.Attribution{Actor: a.id, Frame: f, Score: 1}
		for e, ne := 0, 1+r.IntN(2); e < ne; e++ {
			j := r.IntN(len(cues[lang][f]))
			mention := name(a)
			s := fmt.Sprintf(cues[lang][f][j], mention)
			if lang == corpus.English {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			at.Evidence = append(at.Evidence, corpus.Evidence{Sentence: s, Cue: cueWords[lang][f][j], Mention: mention, Rule: "synthetic"})
			evidence = append(evidence, s)
		}
		frames = append(frames, at)
		mentioned[a.id] = true
	}
	for k := r.IntN(3); k > 0; k-- {
		a := actors[weightedActor(r)]
		mentioned[a.id] = true
		evidence = append(evidence, mentionSentence(lang, name(a)))
	}
	// Roll products up to makers and makers up to countries.
	for changed := true; changed; {
		changed = false
		for _, a := range actors {
			if mentioned[a.id] && a.parent != "" && !mentioned[a.parent] {
				mentioned[a.parent] = true
				changed = true
			}
		}
	}
	return frames, evidence, mentioned
}

// body draws an article's title and text: filler sentences with the
// evidence spread through them.
func body(r *rand.Rand, lang corpus.Lang, evidence []string) (title, text string) {
	nSent := 12 + r.IntN(24)
	if lang == corpus.Chinese {
		nSent = 15 + r.IntN(30)
	}
	sents := make([]string, 0, nSent+len(evidence))
	fill := filler[lang]
	for k := 0; k < nSent; k++ {
		s := fill[r.IntN(len(fill))]
		// Names of people, places and products give the text a vocabulary
		// of tens of thousands of words, as real news has.
		if r.IntN(2) == 0 {
			if lang == corpus.Chinese {
				s = "据" + pseudoWord(r, lang) + "消息，" + s
			} else {
				s = "According to " + pseudoWord(r, lang) + ", " + strings.ToLower(s[:1]) + s[1:]
			}
		}
		sents = append(sents, s)
	}
	for _, e := range evidence {
		at := r.IntN(len(sents) + 1)
		sents = append(sents, "")
		copy(sents[at+1:], sents[at:])
		sents[at] = e
	}
	sep := " "
	if lang == corpus.Chinese {
		sep = ""
	}
	var b strings.Builder
	for k, s := range sents {
		if k > 0 && k%5 == 0 {
			b.WriteString("\n\n")
		} else if k > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	title = fill[r.IntN(len(fill))]
	if len(evidence) > 0 {
		title = evidence[0]
	}
	return title, b.String()
}

// weightedActor picks an actor index, countries most often.
func weightedActor(r *rand.Rand) int {
	weights := []int{10, 10, 3, 1, 4, 3, 3, 3, 2, 3, 3, 3, 2}
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return 0
}

// pickFrame chooses a frame. Chinese actors are framed catching-up more
// often in English outlets, less so as time goes on; American actors lead.
func pickFrame(r *rand.Rand, a actor, lang corpus.Lang, progress float64) corpus.Frame {
	country := a.id
	for _, p := range actors {
		if p.id == a.parent {
			country = p.id
			if p.parent != "" {
				country = p.parent
			}
		}
	}
	pCatch := 0.35
	switch country {
	case "CN":
		pCatch = 0.55 - 0.25*progress
		if lang == corpus.English {
			pCatch = 0.75 - 0.3*progress
		}
	case "US":
		pCatch = 0.15 + 0.1*progress
	}
	x := r.Float64()
	switch {
	case x < 0.8*pCatch:
		return corpus.CatchingUp
	case x < 0.8:
		return corpus.Leader
	case x < 0.92:
		return corpus.Race
	}
	return corpus.Threat
}

func mentionSentence(lang corpus.Lang, name string) string {
	if lang == corpus.Chinese {
		return name + "的代表出席了本次会议。"
	}
	return "A spokesperson for " + name + " declined to comment."
}

const (
	zhChars  = "安白北博昌成川达大德东方飞丰福高光广国海汉航和红宏华辉佳嘉建江金锦晶京景静俊凯康科兰蓝乐力立丽联林凌龙隆路明南宁鹏平奇启谦强清庆瑞润森山胜盛世书舒顺思泰天通同万伟文武西祥翔新鑫信星兴秀雪雅阳业一亿益英永宇雨元远云泽展长振正志智中舟洲卓子"
	enOnsets = "b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pr st tr"
	enNuclei = "a e i o u ai ea io ou"
	enCodas  = " n r s l x th nd rk st"
)

var (
	zhRunes   = []rune(zhChars)
	enOnsetL  = strings.Fields(enOnsets)
	enNucleiL = strings.Fields(enNuclei)
	enCodaL   = strings.Split(enCodas, " ")
)

// pseudoWord returns a made-up name: two or three characters in Chinese,
// two or three capitalized syllables in English.
func pseudoWord(r *rand.Rand, lang corpus.Lang) string {
	var b strings.Builder
	n := 2 + r.IntN(2)
	for k := 0; k < n; k++ {
		if lang == corpus.Chinese {
			b.WriteRune(zhRunes[r.IntN(len(zhRunes))])
			continue
		}
		b.WriteString(enOnsetL[r.IntN(len(enOnsetL))])
		b.WriteString(enNucleiL[r.IntN(len(enNucleiL))])
		b.WriteString(enCodaL[r.IntN(len(enCodaL))])
	}
	w := b.String()
	if lang != corpus.Chinese {
		w = strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}
