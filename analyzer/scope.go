package analyzer

import (
	"strings"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
)

// The scope stage decides whether a cue found in a clause is a frame at
// all, and whom it may frame: the word sense of the cue (lead as a role,
// "ahead of the launch"), what it compares with (an actor or a thing), the
// domain of its clause (AI, chips, compute or something else) and rankings
// inside a country. Its words are the codebook's: cue groups' exclude,
// not_followed_by, not_preceded_by, object_actor and preposition, and the
// markers topic, off_topic, domestic, rivals, predicate and named.

// cueScope holds the per-cue word sets of the scope stage.
type cueScope struct {
	notFollowed, notPreceded map[string]bool
}

// scopeWords holds the Chinese topic and off-topic words, matched as
// substrings of a clause (人工智能 inside 生成式人工智能).
type scopeWords struct {
	hanTopic, hanOffTopic, hanWorld []string
	// domain maps each Chinese topic (1) and off-topic (2) word to its
	// bits, for the search inside longer words; maxRunes is the longest.
	domain   map[string]uint8
	filter   wordFilter // a bit for every key of domain
	maxRunes int
}

// inside reports whether a Chinese word holds a topic word and whether it
// holds an off-topic word (生成式人工智能 holds 人工智能).
func (sw *scopeWords) inside(text string) (topic, off bool) {
	var buf [24]int
	bo := buf[:0]
	for i := range text {
		bo = append(bo, i)
	}
	bo = append(bo, len(text))
	runes := len(bo) - 1
	var bits uint8
	for size := 2; size <= min(runes, sw.maxRunes); size++ {
		for a := 0; a+size <= runes; a++ {
			if sub := text[bo[a]:bo[a+size]]; sw.filter.mayHave(sub) {
				bits |= sw.domain[sub]
			}
		}
	}
	return bits&1 != 0, bits&2 != 0
}

func newScope(cb *Codebook) ([]cueScope, scopeWords) {
	scopes := make([]cueScope, len(cb.Cues))
	fold := func(ws []string) map[string]bool {
		if len(ws) == 0 {
			return nil
		}
		m := map[string]bool{}
		for _, w := range ws {
			m[lower(w)] = true
		}
		return m
	}
	for i, c := range cb.Cues {
		scopes[i] = cueScope{notFollowed: fold(c.NotFollowedBy), notPreceded: fold(c.NotPrecededBy)}
	}
	var sw scopeWords
	for _, w := range cb.Markers.Topic {
		if hasHan(w) {
			sw.hanTopic = append(sw.hanTopic, w)
		}
	}
	for _, w := range cb.Markers.World {
		if hasHan(w) {
			sw.hanWorld = append(sw.hanWorld, w)
		}
	}
	for _, w := range cb.Markers.OffTopic {
		if hasHan(w) {
			sw.hanOffTopic = append(sw.hanOffTopic, w)
		}
	}
	sw.domain = map[string]uint8{}
	for k, ws := range [][]string{sw.hanTopic, sw.hanOffTopic} {
		for _, w := range ws {
			sw.domain[w] |= 1 << k
			sw.filter.add(w)
			sw.maxRunes = max(sw.maxRunes, utf8.RuneCountInString(w))
		}
	}
	return scopes, sw
}

