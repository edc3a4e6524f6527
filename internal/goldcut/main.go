// Command goldcut cuts the candidate sentences of the real-text gold set
// from the evaluation corpus (../shared/evaldata): sentences that carry a
// leader / catching-up cue or a comparison and name an actor of the
// codebook, and a sample of cue-bearing sentences that name none (traps).
// Its cue lists are deliberately broader than the codebook's, so that the
// sample is not limited to what the coder already knows. It writes JSONL
// with the sentence text, for coders to label; the text is not to be
// committed (analyzer/testdata/realgold/README.md).
//
//	go run ./internal/goldcut -texts ../shared/evaldata -out /tmp/gold
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/framescope/framescope/analyzer"
)

// candidate is one sentence offered to the coders.
type candidate struct {
	Hash    string `json:"hash"`
	File    string `json:"file"`
	Lang    string `json:"lang"`
	Country string `json:"country"`
	Stratum string `json:"stratum"`
	Text    string `json:"text"`
}

var (
	strongEN = regexp.MustCompile(`(?i)\b(lead|leads|leading|leader|leaders|leadership|ahead|behind|trail\w*|lag|lags|lagging|lagged|catch(es|ing)? up|caught up|catch-up|gap|overtak\w+|overtook|surpass\w*|outperform\w*|outpac\w+|outstrip\w*|beat|beats|beating|dominat\w+|dominan\w+|frontier|pioneer\w*|leapfrog\w*|rival\w*|on par|parity|superior|inferior|edge out|top spot|number one|no\. 1|state-of-the-art|sota|world-leading|industry-leading|cutting-edge|falls? short|keep(s|ing)? pace|keep(s|ing)? up)\b`)
	weakEN   = regexp.MustCompile(`(?i)\b(than|compar\w+|compet\w+|race|challeng\w+|take on|versus|vs\.?|top|best|first|fastest|largest|biggest|most powerful|answer to|alternative to|counterpart|match\w*|equal\w*)\b`)
	strongZH = regexp.MustCompile(`领先|领跑|引领|第一梯队|主导|霸主|龙头|超越|超过|反超|赶超|追赶|追上|赶上|落后|差距|跟跑|并跑|媲美|比肩|对标|直逼|击败|打败|胜过|优于|不如|逊于|弱于|强于|领军|标杆|前列|前茅|首位|第一|一流|顶尖|国际先进|世界级|遥遥|弯道超车|卡脖子|短板|平替|替代|掉队|看齐`)
	weakZH   = regexp.MustCompile(`竞争|竞赛|角逐|比拼|挑战|抗衡|首个|首款|首次|全球首|最大|最快|最强|比|相比|相较|对比`)
)

func main() {
	texts := flag.String("texts", "../shared/evaldata", "the evaluation data `folder`")
	out := flag.String("out", "/tmp/gold", "output `folder`")
	seed := flag.Uint64("seed", 2026, "sampling seed")
	exclude := flag.String("exclude", "", "gold JSONL `file` whose sentences are not drawn again")
	flag.Parse()
	if err := run(*texts, *out, *seed, *exclude); err != nil {
		fmt.Fprintln(os.Stderr, "goldcut:", err)
		os.Exit(1)
	}
}

type source struct {
	file, lang, country string
	// per stratum: how many to draw
	strong, weak, trap int
	minLen, maxLen     int
}

func run(texts, out string, seed uint64, exclude string) error {
	cb, err := analyzer.DefaultCodebook()
	if err != nil {
		return err
	}
	names := actorMatcher(cb)
	sources := []source{
		{"realnews/tldr-en.jsonl", "en", "US", 280, 110, 80, 40, 600},
		{"realnews/cctv-xwlb-zh.jsonl", "zh", "CN", 150, 40, 40, 12, 300},
		{"headlines/headlines-2021-2022.jsonl", "zh", "CN", 150, 40, 40, 10, 200},
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	seen := map[string]bool{}
	if exclude != "" {
		b, err := os.ReadFile(exclude)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			var l struct {
				Hash string `json:"hash"`
			}
			if json.Unmarshal([]byte(line), &l) == nil && l.Hash != "" {
				seen[l.Hash] = true
			}
		}
	}
	var all []candidate
	for _, src := range sources {
		strata := map[string][]candidate{}
		err := analyzer.ReadSourceSentences(texts, src.file, func(s analyzer.SourceSentence) error {
			n := utf8.RuneCountInString(s.Text)
			if n < src.minLen || n > src.maxLen {
				return nil
			}
			h := analyzer.SentenceHash(s.Text)
			if seen[h] {
				return nil
			}
			seen[h] = true
			strong, weak := strongEN, weakEN
			if src.lang == "zh" {
				strong, weak = strongZH, weakZH
			}
			actor := names(s.Text)
			var st string
			switch {
			case strong.MatchString(s.Text) && actor:
				st = "strong"
			case weak.MatchString(s.Text) && actor:
				st = "weak"
			case strong.MatchString(s.Text):
				st = "trap"
			default:
				return nil
			}
			strata[st] = append(strata[st], candidate{Hash: h, File: src.file, Lang: src.lang, Country: src.country, Stratum: st, Text: s.Text})
			return nil
		})
		if err != nil {
			return err
		}
		for _, st := range []struct {
			name string
			n    int
		}{{"strong", src.strong}, {"weak", src.weak}, {"trap", src.trap}} {
			pool := strata[st.name]
			rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
			fmt.Fprintf(os.Stderr, "%s %s: %d candidates, %d drawn\n", src.file, st.name, len(pool), min(st.n, len(pool)))
			all = append(all, pool[:min(st.n, len(pool))]...)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Hash < all[j].Hash })
	f, err := os.Create(filepath.Join(out, "candidates.jsonl"))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, c := range all {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return f.Close()
}

// actorMatcher returns a test for whether a text names an actor of cb:
// Latin-script aliases on word boundaries and in case, Chinese aliases and
// home words anywhere, and version patterns on whole words.
func actorMatcher(cb *analyzer.Codebook) func(string) bool {
	var latin, han []string
	var pats []string
	for _, a := range cb.Actors {
		for _, al := range a.Aliases {
			if strings.IndexFunc(al, func(r rune) bool { return r > 0x2E80 }) >= 0 {
				han = append(han, regexp.QuoteMeta(al))
			} else {
				latin = append(latin, regexp.QuoteMeta(al))
			}
		}
		pats = append(pats, a.Patterns...)
	}
	for _, h := range cb.Home {
		han = append(han, regexp.QuoteMeta(h))
	}
	sort.Slice(latin, func(i, j int) bool { return len(latin[i]) > len(latin[j]) })
	re := regexp.MustCompile(`(^|[^\pL\pN])(` + strings.Join(latin, "|") + `|` + strings.Join(pats, "|") + `)($|[^\pL\pN])|` + strings.Join(han, "|"))
	return re.MatchString
}
