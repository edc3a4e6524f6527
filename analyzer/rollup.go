package analyzer

import (
	"math"
	"slices"
	"sort"

	"github.com/framescope/framescope/corpus"
)

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

	return rs.result()
}

// result sorts the attributions collected in rs (organisations before
// countries, then by frame) and lays their evidence out in one array, in
// the order found.
func (rs *rollScratch) result() []corpus.Attribution {
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