// otherSense reports whether cue m of set is used in a sense that is no
// frame: a not_followed_by word within two content words after it (leads
// the Gemini team), a not_preceded_by word right before it (safety lead),
// a thing as the object of an object_actor cue (beat expectations), or a
// prepositional cue with neither an actor after it nor a predicate before
// it (ahead of the launch).
func (st *state) otherSense(s *sent, m match, set *CueSet) bool {
	sc := &st.a.scopes[m.cue]
	if set.Attributive && st.lang == corpus.English && s.managing(m) {
		return true
	}
	if sc.notPreceded != nil && m.start > 0 && sc.notPreceded[s.words[m.start-1].fold] {
		return true
	}
	if sc.notFollowed != nil && !isPrepositionWord(s.words[m.end-1].fold) {
		// (A cue that ends in a preposition, "a leader in", is followed
		// by its domain.)
		seen := 0
		for i := m.end; i < len(s.words) && seen < 4; i++ {
			if s.words[i].punct && s.words[i].text != "–" && s.words[i].text != "—" {
				break
			}
			if s.skippable(i) || s.words[i].fold == "'s" {
				continue
			}
			if k := s.mentionAt(i); k >= 0 {
				i = s.mentions[k].end - 1
				continue
			}
			if sc.notFollowed[s.words[i].fold] {
				return true
			}
			if isPrepositionWord(s.words[i].fold) && (seen > 0 || m.end-m.start > 1) {
				// "leads the world in AI investment", "a leader in AI
				// research": past the object, in the domain ("the lead
				// in investigating": a role).
				break
			}
			seen++
		}
	}
	if set.Preposition {
		if p := m.start - 1; p > 0 && s.isAdverb(p) && s.words[p-1].punct || p >= 0 && s.words[p].punct {
			// ", ahead of Microsoft and Google", ", narrowly ahead of
			// o3-mini": a participle after a comma.
			return !s.comparesWithActor(m, set) || s.objectWord(m.end) < 0
		}
		if !s.predicateBefore(m.start) && !(m.start > 0 && s.words[m.start-1].fold == "and" && s.hasMarker(kBe, 0, m.start)) {
			return true // "ahead of the launch", "a key figure behind ChatGPT"
		}
		next := s.objectWord(m.end)
		// "DeepSeek pulled ahead", "is ahead of OpenAI", "far behind on
		// chips", "behind the leading American labs".
		return next >= 0 && !isPrepositionWord(s.words[next].fold) && !s.comparesWithActor(m, set)
	}
	if set.Predicate {
		if st.lang == corpus.Chinese && s.describesAfterDe(m) {
			return false // 全球最大的AI芯片制造商英伟达: an apposition
		}
		if m.start == 0 {
			return !s.hasMarker(kBe, m.end, len(s.words))
		}
		if p := s.words[m.start-1]; p.punct {
			return m.start < 2 || (p.text != "," && p.text != "—" && p.text != "–" && p.text != "-")
		}
		return !s.predicateBefore(m.start)
	}
	if set.AfterActor {
		if m.start == 0 {
			return true // "Rivals like Meta ...": a noun
		}
		p := m.start - 1
		if w := s.words[p].fold; s.mentionAt(p) < 0 && !s.endsMention(p) && !s.anaphorEndsAt(p) && !s.hasMarker(kTopic, p, p+1) && w != "and" && w != "that" && w != "which" && w != "who" {
			return true
		}
	}
	if set.ObjectActor {
		return !s.passivePatient(m) && !s.comparesWithActor(m, set)
	}
	return false
}

// passivePatient reports whether English cue m is a passive with an actor
// as its patient (Google's efforts are being surpassed by open-source
// developments): the actor is compared with, whatever the agent is.
func (s *sent) passivePatient(m match) bool {
	if m.end >= len(s.words) || s.words[m.end].han || !s.hasMarkerAt(kPassive, m.end) || !s.hasMarker(kBe, max(0, m.start-3), m.start) {
		return false
	}
	for i := m.start - 1; i >= 0; i-- {
		if s.words[i].punct {
			return false
		}
		if s.endsMention(i) {
			return true
		}
	}
	return false
}

