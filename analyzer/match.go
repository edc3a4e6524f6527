package analyzer

import (
	"math/bits"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/framescope/framescope/corpus"
)

// entryKind says what a lexicon phrase is.
type entryKind uint8

const (
	kActor entryKind = iota
	kHome
	kAnaphor
	kPeople
	kCue
	kExclude
	kLabel
	kNegation
	kNoLonger
	kNotYet
	kAspiration
	kModal
	kNotNegation
	kPassive
	kBe
	kComparison
	kJoin
	kPartner
	kClause
	kClaim
	kContrast
	kFrom
	kTo
	kLocative
	kDomain
	kNotActor
	kDescriptor
	kTopic
	kOffTopic
	kDomestic
	kRival
	kPredicate
	kExample
	kNamed
	kAcronym
	kWorld
	kStanding
	kTarget
	kNamePart
	kObjectBreak
	kPerson
	kCreation
	kShrink
	kTitle
	kList
	kManner
	kSubordinate
	kPortion
	kRelative
	kOpposed
	kAbility
	kUnnamed
	kBase
	kEroding
	kComplement
	kWiden
	kHead
	kOpener
	numKinds
)

// Kinds are bits of a uint64 in lexicon.longest.
var _ [64 - numKinds]struct{}

// entry is the meaning of one phrase.
type entry struct {
	kind    entryKind
	ids     []string         // kActor: actor IDs; kPeople: the actor they speak for
	anaphor corpus.ActorKind // kAnaphor
	cue     int              // kCue, kExclude: index into Analyzer.cues
	// exact, when set, is the phrase's words as written: the match must
	// have this case (actor names: US is not us).
	exact string
	// versioned marks an actor named by a version pattern (o4, GPT-4o).
	versioned bool
}

// trieNode is a node of a phrase trie over lower-cased word keys.
type trieNode struct {
	next    map[string]*trieNode
	entries []entry
}

func (n *trieNode) add(keys []string, e entry) {
	for _, k := range keys {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c := n.next[k]
		if c == nil {
			c = &trieNode{}
			n.next[k] = c
		}
		n = c
	}
	for i, old := range n.entries {
		if old.kind == e.kind && old.cue == e.cue && old.anaphor == e.anaphor && old.exact == e.exact {
			// Merge actor IDs of an alias shared by several actors (中美).
			for _, id := range e.ids {
				if !contains(old.ids, id) {
					n.entries[i].ids = append(n.entries[i].ids, id)
				}
			}
			return
		}
	}
	n.entries = append(n.entries, e)
}

// match is a phrase found at a word position.
type match struct {
	entry
	start, end int // word indices
}

// lexicon holds the codebook's phrases in one trie over lower-cased words;
// actor names must also match in case. Single Chinese words of two or more
// characters are also found inside longer segmented words (领先 in 领先地位).
type lexicon struct {
	root        trieNode
	han         map[string][]entry
	maxHanRunes int
	// firsts and hans hold a bit for every key of root.next and han: a
	// word whose bit is clear is not a key, found without the map.
	firsts, hans wordFilter
	// patterns name versioned actors (GPT-4o, Qwen3): each is tried on a
	// Latin-script word with a digit that no alias names.
	patterns []namePattern
}

// namePattern is an actor's version pattern with its literal prefix,
// tried before the expression.
type namePattern struct {
	re     *regexp.Regexp
	prefix string
	ids    []string
}

// wordFilter is a one-hash Bloom filter over strings.
type wordFilter [1 << 10]uint64

func filterHash(s string) uint32 {
	n := len(s)
	var a, b uint64
	switch {
	case n >= 4:
		a = uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
		b = uint64(s[n-4]) | uint64(s[n-3])<<8 | uint64(s[n-2])<<16 | uint64(s[n-1])<<24
	case n > 0:
		a = uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16
	}
	h := (a<<32 | b) ^ uint64(n)
	h *= 0x9E3779B97F4A7C15
	return uint32(h >> 48)
}

func (f *wordFilter) add(s string) {
	h := filterHash(s)
	f[h>>6] |= 1 << (h & 63)
}

// mayHave reports whether s may have been added: false means it was not.
func (f *wordFilter) mayHave(s string) bool {
	h := filterHash(s)
	return f[h>>6]&(1<<(h&63)) != 0
}

func newLexicon() *lexicon {
	return &lexicon{han: map[string][]entry{}}
}

// add registers a phrase; ws are its words as tokenize gives them.
func (l *lexicon) add(ws []word, caseSensitive bool, e entry) {
	if len(ws) == 0 {
		return
	}
	keys := make([]string, len(ws))
	for i, w := range ws {
		keys[i] = w.fold
	}
	if caseSensitive {
		e.exact = joinText(ws)
	}
	l.root.add(keys, e)
	l.firsts.add(keys[0])
	if len(ws) == 1 && ws[0].han && utf8.RuneCountInString(ws[0].text) >= 2 && (e.kind == kActor || e.kind == kCue || e.kind == kHome) {
		l.han[ws[0].text] = append(l.han[ws[0].text], e)
		l.hans.add(ws[0].text)
		l.maxHanRunes = max(l.maxHanRunes, utf8.RuneCountInString(ws[0].text))
	}
}

