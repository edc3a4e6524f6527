package analyzer

import (
	"strings"

	"github.com/framescope/framescope/corpus"
)

// skippable reports whether word i is a determiner or particle that the
// scope stage looks past when it finds the word after a cue.
func (s *sent) skippable(i int) bool {
	switch s.words[i].fold {
	case "the", "a", "an", "its", "their", "his", "her", "our", "all", "many", "most", "several", "some", "both", "even", "other", "了", "过", "所有", "众多", "多家", "一众":
		return true
	}
	return false
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
// right before word i, or before an adverb in -ly right before it (is
// desperately behind).
func (s *sent) predicateBefore(i int) bool {
	if s.markerEndsAt(kPredicate, i) {
		return true
	}
	return i > 1 && len(s.words[i-1].fold) > 4 && strings.HasSuffix(s.words[i-1].fold, "ly") && s.markerEndsAt(kPredicate, i-1)
}

// isAdverb reports whether word i is an English adverb in -ly (narrowly,
// comfortably) or a manner word (markers.manner: far, well).
func (s *sent) isAdverb(i int) bool {
	w := s.words[i].fold
	return !s.words[i].han && (len(w) > 4 && strings.HasSuffix(w, "ly") || s.hasMarker(kManner, i, i+1))
}

func isPrepositionWord(w string) bool {
	switch w {
	case "in", "on", "at", "with", "when", "by", "for", "of", "across", "among", "globally", "worldwide", "again", "now", "today", "and", "but":
		return true
	}
	return false
}

// partners marks the mentions of s that are comparison partners: right
// after a comparison word (比 X, than X, compared with X) or after a join
// word and before a partner word (与 X 相比, 与 X 的差距).
func (st *state) partners(s *sent) []bool {
	p := s.partner[:0]
	for _, mm := range s.mentions {
		first, last := s.chainBounds(mm)
		p = append(p, s.precededBy(kComparison, first) || (s.precededBy(kJoin, first) && s.hasMarkerAt(kPartner, last)) || s.comparedExample(first))
	}
	// The rest of a partner's list is partners too (than Google and
	// Microsoft, compared to rivals like Google, Meta and OpenAI).
	for k := 0; k+1 < len(s.mentions); k++ {
		if p[k] && !p[k+1] && s.listContinues(k) {
			p[k+1] = true
		}
	}
	return p
}

// listContinues reports whether mention k+1 is the next item of a list
// that mention k is in: only a list word (and, or, 和, 、) stands between
// them (a serial comma allowed), or a comma with the list closed by such
// a word later (Google, Meta and OpenAI; India, China, Japan, and Korea).
func (s *sent) listContinues(k int) bool {
	a, b := s.mentions[k], s.mentions[k+1]
	comma, joined := false, false
	for i := a.end; i < b.start; i++ {
		switch w := s.words[i].fold; {
		case w == "," || w == "，":
			comma = true
		case s.hasMarkerAt(kList, i):
			joined = true
		case s.hasMarker(kNamePart, i, i+1) || s.numberAt(i):
		default:
			return false
		}
	}
	if !comma || joined {
		return true // "Google and Meta", the serial comma of "Korea, and Singapore"
	}
	for i := b.end; i < len(s.words); i++ {
		switch w := s.words[i].fold; {
		case s.hasMarkerAt(kList, i):
			return s.mentions[len(s.mentions)-1].start > i
		case w == "," || w == "，" || s.insideMention(i) || s.hasMarker(kNamePart, i, i+1) || s.numberAt(i):
		default:
			return false
		}
	}
	return false
}

// comparedExample reports whether the mention at word i is an example of
// a noun after a comparison word (compared to competitors like Google).
func (s *sent) comparedExample(i int) bool {
	for _, ex := range s.markers[kExample] {
		if ex.end != i {
			continue
		}
		for _, c := range s.markers[kComparison] {
			if c.end <= ex.start && ex.start-c.end <= 3 {
				return true
			}
		}
	}
	return false
}

// isPartner reports whether a mention before a cue is its comparison partner:
// marked as such, or for a gap cue joined to an earlier subject (华为与英伟达仍有差距).
func (st *state) isPartner(s *sent, mm mention, partner []bool, cue *CueSet, cueStart int, before []mention) bool {
	gap := cue.Gap
	for i, x := range s.mentions {
		if x.start == mm.start && partner[i] {
			return true
		}
	}
	// 与 X 媲美, 与 X 并跑: the comparative follows the joined actor directly;
	// 对 X 的追赶: X is the one chased.
	first, last := s.chainBounds(mm)
	if cue.Object != "" && first > 0 && s.words[first-1].han && (s.precededBy(kJoin, first) || s.precededBy(kTarget, first)) {
		if last == cueStart || (last+1 == cueStart && s.words[last].fold == "的") {
			return true
		}
	}
	if gap && s.precededBy(kJoin, first) {
		if s.hasMarker(kWiden, last, cueStart) {
			return true // 与AMD拉开8%差距: the subject widens the gap with X
		}
		for _, b := range before {
			if b.end <= mm.start {
				return true
			}
		}
	}
	return false
}

// precededBy reports whether a marker of kind ends right before word i,
// skipping one determiner (than the US).
func (s *sent) precededBy(kind entryKind, i int) bool {
	for _, mk := range s.markers[kind] {
		if mk.end == i {
			return true
		}
		if mk.end == i-1 && (s.words[i-1].fold == "the" || s.words[i-1].fold == "its") {
			return true
		}
	}
	return false
}

// hasMarkerAt reports whether a marker of kind starts at word i (or right
// after a 的).
func (s *sent) hasMarkerAt(kind entryKind, i int) bool {
	for _, mk := range s.markers[kind] {
		if mk.start == i || (mk.start == i+1 && s.words[i].fold == "的") {
			return true
		}
	}
	return false
}

// markerEndsAt reports whether a marker of kind ends right before word i.
func (s *sent) markerEndsAt(kind entryKind, i int) bool {
	for _, mk := range s.markers[kind] {
		if mk.end == i {
			return true
		}
	}
	return false
}

// hasMarker reports whether a marker of kind starts in words [i, j).
func (s *sent) hasMarker(kind entryKind, i, j int) bool {
	for _, mk := range s.markers[kind] {
		if mk.start >= i && mk.start < j {
			return true
		}
	}
	return false
}

// passive finds a passive construction around cue m: 被 followed by the
// agent or the cue itself (OpenAI被DeepSeek反超, 被超越), or a be-verb
// before and "by" right after an English cue (was overtaken by). It returns
// the marker's word index.
func (s *sent) passive(c clause, m match, lang corpus.Lang) (int, bool) {
	for _, mk := range s.markers[kPassive] {
		if mk.start < c.start || mk.start >= c.end {
			continue
		}
		if mk.end == m.start && s.words[mk.start].han {
			return mk.start, true
		}
		if mk.start < m.start && s.words[mk.start].han {
			for _, mm := range s.mentions {
				if mm.start == mk.end && mm.end <= m.start && m.start-mm.end <= 2 {
					return mk.start, true
				}
			}
		}
		if mk.start == m.end && !s.words[mk.start].han && s.hasMarker(kBe, max(c.start, m.start-3), m.start) {
			return mk.start, true
		}
	}
	return 0, false
}

// dropSpeakers removes from before the mentions that precede a claim or a
// complement word when other mentions follow it (OpenAI said Baidu trails:
// OpenAI is the speaker, not the subject; Meta asks how DeepSeek beats
// everyone: DeepSeek is).
func (s *sent) dropSpeakers(before []mention, m match) []mention {
	before = s.dropBefore(kClaim, before, m)
	return s.dropBefore(kComplement, before, m)
}

// dropBefore removes from before the mentions that precede a marker of
// kind before cue m when other mentions follow it.
func (s *sent) dropBefore(kind entryKind, before []mention, m match) []mention {
	for _, mk := range s.markers[kind] {
		if mk.start >= m.start {
			continue
		}
		n := 0
		for _, mm := range before {
			if mm.start >= mk.end {
				n++
			}
		}
		if n == 0 && len(before) > 0 && kind == kComplement && s.ownSubject(mk.end, m.start) {
			// "explores how one model outperforms another": the clause
			// after the complement word has a subject of its own, no
			// actor.
			return before[:0]
		}
		if n > 0 && n < len(before) {
			// Filtered into speakerBuf, which before may already be: the
			// copy then moves mentions to lower indices, never over one
			// not yet read.
			after := s.speakerBuf[:0]
			for _, mm := range before {
				if mm.start >= mk.end {
					after = append(after, mm)
				}
			}
			s.speakerBuf, before = after, after
		}
	}
	return before
}

// clauseOf returns the index of the clause holding word i.
func (s *sent) clauseOf(i int) int {
	for ci, c := range s.clauses {
		if i >= c.start && i < c.end {
			return ci
		}
	}
	return -1
}

// punctBetween reports whether clause punctuation lies in words [i, j).
func (s *sent) punctBetween(i, j int) bool {
	for k := i; k < j && k < len(s.words); k++ {
		if s.words[k].punct {
			return true
		}
	}
	return false
}

// linked reports whether mention b follows a directly, or after 's / 的
// (OpenAI o1, OpenAI's GPT-4, 百度的文心一言).
func (s *sent) linked(a, b mention) bool {
	switch b.start - a.end {
	case 0:
		return true
	case 1:
		f := s.words[a.end].fold
		return f == "'s" || f == "的"
	}
	return false
}

// chainBounds returns the first word and the end of the chain of linked
// mentions mm belongs to.
func (s *sent) chainBounds(mm mention) (int, int) {
	var i int
	for i = range s.mentions {
		if s.mentions[i].start == mm.start {
			break
		}
	}
	first, last := mm.start, mm.end
	for j := i; j > 0 && s.linked(s.mentions[j-1], s.mentions[j]); j-- {
		first = s.mentions[j-1].start
	}
	for j := i; j+1 < len(s.mentions) && s.linked(s.mentions[j], s.mentions[j+1]); j++ {
		last = s.mentions[j+1].end
	}
	return first, last
}

// chain returns mm and the mentions linked after it.
func (s *sent) chain(mm mention) []mention {
	out := []mention{mm}
	for i := range s.mentions {
		if s.mentions[i].start <= mm.start {
			continue
		}
		if !s.linked(out[len(out)-1], s.mentions[i]) {
			break
		}
		out = append(out, s.mentions[i])
	}
	return out
}

// insidePartnerPhrase reports whether cue m lies between a join word and a
// later gap cue of its clause, describing the partner (与海外领先模型的差距).
func (st *state) insidePartnerPhrase(s *sent, c clause, m match) bool {
	for _, j := range s.markers[kJoin] {
		if j.start < c.start || j.start >= m.start {
			continue
		}
		for _, g := range s.cues {
			if g.start > m.start && g.start < c.end && g.kind == kCue && st.a.cues[g.cue].Gap {
				return true
			}
		}
	}
	return false
}

// numberAt reports whether word i is a number (100, 1000亿, 一半, 两倍).
func (s *sent) numberAt(i int) bool {
	if i >= len(s.words) {
		return false
	}
	for _, mm := range s.mentions {
		if mm.start == i {
			return false // 三星 is a name
		}
	}
	for _, r := range s.words[i].text {
		return ('0' <= r && r <= '9') || strings.ContainsRune("一二两三四五六七八九十百千万亿半几数", r)
	}
	return false
}

// mentionBetween reports whether a mention starts in words [i, j).
func (s *sent) mentionBetween(i, j int) bool {
	for _, mm := range s.mentions {
		if mm.start >= i && mm.start < j {
			return true
		}
	}
	return false
}

// cueBetween reports whether a cue starts in words [i, j).
func (s *sent) cueBetween(i, j int) bool {
	for _, c := range s.cues {
		if c.start >= i && c.start < j {
			return true
		}
	}
	return false
}

// clause is a run of words between clause breaks.
type clause struct {
	start, end int
	mentions   []int // indices into sentence mentions
	anaphora   []int // indices into sentence anaphora
	cues       []int // indices into sentence cues
	contrast   bool  // starts with but / 但
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
			if m.start == i && !s.insideMarker(m, kNotYet, kNoLonger, kComparison, kPredicate) && !s.insideCue(i) {
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
		merged := false
		for ci+1 < len(cl) && len(c.cues) == 0 && len(c.mentions) > 0 && (s.onlyActors(c) || s.examplesOpen(c)) {
			merged = true
			n := cl[ci+1]
			c.end = n.end
			c.mentions = append(c.mentions, n.mentions...)
			c.anaphora = append(c.anaphora, n.anaphora...)
			c.cues = append(c.cues, n.cues...)
			ci++
		}
		// A list that continues the object of a cue (challenge Nvidia,
		// Microsoft, and Amazon) joins the clause it continues.
		if n := len(out); n > 0 && len(c.cues) == 0 && len(c.mentions) > 0 && (s.onlyActors(c) || merged && s.listHead(c)) && len(out[n-1].cues) > 0 && (s.endsWithMention(out[n-1]) || s.hasMarker(kExample, c.start, c.start+1)) {
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

// examplesOpen reports whether clause c ends in a list of examples that
// the next clause continues (Countries like China, India and Japan lead;
// with OpenAI, Google, and Anthropic emerging as leaders): an example or
// English join word, then only actors, and a comma list closed by a list
// word after the clause's last actor.
func (s *sent) examplesOpen(c clause) bool {
	for _, kind := range [...]entryKind{kExample, kJoin} {
		if s.listOpensAfter(c, kind) {
			return true
		}
	}
	return false
}

func (s *sent) listOpensAfter(c clause, kind entryKind) bool {
	for _, ex := range s.markers[kind] {
		if ex.start < c.start || ex.end >= c.end || s.words[ex.start].han {
			continue
		}
		tail := clause{start: ex.end, end: c.end}
		for _, k := range c.mentions {
			if s.mentions[k].start >= ex.end {
				tail.mentions = append(tail.mentions, k)
			}
		}
		if len(tail.mentions) == 0 || !s.onlyActors(tail) {
			return false
		}
		last := tail.mentions[len(tail.mentions)-1]
		return last+1 < len(s.mentions) && s.listContinues(last)
	}
	return false
}

// listHead reports whether clause c opens with a list of actors closed by
// a list word, the rest of it naming no actor: the tail of a serial list
// (beating Google, OpenAI, and more; outperforms Gemini, GPT-4o, and Claude
// on coding).
func (s *sent) listHead(c clause) bool {
	last := s.mentions[c.mentions[len(c.mentions)-1]]
	joined := false
	for i := c.start; i < c.end; i++ {
		if i < last.end && s.insideMention(i) {
			continue
		}
		w := s.words[i].fold
		switch {
		case s.hasMarkerAt(kList, i):
			joined = true
		case w == "," || w == "，":
		case i >= last.end:
			return joined || w == "more" || w == "others" || w == "other"
		case w == "the" || s.hasMarker(kNamePart, i, i+1) || s.numberAt(i):
		default:
			return false
		}
	}
	return joined
}

// insideCue reports whether word i lies inside a cue of more than one word
// ("as" in "as good as" is no clause break).
func (s *sent) insideCue(i int) bool {
	for _, c := range s.cues {
		if c.start <= i && i < c.end && c.end > c.start+1 {
			return true
		}
	}
	return false
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
		case "and", "or", "but", "the", "'s", "和", "与", "及", "以及", "、", "as", "well", "both", "also", "even":
			continue
		}
		if s.words[i].punct || s.hasMarker(kExample, i, i+1) || s.hasMarker(kNamePart, i, i+1) || s.numberAt(i) {
			continue
		}
		return false
	}
	return true
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

// determinerBefore reports whether an English cue follows a determiner or a
// possessive, or opens its clause: an adjective (the leading American
// labs), not a verb (for leading OpenAI, continue leading OpenAI). Chinese
// cues are always taken as adjectives here (领先的美国企业).
func (s *sent) determinerBefore(m match) bool {
	if s.words[m.start].han || m.start == 0 || s.words[m.start-1].punct {
		return true
	}
	switch s.words[m.start-1].fold {
	case "the", "a", "an", "its", "their", "his", "her", "our", "'s", "most", "other", "many", "several", "some", "all", "two", "three", "few":
		return true
	}
	return false
}

// namedAfter returns the actors an apposition names after the noun an
// English cue describes: "China's dominant search engine, Baidu", "the
// world's largest chipmaker, TSMC, said". The noun phrase ends at a comma
// within four words of the cue, and the actors after it end their clause
// or stand between commas.
func (s *sent) namedAfter(m match) []mention {
	if s.words[m.start].han {
		return nil
	}
	for i := m.end; i < len(s.words) && i <= m.end+4; i++ {
		w := s.words[i]
		if w.text == "," && i > m.end {
			ms := s.listFrom(i + 1)
			if len(ms) == 0 || ms[0].start != i+1 {
				return nil
			}
			if end := ms[len(ms)-1].end; end < len(s.words) && !s.words[end].punct {
				return nil // "the leading chipmaker, Nvidia said": a speaker
			}
			return ms
		}
		if w.punct || s.mentionAt(i) >= 0 || s.insideMention(i) || s.hasMarker(kBe, i, i+1) {
			return nil
		}
	}
	return nil
}

// examplesAfter returns the mentions that a noun phrase after cue m
// introduces as examples: an example word within four words of the cue (a
// comma allowed before it) and the actors right after it, up to the next
// word that is neither an actor nor a list word.
func (s *sent) examplesAfter(m match) []mention {
	ex := -1
	for i := m.end; i < len(s.words) && i <= m.end+4; i++ {
		if s.hasMarkerAt(kOpposed, i) {
			break // "an edge against rivals like Google": the compared, not examples
		}
		if s.hasMarker(kExample, i, i+1) {
			for _, mk := range s.markers[kExample] {
				if mk.start == i {
					ex = mk.end
				}
			}
			break
		}
		if s.words[i].punct && s.words[i].text != "," && s.words[i].text != "，" {
			break
		}
	}
	if ex < 0 {
		return nil
	}
	return s.listFrom(ex)
}

// listFrom returns the actors of the list that starts at word i, up to the
// next word that is neither an actor nor a list word (Gemini 2.5 Pro, o3
// Pro, and Claude 4 Opus).
func (s *sent) listFrom(i int) []mention {
	var out []mention
	for i < len(s.words) {
		if k := s.mentionAt(i); k >= 0 {
			out = append(out, s.mentions[k])
			i = s.mentions[k].end
			continue
		}
		switch w := s.words[i].fold; {
		case w == "and" || w == "or" || w == "," || w == "，" || w == "、" || w == "和" || s.hasMarker(kNamePart, i, i+1) || s.numberAt(i):
			i++
			continue
		}
		break
	}
	return out
}

// createdBefore reports whether an adjective cue describes what its
// subject makes: a creation verb (releases, trained, 推出) right before it,
// past a determiner (Meta has trained a state-of-the-art movie model).
func (s *sent) createdBefore(m match) bool {
	for i := m.start - 1; i >= 0 && i >= m.start-3; i-- {
		switch s.words[i].fold {
		case "a", "an", "its", "their", "new":
			continue
		}
		return s.hasMarker(kCreation, i, i+1)
	}
	return false
}

// causative reports whether the chain of mentions starting with mm is
// followed by "to" (leading SoftBank to explore): a verb, not an adjective.
func (s *sent) causative(mm mention) bool {
	_, last := s.chainBounds(mm)
	return last < len(s.words) && s.words[last].fold == "to"
}

// rivalRelative reports whether clause c opens, before cue m, with a
// relative word that follows a rival word (competitors, who have narrowed
// the gap): the rivals are the clause's subject.
func (s *sent) rivalRelative(c clause, m match) bool {
	i := c.start
	for i < m.start && s.words[i].punct {
		i++
	}
	if i >= m.start || !s.hasMarker(kRelative, i, i+1) {
		return false
	}
	j := i - 1
	for j >= 0 && s.words[j].punct {
		j--
	}
	return j >= 0 && s.hasMarker(kRival, j, j+1)
}

// ownSubject reports whether words i to j (after a complement word, before
// a cue) hold a subject that is no actor: some word that is neither "to"
// right after the complement word (shows how to beat OpenAI) nor an
// anaphor (explains why its model beats GPT-4).
func (s *sent) ownSubject(i, j int) bool {
	if i >= j || s.words[i].fold == "to" {
		return false
	}
	for _, an := range s.anaphora {
		if an.start >= i && an.start < j {
			return false
		}
	}
	return true
}
