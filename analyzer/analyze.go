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
	// rules caches rule names ("overtake/subject +not-yet"), keyed by
	// ruleKey and evidenceRuleKey.
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

type evidenceRuleKey struct {
	rule, resolved    string
	question, selfish bool
}

// evidenceRule returns the rule reported for a frame given by rule to
// mention m: rule followed by how m was resolved (" +home",
// " +coref:OpenAI"), " +question" and " +self-claim" as they apply. Names
// without a coreference are built once and then cached.
func (a *Analyzer) evidenceRule(rule string, m mention, question, selfish bool) string {
	var q, self string
	if question {
		q = " +question"
	}
	if selfish {
		self = " +self-claim"
	}
	switch m.rule {
	case ruleCoref:
		return rule + " +" + ruleCoref + ":" + m.antecedent + q + self
	case "":
		if !question && !selfish {
			return rule
		}
	}
	k := evidenceRuleKey{rule, m.rule, question, selfish}
	if v, ok := a.rules.Load(k); ok {
		return v.(string)
	}
	name := rule
	if m.rule != "" {
		name += " +" + m.rule
	}
	name += q + self
	a.rules.Store(k, name)
	return name
}

// maxCachedNames bounds a scratch's rule name caches.
const maxCachedNames = 4096

// ruleName is Analyzer.ruleName through the scratch's own cache, which
// needs no synchronization.
func (sc *scratch) ruleName(a *Analyzer, x, y, z string) string {
	k := ruleKey{x, y, z}
	if v, ok := sc.names[k]; ok {
		return v
	}
	if sc.names == nil || len(sc.names) >= maxCachedNames {
		sc.names = make(map[ruleKey]string)
	}
	v := a.ruleName(x, y, z)
	sc.names[k] = v
	return v
}

// evidenceRule is Analyzer.evidenceRule through the scratch's own cache.
func (sc *scratch) evidenceRule(a *Analyzer, rule string, m mention, question, selfish bool) string {
	if m.rule == ruleCoref || (m.rule == "" && !question && !selfish) {
		return a.evidenceRule(rule, m, question, selfish)
	}
	k := evidenceRuleKey{rule, m.rule, question, selfish}
	if v, ok := sc.evidenceNames[k]; ok {
		return v
	}
	if sc.evidenceNames == nil || len(sc.evidenceNames) >= maxCachedNames {
		sc.evidenceNames = make(map[evidenceRuleKey]string)
	}
	v := a.evidenceRule(rule, m, question, selfish)
	sc.evidenceNames[k] = v
	return v
}

// scratch holds per-call buffers reused between sentences.
type scratch struct {
	words               []word
	matches             []match
	cuts                precut
	sent                sent
	pending, cueBuf     []match
	covered, cueCovered []bool
	roll                rollScratch
	st                  state
	home                [1]string // the home country's ID, for state.homeIDs
	paras, sents        []span
	cut                 hanCutter // cuts.run
	names               map[ruleKey]string
	evidenceNames       map[evidenceRuleKey]string
}

