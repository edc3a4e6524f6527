package analyzer

import (
	"strings"

	"github.com/framescope/framescope/corpus"
)

// state carries what one article's analysis needs between sentences: the
// paragraph's last subjects for "it" and "the company", and the hits.
type state struct {
	a         *Analyzer
	sc        *scratch
	lang      corpus.Lang
	home      string
	mentioned []string // actor IDs named, each once
	hits      []hit
	nsent     int
	ninst     int
	// lastOrg and lastCountry are the subjects anaphora refer back to.
	lastOrg, lastCountry mention
	homeIDs              []string
}

// mention is an actor reference in a sentence.
type mention struct {
	ids        []string
	text       string
	start, end int    // word indices
	rule       string // how the mention was resolved: "", ruleCoref, ruleHome
	antecedent string // ruleCoref: the text of the actor referred to
}

// How a mention was resolved, reported in evidence rules ("+home",
// "+coref:OpenAI").
const (
	ruleHome  = "home"
	ruleCoref = "coref"
)

func (m mention) valid() bool { return len(m.ids) > 0 }

// clause is a run of words between clause breaks.
type clause struct {
	start, end int
	mentions   []int // indices into sentence mentions
	anaphora   []int // indices into sentence anaphora
	cues       []int // indices into sentence cues
	contrast   bool  // starts with but / 但
}

// sent is the per-sentence working set.
type sent struct {
	text     string
	words    []word
	mentions []mention
	anaphora []anaphor
	cues     []match
	markers  [numKinds][]match
	clauses  []clause
	people   []match
	question bool
	partner  []bool // per mention: a comparison partner
	// Buffers reused by applyCue.
	beforeBuf, afterBuf      []mention
	allBuf, speakerBuf       []mention
	speakerIDs               []string
	dropped                  []int
	subjBuf, objBuf, roleBuf []role
	setting                  []int8 // per word: 1 when the mention starting there is a setting, 2 when not
}

// reset empties s for a new sentence, keeping its buffers.
func (s *sent) reset(text string, words []word) {
	s.text, s.words, s.question = text, words, false
	s.mentions, s.anaphora, s.cues, s.people = s.mentions[:0], s.anaphora[:0], s.cues[:0], s.people[:0]
	s.clauses = s.clauses[:0]
	for k := range s.markers {
		s.markers[k] = s.markers[k][:0]
	}
}

// boolBuf returns (*buf)[:n] cleared, growing it when needed.
func boolBuf(buf *[]bool, n int) []bool {
	if cap(*buf) < n {
		*buf = make([]bool, n)
	}
	b := (*buf)[:n]
	clear(b)
	return b
}

type anaphor struct {
	kind       corpus.ActorKind
	text       string
	start, end int
}

func (st *state) paragraph() {
	st.lastOrg, st.lastCountry = mention{}, mention{}
}

