package analyzer

import (
	"slices"

	"github.com/framescope/framescope/corpus"
)

// selfClaim reports whether the frame is claimed by the framed actor's own
// side: a speaker (the actor, its maker or one of its people) before a
// claim word before the cue (Robin Li said ERNIE is ahead).
func (st *state) selfClaim(s *sent, m match, roles []role) bool {
	cb := st.a.cb
	speakers := s.speakerIDs[:0]
	defer func() { s.speakerIDs = speakers[:0] }()
	for _, mk := range s.markers[kClaim] {
		if mk.start >= m.start {
			continue
		}
		speakers = speakers[:0]
		cl := s.clauseOf(mk.start)
		for _, p := range s.people {
			if p.end <= mk.start && s.clauseOf(p.start) == cl {
				speakers = append(speakers, p.ids...)
			}
		}
		for _, mm := range s.mentions {
			if mm.end <= mk.start && s.clauseOf(mm.start) == cl {
				speakers = append(speakers, mm.ids...)
			}
		}
		if s.hasMarker(kContrast, mk.end, m.start) {
			continue // "..., but analysts say it lags" is not the speaker's claim
		}
		for _, sp := range speakers {
			for _, r := range roles {
				for _, id := range r.m.ids {
					if cb.Maker(id) == cb.Maker(sp) && r.m.start > mk.start {
						return true
					}
				}
			}
		}
	}
	return false
}

// dropContradictedClaims removes self-claimed frames of an actor whom a
// later clause of the same sentence frames on someone else's word (ERNIE is
// not inferior, Robin Li said, but analysts say it still lags).
func (st *state) dropContradictedClaims(s *sent) {
	cb := st.a.cb
	first := len(st.hits)
	for first > 0 && st.hits[first-1].sentence == st.nsent {
		first--
	}
	hs := st.hits[first:]
	dropped := s.dropped[:0] // cue instances
	for _, h := range hs {
		if !h.selfish {
			continue
		}
		for _, o := range hs {
			if !o.selfish && o.clause > h.clause && cb.Maker(o.actor) == cb.Maker(h.actor) {
				dropped = append(dropped, h.instance)
				break
			}
		}
	}
	s.dropped = dropped
	if len(dropped) == 0 {
		return
	}
	keep := hs[:0]
	for _, h := range hs {
		if !slices.Contains(dropped, h.instance) {
			keep = append(keep, h)
		}
	}
	st.hits = st.hits[:first+len(keep)]
}

// derivative frames the actor a derivative label is given to (China's
// answer to ChatGPT, 对标GPT-4) as catching-up; the reference is not framed.
func (st *state) derivative(s *sent, ci int, m match, set *CueSet, before, after []mention) []role {
	ref := -1
	switch {
	case set.ReferenceBefore:
		// 谷歌地图的替代品: the reference comes first.
		if n := len(before); n > 0 {
			ref = before[n-1].start
		}
	case len(after) > 0 && after[0].start-m.end <= 2:
		ref = after[0].start
	default:
		return nil // "the default answer to every model comparison": no reference, no label
	}
	roles := s.roleBuf[:0]
	defer func() { s.roleBuf = roles[:0] }()
	if set.Reference != "" {
		// A Copilot rival, a rival to ChatGPT: the reference right next to
		// the noun is framed; without one the word is no label (rival
		// services).
		var r mention
		if n := len(before); set.ReferenceBefore && n > 0 && (before[n-1].end == m.start || s.possessiveBefore(before[n-1], m)) {
			r = before[n-1]
		} else if !set.ReferenceBefore && len(after) > 0 && after[0].start == ref {
			r = after[0]
		}
		if !r.valid() {
			return nil
		}
		roles = append(roles, role{m: r, frame: set.Reference, rule: st.sc.ruleName(st.a, set.ID, "reference", ""), factor: 1, object: true})
		if mm, ok := st.appositionAfter(s, ci, m); ok && set.ReferenceBefore {
			// "OpenAI's chief startup rival, Anthropic": the name after
			// the noun, not the clause's subject.
			return append(roles, role{m: mm, frame: set.Frame, rule: st.sc.ruleName(st.a, set.ID, "labelled-apposition", ""), factor: factorInherited})
		}
	}
	labelled := st.sc.ruleName(st.a, set.ID, "labelled", "")
	hasOrg := false
	s.allBuf = append(append(s.allBuf[:0], before...), after...)
	for _, mm := range s.allBuf {
		if mm.start == ref || len(mm.ids) != 1 {
			continue
		}
		roles = append(roles, role{m: mm, frame: set.Frame, rule: labelled, factor: 1})
		if st.a.cb.kind(mm.ids[0]) != corpus.Country {
			hasOrg = true
		}
	}
	if !hasOrg {
		if mm, ok := st.neighbourOrg(s, ci); ok {
			roles = append(roles, role{m: mm, frame: set.Frame, rule: st.sc.ruleName(st.a, set.ID, "labelled-apposition", ""), factor: factorInherited})
		}
	}
	if len(roles) == 0 {
		for _, k := range s.clauses[ci].anaphora {
			if r := st.resolve(s, s.anaphora[k]); r.valid() {
				roles = append(roles, role{m: r, frame: set.Frame, rule: labelled, factor: 1})
				break
			}
		}
	}
	return roles
}

