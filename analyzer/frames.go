package analyzer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
)

// role is one actor reference a cue frames, with the rule that put it there.
type role struct {
	m      mention
	frame  corpus.Frame
	rule   string
	factor float64
	object bool // the object side of a comparison
}

// applyCue attributes the frames of one cue in clause ci of s: the scope
// stage decides whether the cue frames at all, the roles stage whom it
// frames and how, the gate which of those it may frame, and emit records
// the hits.
func (st *state) applyCue(s *sent, ci int, m match) {
	st.ninst++
	if m.kind == kLabel {
		st.applyLabel(s, ci, m)
		return
	}
	set := &st.a.cues[m.cue]
	if !st.inScope(s, s.clauses[ci], m, set) {
		return
	}
	before, after := st.sides(s, s.clauses[ci], m, set)
	defer func() { s.beforeBuf, s.afterBuf = before[:0], after[:0] }()
	var roles []role
	switch {
	case set.All:
		roles = st.undirected(s, s.clauses[ci], set, before, after)
	case set.Derivative:
		roles = st.derivative(s, ci, m, set, before, after)
	default:
		c := s.clauses[ci]
		anchor := m.start
		if p, ok := s.passive(c, m, st.lang); ok && set.Object != "" && s.words[p].han {
			anchor = p // 美国仍未被中国超越: the negation is before 被
		}
		neg := st.negation(s, c, anchor, set)
		if neg == negDrop {
			return
		}
		roles = st.direction(s, ci, m, set, before, after, s.partner, neg)
	}
	if set.ObjectOnly {
		roles = objectRoles(roles)
	}
	roles = st.gate(s, s.clauses[ci], m, set, roles)
	st.emit(s, ci, m, set, roles)
}

// sides splits the mentions of clause c into those before and after cue m,
// leaving out settings (leads in China) for directional cues.
func (st *state) sides(s *sent, c clause, m match, set *CueSet) (before, after []mention) {
	before, after = s.beforeBuf[:0], s.afterBuf[:0]
	stop := c.end
	if !set.All {
		stop = st.coordinatedCue(s, c, m)
	}
	for _, k := range c.mentions {
		mm := s.mentions[k]
		if !set.All && st.isSetting(s, mm) {
			continue
		}
		switch {
		case mm.end <= m.start:
			before = append(before, mm)
		case mm.start >= m.end && mm.start < stop && (set.All || (!s.hasMarker(kObjectBreak, s.objectBreakFrom(m), mm.start) && !s.modifiesNoun(mm))):
			// "closing the gap after their releases of K2", "outpaced the
			// Turing test with AI like o1": no object; "its Silicon Valley
			// peers": a country describing the object.
			after = append(after, mm)
		}
	}
	return before, after
}

// objectBreakFrom returns the first word after cue m at which an object
// break word (for, after, which...) ends its objects. A preposition right
// after the cue, or after one adverb, introduces the object (lags behind
// in, catching up fast with the US); a conjunction there does not (catch up
// after Llama 4 disappointed).
func (s *sent) objectBreakFrom(m match) int {
	i := m.end
	if s.hasMarkerAt(kManner, i) {
		i++
	}
	if i >= len(s.words) {
		return i
	}
	if s.hasMarkerAt(kSubordinate, i) {
		return i
	}
	return i + 1
}

// coordinatedCue returns where the objects of cue m end: at a second
// directed cue of the clause joined by and / or ("ties with Claude and
// beats Phi-4": Phi-4 is beaten, not tied with), or at and / or before a
// be verb after an object, else at the clause's end.
func (st *state) coordinatedCue(s *sent, c clause, m match) int {
	for _, k := range c.cues {
		n := s.cues[k]
		if n.start <= m.end || n.start >= c.end || n.kind != kCue {
			continue
		}
		if set := &st.a.cues[n.cue]; set.All || set.Attributive || set.Frame == "" {
			continue
		}
		j := n.start - 1
		for j > m.end && (s.words[j].fold == "also" || s.words[j].fold == "even" || s.words[j].fold == "then") {
			j--
		}
		if s.hasMarkerAt(kList, j) && s.mentionBetween(m.end, j) {
			return n.start // ("match or surpass GPT-4" share their object)
		}
	}
	// "rivaling OpenAI's GPT-4 and is linked to Mistral's Mixtral": a
	// second predicate, whose actors are not the cue's objects.
	for j := m.end + 1; j+1 < c.end; j++ {
		if s.hasMarkerAt(kList, j) && !s.words[j].han && s.hasMarkerAt(kBe, j+1) && s.mentionBetween(m.end, j) {
			return j
		}
	}
	return c.end
}

