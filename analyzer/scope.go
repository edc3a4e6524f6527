package analyzer

import (
	"strings"

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
	return scopes, sw
}

// skippable reports whether word i is a determiner or particle that the
// scope stage looks past when it finds the word after a cue.
func (s *sent) skippable(i int) bool {
	switch s.words[i].fold {
	case "the", "a", "an", "its", "their", "his", "her", "our", "all", "many", "most", "several", "some", "both", "even", "other", "了", "过", "所有", "众多", "多家", "一众":
		return true
	}
	return false
}

// mentionAt returns the index of the mention starting at word i, or -1.
func (s *sent) mentionAt(i int) int {
	for k, mm := range s.mentions {
		if mm.start == i {
			return k
		}
		if mm.start > i {
			break
		}
	}
	return -1
}

// otherSense reports whether cue m of set is used in a sense that is no
// frame: a not_followed_by word within two content words after it (leads
// the Gemini team), a not_preceded_by word right before it (safety lead),
// a thing as the object of an object_actor cue (beat expectations), or a
// prepositional cue with neither an actor after it nor a predicate before
// it (ahead of the launch).
func (st *state) otherSense(s *sent, m match, set *CueSet) bool {
	sc := &st.a.scopes[m.cue]
	if sc.notPreceded != nil && m.start > 0 && sc.notPreceded[s.words[m.start-1].fold] {
		return true
	}
	if sc.notFollowed != nil {
		seen := 0
		for i := m.end; i < len(s.words) && seen < 4; i++ {
			if s.words[i].punct {
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
			seen++
		}
	}
	if set.Preposition {
		if !s.predicateBefore(m.start) {
			return true // "ahead of the launch", "a key figure behind ChatGPT"
		}
		next := s.objectWord(m.end)
		// "DeepSeek pulled ahead", "is ahead of OpenAI", "far behind on chips".
		return next >= 0 && s.mentionAt(next) < 0 && !s.hasMarker(kRival, next, next+1) && !isPrepositionWord(s.words[next].fold)
	}
	if set.ObjectActor {
		return !s.comparesWithActor(m, set)
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
			if c.start >= m.end {
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
	for i, seen := next, 0; i < len(s.words) && seen < 3; i++ {
		if s.words[i].punct {
			break
		}
		if s.skippable(i) || s.words[i].fold == "'s" || s.words[i].fold == "的" {
			continue
		}
		if k := s.mentionAt(i); k >= 0 {
			// "OpenAI's liability" is a thing; "Nvidia's dominance",
			// "Apple's M3-powered MacBook" are the actor's.
			e := s.mentions[k].end
			if e+1 < len(s.words) && s.words[e].fold == "'s" {
				w := e + 1
				return s.mentionAt(w) >= 0 || s.unknownName(w) || s.hasMarker(kStanding, w, w+1) || s.hasMarker(kTopic, w, w+1) || s.hasMarker(kRival, w, w+1)
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

// unknownName reports whether word i is a Latin-script name the gazetteer
// does not know: a capital or a digit, no number, no actor, no acronym.
func (s *sent) unknownName(i int) bool {
	w := s.words[i]
	if w.han || w.punct || s.numberAt(i) || s.insideMention(i) || s.hasMarker(kAcronym, i, i+1) {
		return false
	}
	return strings.ContainsAny(w.text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
}

// objectWord returns the first word at or after i that is not a
// determiner or a measure phrase (the performance of, 的性能), or -1 at a
// clause break or the end of the sentence.
func (s *sent) objectWord(i int) int {
	for ; i < len(s.words); i++ {
		if s.words[i].punct {
			return -1
		}
		if s.skippable(i) {
			continue
		}
		if i+1 < len(s.words) && s.words[i+1].fold == "of" {
			switch s.words[i].fold {
			case "performance", "capabilities", "capability", "quality", "level", "levels", "results", "accuracy", "speed", "scores", "likes":
				i++
				continue
			}
		}
		return i
	}
	return -1
}

// predicateBefore reports whether a predicate word (is, far, years) ends
// right before word i.
func (s *sent) predicateBefore(i int) bool {
	for _, mk := range s.markers[kPredicate] {
		if mk.end == i {
			return true
		}
	}
	return false
}

func isPrepositionWord(w string) bool {
	switch w {
	case "in", "on", "at", "with", "when", "by", "for", "of", "across", "among", "globally", "worldwide", "again", "now", "today", "and", "but":
		return true
	}
	return false
}

// hasTopic reports whether words [i, j) of s name the coded domain: a
// topic word or a product.
func (st *state) hasTopic(s *sent, i, j int) bool {
	if s.hasMarker(kTopic, i, j) {
		return true
	}
	for _, mm := range s.mentions {
		if mm.start >= i && mm.start < j && len(mm.ids) == 1 && st.a.cb.kind(mm.ids[0]) == corpus.Product {
			return true
		}
	}
	return containsAny(s.span(i, j), st.a.scope.hanTopic)
}

// offTopic reports whether words [i, j) of s name a domain outside the
// coded one (tourism, 收入, 5G) without naming the coded one too.
func (st *state) offTopic(s *sent, i, j int) bool {
	if !s.hasMarker(kOffTopic, i, j) && !containsAny(s.span(i, j), st.a.scope.hanOffTopic) {
		return false
	}
	return !st.hasTopic(s, i, j)
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
	if len(s.words) == 0 || st.offTopic(s, c.start, c.end) || st.offTopic(s, 0, len(s.words)) {
		return roles[:0]
	}
	// A comparison of two actors ("China trails the US") is taken as in
	// the domain unless its clause says otherwise; a country's standing on
	// its own needs a topic word or a product in the sentence.
	comparison := false
	for _, r := range roles {
		comparison = comparison || r.object
	}
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

// isCountryMention reports whether mm names a country (or the home country).
func (st *state) isCountryMention(mm mention) bool {
	if mm.rule == ruleHome {
		return true
	}
	for _, id := range mm.ids {
		if st.a.cb.kind(id) == corpus.Country {
			return true
		}
	}
	return len(mm.ids) == 0
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
		i := mm.end
		for i < len(s.words) && s.hasMarker(kTopic, i, i+1) {
			i++
		}
		if i < len(s.words) && s.hasMarker(kDescriptor, i, i+1) && !strings.HasSuffix(s.words[i].fold, "s") {
			return true
		}
	}
	return false
}

// namedSubject reports whether a name the gazetteer does not know stands
// before word i of the sentence as a possible subject: a named-noun marker
// (该模型, 团队, 研究院), a Latin-script word with a capital or a digit that
// is no actor and no topic word (瀚博's Osmosis-Apply-1.7B, aiXcoder), or a
// quoted name (“混元”, 《...》). It blocks the home-country default.
func (st *state) namedSubject(s *sent, i int) bool {
	if s.hasMarker(kNamed, 0, i) {
		return true
	}
	for k := 0; k < i && k < len(s.words); k++ {
		w := s.words[k]
		if w.han || w.punct || s.hasMarker(kTopic, k, k+1) || s.hasMarker(kOffTopic, k, k+1) {
			continue
		}
		if s.insideMention(k) {
			continue
		}
		if strings.ContainsAny(w.text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") && !s.numberAt(k) && !s.hasMarker(kAcronym, k, k+1) {
			return true
		}
	}
	if i < len(s.words) {
		before := s.text[:s.words[i].start]
		if strings.ContainsAny(before, "“「『《\"") {
			return true
		}
	}
	return false
}

// namesOrg reports whether the sentence names an organisation or product.
func (st *state) namesOrg(s *sent) bool {
	for _, mm := range s.mentions {
		if !st.isCountryMention(mm) {
			return true
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

// insideMention reports whether word i is part of an actor mention.
func (s *sent) insideMention(i int) bool {
	for _, mm := range s.mentions {
		if mm.start <= i && i < mm.end {
			return true
		}
	}
	return false
}

// modifiesThing reports whether a state cue is an attribute of the noun
// after it (leading AI labs, 领先企业, pioneering work on ...), not a
// predicate of an actor: a descriptor or topic word follows it, and neither
// a be-word nor an apposition comma comes right before it.
func (s *sent) modifiesThing(m match) bool {
	if m.end >= len(s.words) || s.mentionAt(m.end) >= 0 {
		return false
	}
	if !s.hasMarker(kDescriptor, m.end, m.end+1) && !s.hasMarker(kTopic, m.end, m.end+1) {
		return false
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
		case "a", "an", "the", "one", "of", "most", "among":
			continue
		}
		return true
	}
	return true
}