// comparesWithActor reports whether an object_actor cue compares with an
// actor: nothing follows it in its clause (DeepSeek pulled ahead), or
// among the first three words of what follows there is an actor, a rival
// word (its rivals, 同行), a model noun (larger models), an example of one
// (comparable models like Gemma 3) or a name the gazetteer does not know
// (ViT, Bloomberg's model). A comparative that needs a comparison word
// compares with what follows the word (faster ... than Nvidia's A100).
func (s *sent) comparesWithActor(m match, set *CueSet) bool {
	if set.NeedsComparison {
		for _, c := range s.markers[kComparison] {
			{
				if next := s.objectWord(c.end); next >= 0 && (s.mentionAt(next) >= 0 || s.hasMarker(kRival, next, next+1) || s.unknownName(next)) {
					return true
				}
			}
		}
		return false
	}
	next := s.objectWord(m.end)
	if next < 0 {
		return true
	}
	for i, seen := next, 0; i < len(s.words) && seen < 6; i++ {
		if s.words[i].punct || s.hasMarker(kObjectBreak, i, i+1) {
			break // "beat expectations for Nvidia": Nvidia is not compared
		}
		if s.skippable(i) || s.words[i].fold == "'s" || s.words[i].fold == "的" {
			continue
		}
		if k := s.mentionAt(i); k >= 0 && s.mentions[k].rule != ruleHome {
			// "OpenAI's liability" is a thing; "Nvidia's dominance",
			// "Apple's M3-powered MacBook" are the actor's.
			e := s.mentions[k].end
			if e+1 < len(s.words) && s.words[e].fold == "'s" {
				return s.possessedIsCompared(e + 1)
			}
			return true
		}
		if s.hasMarker(kRival, i, i+1) || s.unknownName(i) {
			return true
		}
		if s.hasMarker(kExample, i, i+1) {
			for _, ex := range s.markers[kExample] {
				if ex.start == i && s.mentionAt(ex.end) >= 0 {
					return true
				}
			}
		}
		seen++
	}
	return false
}

// possessedIsCompared reports whether what follows a possessive at word w
// is something of the actor's that stands for it in a comparison: a product
// or a name ("Meta's flagship Llama 3.1", "OpenAI's whisper large-v2"), a
// standing, topic or rival word within the next three words, or an amount
// right after it ("surpassing OpenAI's $852 billion"); not another thing
// ("OpenAI's liability").
func (s *sent) possessedIsCompared(w int) bool {
	if w >= len(s.words) || s.words[w].punct || isPrepositionWord(s.words[w].fold) || s.words[w].fold == "or" {
		return true // "rival Meta's with", "rivaling OpenAI's and Google's offerings": the noun is left out
	}
	if s.words[w].text == "$" || s.numberAt(w) {
		return true
	}
	for i := w; i < len(s.words) && i < w+3; i++ {
		if s.words[i].punct || isPrepositionWord(s.words[i].fold) {
			return false // "OpenAI's liability for ChatGPT's outputs"
		}
		if s.mentionAt(i) >= 0 || s.unknownName(i) || s.hasMarker(kNamePart, i, i+1) || s.hasMarker(kStanding, i, i+1) || s.hasMarker(kTopic, i, i+1) || s.hasMarker(kRival, i, i+1) {
			return true
		}
	}
	return false
}

// domainWords marks, once per sentence, the words that name the coded
// domain (a topic word, a product, a Chinese word holding a topic word:
// 生成式人工智能) and those that name another (an off-topic word).
func (st *state) domainWords(s *sent) {
	if s.domainDone {
		return
	}
	s.domainDone = true
	s.topicW = boolBuf(&s.topicW, len(s.words))
	s.offW = boolBuf(&s.offW, len(s.words))
	for _, mk := range s.markers[kTopic] {
		if s.nameWithNumber(mk.start, mk.end) {
			continue // Tesla's Model 3: a name, not the topic noun
		}
		mark(s.topicW, mk.start, mk.end)
	}
	for _, mk := range s.markers[kOffTopic] {
		mark(s.offW, mk.start, mk.end)
	}
	for _, mm := range s.mentions {
		if len(mm.ids) == 1 && st.a.cb.kind(mm.ids[0]) == corpus.Product {
			mark(s.topicW, mm.start, mm.end)
		}
	}
	sw := &st.a.scope
	for i, w := range s.words {
		if w.han && len(w.text) >= 9 { // three or more characters
			t, o := sw.inside(w.text)
			s.topicW[i] = s.topicW[i] || t
			s.offW[i] = s.offW[i] || o
		}
	}
}