// participleSubject keeps, for an English -ing cue right after an actor's
// noun phrase that follows other actors (Altman responded to DeepSeek's R1
// model outperforming competitors; an interest in the US beating China),
// only the actors of that phrase: the -ing clause's subject. A phrase that
// ends a list (Google and OpenAI leading) keeps the list.
func (s *sent) participleSubject(before []mention, m match, lang corpus.Lang) []mention {
	if lang != corpus.English || len(before) < 2 || !strings.HasSuffix(s.words[m.start].fold, "ing") {
		return before
	}
	j := m.start
	for j > 0 && m.start-j < 2 && (s.hasMarker(kTopic, j-1, j) || s.hasMarker(kNamePart, j-1, j)) {
		j--
	}
	first := -1
	for _, mm := range before {
		if mm.end == j {
			first, _ = s.chainBounds(mm)
		}
	}
	if first <= before[0].start {
		return before
	}
	k := first - 1
	if k > 0 && s.words[k].fold == "the" {
		k--
	}
	if s.words[k].punct || s.hasMarkerAt(kList, k) {
		return before
	}
	out := before[:0]
	for _, mm := range before {
		if mm.start >= first {
			out = append(out, mm)
		}
	}
	return out
}

// gerundSubject keeps, for an English cue after "by" (DeepSeek stunned
// Silicon Valley by matching o1), only the clause's first actor and those
// linked to it: the others are objects of the main verb.
func (s *sent) gerundSubject(before []mention, m match, lang corpus.Lang) []mention {
	if lang != corpus.English || m.start == 0 || !s.hasMarkerAt(kPassive, m.start-1) || len(before) < 2 {
		return before
	}
	_, end := s.chainBounds(before[0])
	out := before[:0]
	for _, mm := range before {
		if mm.start < end {
			out = append(out, mm)
		}
	}
	return out
}

// undirected gives a race or threat cue's frame to every actor of its
// clause, else to the actors its anaphora name, else to every actor of the
// sentence.
func (st *state) undirected(s *sent, c clause, set *CueSet, before, after []mention) []role {
	all := append(append(s.allBuf[:0], before...), after...)
	rule := st.sc.ruleName(st.a, set.ID, "clause", "")
	if len(all) == 0 {
		for _, k := range c.anaphora {
			if r := st.resolve(s, s.anaphora[k]); r.valid() {
				all = append(all, r)
			}
		}
	}
	s.allBuf = all[:0]
	if len(all) == 0 {
		all = s.mentions
		rule = st.sc.ruleName(st.a, set.ID, "sentence", "")
	}
	roles := s.roleBuf[:0]
	for _, mm := range all {
		roles = append(roles, role{m: mm, frame: set.Frame, rule: rule, factor: 1})
	}
	s.roleBuf = roles[:0]
	return roles
}

// emit records the hits of a cue's roles with their scores and evidence.
func (st *state) emit(s *sent, ci int, m match, set *CueSet, roles []role) {
	if len(roles) == 0 {
		return
	}
	weight := set.Weight
	if weight == 0 {
		weight = 1
	}
	cueText := s.span(m.start, m.end)
	selfish := st.selfClaim(s, m, roles)
	for _, r := range roles {
		score := weight * r.factor
		if r.m.rule == ruleCoref {
			score *= factorCoref
		}
		if s.question {
			score *= factorQuestion
		}
		if selfish {
			score *= factorSelfClaim
		}
		rule := st.sc.evidenceRule(st.a, r.rule, r.m, s.question, selfish)
		for _, id := range r.m.ids {
			frame := r.frame
			if len(r.m.ids) > 1 && !r.object && (r.frame == corpus.Leader || r.frame == corpus.CatchingUp) {
				var ok bool
				if frame, ok = st.jointGap(s, m, set, r, id); !ok {
					continue // a joint name (中美) has no single direction
				}
			}
			st.hits = append(st.hits, hit{
				actor: id, frame: frame, sentence: st.nsent, instance: st.ninst, score: score,
				selfish: selfish, clause: ci,
				ev: corpus.Evidence{Sentence: s.text, Cue: cueText, Mention: r.m.text, Rule: rule},
			})
		}
	}
}

