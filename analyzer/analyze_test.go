package analyzer

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/framescope/framescope/corpus"
)

var (
	testOnce sync.Once
	testAn   *Analyzer
	testErr  error
)

// testAnalyzer returns an analyzer with the default codebook on the shared
// segmenter, built once for the package's tests.
func testAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	testOnce.Do(func() {
		cb, err := DefaultCodebook()
		if err != nil {
			testErr = err
			return
		}
		seg, err := SharedSegmenter()
		if err != nil {
			testErr = err
			return
		}
		testAn = New(cb, seg)
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testAn
}

// frameKeys returns "actor:frame" for every attribution, sorted.
func frameKeys(res corpus.Analysis) []string {
	out := []string{}
	for _, at := range res.Frames {
		out = append(out, at.Actor+":"+string(at.Frame))
	}
	sort.Strings(out)
	return out
}

// ev is the expected first evidence of one attribution; Rule is matched as
// a substring so that roll-up and coreference suffixes can be checked alone.
type ev struct {
	cue, mention, rule string
}

func TestAnalyzeConstructions(t *testing.T) {
	an := testAnalyzer(t)
	tests := []struct {
		name     string
		lang     corpus.Lang
		country  string
		text     string
		want     []string
		evidence map[string]ev
	}{
		// S overtakes O: S leader, O catching-up, both rolled up to countries.
		{"overtake/en", "en", "", "DeepSeek overtook OpenAI on the benchmark.",
			[]string{"CN:leader", "US:catching-up", "deepseek:leader", "openai:catching-up"},
			map[string]ev{
				"deepseek:leader":    {"overtook", "DeepSeek", "overtake/subject"},
				"openai:catching-up": {"overtook", "OpenAI", "overtake/object"},
				"US:catching-up":     {"overtook", "OpenAI", "+rollup:openai→US"},
			}},
		{"overtake/zh", "zh", "", "DeepSeek超越了OpenAI。",
			[]string{"CN:leader", "US:catching-up", "deepseek:leader", "openai:catching-up"},
			map[string]ev{"deepseek:leader": {"超越", "DeepSeek", "overtake/subject"}}},
		// S trails O: S catching-up, O leader.
		{"trails/en", "en", "", "Baidu still trails OpenAI, analysts say.",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"},
			map[string]ev{"openai:leader": {"trails", "OpenAI", "catching-up-comparative/object"}}},
		{"trails/zh", "zh", "", "百度在大模型上落后于OpenAI。",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"},
			map[string]ev{"baidu:catching-up": {"落后于", "百度", "catching-up-comparative/subject"}}},
		// Products roll up to their maker, once per sentence.
		{"products/zh", "zh", "", "百度的文心一言正在追赶OpenAI的ChatGPT。",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"},
			map[string]ev{"baidu:catching-up": {"追赶", "百度", "catching-up-comparative/subject"}}},
		{"products/en", "en", "", "Anthropic's Claude is catching up with OpenAI's GPT-4 on coding.",
			[]string{"anthropic:catching-up", "openai:leader"},
			nil},
		// 比 ... 领先: the actor after 比 is the comparison partner; both are
		// American, so the country gets neither direction.
		{"bi/zh", "zh", "", "OpenAI比谷歌领先。",
			[]string{"google:catching-up", "openai:leader"},
			map[string]ev{"google:catching-up": {"领先", "谷歌", "leader-comparative/partner"}}},
		{"bi-adjective/zh", "zh", "", "中国的AI比美国更先进。",
			[]string{"CN:leader", "US:catching-up"},
			map[string]ev{"CN:leader": {"更先进", "中国", "leader-bi/subject"}}},
		// Passives: the agent is the subject.
		{"passive/zh", "zh", "", "OpenAI被DeepSeek反超。",
			[]string{"CN:leader", "US:catching-up", "deepseek:leader", "openai:catching-up"},
			map[string]ev{
				"deepseek:leader":    {"反超", "DeepSeek", "overtake/passive-agent"},
				"openai:catching-up": {"反超", "OpenAI", "overtake/passive-patient"},
			}},
		{"passive/en", "en", "", "Anthropic was overtaken by DeepSeek on the leaderboard.",
			[]string{"CN:leader", "US:catching-up", "anthropic:catching-up", "deepseek:leader"},
			map[string]ev{"deepseek:leader": {"overtaken", "DeepSeek", "overtake/passive-agent"}}},
		{"buru/zh", "zh", "", "谷歌一度不如OpenAI。",
			[]string{"google:catching-up", "openai:leader"},
			map[string]ev{"google:catching-up": {"不如", "谷歌", "catching-up-comparative/subject"}}},
		// "X's lead is shrinking as Y catches up".
		{"lead-shrinking/en", "en", "", "Nvidia's lead is shrinking as Huawei catches up.",
			[]string{"CN:catching-up", "US:leader", "huawei:catching-up", "nvidia:leader"},
			map[string]ev{"nvidia:leader": {"lead", "Nvidia", "leader-comparative/possessive"}}},
		// A comparison inside one country does not roll up to it.
		{"internal/en", "en", "", "DeepSeek overtook Baidu in downloads.",
			[]string{"baidu:catching-up", "deepseek:leader"}, nil},
		// Negated state removes the frame, without flipping it.
		{"no-longer/en", "en", "", "Europe is no longer falling behind.", []string{}, nil},
		{"no-longer/zh", "zh", "", "我国人工智能不再落后。", []string{}, nil},
		{"not-state/en", "en", "", "Tencent is not behind anyone in AI.", []string{}, nil},
		// Negated completion keeps the subject catching-up.
		{"yet-to/en", "en", "", "China has yet to catch up with the United States.",
			[]string{"CN:catching-up", "US:leader"},
			map[string]ev{"CN:catching-up": {"catch up with", "China", "catch-up/subject +not-yet"}}},
		{"shangwei/zh", "zh", "", "华为尚未追上英伟达。",
			[]string{"CN:catching-up", "US:leader", "huawei:catching-up", "nvidia:leader"},
			map[string]ev{"huawei:catching-up": {"追上", "华为", "+not-yet"}}},
		{"not-overtaken/en", "en", "", "Zhipu has not overtaken OpenAI.",
			[]string{"CN:catching-up", "US:leader", "openai:leader", "zhipu:catching-up"}, nil},
		{"passive-negated/zh", "zh", "", "美国仍未被中国超越。",
			[]string{"CN:catching-up", "US:leader"}, nil},
		// Questions still frame.
		{"question/en", "en", "", "Can China catch up with the US?",
			[]string{"CN:catching-up", "US:leader"},
			map[string]ev{"CN:catching-up": {"catch up with", "China", "+question"}}},
		{"question/zh", "zh", "", "中国能否追上美国？",
			[]string{"CN:catching-up", "US:leader"},
			map[string]ev{"US:leader": {"追上", "美国", "+question"}}},
		// Derivative labels frame the labelled actor; the reference is not framed.
		{"answer-to/en", "en", "", "Baidu unveiled ERNIE Bot, China's answer to ChatGPT, on Thursday.",
			[]string{"CN:catching-up", "baidu:catching-up"},
			map[string]ev{"CN:catching-up": {"answer to", "China", "derivative/labelled"}}},
		{"zhongguoban/zh", "zh", "", "百度推出中国版ChatGPT文心一言。",
			[]string{"CN:catching-up", "baidu:catching-up"},
			map[string]ev{"CN:catching-up": {"中国版ChatGPT", "中国", "label/country"}}},
		{"zhongguoban-yardstick/zh", "zh", "", "实测文心一言：中国版ChatGPT离GPT-4有多远？",
			[]string{"CN:catching-up"},
			map[string]ev{"CN:catching-up": {"中国版ChatGPT", "中国", "label/country"}}},
		// 对标 measures the subject against a yardstick, which leads.
		{"duibiao/zh", "zh", "", "文心一言4.0对标GPT-4。",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"},
			map[string]ev{"baidu:catching-up": {"对标", "文心一言", "catch-up/subject"}, "openai:leader": {"对标", "GPT-4", "catch-up/object"}}},
		// Omitted Chinese subjects are the outlet's home country.
		{"omitted/zh", "zh", "", "与美国的差距正在缩小。",
			[]string{"CN:catching-up", "US:leader"},
			map[string]ev{"CN:catching-up": {"的差距", "", "gap/omitted-subject"}}},
		{"omitted-outlet/zh", "zh", "TW", "与美国的差距正在缩小。",
			[]string{"TW:catching-up", "US:leader"}, nil},
		{"home-word/zh", "zh", "", "国产大模型尚未追上GPT-4。",
			[]string{"CN:catching-up", "US:leader", "openai:leader"},
			map[string]ev{"CN:catching-up": {"追上", "国产", "+home"}}},
		{"no-omission/en", "en", "", "The gap with the US is narrowing.", []string{}, nil},
		{"gap-join/zh", "zh", "", "华为与英伟达仍有差距。",
			[]string{"CN:catching-up", "US:leader", "huawei:catching-up", "nvidia:leader"},
			map[string]ev{"nvidia:leader": {"差距", "英伟达", "gap/partner"}}},
		{"compared-with/en", "en", "", "Compared with the US, China still lags.",
			[]string{"CN:catching-up", "US:leader"},
			map[string]ev{"US:leader": {"lags", "US", "partner"}}},
		// "the company" and "it" refer back within the paragraph only.
		{"coref/en", "en", "", "OpenAI released GPT-5 on Monday. The company now leads most benchmarks.",
			[]string{"US:leader", "openai:leader"},
			map[string]ev{"openai:leader": {"leads", "The company", "+coref:OpenAI"}}},
		{"coref/zh", "zh", "", "字节跳动发布了新模型。该公司正在追赶OpenAI。",
			[]string{"CN:catching-up", "US:leader", "bytedance:catching-up", "openai:leader"},
			map[string]ev{"bytedance:catching-up": {"追赶", "该公司", "+coref:字节跳动"}}},
		{"coref-paragraph/en", "en", "", "OpenAI released GPT-5 on Monday.\nThe company now leads most benchmarks.", []string{}, nil},
		// A cue frames only actors of its own sentence.
		{"scope/en", "en", "", "Baidu launched a new model. Europe is falling behind in AI.",
			[]string{"EU:catching-up"}, nil},
		// English cues match whole words.
		{"word-boundary/en", "en", "", "The Nvidia report could mislead investors; leaded fuel is gone.", []string{}, nil},
		{"company-behind/en", "en", "", "The company behind ChatGPT is raising money.", []string{}, nil},
		// Chinese cues match segmented words, also inside longer ones.
		{"segmented/zh", "zh", "", "美国在大模型领域处于领先地位。",
			[]string{"US:leader"},
			map[string]ev{"US:leader": {"领先地位", "美国", "leader-state/subject"}}},
		// race and threat have no direction.
		{"race/zh", "zh", "", "中美AI竞赛日趋激烈。",
			[]string{"CN:race", "US:race"},
			map[string]ev{"CN:race": {"竞赛", "中美", "race/clause"}}},
		{"race/en", "en", "", "The US-China AI race is heating up.",
			[]string{"CN:race", "US:race"}, nil},
		{"threat/en", "en", "", "Washington sees DeepSeek as a national security threat.",
			[]string{"CN:threat", "US:threat", "deepseek:threat"},
			map[string]ev{"deepseek:threat": {"national security", "DeepSeek", "threat/"}}},
		{"threat/zh", "zh", "", "商汤科技被美国列入实体清单。",
			[]string{"CN:threat", "US:threat", "sensetime:threat"}, nil},
		// A claim by the actor's own side is weak; a contrasting clause wins.
		{"self-claim-contrast/en", "en", "", "Robin Li said ERNIE is ahead of GPT-4, but analysts say it still lags.",
			[]string{"CN:catching-up", "baidu:catching-up"},
			map[string]ev{"baidu:catching-up": {"lags", "it", "+coref:ERNIE"}}},
		{"self-claim/zh", "zh", "", "科大讯飞称星火大模型超越了GPT-4。",
			[]string{"CN:leader", "US:catching-up", "iflytek:leader", "openai:catching-up"},
			map[string]ev{"iflytek:leader": {"超越", "星火大模型", "+self-claim"}}},
		// Settings and modifiers are not framed themselves.
		{"locative/en", "en", "", "Alibaba leads in China.",
			[]string{"CN:leader", "alibaba:leader"},
			map[string]ev{"CN:leader": {"leads", "Alibaba", "+rollup:alibaba→CN"}}},
		{"modifier/en", "en", "", "Taiwan's TSMC dominates chipmaking.",
			[]string{"TW:leader", "tsmc:leader"},
			map[string]ev{"TW:leader": {"dominates", "TSMC", "+rollup:tsmc→TW"}}},
		{"domain/zh", "zh", "", "外媒称，华为已成为中国AI芯片领域的领军者。",
			[]string{"CN:leader", "huawei:leader"}, nil},
		{"language/en", "en", "", "iFlytek's Spark beats GPT-4 in Chinese.",
			[]string{"CN:leader", "US:catching-up", "iflytek:leader", "openai:catching-up"}, nil},
		// Aspirations and modals.
		{"aspiration-lead/en", "en", "", "India wants to become a global leader in AI.", []string{}, nil},
		{"aspiration-chase/zh", "zh", "", "寒武纪希望追赶英伟达。",
			[]string{"CN:catching-up", "US:leader", "cambricon:catching-up", "nvidia:leader"}, nil},
		{"modal/en", "en", "", "The Pentagon fears China could overtake the US.",
			[]string{"CN:catching-up", "US:leader"}, nil},
		{"trajectory/zh", "zh", "", "中国AI大模型已经从追赶者变成了领跑者。",
			[]string{"CN:leader"}, nil},
		// Attributive cue and a joint object.
		{"attributive/en", "en", "", "Zhipu remains behind the leading American labs.",
			[]string{"CN:catching-up", "US:leader", "zhipu:catching-up"},
			map[string]ev{"US:leader": {"behind", "American", "behind/object"}}},
		{"attributive/zh", "zh", "", "他们从领先的美国AI企业挖来了研究人员。",
			[]string{"US:leader"},
			map[string]ev{"US:leader": {"领先", "美国", "leader-comparative/attributive"}}},
		{"predicate/en", "en", "", "Huawei is the leading Chinese chipmaker.",
			[]string{"CN:leader", "huawei:leader"},
			map[string]ev{"huawei:leader": {"leading", "Huawei", "leader-attribute/subject"}}},
		{"predicate/zh", "zh", "", "华为是领先的中国企业。",
			[]string{"CN:leader", "huawei:leader"}, nil},
		{"joint-object/zh", "zh", "", "欧洲企业在大模型上落后于中美两国。",
			[]string{"CN:leader", "EU:catching-up", "US:leader"}, nil},
		{"list/en", "en", "", "OpenAI, Google and Anthropic lead the field.",
			[]string{"US:leader", "anthropic:leader", "google:leader", "openai:leader"}, nil},
		{"no-cue/en", "en", "", "Microsoft reported earnings.", []string{}, nil},
		// Quantities, references and loose clauses are not framed.
		{"quantity/zh", "zh", "", "欧盟的GDP增长将超过1000亿美元。", []string{}, nil},
		{"quantity/en", "en", "", "DeepSeek surpassed 100 million users.", []string{}, nil},
		{"name-not-number/zh", "zh", "", "台积电在先进制程上领先三星。",
			[]string{"KR:catching-up", "TW:leader", "samsung:catching-up", "tsmc:leader"}, nil},
		{"reference-before/zh", "zh", "", "OpenStreetMap是社区驱动的谷歌地图替代品。", []string{}, nil},
		{"loose-clause/zh", "zh", "", "阿里内网离职贴火了，员工吐槽人不如驴。", []string{}, nil},
		{"fronted-clause/zh", "zh", "", "超越德国，中国成为全球人工智能专利最多的国家。",
			[]string{"CN:leader", "DE:catching-up"},
			map[string]ev{"CN:leader": {"超越", "中国", "overtake/inherited"}}},
		{"home-partner/zh", "zh", "", "Play商店为什么比国内软件商店更好？", []string{}, nil},
		// Real-news constructions. An unknown named subject blocks the
		// home-country default; the actors compared with are still framed.
		{"unknown-subject/zh", "zh", "", "自研的星河模型在多项评测中超越Gemini。",
			[]string{"US:catching-up", "google:catching-up"}, nil},
		{"unknown-subject/en", "en", "", "The startup's Orion-2 model outperforms GPT-4o on coding benchmarks.",
			[]string{"US:catching-up", "openai:catching-up"}, nil},
		{"model-anaphor/en", "en", "", "Qwen3 was released on Monday. The model outperforms Llama 4 on math.",
			[]string{"CN:leader", "US:catching-up", "alibaba:leader", "meta:catching-up"}, nil},
		// Rankings inside a country or market frame the organisation only
		// (the country's frame is its roll-up, not a frame of its own).
		{"domestic-ranking/zh", "zh", "", "寒武纪位居国内AI芯片厂商前列。",
			[]string{"CN:leader", "cambricon:leader"},
			map[string]ev{"CN:leader": {"前列", "寒武纪", "+rollup:cambricon→CN"}}},
		{"domestic-ranking/en", "en", "", "SMIC, the leading Chinese chipmaker, expanded capacity.",
			[]string{"CN:leader", "smic:leader"},
			map[string]ev{"CN:leader": {"leading", "SMIC", "+rollup:smic→CN"}}},
		{"market-ranking/zh", "zh", "", "华为在华东市场份额领先。",
			[]string{"CN:leader", "huawei:leader"},
			map[string]ev{"CN:leader": {"领先", "华为", "+rollup:huawei→CN"}}},
		// Comparisons outside the domain frame no one.
		{"off-domain/zh", "zh", "", "上海人均收入增速领先全国。", []string{}, nil},
		{"off-domain/en", "en", "", "Japan overtook Spain in visitor numbers.", []string{}, nil},
		{"off-domain-port/zh", "zh", "", "上海港集装箱吞吐量居全球第一。", []string{}, nil},
		{"predecessor/en", "en", "", "The new chip beats its predecessor by 30%.", []string{}, nil},
		{"self-comparison/en", "en", "", "GPT-4.5 surpasses GPT-4 in speed.", []string{}, nil},
		// Word senses that are no frames.
		{"ahead-of-launch/en", "en", "", "OpenAI briefed reporters ahead of the launch.", []string{}, nil},
		{"company-behind/en", "en", "", "The company behind the project is Anthropic.", []string{}, nil},
		{"safety-lead/en", "en", "", "She is the safety lead at OpenAI.", []string{}, nil},
		{"lead-a-team/en", "en", "", "Demis Hassabis leads Google's AI research unit.", []string{}, nil},
		{"dominated-by/en", "en", "", "Revenue was dominated by its cloud business, Microsoft said.", []string{}, nil},
		{"beat-in-sport/en", "en", "", "Alcaraz beat Sinner in the final.", []string{}, nil},
		{"frontier-models/en", "en", "", "The model closes the gap with frontier models from OpenAI.",
			[]string{"US:leader", "openai:leader"}, nil},
		// Constructions.
		{"chased/zh", "zh", "", "对美国的追赶仍在继续。", []string{"CN:catching-up", "US:leader"}, nil},
		{"narrow-gap/zh", "zh", "", "国产大模型正在缩小与GPT-4的差距。",
			[]string{"CN:catching-up", "US:leader", "openai:leader"}, nil},
		{"zhibi/zh", "zh", "", "DeepSeek-R1直逼OpenAI o1。",
			[]string{"CN:catching-up", "US:leader", "deepseek:catching-up", "openai:leader"}, nil},
		{"pimei/zh", "zh", "", "通义千问媲美GPT-4。",
			[]string{"CN:catching-up", "US:leader", "alibaba:catching-up", "openai:leader"}, nil},
		{"pidi/zh", "zh", "", "DeepSeek训练出了可与OpenAI o1匹敌的模型。",
			[]string{"CN:catching-up", "US:leader", "deepseek:catching-up", "openai:leader"}, nil},
		{"buji/zh", "zh", "", "百度文心一言的用户规模远不及ChatGPT。",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"}, nil},
		// 不及预期 (below expectations) compares with no one.
		{"buji-expectations/zh", "zh", "", "百度第三季度营收不及预期。", []string{}, nil},
		// A superlative as the predicate frames its subject; the actor's
		// own line (史上最强) does not.
		{"superlative/zh", "zh", "", "OpenAI的GPT-5是目前最强的大模型。",
			[]string{"US:leader", "openai:leader"}, nil},
		{"superlative-world/zh", "zh", "", "英伟达是全球最大的AI芯片供应商。",
			[]string{"US:leader", "nvidia:leader"}, nil},
		{"superlative-own/zh", "zh", "", "OpenAI发布了史上最强模型GPT-5。", []string{}, nil},
		{"advantage/zh", "zh", "", "美国在AI人才方面占据优势。", []string{"US:leader"}, nil},
		// The challenged incumbent leads; the challenger is not said to trail.
		{"challenge/en", "en", "", "Mistral wants to challenge OpenAI.",
			[]string{"US:leader", "openai:leader"}, nil},
		{"object-list/zh", "zh", "", "DeepSeek超越了Llama、Claude和Gemini。",
			[]string{"CN:leader", "US:catching-up", "anthropic:catching-up", "deepseek:leader", "google:catching-up", "meta:catching-up"}, nil},
		// A serial list of objects (a comma before and) frames every item,
		// whatever follows the last one.
		{"object-list-serial/en", "en", "", "DeepSeek beats Llama, Claude, and more.",
			[]string{"CN:leader", "US:catching-up", "anthropic:catching-up", "deepseek:leader", "meta:catching-up"}, nil},
		{"object-list-serial-tail/en", "en", "", "The model outperforms Gemini, GPT-4o, and Claude on coding.",
			[]string{"US:catching-up", "anthropic:catching-up", "google:catching-up", "openai:catching-up"}, nil},
		// A clause after a comma is no list item.
		{"object-then-clause/en", "en", "", "DeepSeek beats Llama, and OpenAI launched a model.",
			[]string{"CN:leader", "US:catching-up", "deepseek:leader", "meta:catching-up"}, nil},
		// Every partner of a list after a comparison.
		{"partner-list/en", "en", "", "Apple is lagging in AI, especially when compared to competitors like Google and Microsoft.",
			[]string{"US:race", "apple:catching-up", "google:leader", "google:race", "microsoft:leader", "microsoft:race"}, nil},
		// Falling short of an actor is trailing it; of a goal, no frame.
		{"falls-short/en", "en", "", "Meta's new model still falls short of OpenAI's GPT-5.",
			[]string{"meta:catching-up", "openai:leader"}, nil},
		{"falls-short-goal/en", "en", "", "Google's Gemini launch is delayed as the model falls short of internal goals.",
			[]string{}, nil},
		// An actor's offerings stand for it in a comparison.
		{"possessed-offerings/en", "en", "", "Tencent's model outperforms Google's offerings.",
			[]string{"CN:leader", "US:catching-up", "google:catching-up", "tencent:leader"}, nil},
		// "its rivals" is a noun; the relative clause of an apposition
		// takes the subject of the clause before.
		{"its-rivals/en", "en", "", "Google released Gemma, a model that outperforms its rivals.",
			[]string{"US:leader", "google:leader"}, nil},
		{"and-rivals-verb/en", "en", "", "DeepSeek-V3 outperforms Llama 3.1 and rivals GPT-4o.",
			[]string{"CN:catching-up", "CN:leader", "deepseek:catching-up", "deepseek:leader", "meta:catching-up", "openai:leader"}, nil},
		// An adverb between a cue and its object; a conjunction right
		// after a cue ends its objects.
		{"adverb-object/en", "en", "", "China is catching up fast with the US in AI.",
			[]string{"CN:catching-up", "US:leader"}, nil},
		{"after-no-object/en", "en", "", "Meta is scrambling to catch up after Llama 4 disappointed.",
			[]string{"US:catching-up", "meta:catching-up"}, nil},
		// 接近 an actor is catching up with it; 接近 a number is not.
		{"jiejin/zh", "zh", "", "华为昇腾芯片性能已接近英伟达A100。",
			[]string{"CN:catching-up", "US:leader", "huawei:catching-up", "nvidia:leader"}, nil},
		{"jiejin-number/zh", "zh", "", "该公司大模型营收接近100亿元。", []string{}, nil},
		// The stock market is outside the domain; a launch ahead of an
		// event is before it.
		{"stock/en", "en", "", "Microsoft's stock outperformed the Nasdaq this year.", []string{}, nil},
		{"launch-ahead/en", "en", "", "Meta's Llama 4 launch came ahead of LlamaCon.", []string{}, nil},
		// Close behind an actor: the actor leads.
		{"close-behind/en", "en", "", "Anthropic's Claude is not far behind GPT-5.",
			[]string{"anthropic:catching-up", "openai:leader"}, nil},
		// Leading an organisation, or leading it to do something, is
		// directing it; who leads an organisation runs it.
		{"leading-verb/en", "en", "", "Intel failed to deliver AI processors, leading SoftBank to explore other suppliers.", []string{}, nil},
		{"who-leads/en", "en", "", "Yang Zhilin, who leads Moonshot AI, was his student.", []string{}, nil},
		// The rivals an edge is held against are not its holders.
		{"edge-against/en", "en", "", "The company is investing heavily in AI to maintain a competitive edge against rivals like Google and Microsoft.", []string{}, nil},
		// An adverb in -ly between the predicate and a prepositional cue.
		{"adverb-predicate/en", "en", "", "Amazon is desperately behind Google in AI.",
			[]string{"amazon:catching-up", "google:leader"}, nil},
		// Sport is outside the domain; an AI contest is not.
		{"sport/zh", "zh", "", "中国队以3比1击败日本队夺得冠军。", []string{}, nil},
		// By matching: the subject is the clause's first actor, not the
		// object of its main verb.
		{"by-gerund/en", "en", "", "DeepSeek's R1 stunned Silicon Valley by matching o1 at a fraction of the cost.",
			[]string{"CN:catching-up", "US:leader", "deepseek:catching-up", "openai:leader"}, nil},
		{"ranks-first/en", "en", "", "Claude Opus 4 ranks first on SWE-bench.",
			[]string{"US:leader", "anthropic:leader"}, nil},
		{"gaining-on/en", "en", "", "Anthropic is gaining on OpenAI in enterprise AI sales.",
			[]string{"anthropic:catching-up", "openai:leader"}, nil},
		// A closing gap of 中美 in a Chinese outlet: the home country is
		// catching up.
		{"joint-gap/zh", "zh", "", "中美两国在人工智能领域的差距正在缩小。",
			[]string{"CN:catching-up", "US:leader"}, nil},
		{"joint-widen/zh", "zh", "", "中美人工智能差距拉大。", []string{}, nil},
		// A subject that widens a gap leads.
		{"widen-gap/zh", "zh", "", "OpenAI拉大了与谷歌的差距。",
			[]string{"google:catching-up", "openai:leader"}, nil},
		// 力压 beats its object; the verb after the object (登顶) is the
		// subject's.
		{"liya-serial/zh", "zh", "", "DeepSeek力压OpenAI登顶应用商店。",
			[]string{"CN:leader", "US:catching-up", "deepseek:leader", "openai:catching-up"}, nil},
		{"jinzhui/zh", "zh", "", "谷歌紧追OpenAI。",
			[]string{"google:catching-up", "openai:leader"}, nil},
		{"paoying-market/zh", "zh", "", "腾讯股价跑赢大盘。", []string{}, nil},
		// After an organisation, a cue before a noun is its verb (领跑AI
		// 芯片市场), not an adjective of the noun (领先企业).
		{"verb-before-noun/zh", "zh", "", "英伟达领跑AI芯片市场。",
			[]string{"US:leader", "nvidia:leader"}, nil},
		// The one ranked before leads, as does the one ranked second.
		{"second-to/zh", "zh", "", "2024年我国智能算力规模位居全球第二，仅次于美国。",
			[]string{"CN:leader", "US:leader"}, nil},
		{"second-to/en", "en", "", "China ranks second, behind only the US, in AI patents.",
			[]string{"CN:leader", "US:leader"}, nil},
		{"yaoyao-object/zh", "zh", "", "台积电3纳米工艺良率遥遥领先三星。",
			[]string{"KR:catching-up", "TW:leader", "samsung:catching-up", "tsmc:leader"}, nil},
		// 智能手机 is a phone, not AI; a Chinese aim spans its clause.
		{"smartphone/zh", "zh", "", "三星第一季度智能手机出货量领先苹果，重回全球第一。", []string{}, nil},
		{"aim-clause/zh", "zh", "", "我国力争到2030年人工智能理论、技术与应用总体达到世界领先水平。", []string{}, nil},
		// 国产 before a maker's name modifies it: CN only by roll-up.
		{"domestic-maker/zh", "zh", "", "国产GPU厂商摩尔线程对标英伟达。",
			[]string{"CN:catching-up", "US:leader", "moorethreads:catching-up", "nvidia:leader"},
			map[string]ev{"CN:catching-up": {"对标", "摩尔线程", "+rollup:moorethreads→CN"}}},
		{"phone-sales/en", "en", "", "Apple's iPhone 16 lagged behind Huawei's Mate 70 in China sales during the holiday quarter.", []string{}, nil},
		{"about-to/en", "en", "", "Is China about to overtake America in AI?",
			[]string{"CN:catching-up", "US:leader"}, nil},
		{"considered/en", "en", "", "Anthropic's Claude 3.5 Sonnet is widely considered the best coding model available right now.",
			[]string{"US:leader", "anthropic:leader"}, nil},
		{"remains/en", "en", "", "TSMC remains the dominant contract chipmaker.",
			[]string{"TW:leader", "tsmc:leader"}, nil},
		{"adverb-participle/en", "en", "", "Gemini 2.5 Pro scored 86.7% on AIME 2025, narrowly ahead of OpenAI's o3-mini at 86.5%.",
			[]string{"google:leader", "openai:catching-up"}, nil},
		// A sentence's capitalised first word is not taken for a name the
		// gazetteer does not know: the actor that opens the clause before
		// is the participle's subject; one after a verb, a modal or a
		// subordinate word is not.
		{"opener-inherit/en", "en", "", "Testing reveals that Anthropic's Opus 4.6 model shows notable self-recognition capabilities, outperforming OpenAI's GPT models.",
			[]string{"anthropic:leader", "openai:catching-up"}, nil},
		{"opener-before/en", "en", "", "Before GPT-3, achieving state-of-the-art performance meant fine-tuning models on specific tasks.", []string{}, nil},
		{"opener-object/en", "en", "", "The company's first chip, the HC1, can serve Meta's Llama3.1 8B at 16,860 tokens a second, 48x faster than Nvidia's GPUs.",
			[]string{"US:catching-up", "nvidia:catching-up"}, nil},
		{"leading-to/en", "en", "", "Scarlett Johansson alleges that OpenAI created a voice for ChatGPT that mimics hers, leading her to seek legal advice.", []string{}, nil},
		{"followers/en", "en", "", "In this Twitter thread, Sam Altman (CEO of OpenAI) asks his followers what they believe.", []string{}, nil},
		// The words around the cue decide the domain, whatever the rest of
		// the sentence names.
		{"tourism-segment/en", "en", "", "Japan overtook South Korea as the most popular destination for Chinese travelers this summer, with many using AI trip planners.", []string{}, nil},
		{"sport-segment/en", "en", "", "The U.S. beat China 3-1 in the Billie Jean King Cup quarterfinal, a match broadcast with AI-generated commentary.", []string{}, nil},
		// Tesla's Model 3 is a car, not an AI model; memory chips are chips.
		{"model-name/zh", "zh", "", "小米SU7上市后连续三个月销量超越特斯拉Model 3，成为纯电轿车市场的领跑者。", []string{}, nil},
		{"memory/zh", "zh", "", "SK海力士凭借HBM3E的先发优势，第二季度在DRAM市场营收上首次超越三星，登上全球第一。",
			[]string{"samsung:catching-up", "skhynix:leader"}, nil},
		{"predecessor/zh", "zh", "", "华为Mate 70系列首销当日销售额超过了上一代Mate 60的同期水平。", []string{}, nil},
		{"lead-time/zh", "zh", "", "中国气象局表示，借助盘古气象大模型，台风预警领先时间延长至5天。", []string{}, nil},
		{"outlet-name/zh", "zh", "", "第一财经获悉，月之暗面第一季度在用户投放上的支出大幅减少。", []string{}, nil},
		// 作为... opens a clause describing the next clause's subject.
		{"as-opener/zh", "zh", "", "作为国内AI芯片领域的龙头企业，寒武纪上半年营收同比增长逾40倍。",
			[]string{"CN:leader", "cambricon:leader"}, nil},
		// "rivals from X to Y" is the noun; following suit is catching up.
		{"followed-suit/en", "en", "", "OpenAI pioneered the reasoning-model approach with o1, and rivals from Google to DeepSeek have since followed suit.",
			[]string{"CN:catching-up", "deepseek:catching-up", "google:catching-up", "openai:leader"}, nil},
		{"contract-chipmaker/en", "en", "", "TSMC, the world's largest contract chipmaker, said demand still outstrips supply.",
			[]string{"TW:leader", "tsmc:leader"}, nil},
		{"role-lead/en", "en", "", "Anthropic's interpretability lead, Chris Olah, said the company had mapped millions of features.", []string{}, nil},
		{"tops-edging/en", "en", "", "TLDR: Anthropic's Claude Opus tops SWE-bench Verified, edging out OpenAI and Google.",
			[]string{"anthropic:leader", "google:catching-up", "openai:catching-up"}, nil},
		{"distant-second/en", "en", "", "Amazon still leads the cloud infrastructure market, with Microsoft a distant second.",
			[]string{"amazon:leader", "microsoft:catching-up"}, nil},
		{"challenger/en", "en", "", "Broadcom has emerged as Nvidia's biggest challenger in custom AI silicon.",
			[]string{"broadcom:catching-up", "nvidia:leader"}, nil},
		// A negated aim says nothing of standing.
		{"not-trying/en", "en", "", "\"We're not trying to beat OpenAI; we're building for enterprises,\" Cohere's CEO said.", []string{}, nil},
		// A short headline in title case: Catch Up is no name.
		{"title-short/en", "en", "", "Can xAI Catch Up to OpenAI?",
			[]string{"openai:leader", "xai:catching-up"}, nil},
		{"shipbuilders/en", "en", "", "South Korean shipbuilders overtook Chinese rivals in new orders in March.", []string{}, nil},
		{"widen-gap-partner/zh", "zh", "", "英特尔新品重夺性能桂冠：与AMD 7950X拉开8%差距。",
			[]string{"amd:catching-up", "intel:leader"}, nil},
		{"widen-joint-gap/zh", "zh", "", "Sora的发布再次拉大了中美在视频生成领域的差距。",
			[]string{"CN:catching-up", "US:leader", "openai:leader"}, nil},
		// A Chinese clause that opens with a locative continues the
		// subject before it.
		{"locative-inherit/zh", "zh", "", "中国在人工智能论文数量上领先美国，但在顶尖人才方面仍落后。",
			[]string{"CN:catching-up", "CN:leader", "US:catching-up"}, nil},
		// Leading the world in something; followed by the runner-up.
		{"followed-by/en", "en", "", "The US leads the world in AI investment, followed by China.",
			[]string{"CN:catching-up", "US:leader"}, nil},
		{"followed-by-event/en", "en", "", "The launch was followed by a price cut from Google.", []string{}, nil},
		// Less capable than an actor trails it; than its predecessor, no one.
		{"less-capable/en", "en", "", "Baidu's model is less capable than GPT-4.",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"}, nil},
		{"less-capable-self/en", "en", "", "Google's new model is less capable than its predecessor.", []string{}, nil},
		// A modal that opens a question is a modal of the completion.
		{"modal-question/en", "en", "", "Can China overtake the US in AI?",
			[]string{"CN:catching-up", "US:leader"}, nil},
		// A country's group compared with another country's group.
		{"country-counterparts/en", "en", "", "Chinese AI labs are closing the gap with their American counterparts.",
			[]string{"CN:catching-up", "US:leader"}, nil},
		{"losing-ground/en", "en", "", "Samsung is losing ground to TSMC in AI chips.",
			[]string{"KR:catching-up", "TW:leader", "samsung:catching-up", "tsmc:leader"}, nil},
		// "as" inside "as good as" is no clause break; approaching an
		// actor, neck and neck with it: a yardstick.
		{"as-good-as/en", "en", "", "Meta's Llama 3 is nearly as good as GPT-4.",
			[]string{"meta:catching-up", "openai:leader"}, nil},
		{"approaches/en", "en", "", "Mistral's model approaches GPT-4 on reasoning benchmarks.",
			[]string{"FR:catching-up", "US:leader", "mistral:catching-up", "openai:leader"}, nil},
		{"approaches-noun/en", "en", "", "New approaches to AI safety are needed at OpenAI.", []string{}, nil},
		{"some-fields/zh", "zh", "", "我国人工智能从跟跑到并跑，部分领域实现领跑。",
			[]string{"CN:catching-up", "CN:leader"}, nil},
		// Curly apostrophes negate; "leading it to" directs; "the lead on"
		// is a role; an abstract noun after a name is the name's standing.
		{"curly-negation/en", "en", "", "Amazon tells employees it isn’t falling behind on AI", []string{}, nil},
		{"leading-it-to/en", "en", "", "Anthropic's rapid adoption has exposed compute constraints, leading it to strike deals with providers.", []string{}, nil},
		{"lead-on-role/en", "en", "", "Ethan He was the lead on Nvidia's Cosmos World Model.", []string{}, nil},
		{"name-dominance/en", "en", "", "Xi Touts Open-Source AI and Takes a Swipe at US Dominance", []string{"US:leader"}, nil},
		// No. 1 is a cue, not a name, inside a sentence.
		{"no-1/en", "en", "", "OpenAI's new app, Sora, has snagged the No. 1 spot among AI apps.",
			[]string{"US:leader", "openai:leader"}, nil},
		// Products of 2024–2026 roll up to their makers; the objects of
		// a cue end at a second cue joined by and (US, framed both ways,
		// does not roll up).
		{"products-2025/en", "en", "", "Mistral's Devstral ties with Claude Haiku 4.5 and beats Phi-4 on coding.",
			[]string{"FR:catching-up", "FR:leader", "anthropic:leader", "microsoft:catching-up", "mistral:catching-up", "mistral:leader"}, nil},
		// A possessive standing adjective frames the possessor.
		{"possessive-dominant/en", "en", "", "Regulators look at Nvidia's dominant market share in AI chips.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		// A superlative frames as a predicate or an apposition, not as
		// the object of another verb or of the actor's own line.
		{"superlative-predicate/en", "en", "", "DeepSeek-V3 is now the best open-source AI model.",
			[]string{"CN:leader", "deepseek:leader"}, nil},
		{"superlative-apposition/en", "en", "", "xAI has started the Colossus training cluster, the largest in the world.",
			[]string{"US:leader", "xai:leader"}, nil},
		{"superlative-object/en", "en", "", "Apple is snapping up one of the best image editors, Pixelmator.", []string{}, nil},
		{"superlative-own-line/en", "en", "", "GPT-5 is the most capable model yet from OpenAI.", []string{}, nil},
		{"superlative-unknown-subject/en", "en", "", "OLMo 2 32B is the most capable open model.", []string{}, nil},
		// An apposition after the noun a standing adjective describes is
		// the actor framed; a scope word does not make the adjective a
		// noun's (the world's leading AI chipmaker).
		{"apposition-after/en", "en", "", "Wukong offers different search results to China's dominant search engine, Baidu.",
			[]string{"CN:leader", "baidu:leader"}, map[string]ev{"baidu:leader": {"dominant", "Baidu", "leader-attribute/apposition"}}},
		{"apposition-after-speaker/en", "en", "", "The leading chipmaker, Nvidia said, has no rival in sight.", []string{}, nil},
		{"apposition-world-scope/en", "en", "", "Nvidia, the world's leading AI chipmaker, reported record revenue.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		// The verb after a noun that names a role elsewhere (platform
		// lead, model lead).
		{"lead-after-platform/en", "en", "", "NVIDIA's Blackwell Ultra NVL72 platform leads the AgentPerf benchmark.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		{"lead-role-model/en", "en", "", "OpenAI's model lead resigned on Friday.", []string{}, nil},
		{"first-model-to/en", "en", "", "Claude Opus 4.5 is the first model to exceed 80% on SWE-bench Verified.",
			[]string{"US:leader", "anthropic:leader"}, nil},
		// Who wears down another's lead is catching up with it.
		{"eroding-lead/en", "en", "", "China Is Quickly Eroding America's Lead in the Global AI Race",
			[]string{"CN:catching-up", "CN:race", "US:leader", "US:race"}, map[string]ev{"CN:catching-up": {"Lead", "China", "leader-comparative/challenger"}}},
		{"lead-shrinks-as/en", "en", "", "ChatGPT's lead is shrinking as Gemini surges in AI traffic.",
			[]string{"google:catching-up", "openai:leader"}, nil},
		{"lead-held/en", "en", "", "Nvidia's lead in AI chips is safe, analysts say.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		// The actors after how / why / whether are the subject, not those
		// before; rivals that a relative clause follows are its subject.
		{"complement-how/en", "en", "", "Meta scrambles to figure out how DeepSeek's AI is beating everyone else.",
			[]string{"CN:leader", "deepseek:leader"}, nil},
		{"participle-subject/en", "en", "", "OpenAI's Sam Altman responded to Chinese startup DeepSeek's R1 model outperforming rivals at lower costs.",
			[]string{"CN:leader", "deepseek:leader"}, nil},
		{"participle-list/en", "en", "", "Google and OpenAI outperforming rivals worries regulators.",
			[]string{"US:leader", "google:leader", "openai:leader"}, nil},
		{"objects-end-at-and-is/en", "en", "", "The model shows performance rivaling OpenAI's GPT-4 and is linked to Mistral's Mixtral 8x7b.",
			[]string{"US:leader", "openai:leader"}, nil},
		{"dominating-at/en", "en", "", "Most AI use is on phones, with ChatGPT dominating at 89% of global AI sessions.",
			[]string{"US:leader", "openai:leader"}, nil},
		{"more-than-any/en", "en", "", "ByteDance processes 50 trillion tokens a day, more than any US tech company.",
			[]string{"CN:leader", "bytedance:leader"}, nil},
		{"more-than-any-time/en", "en", "", "Nvidia spends more than any time in history.", []string{}, nil},
		{"complement-own-subject/en", "en", "", "Anthropic explores how one model outperforms another.", []string{}, nil},
		{"complement-how-to/en", "en", "", "Google shows how to beat OpenAI.",
			[]string{"google:leader", "openai:catching-up"}, nil},
		{"to-take-leadership/en", "en", "", "The plan is a way for the US to take leadership in bringing AI to the world.", []string{}, nil},
		{"plural-acronym/en", "en", "", "ChatGPT usage grew much faster than PCs, the web, or smartphones.", []string{}, nil},
		{"rival-relative/en", "en", "", "OpenAI is facing immense pressure from competitors, who have narrowed the gap in the AI race.",
			[]string{"US:race", "openai:race"}, nil},
		{"tongyi/en", "en", "", "Tongyi DeepResearch achieves performance on par with OpenAI's DeepResearch.",
			[]string{"CN:catching-up", "US:leader", "alibaba:catching-up", "openai:leader"}, nil},
		{"failing-to-keep-up/en", "en", "", "Investors are worried that Apple is failing to keep up with AI innovations.",
			[]string{"US:catching-up", "apple:catching-up"}, nil},
		// "as" after a predicate (emerged as) is no clause break; a list
		// of examples runs on past the clause's commas, serial comma
		// included.
		{"emerged-as/en", "en", "", "OpenAI, Google, and Anthropic emerged as clear leaders.",
			[]string{"US:leader", "anthropic:leader", "google:leader", "openai:leader"}, nil},
		{"examples-list/en", "en", "", "Countries like India, China, Japan, and Korea are leading the way in AI adoption.",
			[]string{"CN:leader", "IN:leader", "JP:leader", "KR:leader"}, nil},
		// A multi-word cue's domain after a preposition is no role
		// (a leader in AI research); "the lead in investigating" is.
		{"leader-in-research/en", "en", "", "Nvidia is a leader in AI research.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		{"lead-in-role/en", "en", "", "The Justice Department will take the lead in investigating Nvidia.", []string{}, nil},
		// Coming from behind; struggling to compete with an actor.
		{"from-behind/en", "en", "", "How AMD Came From Behind to Mount a Challenge in the AI Chip Wars",
			[]string{"US:catching-up", "amd:catching-up"}, nil},
		{"struggle-to-compete/en", "en", "", "Samsung is struggling to compete with TSMC in AI chips.",
			[]string{"KR:catching-up", "TW:leader", "samsung:catching-up", "tsmc:leader"}, nil},
		// Improving on an actor beats it; superior performance against an
		// actor; the sole provider; more than the rest of the world.
		{"improve-on/en", "en", "", "The tuned models improve on Meta's Llama 3.1.",
			[]string{"US:catching-up", "meta:catching-up"}, nil},
		{"improve-on-thing/en", "en", "", "OpenAI's o3 improves on some of the most challenging benchmarks.", []string{}, nil},
		{"superior-against/en", "en", "", "Qwen2-VL shows superior performance against OpenAI's GPT-4o.",
			[]string{"CN:leader", "US:catching-up", "alibaba:leader", "openai:catching-up"}, nil},
		{"sole-provider/en", "en", "", "ASML is the sole provider of EUV lithography machines for AI chips.",
			[]string{"NL:leader", "asml:leader"}, nil},
		{"rest-of-world/en", "en", "", "China has more AI compute than the rest of the world combined.",
			[]string{"CN:leader"}, nil},
		// The top model; a superlative after "seems like".
		{"top-model/en", "en", "", "Grok 4.1 is the top model on the leaderboard.",
			[]string{"US:leader", "xai:leader"}, nil},
		{"seems-like-best/en", "en", "", "Claude Sonnet seems like the best coding model in the world right now.",
			[]string{"US:leader", "anthropic:leader"}, nil},
		// A claimed ability is a statement; a belief is a modal.
		{"can-beat/en", "en", "", "Google launches Gemini, a powerful AI model it says can surpass GPT-4.",
			[]string{"google:leader", "openai:catching-up"}, nil},
		{"thinks-can-beat/en", "en", "", "Microsoft thinks AI can beat Google at search.",
			[]string{"google:leader", "microsoft:catching-up"}, nil},
		// A subject compared with its own product and another maker's
		// keeps its frame; the own product is not framed.
		{"self-and-other/en", "en", "", "GPT-5.2 performs better compared to Opus 4.5 and GPT-5.1.",
			[]string{"anthropic:catching-up", "openai:leader"}, nil},
		{"self-only/en", "en", "", "GPT-4.5 surpasses GPT-4 on every benchmark.", []string{}, nil},
		{"higher-scores/en", "en", "", "The models get dramatically higher scores on coding tests compared to Claude Opus 4.6.",
			[]string{"US:catching-up", "anthropic:catching-up"}, nil},
		{"products-2026/en", "en", "", "Google expands its Gemini lineup with a new Mythos rival.",
			[]string{"anthropic:leader", "google:catching-up"}, nil},
		// An adverb between a possessive and its standing adjective; turning
		// an actor into a leader is an aim, not standing.
		{"possessive-adverb/en", "en", "", "Regulators look at Nvidia's already dominant platform.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		{"into-a-leader/en", "en", "", "Musk pushes to transform Tesla into a leader in real-world AI.", []string{}, nil},
		// A passive with an actor as its patient compares with that actor,
		// whatever the agent is.
		{"passive-thing-agent/en", "en", "", "Google's models are being surpassed by open-source developments.",
			[]string{"US:catching-up", "google:catching-up"}, nil},
		// A country that modifies one unnamed organisation is not framed;
		// the actor compared with is. "to rival providers" is an adjective.
		{"unnamed-org/en", "en", "", "A Chinese lab has released a reasoning model to rival OpenAI's o1.",
			[]string{"US:leader", "openai:leader"}, nil},
		{"unnamed-org-no-article/en", "en", "", "Chinese tech giant unveils a new DeepSeek rival.",
			[]string{"CN:leader", "deepseek:leader"}, nil},
		{"named-org-modifier/en", "en", "", "Chinese labs are closing the gap with OpenAI.",
			[]string{"CN:catching-up", "US:leader", "openai:leader"}, nil},
		// The model another is built from is not compared.
		{"base-model/en", "en", "", "A model fine-tuned from Llama 3 beats GPT-4o.",
			[]string{"US:catching-up", "openai:catching-up"}, nil},
		{"with-list/en", "en", "", "Budgets grew, with OpenAI, Google, and Anthropic emerging as clear leaders.",
			[]string{"US:leader", "anthropic:leader", "google:leader", "openai:leader"}, nil},
		// A competitor to X, an X competitor: a rival.
		{"competitor-noun/en", "en", "", "Grok, a new ChatGPT competitor developed by xAI, has launched.",
			[]string{"openai:leader", "xai:catching-up"}, nil},
		{"competitor-to/en", "en", "", "HuggingChat is a competitor to ChatGPT.",
			[]string{"US:leader", "openai:leader"}, nil},
		// In challenge to X, setting up a challenge to X: X leader.
		{"in-challenge-to/en", "en", "", "Nvidia details its Vera CPU for AI, setting up challenge to AMD and Intel",
			[]string{"US:leader", "amd:leader", "intel:leader"}, nil},
		{"poses-challenge/en", "en", "", "This poses a challenge to Nvidia.", []string{}, nil},
		// Holding the largest share, offering the industry's fastest: a
		// superlative after a verb of having; the best chance is no standing.
		{"has-largest-share/en", "en", "", "Grok currently has the largest traffic share in AI video generation.",
			[]string{"US:leader", "xai:leader"}, nil},
		{"best-chance/en", "en", "", "OpenAI has the best chance of winning the AI race.", []string{"US:race", "openai:race"}, nil},
		// Beating the leading system compares with the leaders.
		{"beat-leading-thing/en", "en", "", "GraphCast outperformed the world's leading conventional system.",
			[]string{"US:leader", "google:leader"}, nil},
		{"among-the-fastest/en", "en", "", "Gemini 2.5 Flash is among the fastest models on the market.",
			[]string{"US:leader", "google:leader"}, nil},
		// From ... to ...: a past state, quoted or not, and 从 inside 了从.
		{"from-to-quoted/zh", "zh", "", "我国人工智能实现了从“跟跑”到“领跑”。", []string{"CN:leader"}, nil},
		// Senses that are no frames: ties as relations, takes as opinions,
		// first half as a date; a modal after a question word.
		{"close-ties/en", "en", "", "xAI will maintain close ties with Twitter and Tesla.", []string{}, nil},
		{"quick-takes/en", "en", "", "Quick takes on the recent OpenAI incident write-up", []string{}, nil},
		{"first-half/en", "en", "", "Tesla's robotaxi is reportedly coming in first half 2025.", []string{}, nil},
		{"when-will/en", "en", "", "When will Anthropic surpass Nvidia?",
			[]string{"anthropic:catching-up", "nvidia:leader"}, nil},
		{"approaches-plural-noun/en", "en", "", "There has been a shift to learning-to-reason approaches like DeepSeek-R1.", []string{}, nil},
		{"approached-contact/en", "en", "", "Meta approached AI startup Runway about a takeover bid.", []string{}, nil},
		{"strongest-evidence/en", "en", "", "The release is the strongest evidence since OpenAI's o1 that pre-training scaling works.", []string{}, nil},
		{"economic-ties/en", "en", "", "China could reach US chips through its extensive economic ties with Gulf states.", []string{}, nil},
		{"football-match/en", "en", "", "China hosts the first fully autonomous AI robot football match.", []string{}, nil},
		// Topping an actor or a chart beats it; topping a sum does not; a
		// bid for supremacy is an aim.
		{"topped-charts/en", "en", "", "The DeepSeek app topped App Store charts over ChatGPT.",
			[]string{"CN:leader", "US:catching-up", "deepseek:leader", "openai:catching-up"}, nil},
		{"topped-sum/en", "en", "", "OpenAI's annualized revenue has topped $1.6B.", []string{}, nil},
		{"bid-for-supremacy/en", "en", "", "Anthropic releases Claude Sonnet 4.5 in its latest bid for coding supremacy.", []string{}, nil},
		{"comparable-to-human/en", "en", "", "OpenAI's Whisper transcribes audio with accuracy comparable to a skilled human transcriptionist.", []string{}, nil},
		{"late-takes/en", "en", "", "Late Takes on OpenAI o1", []string{}, nil},
		{"rival-adjective/en", "en", "", "Apple is set to open up its platform to rival providers later this year.", []string{}, nil},
		{"score-lead/zh", "zh", "", "文心一言以71分领先GPT-4的63分。",
			[]string{"CN:leader", "US:catching-up", "baidu:leader", "openai:catching-up"}, nil},
		{"rival-noun/en", "en", "", "Augment, a GitHub Copilot rival, launched.",
			[]string{"US:leader", "microsoft:leader"}, nil},
		{"examples-object/en", "en", "", "The model outperforms comparable models like Gemma 3 and GPT-4o Mini.",
			[]string{"US:catching-up", "google:catching-up", "openai:catching-up"}, nil},
		{"possessive-lead/en", "en", "", "Anthropic supports export controls to secure America's compute lead.",
			[]string{"US:leader", "US:threat", "anthropic:threat"},
			map[string]ev{"US:leader": {"lead", "America", "leader-comparative/possessive"}}},
		// A product or an amount of the actor's stands for it; a thing
		// with a preposition after it does not.
		{"possessed-product/en", "en", "", "The new model outperformed Meta's flagship Llama 4 on coding.",
			[]string{"US:catching-up", "meta:catching-up"}, nil},
		{"possessed-amount/en", "en", "", "Anthropic reached a $1 trillion valuation, surpassing OpenAI's $880 billion.",
			[]string{"anthropic:leader", "openai:catching-up"}, nil},
		{"possessed-thing/en", "en", "", "The ruling is challenging OpenAI's liability for ChatGPT's outputs.",
			[]string{}, nil},
		// Examples of the object noun past a comma, and of "leaders like".
		{"examples-comma/en", "en", "", "The model outperforms other models, including GPT-4, on medical tasks.",
			[]string{"US:catching-up", "openai:catching-up"}, nil},
		{"leaders-like-object/en", "en", "", "Grok 4 could outperform leaders like Gemini 2.5 Pro and Claude 4 Opus.",
			[]string{"anthropic:leader", "google:leader", "xai:catching-up"}, nil},
		// match and keep up with need an actor to compare with.
		{"match-thing/en", "en", "", "The robot matches human performance in warehouse work.",
			[]string{}, nil},
		{"keep-up-thing/en", "en", "", "Microsoft's rivals are keeping up with increased load from AI.",
			[]string{}, nil},
		// A capitalised cue word inside a sentence is a name.
		{"cue-name/en", "en", "", "Microsoft added a new \"Catch Up\" chat interface to its AI assistant.",
			[]string{}, nil},
		// A title in apposition frames the name after it.
		{"title-apposition/en", "en", "", "The chip reduces Amazon's reliance on market leader Nvidia.",
			[]string{"US:leader", "nvidia:leader"},
			map[string]ev{"nvidia:leader": {"market leader", "Nvidia", "leader-state/apposition"}}},
		// A predicate joined by "and" to an earlier one.
		{"joined-predicate/en", "en", "", "Nvidia is the most valuable company on Earth and the dominant supplier of AI chips.",
			[]string{"US:leader", "nvidia:leader"}, nil},
		// X's rival: X is the reference; the apposition after it is labelled.
		{"possessive-rival/en", "en", "", "Amazon invested in OpenAI's chief startup rival, Anthropic.",
			[]string{"anthropic:catching-up", "openai:leader"}, nil},
		// rival as a verb needs an actor to rival; a left-out noun after a
		// possessive still names the actor.
		{"rival-thing/en", "en", "", "The new robot is built to rival human workers in warehouses.",
			[]string{}, nil},
		{"rival-ellipsis/en", "en", "", "Baidu unveiled a new AI model rivaling OpenAI's and Google's offerings.",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "google:leader", "openai:leader"}, nil},
		// An adverb before a preposition cue keeps it a predicate.
		{"currently-ahead/en", "en", "", "Microsoft is currently ahead of rivals in AI talent.",
			[]string{"US:leader", "microsoft:leader"}, nil},
		// The makers a leading noun comes from.
		{"makers-from/en", "en", "", "The new model could match state-of-the-art models from Google and OpenAI.",
			[]string{"US:leader", "google:leader", "openai:leader"}, nil},
		// rivals as a verb after a relative pronoun.
		{"that-rivals/en", "en", "", "Baidu released a reasoning model that rivals OpenAI's earlier models.",
			[]string{"CN:catching-up", "US:leader", "baidu:catching-up", "openai:leader"}, nil},
		// 超 frames only with an actor right after it.
		{"chao-adjacent/zh", "zh", "", "新芯片性能超英伟达A100。",
			[]string{"US:catching-up", "nvidia:catching-up"}, nil},
		{"chao-adverb/zh", "zh", "", "谷歌发布超低码率语音编解码器。",
			[]string{}, nil},
		{"comes-behind/en", "en", "", "While it comes behind DeepSeek R1 in intelligence, it is cheaper.",
			[]string{"CN:leader", "deepseek:leader"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := an.Analyze(corpus.Article{ID: tt.name, Lang: tt.lang, Country: tt.country, Text: tt.text})
			got := frameKeys(res)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("frames = %q, want %q\n%s", got, tt.want, dump(res))
			}
			for key, want := range tt.evidence {
				at, ok := find(res, key)
				if !ok {
					t.Errorf("no attribution %s", key)
					continue
				}
				found := false
				for _, e := range at.Evidence {
					if e.Sentence == "" || !strings.Contains(tt.text, e.Sentence) {
						t.Errorf("%s evidence sentence %q is not from the text", key, e.Sentence)
					}
					found = found || e.Cue == want.cue && e.Mention == want.mention && strings.Contains(e.Rule, want.rule)
				}
				if !found {
					t.Errorf("%s has no evidence with cue %q, mention %q, rule containing %q:\n%s",
						key, want.cue, want.mention, want.rule, dump(res))
				}
				if at.Score <= 0 || at.Score > 1 {
					t.Errorf("%s score %v out of (0, 1]", key, at.Score)
				}
			}
		})
	}
}

func find(res corpus.Analysis, key string) (corpus.Attribution, bool) {
	for _, at := range res.Frames {
		if at.Actor+":"+string(at.Frame) == key {
			return at, true
		}
	}
	return corpus.Attribution{}, false
}

func dump(res corpus.Analysis) string {
	var b strings.Builder
	for _, at := range res.Frames {
		for _, e := range at.Evidence {
			fmt.Fprintf(&b, "  %s %s cue=%q mention=%q rule=%q\n", at.Actor, at.Frame, e.Cue, e.Mention, e.Rule)
		}
	}
	return b.String()
}

func TestAnalyzeActorsAndMetadata(t *testing.T) {
	an := testAnalyzer(t)
	res := an.Analyze(corpus.Article{ID: "m1", Title: "文心一言发布", Text: "Microsoft reported earnings."})
	if res.ID != "m1" || res.Lang != corpus.Chinese {
		t.Errorf("id %q lang %q, want m1 zh (title and text decide the language)", res.ID, res.Lang)
	}
	if want := []string{"CN", "US", "baidu", "microsoft"}; !reflect.DeepEqual(res.Actors, want) {
		t.Errorf("actors = %q, want %q", res.Actors, want)
	}
	if res.Codebook != an.Codebook().Version() || !strings.HasPrefix(res.Codebook, "default-") {
		t.Errorf("codebook = %q, want %q", res.Codebook, an.Codebook().Version())
	}
	if res.Frames == nil {
		t.Error("frames is nil, want an empty list")
	}
}

func TestAnalyzeScoreAccumulates(t *testing.T) {
	an := testAnalyzer(t)
	res := an.Analyze(corpus.Article{Lang: "en", Text: "Europe is falling behind in AI. Europe is a laggard in chips."})
	at, ok := find(res, "EU:catching-up")
	if !ok || len(at.Evidence) != 2 {
		t.Fatalf("EU catching-up with two evidence sentences expected:\n%s", dump(res))
	}
	if at.Score != 1 {
		t.Errorf("score = %v, want 1", at.Score)
	}
	weak := an.Analyze(corpus.Article{Lang: "en", Text: "iFlytek claims its Spark model beats GPT-4."})
	at, ok = find(weak, "iflytek:leader")
	if !ok || at.Score >= 0.5 {
		t.Errorf("self-claim score = %v, want below 0.5:\n%s", at.Score, dump(weak))
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	an := testAnalyzer(t)
	texts := []corpus.Article{
		{Lang: "zh", Text: "DeepSeek超越了OpenAI。华为与英伟达仍有差距。"},
		{Lang: "en", Text: "Baidu still trails OpenAI. Europe is falling behind."},
	}
	want := make([][]string, len(texts))
	for i, a := range texts {
		want[i] = frameKeys(an.Analyze(a))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				k := (g + i) % len(texts)
				if got := frameKeys(an.Analyze(texts[k])); !reflect.DeepEqual(got, want[k]) {
					errs <- fmt.Sprintf("goroutine %d: %q, want %q", g, got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		text string
		want corpus.Lang
	}{
		{"DeepSeek超越了OpenAI。", "zh"},
		{"Baidu's 文心一言 trails OpenAI's ChatGPT, analysts say.", "en"},
		{"百度发布了文心一言", "zh"},
		{"人工知能の開発競争が激化している", "ja"},
		{"인공지능 경쟁이 치열하다", "ko"},
		{"1234 !!", ""},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.text); got != tt.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSentencesAndTokens(t *testing.T) {
	p := "The U.S. leads. China trails!  Is Europe behind? 中国在追赶。美国领先！"
	var got []string
	for _, s := range sentences(p) {
		if p[s.off:s.off+len(s.text)] != s.text {
			t.Errorf("sentence %q has wrong offset %d", s.text, s.off)
		}
		got = append(got, s.text)
	}
	want := []string{"The U.S. leads.", "China trails!", "Is Europe behind?", "中国在追赶。", "美国领先！"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	seg, err := SharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, w := range tokenize(segCutter(seg), "China's GPT-4o isn't misleading, U.S. firms lead", 0, nil) {
		words = append(words, w.text)
	}
	wantWords := []string{"China", "'s", "GPT-4o", "isn't", "misleading", ",", "U.S", "firms", "lead"}
	if !reflect.DeepEqual(words, wantWords) {
		t.Errorf("tokenize = %q, want %q", words, wantWords)
	}
}

func testArticle(lang corpus.Lang, text string) corpus.Article {
	return corpus.Article{ID: "t", Lang: lang, Text: text}
}

// FuzzAnalyze checks that no text makes the analyzer panic and that every
// evidence sentence comes from the text. The seeds run with go test.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "。。。", "???", "\n\n\n", "OpenAI", "被", "与", "比比比", "lead lead lead",
		"The the 's 's", "中国版", "版ChatGPT", "不再", "US-China-EU-", "，，OpenAI，，超越，，",
		"百度\n的文心一言\n正在追赶", "it it it leads", "该公司该公司超越", "Compared with", "从到",
		strings.Repeat("DeepSeek超越了OpenAI，", 200),
	} {
		f.Add(s)
	}
	an := testAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		res := an.Analyze(corpus.Article{Text: text})
		for _, at := range res.Frames {
			if !at.Frame.Valid() || at.Score < 0 || at.Score > 1 || len(at.Evidence) == 0 {
				t.Fatalf("bad attribution %+v", at)
			}
			for _, e := range at.Evidence {
				if !strings.Contains(text, e.Sentence) {
					t.Fatalf("evidence sentence %q not in text", e.Sentence)
				}
			}
		}
	})
}