// sentence analyzes one sentence and appends its hits.
func (st *state) sentence(text string, cut hanCutter, off int) {
	a := st.a
	sc := st.sc
	sc.words = tokenize(cut, text, off, sc.words[:0])
	sc.matches = a.lex.scan(sc.words, sc.matches[:0])
	s := &sc.sent
	s.reset(text, sc.words)
	t := strings.TrimRight(text, "\"'”’」』）) ")
	s.question = strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") || strings.HasSuffix(t, "吗")

	// Actors first (longest wins, no overlaps), then cues that do not
	// overlap an actor name.
	covered := boolBuf(&sc.covered, len(s.words))
	pending := sc.pending[:0]
	for _, m := range sc.matches {
		switch m.kind {
		case kActor, kHome, kAnaphor:
			pending = append(pending, m)
		}
	}
	sortMatches(pending)
	for _, m := range pending {
		if anyCovered(covered, m.start, m.end) || st.notActor(m) {
			continue
		}
		mark(covered, m.start, m.end)
		txt := s.span(m.start, m.end)
		switch m.kind {
		case kActor:
			if m.versioned && m.start > 0 && s.words[m.start-1].fold != s.words[m.start-1].text && !anyCovered(covered, m.start-1, m.start) && !s.words[m.start-1].han && !st.a.lex.knownWord(s.words[m.start-1].fold) {
				// A version of another name (XBai o4): not the gazetteer's o4.
				continue
			}
			s.mentions = append(s.mentions, mention{ids: m.ids, text: txt, start: m.start, end: m.end})
		case kHome:
			if st.home != "" {
				s.mentions = append(s.mentions, mention{ids: st.homeIDs, text: txt, start: m.start, end: m.end, rule: ruleHome})
			}
		case kAnaphor:
			s.anaphora = append(s.anaphora, anaphor{kind: m.anaphor, text: txt, start: m.start, end: m.end})
		}
	}
	sortMentions(s.mentions)
	for _, m := range s.mentions {
		for _, id := range m.ids {
			if !contains(st.mentioned, id) {
				st.mentioned = append(st.mentioned, id)
			}
		}
	}
	sc.pending = pending
	cues := sc.cueBuf[:0]
	for _, m := range sc.matches {
		switch m.kind {
		case kCue, kLabel:
			cues = append(cues, m)
		case kPeople:
			s.people = append(s.people, m)
		default:
			if m.kind >= kNegation {
				s.markers[m.kind] = append(s.markers[m.kind], m)
			}
		}
	}
	sortMatches(cues)
	sc.cueBuf = cues
	cueCovered := boolBuf(&sc.cueCovered, len(s.words))
	for _, m := range cues {
		if anyCovered(covered, m.start, m.end) && !s.words[m.start].han {
			continue
		}
		if anyCovered(cueCovered, m.start, m.end) || st.excluded(m) {
			continue
		}
		mark(cueCovered, m.start, m.end)
		s.cues = append(s.cues, m)
	}
	sortMatchesByStart(s.cues)
	s.mentions = st.dropModifiers(s)
	if len(s.cues) == 0 {
		st.remember(s)
		st.nsent++
		return
	}
	s.splitClauses()
	s.partner = st.partners(s)
	s.setting = s.setting[:0]
	for range s.words {
		s.setting = append(s.setting, 0)
	}

	for ci := range s.clauses {
		for _, k := range s.clauses[ci].cues {
			st.applyCue(s, ci, s.cues[k])
		}
	}
	st.dropContradictedClaims(s)
	st.remember(s)
	st.nsent++
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

// span returns the sentence text of words [i, j).
func (s *sent) span(i, j int) string {
	start := s.words[i].start
	end := len(s.text)
	if j < len(s.words) {
		end = s.words[j].start
	}
	last := s.words[j-1]
	end = min(end, last.start+len(last.text))
	return s.text[start:end]
}

// splitClauses cuts the sentence at clause punctuation and clause words; a
// clause that holds only actor names (a list before a comma) joins the next.
func (s *sent) splitClauses() {
	breakAt := func(i int) bool {
		if w := s.words[i]; w.punct {
			return w.text != "?" && w.text != "？"
		}
		for _, m := range s.markers[kClause] {
			if m.start == i && !s.insideMarker(m, kNotYet, kNoLonger, kComparison) {
				return true
			}
		}
		return false
	}
	cl := s.clauses[:0]
	next := func(start, end int) {
		if len(cl) < cap(cl) {
			cl = cl[:len(cl)+1]
			c := &cl[len(cl)-1]
			*c = clause{start: start, end: end, mentions: c.mentions[:0], anaphora: c.anaphora[:0], cues: c.cues[:0]}
			return
		}
		cl = append(cl, clause{start: start, end: end})
	}
	start := 0
	for i := 0; i <= len(s.words); i++ {
		if i == len(s.words) || breakAt(i) {
			if i > start || i == len(s.words) {
				next(start, i)
			}
			start = i
			if i < len(s.words) && s.words[i].punct {
				start = i + 1
			}
		}
	}
	clauseOf := func(w int) int {
		for ci := range cl {
			if w >= cl[ci].start && w < cl[ci].end {
				return ci
			}
		}
		return -1
	}
	for _, m := range s.markers[kContrast] {
		for ci := range cl {
			if m.start == cl[ci].start {
				cl[ci].contrast = true
			}
		}
	}
	for i, m := range s.mentions {
		if ci := clauseOf(m.start); ci >= 0 {
			cl[ci].mentions = append(cl[ci].mentions, i)
		}
	}
	for i, m := range s.anaphora {
		if ci := clauseOf(m.start); ci >= 0 {
			cl[ci].anaphora = append(cl[ci].anaphora, i)
		}
	}
	for i, m := range s.cues {
		if ci := clauseOf(m.start); ci >= 0 {
			cl[ci].cues = append(cl[ci].cues, i)
		}
	}
	// Merge actor-only clauses into the next one.
	out := cl[:0]
	for ci := 0; ci < len(cl); ci++ {
		c := cl[ci]
		for ci+1 < len(cl) && len(c.cues) == 0 && len(c.mentions) > 0 && s.onlyActors(c) {
			n := cl[ci+1]
			c.end = n.end
			c.mentions = append(c.mentions, n.mentions...)
			c.anaphora = append(c.anaphora, n.anaphora...)
			c.cues = append(c.cues, n.cues...)
			ci++
		}
		// A list that continues the object of a cue (challenge Nvidia,
		// Microsoft, and Amazon) joins the clause it continues.
		if n := len(out); n > 0 && len(c.cues) == 0 && len(c.mentions) > 0 && s.onlyActors(c) && len(out[n-1].cues) > 0 && s.endsWithMention(out[n-1]) {
			p := &out[n-1]
			p.end = c.end
			p.mentions = append(p.mentions, c.mentions...)
			p.anaphora = append(p.anaphora, c.anaphora...)
			continue
		}
		out = append(out, c)
	}
	// Forget merged slots so that no two reused clauses share a buffer.
	for i := len(out); i < len(cl); i++ {
		cl[i] = clause{}
	}
	s.clauses = out
}

// endsWithMention reports whether the last word of clause c ends a mention.
func (s *sent) endsWithMention(c clause) bool {
	for _, k := range c.mentions {
		if s.mentions[k].end == c.end {
			return true
		}
	}
	return false
}

// onlyActors reports whether a clause has nothing but actor names, joining
// words (and, 和, 、) and determiners.
func (s *sent) onlyActors(c clause) bool {
	k := 0 // next mention of the clause
	for i := c.start; i < c.end; i++ {
		for k < len(c.mentions) && s.mentions[c.mentions[k]].end <= i {
			k++
		}
		if k < len(c.mentions) && s.mentions[c.mentions[k]].start <= i {
			continue
		}
		switch s.words[i].fold {
		case "and", "or", "the", "'s", "和", "与", "及", "以及", "、", "as", "well", "both", "also", "even":
			continue
		}
		if s.words[i].punct {
			continue
		}
		return false
	}
	return true
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
	// The nearest actor of the anaphor's kind before it in the sentence
	// ("the need for the US ... to maintain its leadership").
	for k := len(s.mentions) - 1; k >= 0; k-- {
		m := s.mentions[k]
		if m.start >= an.start || len(m.ids) != 1 {
			continue
		}
		if (an.kind == corpus.Country) == (st.a.cb.kind(m.ids[0]) == corpus.Country) {
			return mention{ids: m.ids, text: an.text, start: an.start, end: an.end, rule: ruleCoref, antecedent: m.text}
		}
	}
	prev := st.lastOrg
	if an.kind == corpus.Country {
		prev = st.lastCountry
	}
	if !prev.valid() {
		return mention{}
	}
	return mention{ids: prev.ids, text: an.text, start: an.start, end: an.end, rule: ruleCoref, antecedent: prev.text}
}

func sortMatches(ms []match) {
	// Longest first, then leftmost: greedy selection keeps the longest names.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && matchBefore(ms[j], ms[j-1]); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func matchBefore(x, y match) bool {
	lx, ly := x.end-x.start, y.end-y.start
	if lx != ly {
		return lx > ly
	}
	return x.start < y.start
}

func sortMatchesByStart(ms []match) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func anyCovered(c []bool, i, j int) bool {
	for k := i; k < j; k++ {
		if c[k] {
			return true
		}
	}
	return false
}

func mark(c []bool, i, j int) {
	for k := i; k < j; k++ {
		c[k] = true
	}
}

// insideMarker reports whether m lies inside a longer marker of one of kinds
// ("yet" in "has yet to" is no clause break).
func (s *sent) insideMarker(m match, kinds ...entryKind) bool {
	for _, k := range kinds {
		for _, o := range s.markers[k] {
			if o.start <= m.start && o.end >= m.end && o.end-o.start > m.end-m.start {
				return true
			}
		}
	}
	return false
}

// dropModifiers removes country names that only modify the organisation
// named right after them, directly or through 's, 的 and descriptor words
// (Taiwan's TSMC, French startup Mistral, 韩国三星, 中国的DeepSeek): the
// organisation is the actor, and its frames reach the country by roll-up.
func (st *state) dropModifiers(s *sent) []mention {
	out := s.mentions[:0]
	for i, m := range s.mentions {
		if i+1 < len(s.mentions) && st.isModifier(s, m, s.mentions[i+1]) {
			continue
		}
		out = append(out, m)
	}
	return out
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
