package terms

import "strings"

// enStop are English function words, reporting verbs and other words that
// say nothing of a story's framing.
var enStop = wordSet(`
a about above across after again against ago all almost along already also although always am among an and another any anyone anything are aren't around as at
back be became because become becomes been before being below between both but by
can can't cannot could couldn't
did didn't do does doesn't doing don't done down during
each either else enough etc even ever every
few for from further
get gets getting got
had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however
i i'd i'll i'm i've if in including into is isn't it it's its itself
just
last least less let let's like likely
made make makes many may maybe me might mine more most mostly much must mustn't my myself
near need needs neither never new next no nor not now
of off often on once one only onto or other others otherwise our ours ourselves out over own
per perhaps please
quite
rather really
said same say says see seen several shall shan't she she'd she'll she's should shouldn't since so some something still such
than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those though through thus to together too toward towards
under until up upon us use used uses using
very via
was wasn't we we'd we'll we're we've well were weren't what what's whatever when when's where where's whether which while who who's whom whose why why's will with within without won't would wouldn't
yet you you'd you'll you're you've your yours yourself yourselves
mr mrs ms according told tell tells asked says year years month months week weeks day days today yesterday time times percent
two three four five six seven eight nine ten first second third
`)

// zhStop are Chinese function words, pronouns, conjunctions, reporting
// verbs and time words of two or more characters (single characters are
// never counted).
var zhStop = wordSet(`
我们 你们 他们 她们 它们 咱们 大家 自己 本人 人们
这个 那个 这些 那些 这样 那样 这种 那种 这里 那里 这次 此次 这一 该项 其中 其他 其它 其余 各种 各个 所有 任何 每个 一切 一些 一个 一种 一项 一次 一直 一定 一样 一般 一起
因为 所以 因此 但是 不过 然而 而且 并且 以及 或者 还是 如果 假如 虽然 尽管 即使 只要 只有 除了 由于 为了 对于 关于 根据 按照 通过 随着 作为 经过 基于
已经 曾经 正在 将会 将要 可以 可能 能够 应该 需要 必须 不能 不会 没有 不是 就是 也是 还是 还有 更是 只是 而是 甚至 非常 十分 特别 比较 更加 越来越 最终 终于 仍然 依然 同时 此外 另外 其实 当然 确实 的确 尤其 包括 例如 比如 等等 之一 之间 之中 之后 之前 以后 以前 以上 以下 左右 上述 如下 如何 什么 怎么 怎样 为什么 哪些 多少 是否 有关 相关 方面 一方面 另一方面 来说 而言 的话 起来 出来 进行 开始 成为 认为 表示 指出 称为 介绍 说道 提到 显示 发现 看到 知道 觉得
目前 现在 当前 如今 今年 去年 明年 今天 昨天 明天 近日 日前 近期 最近 此前 未来 年来 以来 期间 时候 时间 同比 环比 记者 报道 消息 日电 电讯 编辑 责任编辑 来源 原标题 点击 阅读 全文
`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