// possessiveBefore reports whether mention mm is the possessor of the noun
// phrase that cue m ends: X's, then at most two words (OpenAI's chief
// startup rival).
func (s *sent) possessiveBefore(mm mention, m match) bool {
	if mm.end >= m.start || s.words[mm.end].fold != "'s" || m.start-mm.end-1 > 2 {
		return false
	}
	for i := mm.end + 1; i < m.start; i++ {
		if s.words[i].punct || s.mentionAt(i) >= 0 || s.hasMarker(kBe, i, i+1) {
			return false
		}
	}
	return true
}

// appositionAfter returns the actor that opens the clause right after cue
// m when the cue ends its own clause ("OpenAI's rival, Anthropic").
func (st *state) appositionAfter(s *sent, ci int, m match) (mention, bool) {
	if ci+1 >= len(s.clauses) || s.objectWord(m.end) >= 0 {
		return mention{}, false
	}
	next := s.clauses[ci+1]
	for _, k := range next.mentions {
		mm := s.mentions[k]
		if len(mm.ids) == 1 && s.objectWord(next.start) == mm.start {
			return mm, true
		}
		break
	}
	return mention{}, false
}

// neighbourOrg returns the nearest organisation or product of the previous,
// else the next, clause: the apposition a label is given to ("Baidu's ERNIE
// Bot, China's answer to ChatGPT").
func (st *state) neighbourOrg(s *sent, ci int) (mention, bool) {
	for _, n := range []int{ci - 1, ci + 1} {
		if n < 0 || n >= len(s.clauses) {
			continue
		}
		ks := s.clauses[n].mentions
		for j := range ks {
			k := ks[j]
			if n < ci {
				k = ks[len(ks)-1-j] // the previous clause's last: the one next to the label
			}
			mm := s.mentions[k]
			if len(mm.ids) != 1 {
				continue
			}
			if st.a.cb.kind(mm.ids[0]) != corpus.Country {
				return mm, true
			}
		}
	}
	return mention{}, false
}

// applyLabel handles a label marker between a country and an actor
// (中国版ChatGPT): the country and the clause's other organisations and
// products are framed catching-up, the reference is not.
func (st *state) applyLabel(s *sent, ci int, m match) {
	c := s.clauses[ci]
	var country, ref *mention
	for k := range s.mentions {
		mm := &s.mentions[k]
		if mm.end == m.start {
			if st.a.cb.kind(mm.ids[0]) == corpus.Country || mm.rule == ruleHome {
				country = mm
			}
		}
		if mm.start == m.end {
			ref = mm
		}
	}
	if country == nil || ref == nil {
		return
	}
	cue := s.span(country.start, ref.end)
	emit := func(mm mention, rule string) {
		for _, id := range mm.ids {
			st.hits = append(st.hits, hit{
				actor: id, frame: corpus.CatchingUp, sentence: st.nsent, instance: st.ninst, score: 1, clause: ci,
				ev: corpus.Evidence{Sentence: s.text, Cue: cue, Mention: mm.text, Rule: rule},
			})
		}
	}
	emit(*country, "label/country")
	refMaker := ""
	if len(ref.ids) == 1 {
		refMaker = st.a.cb.Maker(ref.ids[0])
	}
	for _, k := range c.mentions {
		mm := s.mentions[k]
		if mm.start == ref.start || mm.start == country.start || len(mm.ids) != 1 {
			continue
		}
		if refMaker != "" && st.a.cb.Maker(mm.ids[0]) == refMaker {
			// Another product of the reference's maker (中国版ChatGPT离GPT-4
			// 有多远) is the yardstick too, not the labelled actor.
			continue
		}
		if st.a.cb.kind(mm.ids[0]) != corpus.Country {
			emit(mm, "label/labelled")
		}
	}
}