// joinText joins the words' text with single spaces.
func joinText(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// sameText reports whether words ws[i:j] are written exactly as exact.
func sameText(ws []word, i, j int, exact string) bool {
	for k := i; k < j; k++ {
		t := ws[k].text
		if !strings.HasPrefix(exact, t) {
			return false
		}
		exact = exact[len(t):]
		if k+1 < j {
			if exact == "" || exact[0] != ' ' {
				return false
			}
			exact = exact[1:]
		}
	}
	return exact == ""
}

// scan finds every phrase starting at every word: per position the longest
// match of each kind. Words inside longer Chinese words are found when no
// phrase of that kind starts at the word.
func (l *lexicon) scan(ws []word, out []match) []match {
	for i := range ws {
		if ws[i].punct {
			continue
		}
		n0 := len(out)
		out = l.longest(ws, i, out)
		out = l.compound(ws[i], i, out, n0)
		out = l.versioned(ws[i], i, out, n0)
		if ws[i].han && len(ws[i].text) >= 9 { // three or more characters
			out = l.inside(ws[i].text, i, out, n0)
		}
	}
	return out
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// knownWord reports whether w (folded) starts a phrase of the lexicon.
func (l *lexicon) knownWord(w string) bool {
	return l.firsts.mayHave(w) && l.root.next[w] != nil
}

// versioned finds an actor named by one of its version patterns in a
// Latin-script word with a digit (GPT-4o, o3-mini, Qwen3) where no alias
// starts.
func (l *lexicon) versioned(w word, i int, out []match, n0 int) []match {
	if w.han || len(l.patterns) == 0 || !hasDigit(w.text) {
		return out
	}
	for _, m := range out[n0:] {
		if m.kind == kActor {
			return out
		}
	}
	for _, p := range l.patterns {
		if strings.HasPrefix(w.text, p.prefix) && p.re.MatchString(w.text) {
			return append(out, match{entry: entry{kind: kActor, ids: p.ids, versioned: true}, start: i, end: i + 1})
		}
	}
	return out
}

// compound finds actor names in a hyphenated word that is no name itself
// (US-China, Sino-US): one joint mention of every actor named.
func (l *lexicon) compound(w word, i int, out []match, n0 int) []match {
	if w.han || strings.IndexByte(w.text, '-') < 0 {
		return out
	}
	if f := lower(w.text); strings.HasSuffix(f, "-based") || strings.HasSuffix(f, "-born") || strings.HasSuffix(f, "-headquartered") {
		return out // Israel-based, Chinese-born: a place, not an actor
	}
	for _, m := range out[n0:] {
		if m.kind == kActor {
			return out
		}
	}
	var ids []string
	for _, part := range strings.Split(w.text, "-") {
		if n := l.root.next[lower(part)]; n != nil {
			for _, e := range n.entries {
				if e.kind == kActor && e.exact == part {
					for _, id := range e.ids {
						if !contains(ids, id) {
							ids = append(ids, id)
						}
					}
				}
			}
		}
	}
	if len(ids) == 0 {
		return out
	}
	return append(out, match{entry: entry{kind: kActor, ids: ids}, start: i, end: i + 1})
}

// longest appends the longest match per entry kind starting at word i, in
// kind order.
func (l *lexicon) longest(ws []word, i int, out []match) []match {
	if !l.firsts.mayHave(ws[i].fold) {
		return out
	}
	n := l.root.next[ws[i].fold]
	if n == nil {
		return out
	}
	var best [numKinds]struct {
		end  int
		node *trieNode
	}
	var found uint64 // kinds with a match, as bits
	for j := i; ; {
		for k := range n.entries {
			e := &n.entries[k]
			if e.exact != "" && !sameText(ws, i, j+1, e.exact) {
				continue
			}
			best[e.kind].end, best[e.kind].node = j+1, n
			found |= 1 << e.kind
		}
		j++
		if j >= len(ws) || n.next == nil {
			break
		}
		if n = n.next[ws[j].fold]; n == nil {
			break
		}
	}
	for found != 0 {
		k := bits.TrailingZeros64(found)
		found &^= 1 << k
		b := best[k]
		for x := range b.node.entries {
			e := &b.node.entries[x]
			if e.kind == entryKind(k) && (e.exact == "" || sameText(ws, i, b.end, e.exact)) {
				out = append(out, match{entry: *e, start: i, end: b.end})
			}
		}
	}
	return out
}

// inside finds actor and cue words inside a longer Chinese word, longest
// first, for kinds not already matched at the word (from index n0 of out).
func (l *lexicon) inside(text string, i int, out []match, n0 int) []match {
	have := func(k entryKind) bool {
		for _, m := range out[n0:] {
			if m.kind == k {
				return true
			}
		}
		return false
	}
	haveActor, haveCue := have(kActor) || have(kHome), have(kCue)
	if haveActor && haveCue {
		return out
	}
	// Byte offsets of the runes, to take substrings without copying.
	var buf [16]int
	bo := buf[:0]
	for i := range text {
		bo = append(bo, i)
	}
	bo = append(bo, len(text))
	runes := len(bo) - 1
	for size := min(runes-1, l.maxHanRunes); size >= 2; size-- {
		for a := 0; a+size <= runes; a++ {
			sub := text[bo[a]:bo[a+size]]
			if !l.hans.mayHave(sub) {
				continue
			}
			for _, e := range l.han[sub] {
				if (e.kind == kCue && !haveCue) || ((e.kind == kActor || e.kind == kHome) && !haveActor) {
					out = append(out, match{entry: e, start: i, end: i + 1})
				}
			}
		}
		if len(out) > n0 {
			haveActor, haveCue = have(kActor) || have(kHome), have(kCue)
			if haveActor && haveCue {
				break
			}
		}
	}
	return out
}

// hasHan reports whether s contains a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
