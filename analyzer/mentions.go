package analyzer

import (
	"slices"
	"strings"

	"github.com/framescope/framescope/corpus"
)

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

// unknownName reports whether word i is a Latin-script name the gazetteer
// does not know: a capital or a digit, no number, no actor, no acronym.
func (s *sent) unknownName(i int) bool {
	w := s.words[i]
	if w.han || w.punct || s.numberAt(i) || s.insideMention(i) || s.hasMarker(kAcronym, i, i+1) || s.hasMarker(kNamePart, i, i+1) {
		return false
	}
	if s.titleCase() {
		// In a headline every word has a capital: only a digit or an inner
		// capital (iPhone, MacBook) marks a name.
		return strings.ContainsAny(w.text, "0123456789") || strings.ContainsAny(w.text[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	}
	return strings.ContainsAny(w.text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
}

// titleCase reports whether most Latin-script words of the sentence start
// with a capital, as in a headline: of at least three words that are no
// actor's name and not the short words a headline leaves in lower case
// (Can xAI Catch Up to OpenAI?).
func (s *sent) titleCase() bool {
	if s.hasHan(0, len(s.words)) {
		return s.latinTitleCase()
	}
	n, caps := 0, 0
	for i, w := range s.words {
		if s.insideMention(i) {
			n, caps = n+1, caps+1 // a name, whatever its case (xAI)
			continue
		}
		if w.punct || len(w.text) < 2 || !isASCIILetter(w.text[0]) || titleSmallWords[w.text] {
			continue // ('s, 3.5)
		}
		n++
		if c := w.text[0]; c >= 'A' && c <= 'Z' {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*7
}

// latinTitleCase reports, for a Chinese sentence, whether most of its
// Latin-script words of four or more letters start with a capital.
func (s *sent) latinTitleCase() bool {
	n, caps := 0, 0
	for _, w := range s.words {
		if w.han || w.punct || len(w.text) < 4 {
			continue
		}
		n++
		if c := w.text[0]; c >= 'A' && c <= 'Z' {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*7
}

// titleSmallWords are the words a title-case headline leaves in lower
// case.
var titleSmallWords = map[string]bool{"a": true, "an": true, "the": true, "to": true, "of": true, "in": true, "on": true, "at": true, "by": true, "for": true, "and": true, "or": true, "vs": true, "as": true, "is": true, "with": true, "from": true, "its": true, "it": true}

// isCountryMention reports whether mm names a country (or the home country).
func (st *state) isCountryMention(mm mention) bool {
	return mm.country || mm.rule == ruleHome || len(mm.ids) == 0
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

// insideMention reports whether word i is part of an actor mention.
func (s *sent) insideMention(i int) bool {
	for _, mm := range s.mentions {
		if mm.start <= i && i < mm.end {
			return true
		}
	}
	return false
}

// isSetting reports whether a mention is the setting of the clause rather
// than one of its actors: after a locative word (leads in China, 在美国) or
// right before a domain noun (China's cloud market, 中国AI芯片领域).
func (st *state) isSetting(s *sent, mm mention) bool {
	if mm.start < len(s.setting) && s.setting[mm.start] != 0 {
		return s.setting[mm.start] == 1
	}
	set := st.setting(s, mm)
	if mm.start < len(s.setting) {
		s.setting[mm.start] = 2
		if set {
			s.setting[mm.start] = 1
		}
	}
	return set
}

func (st *state) setting(s *sent, mm mention) bool {
	if !st.isCountryMention(mm) {
		// An organisation before a domain noun is the actor of its own
		// market (百度深度学习市场综合份额); a possessor after one is not
		// (invested in OpenAI's chief rival).
		return s.precededBy(kLocative, mm.start) && !(mm.end < len(s.words) && s.words[mm.end].fold == "'s")
	}
	if s.precededBy(kLocative, mm.start) {
		return true
	}
	for i := mm.end; i < len(s.words) && i <= mm.end+3; i++ {
		if s.hasMarker(kDomain, i, i+1) {
			return true
		}
		w := s.words[i]
		if w.punct || s.hasMarker(kLocative, i, i+1) || s.hasMarker(kBe, i, i+1) || s.hasMarker(kJoin, i, i+1) || s.hasMarker(kComparison, i, i+1) {
			return false
		}
		for _, c := range s.cues {
			if c.start <= i && i < c.end {
				return false
			}
		}
		for _, o := range s.mentions {
			if o.start == i {
				return false
			}
		}
	}
	return false
}

// mention is an actor reference in a sentence.
type mention struct {
	ids        []string
	text       string
	start, end int    // word indices
	rule       string // how the mention was resolved: "", ruleCoref, ruleHome
	antecedent string // ruleCoref: the text of the actor referred to
	country    bool   // a country is among ids (or the home country)
}

func (m mention) valid() bool { return len(m.ids) > 0 }

type anaphor struct {
	kind       corpus.ActorKind
	text       string
	start, end int
}

// notActor reports whether an actor name sits in a not_actors phrase.
func (st *state) notActor(m match) bool {
	for _, x := range st.sc.matches {
		if x.kind == kNotActor && x.start <= m.start && x.end >= m.end {
			return true
		}
	}
	return false
}

// remember updates the paragraph's anaphora antecedents: the first
// organisation or product and the first country named in the sentence.
func (st *state) remember(s *sent) {
	var org, country mention
	for _, m := range s.mentions {
		if len(m.ids) != 1 {
			continue
		}
		if st.a.cb.kind(m.ids[0]) == corpus.Country {
			if !country.valid() {
				country = m
			}
		} else if !org.valid() {
			org = m
		}
	}
	if org.valid() {
		st.lastOrg = org
	}
	if country.valid() {
		st.lastCountry = country
	}
}

// resolve returns the antecedent of an anaphor: the first matching actor
// named earlier in the sentence, else the paragraph's last subject.
func (st *state) resolve(s *sent, an anaphor) mention {
	// The nearest actor of the anaphor's kind before it in its own clause
	// ("the need for the US ... to maintain its leadership"), else the
	// first one before it in the sentence, its subject ("ERNIE is ahead,
	// but analysts say it still lags").
	fits := func(m mention) bool {
		return len(m.ids) == 1 && m.start < an.start && (an.kind == corpus.Country) == (st.a.cb.kind(m.ids[0]) == corpus.Country)
	}
	ref := func(m mention) mention {
		return mention{ids: m.ids, text: an.text, start: an.start, end: an.end, rule: ruleCoref, antecedent: m.text, country: m.country}
	}
	if ci := s.clauseOf(an.start); ci >= 0 {
		for k := len(s.mentions) - 1; k >= 0; k-- {
			if m := s.mentions[k]; fits(m) && m.start >= s.clauses[ci].start {
				return ref(m)
			}
		}
	}
	for _, m := range s.mentions {
		if fits(m) {
			return ref(m)
		}
	}
	// "it", "its" may stand for a country the clause names ("for the US
	// to sustain its lead").
	if ci := s.clauseOf(an.start); ci >= 0 && an.kind != corpus.Country {
		for k := len(s.mentions) - 1; k >= 0; k-- {
			m := s.mentions[k]
			if len(m.ids) == 1 && m.start < an.start && m.start >= s.clauses[ci].start && st.a.cb.kind(m.ids[0]) == corpus.Country {
				return ref(m)
			}
		}
	}
	prev := st.lastOrg
	if an.kind == corpus.Country {
		prev = st.lastCountry
	}
	if !prev.valid() {
		return mention{}
	}
	return mention{ids: prev.ids, text: an.text, start: an.start, end: an.end, rule: ruleCoref, antecedent: prev.text, country: prev.country}
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// dropModifiers removes country names that only modify the organisation
// named right after them, directly or through 's, 的 and descriptor words
// (Taiwan's TSMC, French startup Mistral, 韩国三星, 中国的DeepSeek): the
// organisation is the actor, and its frames reach the country by roll-up.
// So are country names that modify one unnamed organisation (a Chinese lab,
// an American startup): the organisation is not in the gazetteer, and the
// country is not framed for it; and the model another is built from
// (trained on top of Qwen), which is not compared.
func (st *state) dropModifiers(s *sent) []mention {
	out := s.mentions[:0]
	for i, m := range s.mentions {
		if i+1 < len(s.mentions) && st.isModifier(s, m, s.mentions[i+1]) {
			continue
		}
		if st.unnamedOrg(s, m) || s.precededBy(kBase, m.start) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// unnamedOrg reports whether country mention m modifies one organisation
// the gazetteer does not name: descriptor words after it end in an unnamed
// noun that no actor name follows (a Chinese lab, Chinese tech giant, an
// American chip startup; not Chinese startup DeepSeek, Chinese labs).
func (st *state) unnamedOrg(s *sent, m mention) bool {
	if len(m.ids) != 1 || st.a.cb.kind(m.ids[0]) != corpus.Country || s.words[m.start].han {
		return false
	}
	unnamed := false
	i := m.end
	for ; i < len(s.words) && i < m.end+3 && s.hasMarker(kDescriptor, i, i+1); i++ {
		unnamed = s.hasMarker(kUnnamed, i, i+1)
	}
	return unnamed && s.mentionAt(i) < 0 && (i >= len(s.words) || s.words[i].fold != "'s")
}

func (st *state) isModifier(s *sent, m, next mention) bool {
	if len(m.ids) != 1 || len(next.ids) != 1 {
		return false
	}
	if st.a.cb.kind(m.ids[0]) != corpus.Country || st.a.cb.kind(next.ids[0]) == corpus.Country {
		return false
	}
	gap := next.start - m.end
	if gap > 2 {
		return false
	}
	for i := m.end; i < next.start; i++ {
		if f := s.words[i].fold; f != "'s" && f != "的" && !s.hasMarker(kDescriptor, i, i+1) {
			return false
		}
	}
	for _, c := range s.cues {
		if c.start >= m.end && c.start < next.start {
			return false
		}
	}
	return true
}

// How a mention was resolved, reported in evidence rules ("+home",
// "+coref:OpenAI").
const (
	ruleHome  = "home"
	ruleCoref = "coref"
)

// endsMention reports whether a mention ends at word i (its last word).
func (s *sent) endsMention(i int) bool {
	for _, mm := range s.mentions {
		if mm.end == i+1 {
			return true
		}
	}
	return false
}

// anaphorEndsAt reports whether an anaphor ends at word i.
func (s *sent) anaphorEndsAt(i int) bool {
	for _, an := range s.anaphora {
		if an.end == i+1 {
			return true
		}
	}
	return false
}

// modifiesNoun reports whether country mention mm only describes the noun
// after it: a rival, organisation or person noun (its Silicon Valley peers,
// Chinese entrepreneur Wang Xiaochuan).
func (s *sent) modifiesNoun(mm mention) bool {
	if mm.end >= len(s.words) || s.words[mm.start].han {
		return false
	}
	if s.hasMarker(kPerson, mm.end, mm.end+1) {
		return true
	}
	// "its Silicon Valley peers" (the peers are its), not "the American
	// competition" (the US is the competition).
	possessive := mm.start > 0 && (s.words[mm.start-1].fold == "its" || s.words[mm.start-1].fold == "their" || s.words[mm.start-1].fold == "his" || s.words[mm.start-1].fold == "her")
	return possessive && s.hasMarker(kRival, mm.end, mm.end+1) && !s.hasMarker(kTopic, mm.end, mm.end+1) && !s.countryBefore(mm)
}

// countryBefore reports whether a country mention other than mm's comes
// before country mention mm: "Chinese labs are closing the gap with their
// American counterparts" compares two countries' groups.
func (s *sent) countryBefore(mm mention) bool {
	if !mm.country {
		return false
	}
	for _, o := range s.mentions {
		if o.start >= mm.start {
			break
		}
		if o.country && !slices.Equal(o.ids, mm.ids) {
			return true
		}
	}
	return false
}

// anyCountry reports whether a country is among ids.
func (a *Analyzer) anyCountry(ids []string) bool {
	for _, id := range ids {
		if a.cb.kind(id) == corpus.Country {
			return true
		}
	}
	return false
}