// nameWithNumber reports whether words [i, j) are one capitalised Latin
// word followed by a number or a single capital letter, as the name of a
// product line is (Model 3, Model Y), in a sentence that is no headline.
func (s *sent) nameWithNumber(i, j int) bool {
	if j != i+1 || j >= len(s.words) || s.words[i].han || s.titleCase() {
		return false
	}
	w, next := s.words[i].text, s.words[j].text
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	return s.numberAt(j) || len(next) == 1 && next[0] >= 'A' && next[0] <= 'Z'
}

// hasTopic reports whether words [i, j) of s name the coded domain: a
// topic word or a product.
func (st *state) hasTopic(s *sent, i, j int) bool {
	st.domainWords(s)
	return anyCovered(s.topicW, i, min(j, len(s.words)))
}

// offTopic reports whether words [i, j) of s name a domain outside the
// coded one (tourism, 收入, 5G) without naming the coded one too.
func (st *state) offTopic(s *sent, i, j int) bool {
	st.domainWords(s)
	j = min(j, len(s.words))
	return anyCovered(s.offW, i, j) && !anyCovered(s.topicW, i, j)
}

// offTopicSegment reports whether the words around cue m up to the
// nearest punctuation on each side name another domain and not the coded
// one, whatever the rest of the sentence names: the comparison is about
// them (Japan overtook South Korea as the most popular destination for
// Chinese travelers this summer, with many using AI trip planners).
func (st *state) offTopicSegment(s *sent, m match) bool {
	from, to := m.start, m.end
	for from > 0 && !s.words[from-1].punct {
		from--
	}
	for to < len(s.words) && !s.words[to].punct {
		to++
	}
	return st.offTopic(s, from, to)
}

// hasHan reports whether words [i, j) of s hold Chinese.
func (s *sent) hasHan(i, j int) bool {
	for k := i; k < j && k < len(s.words); k++ {
		if s.words[k].han {
			return true
		}
	}
	return false
}

