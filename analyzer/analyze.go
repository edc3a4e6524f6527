package analyzer

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/framescope/framescope/corpus"
)

// Analyzer codes the frames of articles with one codebook. It is safe for
// concurrent use.
type Analyzer struct {
	cb   *Codebook
	seg  *Segmenter
	lex  *lexicon
	cues []CueSet
	pool sync.Pool // *scratch
	// rules caches rule names ("overtake/subject +not-yet").
	rules sync.Map
}

type ruleKey struct{ a, b, c string }

// ruleName returns a rule name built from parts once and then cached:
// ruleName(set, role, suffix) gives "set/role" + suffix (a suffix is empty
// or starts with a space), and ruleName(rule, from, to) gives
// rule + " +rollup:from→to".
func (a *Analyzer) ruleName(x, y, z string) string {
	k := ruleKey{x, y, z}
	if v, ok := a.rules.Load(k); ok {
		return v.(string)
	}
	var name string
	if z == "" || strings.HasPrefix(z, " ") {
		name = x + "/" + y + z
	} else {
		name = x + " +rollup:" + y + "→" + z
	}
	a.rules.Store(k, name)
	return name
}

// scratch holds per-call buffers reused between sentences.
type scratch struct {
	words               []word
	matches             []match
	cuts                precut
	sent                sent
	pending, cueBuf     []match
	covered, cueCovered []bool
	hits                []hit
	mentioned           []string
}

// New returns an analyzer for cb that segments Chinese with seg, after
// adding the codebook's Chinese names and cues to seg's dictionary so that
// they stay one word (文心一言, 通义千问). Adding words is not safe while
// another goroutine segments with seg, so build analyzers at start-up; the
// analyzer itself is safe for concurrent use.
func New(cb *Codebook, seg *Segmenter) *Analyzer {
	a := &Analyzer{cb: cb, seg: seg, lex: newLexicon(), cues: cb.Cues}
	a.pool.New = func() any { return &scratch{} }

	// Teach the segmenter the Chinese words first, so that phrases are
	// tokenized below exactly as text will be.
	var words []string
	collect := func(ps ...[]string) {
		for _, p := range ps {
			for _, w := range p {
				for _, run := range hanRuns(w) {
					if len([]rune(run)) >= 2 {
						words = append(words, run)
					}
				}
			}
		}
	}
	for _, ac := range cb.Actors {
		collect(ac.Aliases, ac.People)
	}
	collect(cb.Home)
	for _, an := range cb.Anaphora {
		collect(an.Words)
	}
	for _, c := range cb.Cues {
		collect(c.Words, c.Exclude)
	}
	m := cb.Markers
	collect(m.Negation, m.NoLonger, m.NotYet, m.Aspiration, m.Modal, m.Comparison, m.Partner, m.Clause, m.Claim, m.From, m.To, m.Domain, m.Descriptors, cb.NotActors, cb.Words)
	seg.AddWords(words...)

	add := func(phrases []string, caseSensitive bool, e entry) {
		for _, p := range phrases {
			a.lex.add(tokenize(segCutter(seg), p, 0, nil), caseSensitive, e)
		}
	}
	for _, ac := range cb.Actors {
		add(ac.Aliases, true, entry{kind: kActor, ids: []string{ac.ID}})
		add(ac.People, true, entry{kind: kPeople, ids: []string{ac.ID}})
	}
	add(cb.Home, false, entry{kind: kHome})
	for _, an := range cb.Anaphora {
		add(an.Words, false, entry{kind: kAnaphor, anaphor: an.Refers})
	}
	for i, c := range cb.Cues {
		add(c.Words, false, entry{kind: kCue, cue: i})
		add(c.Exclude, false, entry{kind: kExclude, cue: i})
	}
	for _, l := range cb.Labels {
		add(l.Words, false, entry{kind: kLabel})
	}
	for _, mk := range []struct {
		words []string
		kind  entryKind
	}{
		{m.Negation, kNegation}, {m.NoLonger, kNoLonger}, {m.NotYet, kNotYet},
		{m.Aspiration, kAspiration}, {m.Modal, kModal},
		{m.NotNegation, kNotNegation}, {m.Passive, kPassive}, {m.Be, kBe},
		{m.Comparison, kComparison}, {m.Join, kJoin}, {m.Partner, kPartner},
		{m.Clause, kClause}, {m.Claim, kClaim}, {m.Contrast, kContrast},
		{m.From, kFrom}, {m.To, kTo}, {m.Locative, kLocative}, {m.Domain, kDomain},
		{cb.NotActors, kNotActor}, {m.Descriptors, kDescriptor},
	} {
		add(mk.words, false, entry{kind: mk.kind})
	}
	return a
}