// New returns an analyzer for cb that segments Chinese with seg, after
// adding the codebook's domain words (cb.DomainWords: its Chinese names
// and cues) to seg's dictionary where seg lacks them, so that they stay one
// word (文心一言, 通义千问); a segmenter made with NewSegmenter(dir,
// cb.DomainWords()...) has them already. Adding words is not safe while
// another goroutine segments with seg, so build analyzers at start-up; the
// analyzer itself is safe for concurrent use.
func New(cb *Codebook, seg *Segmenter) *Analyzer {
	a := &Analyzer{cb: cb, seg: seg, lex: newLexicon(), cues: cb.Cues}
	a.pool.New = func() any {
		sc := &scratch{}
		sc.cut = sc.cuts.run
		return sc
	}

	// Teach the segmenter the Chinese words first, so that phrases are
	// tokenized below exactly as text will be.
	seg.AddWords(cb.DomainWords()...)
	m := cb.Markers

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

	st := &sc.st
	sc.home[0] = home
	*st = state{a: a, sc: sc, lang: lang, home: home, mentioned: st.mentioned[:0], homeIDs: sc.home[:], hits: st.hits[:0]}
	sc.cuts.seg = a.seg
	for _, text := range [2]string{art.Title, art.Text} {
		sc.cuts.reset(text)
		sc.paras = appendParagraphs(sc.paras[:0], text)
		for _, p := range sc.paras {
			st.paragraph()
			sc.sents = appendSentences(sc.sents[:0], p.text)
			for _, s := range sc.sents {
				st.sentence(s.text, sc.cut, p.off+s.off)
			}
		}
	}
	return corpus.Analysis{
		ID:       art.ID,
		Lang:     lang,
		Actors:   a.rollActors(st.mentioned),
		Frames:   a.rollUp(st.hits, sc),
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
// neither rolls up. The attributions and their evidence are collected in
// sc.roll and allocated once, sorted, at the end.
func (a *Analyzer) rollUp(hits []hit, sc *scratch) []corpus.Attribution {
	rs := &sc.roll
	rs.attrs, rs.evs = rs.attrs[:0], rs.evs[:0]
	defer rs.clear()
	find := func(actor string, f corpus.Frame) int {
		for i := range rs.attrs {
			if rs.attrs[i].actor == actor && rs.attrs[i].frame == f {
				return i
			}
		}
		rs.attrs = append(rs.attrs, attrAcc{actor: actor, frame: f, frameIndex: frameIndex(f), miss: 1})
		return len(rs.attrs) - 1
	}
	for start := 0; start < len(hits); {
		end := start + 1
		for end < len(hits) && hits[end].sentence == hits[start].sentence {
			end++
		}
		group := rs.group[:0]
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
		rs.group = group
		done := rs.done[:0] // attributions of the current sentence
		for level := uint8(0); level <= 2; level++ {
			for _, r := range group {
				h := r.hit
				if r.level != level {
					continue
				}
				if level > 0 && (h.frame == corpus.Leader || h.frame == corpus.CatchingUp) && internalComparison(group, r.actor) {
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
					ev.Rule = sc.ruleName(a, ev.Rule, h.actor, r.actor)
				case 2:
					ev.Rule = sc.ruleName(a, ev.Rule, r.from, r.actor)
				}
				rs.attrs[i].n++
				rs.evs = append(rs.evs, attrEvidence{i, ev})
			}
		}
		for _, k := range done {
			rs.attrs[k.attr].miss *= 1 - k.score
		}
		rs.done = done
		start = end
	}

	// Sort the attributions (organisations before countries, then by
	// frame) and lay their evidence out in one array, in the order found.
	order := rs.order[:0]
	for i := range rs.attrs {
		order = append(order, i)
	}
	rs.order = order
	slices.SortStableFunc(order, func(i, j int) int {
		x, y := &rs.attrs[i], &rs.attrs[j]
		if x.actor != y.actor {
			if actorLess(x.actor, y.actor) {
				return -1
			}
			return 1
		}
		return x.frameIndex - y.frameIndex
	})
	out := make([]corpus.Attribution, len(order))
	evs := make([]corpus.Evidence, len(rs.evs))
	next := 0
	for k, i := range order {
		at := &rs.attrs[i]
		// Score: the chance that at least one sentence carries the frame,
		// taking each sentence's best score as independent evidence.
		out[k] = corpus.Attribution{
			Actor:    at.actor,
			Frame:    at.frame,
			Score:    math.Round((1-at.miss)*1000) / 1000,
			Evidence: evs[next : next : next+at.n],
		}
		at.slot = k
		next += at.n
	}
	for _, e := range rs.evs {
		k := rs.attrs[e.attr].slot
		out[k].Evidence = append(out[k].Evidence, e.ev)
	}
	return out
}

// rolled is a hit reported for an actor, directly or rolled up.
type rolled struct {
	hit   *hit
	level uint8  // 0 direct, 1 product to maker, 2 to country
	actor string // the actor reported
	from  string // the actor rolled up from
}

// kept is an attribution given in the current sentence, with its best score.
type kept struct {
	attr  int
	score float64
}

// attrAcc accumulates one attribution while hits are rolled up.
type attrAcc struct {
	actor      string
	frame      corpus.Frame
	frameIndex int
	miss       float64 // chance that no sentence carries the frame
	n          int     // evidence count
	slot       int     // index in the result
}

type attrEvidence struct {
	attr int
	ev   corpus.Evidence
}

// rollScratch holds rollUp's buffers between calls.
type rollScratch struct {
	group []rolled
	done  []kept
	attrs []attrAcc
	evs   []attrEvidence
	order []int
}

// clear drops the buffers' references to the article, keeping their room.
func (rs *rollScratch) clear() {
	clear(rs.group[:cap(rs.group)])
	clear(rs.attrs)
	clear(rs.evs)
	rs.group, rs.attrs, rs.evs = rs.group[:0], rs.attrs[:0], rs.evs[:0]
}

// internalComparison reports whether a country (or maker) is given leader
// through one of its actors and catching-up through another in the
// sentence's group: it compares its own actors.
func internalComparison(group []rolled, actor string) bool {
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
