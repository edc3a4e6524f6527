package analyzer

import (
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
	// scopes and scope hold the words of the scope stage (scope.go).
	scopes []cueScope
	scope  scopeWords
	pool   sync.Pool // *scratch
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
	a.scopes, a.scope = newScope(cb)
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
		for _, re := range ac.patterns {
			prefix, _ := re.LiteralPrefix()
			a.lex.patterns = append(a.lex.patterns, namePattern{re: re, prefix: prefix, ids: []string{ac.ID}})
		}
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
		{m.Topic, kTopic}, {m.OffTopic, kOffTopic}, {m.Domestic, kDomestic}, {m.Rivals, kRival},
		{m.Predicate, kPredicate}, {m.Example, kExample}, {m.Named, kNamed}, {m.Acronyms, kAcronym}, {m.World, kWorld}, {m.Standing, kStanding}, {m.Target, kTarget}, {m.NameParts, kNamePart}, {m.ObjectBreak, kObjectBreak}, {m.Persons, kPerson}, {m.Creation, kCreation}, {m.Shrink, kShrink}, {m.Titles, kTitle},
		{m.List, kList}, {m.Manner, kManner}, {m.Subordinate, kSubordinate}, {m.Portion, kPortion}, {m.Relative, kRelative}, {m.Opposed, kOpposed}, {m.Ability, kAbility}, {m.Unnamed, kUnnamed}, {m.Base, kBase}, {m.Eroding, kEroding}, {m.Complement, kComplement}, {m.Widen, kWiden}, {m.Heads, kHead}, {m.Openers, kOpener},
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
