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
	// topicW and offW mark the words that name the coded domain or one
	// outside it, computed once per sentence by the scope stage.
	topicW, offW []bool
	domainDone   bool
}

// reset empties s for a new sentence, keeping its buffers.
func (s *sent) reset(text string, words []word) {
	s.text, s.words, s.question, s.domainDone = text, words, false, false
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
			s.mentions = append(s.mentions, mention{ids: m.ids, text: txt, start: m.start, end: m.end, country: st.a.anyCountry(m.ids)})
		case kHome:
			if st.home != "" {
				s.mentions = append(s.mentions, mention{ids: st.homeIDs, text: txt, start: m.start, end: m.end, rule: ruleHome, country: true})
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