// jointGap returns the frame of country id in a joint name that is the
// subject of a closing gap (a shrink word in or after the cue) in a Chinese
// text (中美AI差距缩小 in a Chinese outlet), or the party of a gap another
// subject widens (Sora拉大了中美的差距): the home country is catching up
// and the other leads. Elsewhere a joint name has no single direction.
func (st *state) jointGap(s *sent, m match, set *CueSet, r role, id string) (corpus.Frame, bool) {
	if !set.Gap || set.Frame != corpus.CatchingUp || st.lang != corpus.Chinese || st.home == "" || !slices.Contains(r.m.ids, st.home) {
		return "", false
	}
	if !s.hasMarker(kShrink, m.start, len(s.words)) && !s.widened(s.clauses[s.clauseOf(m.start)], m) {
		// A gap that is not said to close, or to be widened by someone,
		// does not say who is ahead (中美AI差距拉大).
		return "", false
	}
	for _, x := range r.m.ids {
		if st.a.cb.kind(x) != corpus.Country {
			return "", false
		}
	}
	// The home country of the joint name is catching up, whoever widens
	// the gap.
	if id == st.home {
		return corpus.CatchingUp, true
	}
	return corpus.Leader, true
}

// appositionAfterDe reports whether mention mm follows the noun after cue
// m and its 的 as its name: a head noun (markers.heads) right before it, at
// most four words after 的, with no clause punctuation, cue or other actor
// between.
func (s *sent) appositionAfterDe(m match, mm mention) bool {
	from := m.end + 1
	if mm.start <= from || mm.start-from > 4 || s.punctBetween(from, mm.start) || s.cueBetween(from, mm.start) || s.mentionBetween(from, mm.start) {
		return false
	}
	return s.markerEndsAt(kHead, mm.start)
}

// describesAfterDe reports whether cue m is followed by 的 and an actor it
// describes: right after 的, or after a head noun (appositionAfterDe).
func (s *sent) describesAfterDe(m match) bool {
	if m.end >= len(s.words) || s.words[m.end].fold != "的" {
		return false
	}
	for _, mm := range s.mentions {
		if mm.start > m.end {
			return mm.start == m.end+1 || s.appositionAfterDe(m, mm)
		}
	}
	return false
}

// dropEarlierObjects keeps, of the mentions before cue m, those before an
// earlier cue of the clause that takes objects, when that cue has a subject
// before it and its objects stand between it and m with no list or
// relative word: in DeepSeek力压OpenAI登顶应用商店 the subject of 登顶 is
// DeepSeek, not OpenAI, which 力压 beats.
func (st *state) dropEarlierObjects(s *sent, c clause, m match, before []mention) []mention {
	for _, k := range c.cues {
		n := s.cues[k]
		if n.kind != kCue || n.end > m.start || n.start < c.start {
			continue
		}
		if set := &st.a.cues[n.cue]; set.Object == "" || set.Frame == "" || set.All {
			continue
		}
		if s.hasMarker(kList, n.end, m.start) || s.hasMarker(kRelative, n.end, m.start) {
			continue
		}
		subj, objs := 0, 0
		for _, mm := range before {
			switch {
			case mm.end <= n.start:
				subj++
			case mm.start >= n.end:
				objs++
			}
		}
		if subj > 0 && objs > 0 {
			kept := before[:0:0]
			for _, mm := range before {
				if mm.end <= n.start {
					kept = append(kept, mm)
				}
			}
			return kept
		}
	}
	return before
}

// orgSubjectBefore reports whether, in Chinese, an organisation or
// product ends right before cue m (or before a one-character adverb before
// it): the cue is its verb (英伟达领跑AI芯片市场), not an adjective of the
// noun after it (领先企业). Before a country (中国领先企业) either reading
// is possible.
func (st *state) orgSubjectBefore(s *sent, m match) bool {
	if st.lang != corpus.Chinese || m.start == 0 {
		return false
	}
	i := m.start
	if w := s.words[i-1]; w.han && utf8.RuneCountInString(w.text) == 1 && !s.endsMention(i-1) {
		i-- // 已, 仍, 正
	}
	for _, mm := range s.mentions {
		if mm.end == i && mm.start < i {
			for _, id := range mm.ids {
				if st.a.cb.kind(id) == corpus.Country {
					return false
				}
			}
			return true
		}
	}
	return false
}