// Codebook returns the codebook the analyzer codes with.
func (a *Analyzer) Codebook() *Codebook { return a.cb }

// hanRuns returns the runs of Chinese characters in s.
func hanRuns(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if hasHan(string(r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// hit is one frame attributed in one sentence, before roll-up.
type hit struct {
	actor    string // as mentioned (may be a product)
	frame    corpus.Frame
	sentence int
	instance int // cue instance, to drop a contradicted self-claim whole
	score    float64
	ev       corpus.Evidence
	selfish  bool // a self-claim, dropped when a contrasting clause frames the actor
	clause   int
}

// Analyze codes one article: its title and text, in a.Lang or the detected
// language, with a.Country as the outlet's home country (CN for a Chinese
// text without one). It returns every actor mentioned (rolled up to makers
// and countries) and one attribution per actor and frame with its evidence.
func (a *Analyzer) Analyze(art corpus.Article) corpus.Analysis {
	lang := art.Lang
	if lang == "" {
		lang = DetectLang(art.Title + "\n" + art.Text)
	}
	home := art.Country
	if home == "" && lang == corpus.Chinese {
		home = "CN"
	}
	sc := a.pool.Get().(*scratch)
	defer a.pool.Put(sc)

	st := &state{a: a, sc: sc, lang: lang, home: home, mentioned: sc.mentioned[:0], homeIDs: []string{home}, hits: sc.hits[:0]}
	defer func() { sc.hits, sc.mentioned = st.hits[:0], st.mentioned[:0] }()
	sc.cuts.seg = a.seg
	for _, text := range []string{art.Title, art.Text} {
		sc.cuts.reset(text)
		cut := sc.cuts.cut(text)
		for _, p := range paragraphs(text) {
			st.paragraph()
			for _, s := range sentences(p.text) {
				st.sentence(s.text, cut, p.off+s.off)
			}
		}
	}
	return corpus.Analysis{
		ID:       art.ID,
		Lang:     lang,
		Actors:   a.rollActors(st.mentioned),
		Frames:   a.rollUp(st.hits),
		Codebook: a.cb.Version(),
	}
}

// outputID maps an actor to the ID reported: products report as their maker.
func (a *Analyzer) outputID(id string) string { return a.cb.Maker(id) }

// rollActors returns the mentioned actors with their makers and countries,
// sorted, products replaced by their makers.
func (a *Analyzer) rollActors(mentioned []string) []string {
	out := make([]string, 0, 2*len(mentioned))
	for _, id := range mentioned {
		for _, r := range [2]string{a.outputID(id), a.cb.Country(id)} {
			if r != "" && !contains(out, r) {
				out = append(out, r)
			}
		}
	}
	sort.Strings(out)
	return out
}

// rollUp turns sentence hits into attributions: products are reported as
// their maker, and every maker's frame is also attributed to its home
// country, once per sentence, actor and frame. When one sentence gives a
// country (or maker) leader through one of its actors and catching-up
// through another (DeepSeek overtook Baidu), the comparison is internal and
// neither rolls up.
func (a *Analyzer) rollUp(hits []hit) []corpus.Attribution {
	var out []corpus.Attribution
	var miss []float64 // per attribution: chance that no sentence carries it
	find := func(actor string, f corpus.Frame) int {
		for i := range out {
			if out[i].Actor == actor && out[i].Frame == f {
				return i
			}
		}
		out = append(out, corpus.Attribution{Actor: actor, Frame: f})
		miss = append(miss, 1)
		return len(out) - 1
	}
	type rolled struct {
		hit   *hit
		level uint8  // 0 direct, 1 product to maker, 2 to country
		actor string // the actor reported
		from  string // the actor rolled up from
	}
	type kept struct {
		attr  int
		score float64
	}
	var group []rolled
	var done []kept // attributions of the current sentence
	for start := 0; start < len(hits); {
		end := start + 1
		for end < len(hits) && hits[end].sentence == hits[start].sentence {
			end++
		}
		group = group[:0]
		for i := start; i < end; i++ {
			h := &hits[i]
			o := a.outputID(h.actor)
			lvl := uint8(0)
			if o != h.actor {
				lvl = 1
			}
			group = append(group, rolled{h, lvl, o, h.actor})
			if c := a.cb.Country(h.actor); c != "" && c != o {
				group = append(group, rolled{h, 2, c, o})
			}
		}
		// A country (or maker) given leader through one of its actors and
		// catching-up through another compares its own actors.
		internal := func(actor string) bool {
			var l, c string
			for _, r := range group {
				if r.level == 0 || r.actor != actor {
					continue
				}
				switch r.hit.frame {
				case corpus.Leader:
					if c != "" && c != r.from {
						return true
					}
					if l == "" {
						l = r.from
					}
				case corpus.CatchingUp:
					if l != "" && l != r.from {
						return true
					}
					if c == "" {
						c = r.from
					}
				}
			}
			return false
		}
		done = done[:0]
		for level := uint8(0); level <= 2; level++ {
			for _, r := range group {
				h := r.hit
				if r.level != level {
					continue
				}
				if level > 0 && (h.frame == corpus.Leader || h.frame == corpus.CatchingUp) && internal(r.actor) {
					continue
				}
				i := find(r.actor, h.frame)
				dup := false
				for k := range done {
					if done[k].attr == i {
						done[k].score = max(done[k].score, h.score)
						dup = true
					}
				}
				if dup {
					continue
				}
				done = append(done, kept{i, h.score})
				ev := h.ev
				switch level {
				case 1:
					ev.Rule = a.ruleName(ev.Rule, h.actor, r.actor)
				case 2:
					ev.Rule = a.ruleName(ev.Rule, r.from, r.actor)
				}
				out[i].Evidence = append(out[i].Evidence, ev)
			}
		}
		for _, k := range done {
			miss[k.attr] *= 1 - k.score
		}
		start = end
	}
	// Score: the chance that at least one sentence carries the frame, taking
	// each sentence's best score as independent evidence.
	for i := range out {
		out[i].Score = math.Round((1-miss[i])*1000) / 1000
	}
	if out == nil {
		out = []corpus.Attribution{}
	}
	slices.SortStableFunc(out, func(x, y corpus.Attribution) int {
		if x.Actor != y.Actor {
			if actorLess(x.Actor, y.Actor) {
				return -1
			}
			return 1
		}
		return frameIndex(x.Frame) - frameIndex(y.Frame)
	})
	return out
}

// actorLess orders organisations before countries (upper-case IDs), each
// alphabetically.
func actorLess(x, y string) bool {
	cx, cy := x != "" && x[0] >= 'A' && x[0] <= 'Z', y != "" && y[0] >= 'A' && y[0] <= 'Z'
	if cx != cy {
		return !cx
	}
	return x < y
}

func frameIndex(f corpus.Frame) int {
	for i, g := range corpus.Frames {
		if g == f {
			return i
		}
	}
	return len(corpus.Frames)
}