func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// gate removes the roles a cue may not give: every role when its clause is
// off the domain; countries when the sentence names no topic; countries
// whose ranking the cue scopes (国内领先, China's top AI start-ups, the
// leading Chinese chipmaker).
func (st *state) gate(s *sent, c clause, m match, set *CueSet, roles []role) []role {
	if set.Frame != corpus.Leader && set.Frame != corpus.CatchingUp {
		return roles // race and threat are not standing
	}
	if len(s.words) == 0 || st.offTopic(s, c.start, c.end) || st.offTopic(s, 0, len(s.words)) || st.offTopicSegment(s, m) {
		return roles[:0]
	}
	// A comparison of two actors ("China trails the US") is taken as in
	// the domain unless its clause says otherwise; a country's standing on
	// its own needs a topic word or a product in the sentence.
	roles = st.dropSelfComparison(roles)
	var subj, obj bool
	for _, r := range roles {
		subj, obj = subj || !r.object, obj || r.object
	}
	comparison := subj && obj
	out := roles[:0]
	topic := -1
	for _, r := range roles {
		if st.isCountryMention(r.m) {
			if topic < 0 {
				topic = 0
				if comparison || st.hasTopic(s, 0, len(s.words)) {
					topic = 1
				}
			}
			if topic == 0 || (r.frame == corpus.Leader && st.domesticRanking(s, m, set, r.m)) {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// domesticRanking reports whether the leader cue m ranks organisations
// inside country mention mm rather than framing the country: a domestic
// word shortly before the cue (国内领先, 位居国内AI芯片厂商前列), the country
// with 's or 的 right before a cue followed by an organisation noun (China's
// top AI start-ups, 中国领先的芯片企业), or an attributive cue right before
// the country and a singular organisation noun (the leading Chinese
// chipmaker).
func (st *state) domesticRanking(s *sent, m match, set *CueSet, mm mention) bool {
	for _, d := range s.markers[kDomestic] {
		if d.start < m.start && m.start-d.end <= 4 && (mm.start == d.start || mm.rule == ruleHome || mm.text == "") {
			return true
		}
	}
	nounAfter := func(i int) bool {
		for ; i < len(s.words) && i < m.end+4; i++ {
			if s.words[i].fold == "的" || s.hasMarker(kTopic, i, i+1) {
				continue
			}
			return s.hasMarker(kDescriptor, i, i+1)
		}
		return false
	}
	if mm.end <= m.start && m.start-mm.end <= 1 && set.Object == "" {
		if m.start == mm.end || s.words[mm.end].fold == "'s" || s.words[mm.end].fold == "的" {
			return nounAfter(m.end)
		}
	}
	if mm.start >= m.end && mm.start-m.end <= 1 && set.Object == "" && !s.words[mm.start].han {
		// "the leading Chinese chipmaker", "leading Chinese AI companies".
		for i := mm.end; i < len(s.words) && i <= mm.end+3; i++ {
			if s.hasMarker(kDescriptor, i, i+1) {
				return true
			}
			if !s.hasMarker(kTopic, i, i+1) {
				break
			}
		}
	}
	return false
}

// comparedWithCountry reports whether a country is among the actors
// compared with: a nation is compared with nations (与美国的差距), while a
// comparison with organisations only (性能超越英伟达T4) has an organisation,
// named or not, as its omitted subject.
func (st *state) comparedWithCountry(compared []role) bool {
	for _, r := range compared {
		if st.isCountryMention(r.m) {
			return true
		}
	}
	return false
}

// worldStanding reports whether cue m ranks against the world (全球第二,
// 居世界首位, 领跑全球): a world word in it or right next to it.
func (st *state) worldStanding(s *sent, m match) bool {
	for i := max(0, m.start-1); i < len(s.words) && i <= m.end; i++ {
		if s.hasMarker(kWorld, i, i+1) || containsAny(s.words[i].text, st.a.scope.hanWorld) {
			return true
		}
	}
	return false
}

// modifiesThing reports whether a state cue is an attribute of the noun
// after it (leading AI labs, 领先企业, pioneering work on ...), not a
// predicate of an actor: a descriptor or topic word follows it, and neither
// a be-word nor an apposition comma comes right before it.
func (s *sent) modifiesThing(m match, set *CueSet) bool {
	if m.end >= len(s.words) || s.words[m.end].punct || s.mentionAt(m.end) >= 0 || !(set.Attributive || s.words[m.start].han) {
		return false
	}
	if !s.hasMarker(kDescriptor, m.end, m.end+1) && !s.hasMarker(kTopic, m.end, m.end+1) {
		// An adjective before another noun (top executives, leading
		// figure) describes it; before a standing noun or a preposition
		// (leading position, leading in AI) it is the actor's.
		w := s.words[m.end]
		if !set.Attributive || w.han || s.hasMarker(kStanding, m.end, m.end+1) || isPrepositionWord(w.fold) || s.hasMarker(kPredicate, m.end, m.end+1) {
			return false
		}
	}
	// "X is the leading AI lab", "X, a leading chipmaker", X是领先企业.
	for i := m.start - 1; i >= 0 && i >= m.start-4; i-- {
		w := s.words[i]
		if w.punct {
			return w.text != "," && w.text != "，"
		}
		if s.hasMarker(kBe, i, i+1) {
			return false
		}
		switch w.fold {
		case "a", "an", "the", "one", "of", "most", "among", "'s", "world", "industry", "nation", "country", "market", "sector":
			// "X, the world's leading AI chipmaker": a scope, not a noun
			// the cue describes.
			continue
		case "and":
			// "is the most valuable company on Earth and the dominant
			// supplier": a predicate joined to an earlier one.
			return !s.beBefore(i)
		}
		if s.insideMention(i) || s.hasMarker(kPredicate, i, i+1) {
			continue // one of China's top AI start-ups
		}
		return true
	}
	return true
}

// negation decides what a negation, aspiration or modal before the cue
// does: no_longer words drop the frame; not_yet words, and negations,
// aspirations and modals of a completion cue, leave the subject
// catching-up; other negations drop the frame ("not behind"), as does a
// negated aspiration ("not trying to beat"), and aspirations of a leader
// cue ("wants to lead"); an aspiration of a
// catching-up cue or a modal of a state cue changes nothing. The
// word must come after the last actor before the cue, at most four words
// before it (six for aspirations, and a Chinese aspiration anywhere in
// the clause); "not only" is no negation.
func (st *state) negation(s *sent, c clause, anchor int, set *CueSet) int {
	last := c.start
	for _, mm := range s.mentions {
		if mm.end <= anchor && mm.end > last {
			last = mm.end
		}
	}
	result := negNone
	for _, kind := range []entryKind{kNoLonger, kNotYet, kNegation, kAspiration, kModal} {
		window := 4
		if kind == kAspiration || st.lang == corpus.Chinese {
			window = 6
		}
		from := max(last, anchor-window)
		if kind == kAspiration && st.lang == corpus.Chinese {
			// 力争到2030年人工智能理论、技术与应用总体达到世界领先水平: a
			// Chinese aim spans its clause.
			from = last
		}
		for _, mk := range s.markers[kind] {
			if mk.start < from || mk.start >= anchor {
				continue
			}
			if kind == kNegation && s.hasMarkerAt(kNotNegation, mk.end) {
				continue
			}
			// A negation word inside a no_longer / not_yet phrase.
			if kind != kNoLonger && result != negNone {
				continue
			}
			switch kind {
			case kNoLonger:
				return negDrop
			case kNotYet:
				result = negNotYet
			case kAspiration:
				// Wanting to lead is not leading; wanting to catch up is
				// catching up.
				if set.Completion {
					result = negNotYet
				} else if set.Frame == corpus.Leader {
					return negDrop
				}
			case kNegation:
				if !set.Completion || s.hasMarker(kAspiration, mk.end, min(mk.end+2, anchor)) {
					// "not behind"; "not trying to beat OpenAI": a
					// negated aim says nothing of standing.
					return negDrop
				}
				result = negNotYet
			case kModal:
				if set.Completion {
					result = negNotYet
				}
			}
		}
	}
	if result == negNone && set.Completion && s.question && st.lang == corpus.English && (s.hasMarker(kModal, c.start, c.start+2) || s.hasMarker(kAbility, c.start, c.start+2)) {
		result = negNotYet // "Can China overtake the US?": the modal before the subject
	}
	return result
}

// excluded reports whether the cue at m sits inside an exclude phrase of its
// group ("lead to", "the company behind").
func (st *state) excluded(m match) bool {
	if m.kind != kCue {
		return false
	}
	for _, x := range st.sc.matches {
		if x.kind == kExclude && x.cue == m.cue && x.start <= m.start && x.end >= m.end {
			return true
		}
	}
	return false
}

// negation results.
const (
	negNone = iota
	negDrop
	negNotYet
)

// inScope reports whether cue m of set frames at all in clause c: not a
// capitalised English word in Chinese text (a name: Beats, Frontier), a
// comparative with its comparison word, not another sense of the word, not
// a past state (from follower to leader), no quantity as its object
// (超过1000亿), and not inside a partner phrase (与海外领先模型的差距).
func (st *state) inScope(s *sent, c clause, m match, set *CueSet) bool {
	w := s.words[m.start]
	switch {
	case st.lang == corpus.Chinese && !w.han && w.text != w.fold:
		return false
	case st.lang == corpus.English && s.capitalisedInside(m.start):
		return false // a name: the "Catch Up" interface, Lead Bank
	case set.NeedsComparison && !s.hasMarker(kComparison, 0, m.start) && !s.hasMarker(kComparison, m.end, c.end):
		return false
	case st.otherSense(s, m, set):
		return false
	case s.fromBefore(m.start) && s.hasMarker(kTo, m.end, c.end):
		return false
	case set.Object != "" && s.numberAt(m.end):
		return false
	case set.AdjacentObject && s.mentionAt(m.end) < 0:
		return false
	case set.Gap && s.gapBetweenThings(m):
		return false // "the gap between humanoid robots and human workers"
	}
	return !st.insidePartnerPhrase(s, c, m)
}

// beBefore reports whether a be word stands within ten words before word
// i, with no clause break between.
func (s *sent) beBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-10; j-- {
		if s.words[j].punct && s.words[j].text != "," {
			return false
		}
		if s.hasMarker(kBe, j, j+1) {
			return true
		}
	}
	return false
}

// managing reports whether an English -ing cue right before an actor is a
// verb of directing, not an adjective: "leading SoftBank to explore",
// "spent ten months leading OpenAI's hunt for sites".
func (s *sent) managing(m match) bool {
	if !strings.HasSuffix(s.words[m.end-1].fold, "ing") {
		return false
	}
	for _, an := range s.anaphora {
		if an.start == m.end && an.end < len(s.words) && s.words[an.end].fold == "to" {
			return true // "leading it to strike deals"
		}
	}
	k := s.mentionAt(m.end)
	if k < 0 || s.mentions[k].country {
		return false // "Leading China's AI race": China is the setting
	}
	_, last := s.chainBounds(s.mentions[k])
	return last < len(s.words) && (s.words[last].fold == "to" || s.words[last].fold == "'s")
}

// capitalisedInside reports whether word i of an English sentence that is
// not a headline starts with a capital inside the sentence (not after a
// colon or a dash) while not being an acronym (markers.acronyms): a name,
// not a cue.
func (s *sent) capitalisedInside(i int) bool {
	w := s.words[i].text
	if i == 0 || w == "" || w[0] < 'A' || w[0] > 'Z' || strings.ToUpper(w) == w || s.hasMarker(kAcronym, i, i+1) {
		return false // (No. 1: an acronym's capital is no name)
	}
	switch s.words[i-1].text {
	case ":", "—", "–", "-", "|", "(":
		return false
	}
	return !s.titleCase()
}

// fromBefore reports whether a from word ends right before word i, or
// before an opening quote right before it (从“跟跑”到“领跑”).
func (s *sent) fromBefore(i int) bool {
	if i > 0 && s.words[i-1].punct {
		switch s.words[i-1].text {
		case "“", "\"", "「", "‘", "'":
			return s.precededBy(kFrom, i-1)
		}
	}
	return s.precededBy(kFrom, i)
}

// dropSelfComparison removes the roles of a maker compared with itself (a
// product beating its predecessor: GPT-4.5 surpasses GPT-4, Nvidia's new
// chip outperforms the H20): both sides of the comparison name it. A
// subject also compared with another maker keeps its frame (GPT-5.2 beats
// Opus 4.5 and GPT-5.1: openai leader, anthropic catching-up).
func (st *state) dropSelfComparison(roles []role) []role {
	cb := st.a.cb
	same := func(r, o role) bool {
		for _, x := range r.m.ids {
			for _, y := range o.m.ids {
				if cb.Maker(x) == cb.Maker(y) && cb.kind(x) != corpus.Country {
					return true
				}
			}
		}
		return false
	}
	self := func(r role) bool {
		found, other := false, false
		for _, o := range roles {
			if o.object == r.object {
				continue
			}
			if same(r, o) {
				found = true
			} else {
				other = true
			}
		}
		return found && (r.object || !other)
	}
	any := false
	for _, r := range roles {
		if r.object && self(r) {
			any = true
			break
		}
	}
	if !any {
		return roles
	}
	keep := make([]bool, len(roles))
	for i, r := range roles {
		keep[i] = !self(r)
	}
	out := roles[:0]
	for i, r := range roles {
		if keep[i] {
			out = append(out, r)
		}
	}
	return out
}

// gapBetweenThings reports whether a gap cue is followed by "between" (之间
// does not follow) and no actor within the next six words: a gap between
// things, not actors.
func (s *sent) gapBetweenThings(m match) bool {
	if m.end >= len(s.words) || s.words[m.end].fold != "between" {
		return false
	}
	for i := m.end + 1; i < len(s.words) && i <= m.end+6; i++ {
		if s.mentionAt(i) >= 0 {
			return false
		}
	}
	return true
}