// openerWords is how far into its clause an actor may stand to be the
// subject another clause takes when the sentence opens with a capitalised
// word (Testing reveals that Anthropic's model ...).
const openerWords = 4

// markedName reports whether word i has a mark of a name besides a
// first capital: a digit, an inner capital or a hyphen (Osmosis-Apply-1.7B,
// aiXcoder); a sentence's first word has its capital anyway (Testing
// reveals that ...).
func (s *sent) markedName(i int) bool {
	w := s.words[i].text
	return len(w) > 1 && (strings.ContainsAny(w, "0123456789-") || strings.ContainsAny(w[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
}

// objectOfCue reports whether mention mm follows a cue of clause c that
// takes objects, with no list or relative word between: it is that cue's
// object.
func (st *state) objectOfCue(s *sent, c clause, mm mention) bool {
	for _, k := range c.cues {
		n := s.cues[k]
		if n.kind != kCue || n.end > mm.start {
			continue
		}
		if set := &st.a.cues[n.cue]; set.Object != "" && !set.All && !s.hasMarker(kList, n.end, mm.start) && !s.hasMarker(kRelative, n.end, mm.start) {
			return true
		}
	}
	return false
}

// widened reports whether a widen word stands before gap cue m in its
// clause, after the clause's last actor before the widen word
// (Sora拉大了中美的差距: Sora widens it).
func (s *sent) widened(c clause, m match) bool {
	for _, mk := range s.markers[kWiden] {
		if mk.start >= c.start && mk.end <= m.start {
			return true
		}
	}
	return false
}

// direction assigns a leader / catching-up cue's frames to subject and
// object actors.
func (st *state) direction(s *sent, ci int, m match, set *CueSet, before, after []mention, partner []bool, neg int) []role {
	c := s.clauses[ci]
	subjFrame, objFrame := set.Frame, set.Object
	suffix := ""
	if neg == negNotYet {
		subjFrame, objFrame = corpus.CatchingUp, corpus.Leader
		suffix = " +not-yet"
	} else if set.Gap && set.Frame == corpus.CatchingUp && s.widened(c, m) {
		subjFrame, objFrame = corpus.Leader, corpus.CatchingUp
		suffix = " +widened"
	}
	subj, obj := s.subjBuf[:0], s.objBuf[:0]
	defer func() { s.subjBuf, s.objBuf = subj[:0], obj[:0] }()
	add := func(list *[]role, mm mention, f corpus.Frame, r string, factor float64) {
		if f == "" {
			return
		}
		*list = append(*list, role{m: mm, frame: f, rule: st.sc.ruleName(st.a, set.ID, r, suffix), factor: factor, object: list == &obj})
	}
	// A comparison partner of a state cue (与GPT-4相比，文心一言仍有不足)
	// takes the opposite direction.
	partnerFrame := objFrame
	if partnerFrame == "" {
		partnerFrame = opposite(subjFrame)
	}
	if p, ok := s.passive(c, m, st.lang); ok && set.Object != "" {
		return st.passiveRoles(s, p, set, before, after, subjFrame, objFrame, suffix)
	}
	// Speakers before a claim word are not subjects ("OpenAI said Baidu trails").
	before = s.dropSpeakers(before, m)
	before = st.dropEarlierObjects(s, c, m, before)
	before = s.gerundSubject(before, m, st.lang)
	before = s.participleSubject(before, m, st.lang)
	hasSubj := false
	for _, mm := range before {
		if st.isPartner(s, mm, partner, set, m.start, before) {
			add(&obj, mm, partnerFrame, "partner", 1)
			continue
		}
		hasSubj = true
		add(&subj, mm, subjFrame, "subject", 1)
	}
	if ms, rule, ok := st.standingSubjects(s, m, set, neg, after); ok {
		subj = subj[:0]
		for _, mm := range ms {
			add(&subj, mm, subjFrame, rule, 1)
		}
		if rule == "possessive" {
			for _, mm := range s.challengers(ms[0], m, before) {
				add(&subj, mm, opposite(subjFrame), "challenger", 1)
			}
		}
		s.roleBuf = append(s.roleBuf[:0], subj...)
		return s.roleBuf
	}
	if set.Attributive && hasSubj && s.createdBefore(m) {
		// "Cohere releases a state-of-the-art search model": the maker.
		s.roleBuf = append(s.roleBuf[:0], subj...)
		return s.roleBuf
	}
	if set.Object == "" && neg != negNotYet && !set.Predicate && !st.orgSubjectBefore(s, m) && s.modifiesThing(m, set) {
		// "the leading AI labs", 领先企业: an attribute of a noun, not a frame.
		return nil
	}
	// A cue before 的 modifies what follows and takes no object: the
	// actor right after 的 (领先的美国企业), or one that the noun after 的
	// stands in apposition with (全球领先的AI芯片制造商英伟达), is described.
	deWord := m.end < len(s.words) && s.words[m.end].fold == "的"
	de := deWord && len(after) > 0 && (after[0].start == m.end+1 || s.appositionAfterDe(m, after[0]))
	attributive := de || (set.Object == "" && len(after) > 0 && after[0].start == m.end && s.determinerBefore(m) && !s.causative(after[0]))
	if attributive && hasSubj && !s.cueBetween(before[len(before)-1].end, m.start) {
		// A predicate: "Huawei is the leading Chinese chipmaker", 华为是领先的中国企业.
		attributive = false
	}
	if neg != negNotYet && attributive {
		// Attributive: "the leading American labs", 领先的美国企业.
		subj = subj[:0]
		hasSubj = true
		for _, mm := range s.chain(after[0]) {
			add(&subj, mm, subjFrame, "attributive", 1)
		}
	} else if (set.Object != "" || neg == negNotYet) && !deWord {
		// (领先的中国企业 in a predicate has no object.)
		for _, mm := range after {
			add(&obj, mm, objFrame, "object", 1)
		}
	} else if !hasSubj && len(after) > 0 && !(set.Predicate && m.start > 0) && s.hasMarker(kBe, m.end, after[0].start) {
		// "Leading the race is OpenAI", 领跑的是美国.
		for _, mm := range after {
			add(&subj, mm, subjFrame, "subject-after", 1)
		}
		hasSubj = true
	}
	if len(obj) == 0 && set.Object != "" {
		// "outperforms other models, including GPT-4": the examples of
		// the object noun, past the comma.
		for _, mm := range s.examplesAfter(m) {
			add(&obj, mm, objFrame, "object", 1)
		}
	}
	if len(obj) == 0 && partnerFrame != "" {
		// A partner in another clause (与GPT-4相比，文心一言仍有不足).
		for _, mm := range s.outsidePartners(c, partner) {
			add(&obj, mm, partnerFrame, "partner", factorPartner)
		}
	}
	if !hasSubj {
		switch mm, rule, factor := st.implicitSubject(s, ci, m, obj, partner); {
		case mm.valid():
			add(&subj, mm, subjFrame, rule, factor)
		case set.Object != "" && (!set.Gap || objectAfter(obj, m)):
			// A subject the gazetteer does not know ("The model outperforms
			// Gemma 3", 自研模型超越Gemini): the actors compared with are
			// still framed.
		default:
			obj = obj[:0] // a gap or state with no subject frames no one
		}
	}
	s.roleBuf = append(append(s.roleBuf[:0], subj...), obj...)
	return s.roleBuf
}

// standingSubjects finds the actors a cue frames through the phrase it
// stands in rather than through its clause's subject: the possessor of a
// standing noun ("Nvidia's lead", "America's compute lead", "US AI
// leadership": the possessor leads; see challengers for who erodes it),
// the agent of a state cue ("The AI arms race is dominated by ...
// chipmakers like NVIDIA"), or the examples of a noun a state cue describes
// ("Generative AI leaders like OpenAI", "leading tech firms including
// OpenAI").
func (st *state) standingSubjects(s *sent, m match, set *CueSet, neg int, after []mention) ([]mention, string, bool) {
	if set.Attributive && neg == negNone {
		if ms := s.namedAfter(m); len(ms) > 0 {
			return ms, "apposition", true // China's dominant search engine, Baidu
		}
	}
	if mm, ok := st.possessor(s, m, set); ok && neg == negNone {
		return []mention{mm}, "possessive", true
	}
	if set.Object != "" {
		return nil, "", false
	}
	if s.markerEndsAt(kTitle, m.end) {
		if k := s.mentionAt(m.end); k >= 0 {
			return []mention{s.mentions[k]}, "apposition", true // market leader Nvidia
		}
	}
	if m.end < len(s.words) && s.words[m.end].fold == "by" {
		var ms []mention
		for _, mm := range after {
			if mm.start == s.objectWord(m.end+1) || s.precededBy(kExample, mm.start) {
				ms = append(ms, mm)
			}
		}
		return ms, "passive-agent", true
	}
	if ex := s.examplesAfter(m); len(ex) > 0 {
		return ex, "examples", true
	}
	if ms := s.makersAfter(m, set); len(ms) > 0 {
		return ms, "makers", true
	}
	if s.markerEndsAt(kExample, m.end) {
		// "could outperform leaders like Gemini 2.5 Pro": the examples,
		// not the clause's subject.
		return s.listFrom(m.end), "examples", true
	}
	return nil, "", false
}

// challengers returns the actors said to wear down a standing that poss
// holds (the possessed standing noun is cue m): the subject of an eroding
// verb right before the possessor (China is quickly eroding America's lead,
// Google targets Nvidia's lead), or the actor right after "as" once the
// standing is said to shrink (ChatGPT's lead shrinks as Gemini surges).
func (s *sent) challengers(poss mention, m match, before []mention) []mention {
	for _, mk := range s.markers[kEroding] {
		if mk.end != poss.start {
			continue
		}
		var out []mention
		for _, mm := range before {
			if mm.end <= mk.start {
				out = append(out, mm)
			}
		}
		return out
	}
	j := m.end
	if j < len(s.words) && s.hasMarker(kBe, j, j+1) {
		j++
	}
	if !s.hasMarkerAt(kShrink, j) {
		return nil
	}
	for k := j + 1; k < len(s.words) && k <= j+3; k++ {
		if s.words[k].fold == "as" {
			if x := s.mentionAt(k + 1); x >= 0 {
				return []mention{s.mentions[x]}
			}
			break
		}
	}
	return nil
}

// makersAfter returns the actors an attributive cue's noun comes from:
// "state-of-the-art models from Google, Anthropic, and OpenAI" (at most two
// topic or rival words between the cue and from).
func (s *sent) makersAfter(m match, set *CueSet) []mention {
	if !set.Attributive {
		return nil
	}
	for i := m.end; i < len(s.words) && i <= m.end+2; i++ {
		if s.words[i].fold == "from" && i > m.end {
			return s.listFrom(i + 1)
		}
		if !s.hasMarker(kTopic, i, i+1) && !s.hasMarker(kRival, i, i+1) {
			return nil
		}
	}
	return nil
}

// possessor returns the actor whose standing a noun cue names: X's lead,
// X's AI lead, X的领先地位 (the cue right after X's and at most two topic
// words).
func (st *state) possessor(s *sent, m match, set *CueSet) (mention, bool) {
	if set.Frame != corpus.Leader || !s.hasMarker(kStanding, m.start, m.end) {
		return mention{}, false // OpenAI's top executives: no standing
	}
	// "the dominance of Chinese open models": the actor after of.
	if m.end+1 < len(s.words) && s.words[m.end].fold == "of" {
		if k := s.mentionAt(m.end + 1); k >= 0 && len(s.mentions[k].ids) == 1 {
			return s.mentions[k], true
		}
	}
	i := m.start
	for i > 0 && m.start-i < 2 && s.hasMarker(kTopic, i-1, i) {
		i--
	}
	if i > 1 && i == m.start && s.words[i-2].fold == "'s" && (s.markerEndsAt(kPredicate, i) && s.hasMarker(kPredicate, i-1, i) || len(s.words[i-1].fold) > 4 && strings.HasSuffix(s.words[i-1].fold, "ly")) {
		i-- // "Nvidia's already dominant platform"
	}
	if i == 0 {
		return mention{}, false
	}
	// "its lead": the anaphor's antecedent.
	for _, an := range s.anaphora {
		if an.end == i {
			if r := st.resolve(s, an); r.valid() {
				return r, true
			}
		}
	}
	end := i // "US AI leadership": a name right before a standing noun phrase
	if w := s.words[i-1].fold; w == "'s" || w == "的" {
		end = i - 1
	} else if s.words[i-1].han || (i == m.start && m.end-m.start == 1 && !abstractNoun(s.words[m.start].fold)) {
		return mention{}, false // "OpenAI, Google and Anthropic lead": a verb
	}
	for _, mm := range s.mentions {
		if mm.end == end && len(mm.ids) == 1 {
			return mm, true
		}
	}
	return mention{}, false
}

// abstractNoun reports whether an English word has a suffix of abstract
// nouns (dominance, leadership, supremacy), so that it is no verb after a
// name (US Dominance).
func abstractNoun(w string) bool {
	return strings.HasSuffix(w, "ance") || strings.HasSuffix(w, "ship") || strings.HasSuffix(w, "acy")
}

// passiveRoles assigns a passive's frames: the agent (after 被 or by) is
// the subject, the patient takes the object frame.
func (st *state) passiveRoles(s *sent, p int, set *CueSet, before, after []mention, subjFrame, objFrame corpus.Frame, suffix string) []role {
	roles := s.roleBuf[:0]
	add := func(mm mention, f corpus.Frame, r string, object bool) {
		if f != "" {
			roles = append(roles, role{m: mm, frame: f, rule: st.sc.ruleName(st.a, set.ID, r, suffix), factor: 1, object: object})
		}
	}
	for _, mm := range before {
		if mm.start > p {
			add(mm, subjFrame, "passive-agent", false)
		} else {
			add(mm, objFrame, "passive-patient", true)
		}
	}
	if s.words[p].fold == "by" {
		for _, mm := range after {
			add(mm, subjFrame, "passive-agent", false)
		}
	}
	s.roleBuf = roles
	return roles
}

// implicitSubject finds the subject of a clause that names none: an anaphor
// before the cue, the subject of an earlier (or, for a fronted cue, the
// next) clause, or for Chinese the home country when it is compared with
// someone (与美国的差距).
func (st *state) implicitSubject(s *sent, ci int, m match, compared []role, partner []bool) (mention, string, float64) {
	c := s.clauses[ci]
	// A clause takes another clause's subject only when it has no room for
	// one of its own (the cue opens it: "..., still trails OpenAI", 正在追赶)
	// or when it names the actor compared with.
	inherit := m.start-c.start <= 2 || len(compared) > 0 || s.appositiveRelative(c, m) || s.hasMarkerAt(kOpener, c.start) || (st.lang == corpus.Chinese && (s.locativeOpens(c, m) || st.worldStanding(s, m) || s.hasMarker(kDomestic, max(c.start, m.start-2), m.start)))
	for _, k := range c.anaphora {
		an := s.anaphora[k]
		if an.start < m.start {
			if r := st.resolve(s, an); r.valid() {
				return r, "subject", 1
			}
		}
	}
	// openerOnly: the sentence opens with a capitalised word that may be
	// a name or just the sentence's first word (Testing reveals that ...,
	// The unified architecture ...): only an actor that opens its clause
	// may be the subject taken.
	openerOnly := false
	if s.unknownName(0) {
		if s.titleCase() || s.markedName(0) {
			// "Osmosis-Apply-1.7B, a fine-tuned version of Qwen3,
			// outperforms ...": the sentence's subject is a name the
			// gazetteer does not know.
			inherit = false
		} else {
			openerOnly = true
		}
	}
	if s.rivalRelative(c, m) {
		// "pressure from competitors, who have narrowed the gap": the
		// rivals are the subject, not the actor of the clause before.
		inherit = false
	}
	for p := ci - 1; p >= 0 && inherit; p-- {
		for _, k := range s.clauses[p].mentions {
			if st.objectOfCue(s, s.clauses[p], s.mentions[k]) {
				continue // 首次超越三星，登上全球第一: Samsung is beaten, not the subject
			}
			if !partner[k] && len(s.mentions[k].ids) == 1 {
				if c0, at := s.clauses[p].start, s.mentions[k].start; openerOnly && (at-c0 > openerWords || s.hasMarkerAt(kSubordinate, c0) || s.hasMarker(kModal, c0, at) || s.hasMarker(kAbility, c0, at) || s.hasMarker(kBe, c0, at)) {
					// "The new method combines o4-mini, Gemini-2.5-Pro, ...,
					// outperforming ...", "Before GPT-3, achieving ...",
					// "..., can serve Meta's Llama, 48x faster than ...": no
					// actor opens a main clause.
					return mention{}, "", 0
				}
				return s.mentions[k], "inherited", factorInherited
			}
		}
		for _, k := range s.clauses[p].anaphora {
			if r := st.resolve(s, s.anaphora[k]); r.valid() {
				return r, "inherited", factorInherited
			}
		}
	}
	if inherit && !openerOnly {
		for n := ci + 1; n < len(s.clauses) && n <= ci+1; n++ {
			for _, k := range s.clauses[n].mentions {
				if s.mentions[k].rule == ruleHome && s.hasMarker(kDomestic, s.mentions[k].start, s.mentions[k].end) {
					continue // 对标Copilot，国内首个: a domestic ranking, not a subject
				}
				if !partner[k] && len(s.mentions[k].ids) == 1 {
					return s.mentions[k], "inherited", factorInherited
				}
			}
		}
	}
	// 与美国的差距: the home country, when compared with someone else and
	// no named subject the gazetteer does not know stands before the cue.
	if st.lang == corpus.Chinese && st.home != "" && (st.comparedWithCountry(compared) || (st.worldStanding(s, m) && !st.namesOrg(s))) && !st.namedSubject(s, len(s.words)) {
		for _, r := range compared {
			for _, id := range r.m.ids {
				if st.a.cb.Country(id) == st.home {
					return mention{}, "", 0
				}
			}
		}
		return mention{ids: st.homeIDs, text: "", start: m.start, end: m.start, country: true}, "omitted-subject", factorOmitted
	}
	return mention{}, "", 0
}

// locativeOpens reports whether a Chinese clause that names no one before
// cue m opens with a locative phrase or "some fields", after a contrast
// word at most (但在顶尖人才方面仍落后, 部分领域实现领跑): it continues the
// subject of the clause before.
func (s *sent) locativeOpens(c clause, m match) bool {
	if s.mentionBetween(c.start, m.start) {
		return false
	}
	i := c.start
	if i < m.start && s.hasMarker(kClause, i, i+1) {
		i++
	}
	if i < m.start && s.words[i].fold == "在" {
		return true
	}
	// 部分领域实现领跑: some fields of the subject before.
	return i+1 < m.start && s.hasMarkerAt(kPortion, i) && s.hasMarker(kDomain, i+1, i+2)
}

// appositiveRelative reports whether cue m follows a relative pronoun in an
// apposition that opens its clause ("Google released PaliGemma, a vision
// model that outperforms its contemporaries"): the cue's subject is the
// thing the apposition describes, named in the clause before.
func (s *sent) appositiveRelative(c clause, m match) bool {
	if m.start-c.start < 3 || m.start-c.start > 10 || s.mentionBetween(c.start, m.start) {
		return false
	}
	return s.skippable(c.start) && s.hasMarkerAt(kRelative, m.start-1)
}

// opposite returns the other direction of a leader / catching-up frame and
// "" for frames without direction.
func opposite(f corpus.Frame) corpus.Frame {
	switch f {
	case corpus.Leader:
		return corpus.CatchingUp
	case corpus.CatchingUp:
		return corpus.Leader
	}
	return ""
}

// Score factors of the attribution rules: a frame read through an
// inference is less certain than one whose actor is the clause's subject.
const (
	factorInherited = 0.8
	factorCoref     = 0.8
	factorOmitted   = 0.7
	factorPartner   = 0.8
	factorQuestion  = 0.9
	factorSelfClaim = 0.4
)

// objectAfter reports whether a role of obj names an actor after the cue
// (closes the gap with frontier models from OpenAI).
func objectAfter(obj []role, m match) bool {
	for _, r := range obj {
		if r.m.start >= m.end {
			return true
		}
	}
	return false
}

// objectRoles keeps the object side of roles, in place.
func objectRoles(roles []role) []role {
	out := roles[:0]
	for _, r := range roles {
		if r.object {
			out = append(out, r)
		}
	}
	return out
}

// outsidePartners returns the comparison partners of the sentence outside
// clause c.
func (s *sent) outsidePartners(c clause, partner []bool) []mention {
	var out []mention
	for i, mm := range s.mentions {
		if partner[i] && (mm.start < c.start || mm.start >= c.end) {
			out = append(out, mm)
		}
	}
	return out
}
