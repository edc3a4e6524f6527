package crawler

import (
	"strings"
	"unicode"
)

// DefaultKeywords is the AI keyword list applied to sources that set no
// keywords: an item is kept when its title, summary or categories (for
// listing pages: title or text) contain one of them. ASCII keywords match
// whole words, case-insensitively; Chinese keywords match anywhere.
var DefaultKeywords = []string{
	"AI", "A.I.", "artificial intelligence", "machine learning", "deep learning", "neural network",
	"large language model", "LLM", "LLMs", "generative", "GenAI", "chatbot", "ChatGPT", "GPT", "OpenAI",
	"Anthropic", "Claude", "Gemini", "DeepMind", "DeepSeek", "Mistral", "Llama", "Copilot",
	"Nvidia", "GPU", "AI chip", "semiconductor", "AGI", "transformer model", "foundation model",
	"Baidu", "Ernie", "Qwen", "Kimi", "Moonshot", "Zhipu", "MiniMax", "Hugging Face", "robotics",
	"人工智能", "大模型", "大语言模型", "生成式", "机器学习", "深度学习", "神经网络", "智能体", "算力",
	"芯片", "英伟达", "文心一言", "文心", "通义", "千问", "豆包", "智谱", "月之暗面", "深度求索",
	"机器人", "自动驾驶", "AIGC", "具身智能", "多模态", "推理模型", "开源模型",
}

// keywordFilter decides which items of a source are kept.
type keywordFilter struct {
	words []string // lower-cased
	all   bool
}

// newKeywordFilter returns the filter for a source's keywords: nil means
// DefaultKeywords, an empty non-nil slice keeps everything.
func newKeywordFilter(kw []string) keywordFilter {
	if kw == nil {
		kw = DefaultKeywords
	}
	if len(kw) == 0 {
		return keywordFilter{all: true}
	}
	f := keywordFilter{words: make([]string, 0, len(kw))}
	for _, w := range kw {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			f.words = append(f.words, w)
		}
	}
	f.all = len(f.words) == 0
	return f
}

// Match reports whether any of texts contains a keyword.
func (f keywordFilter) Match(texts ...string) bool {
	if f.all {
		return true
	}
	for _, t := range texts {
		lt := strings.ToLower(t)
		for _, w := range f.words {
			if containsWord(lt, w) {
				return true
			}
		}
	}
	return false
}

// containsWord reports whether w occurs in s; when w starts or ends with
// an ASCII letter or digit, that end must not touch another one.
func containsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(w)
		okStart := i == 0 || !isASCIIWord(w[0]) || !isASCIIWord(s[i-1])
		okEnd := end == len(s) || !isASCIIWord(w[len(w)-1]) || !isASCIIWord(s[end])
		if okStart && okEnd {
			return true
		}
		off = i + 1
	}
}

func isASCIIWord(b byte) bool {
	return b < unicode.MaxASCII && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9')
}
