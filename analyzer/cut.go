package analyzer

import "unicode/utf8"

// cutter segments one text the way cppjieba's MixSegment does: the text is
// split at separators (space, tab, newline, ，and 。), each piece is cut
// along the most probable path through the dictionary (MPSegment), and
// runs of single characters on that path are cut again by the HMM
// (HMMSegment), which keeps ASCII letters and numbers together. Ties go to
// the shorter word, as in cppjieba.
type cutter struct {
	u      *userWords
	d      *dictTable
	text   string
	starts []int
	ends   []int

	// scratch for one piece, indexed by rune
	offs   []int     // byte offset of each rune, and of the piece's end
	codes  []uint32  // the dictionary's code of each rune
	weight []float64 // best weight from rune i to the end
	next   []int     // the rune after the word chosen at i
}

func isSeparator(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '，' || r == '。'
}

func (c *cutter) cut() {
	t := c.text
	start := 0
	for i, r := range t {
		if isSeparator(r) {
			if start < i {
				c.piece(start, i)
			}
			_, n := utf8.DecodeRuneInString(t[i:])
			c.emit(i, i+n)
			start = i + n
		}
	}
	if start < len(t) {
		c.piece(start, len(t))
	}
}

func (c *cutter) emit(start, end int) {
	c.starts = append(c.starts, start)
	c.ends = append(c.ends, end)
}

// word returns the weight of s (key k) as a word, and whether it is a word
// or a prefix of one at all. *user says whether s may be an added word or
// prefix; it is cleared when s is none, and then no longer string that
// starts with s is either, since the added words come with their prefixes.
func (c *cutter) word(k dictKey, s string, user *bool) (weight float64, found bool) {
	if *user {
		if w, ok := c.u.lookup(k, s); ok {
			if w != notWord {
				return w, true
			}
			if dw, ok := c.d.lookup(k, s); ok {
				return dw, true
			}
			return notWord, true
		}
		*user = false
	}
	return c.d.lookup(k, s)
}

// piece cuts text[start:end], which has no separator.
func (c *cutter) piece(start, end int) {
	t := c.text[:end]
	c.offs, c.codes = c.offs[:0], c.codes[:0]
	for i, r := range t[start:] {
		c.offs = append(c.offs, start+i)
		c.codes = append(c.codes, c.d.code(r))
	}
	n := len(c.offs)
	c.offs = append(c.offs, end)
	c.weight = grow(c.weight, n+1)
	c.next = growInt(c.next, n)
	c.weight[n] = 0
	for i := n - 1; i >= 0; i-- {
		best, nx := minDouble, i+1
		k, user := newKey(), true
		for j := i + 1; j <= n; j++ {
			k.add(c.codes[j-1])
			w, found := c.word(k, t[c.offs[i]:c.offs[j]], &user)
			if !found {
				if j == i+1 {
					w = c.d.min
				} else {
					break
				}
			} else if w == notWord {
				if j != i+1 {
					continue
				}
				w = c.d.min
			}
			v := w
			if j < n {
				v += c.weight[j]
			}
			if v > best {
				best, nx = v, j
			}
		}
		c.weight[i], c.next[i] = best, nx
	}
	// Words of more than one character stand; runs of single characters go
	// to the HMM (cppjieba spares the one-character words of a user
	// dictionary file, and there are none).
	run := -1
	for i := 0; i < n; {
		j := c.next[i]
		if j == i+1 {
			if run < 0 {
				run = i
			}
		} else {
			if run >= 0 {
				c.hmm(run, i)
				run = -1
			}
			c.emit(c.offs[i], c.offs[j])
		}
		i = j
	}
	if run >= 0 {
		c.hmm(run, n)
	}
}

func grow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}

func growInt(b []int, n int) []int {
	if cap(b) < n {
		return make([]int, n)
	}
	return b[:n]
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
func isASCIIDigit(b byte) bool  { return '0' <= b && b <= '9' }

// hmm cuts the runes [from, to) of the current piece: ASCII letters (then
// letters and digits) and numbers (digits and periods) are words, any other
// ASCII character is one, and the runs of other characters between them
// are tagged by the HMM.
func (c *cutter) hmm(from, to int) {
	t := c.text
	left := from
	for right := from; right < to; {
		b := t[c.offs[right]]
		if b >= 0x80 {
			right++
			continue
		}
		if left < right {
			c.viterbi(left, right)
		}
		left = right
		right++
		switch {
		case isASCIILetter(b):
			for right < to && c.offs[right+1]-c.offs[right] == 1 && (isASCIILetter(t[c.offs[right]]) || isASCIIDigit(t[c.offs[right]])) {
				right++
			}
		case isASCIIDigit(b):
			for right < to && c.offs[right+1]-c.offs[right] == 1 && (isASCIIDigit(t[c.offs[right]]) || t[c.offs[right]] == '.') {
				right++
			}
		}
		c.emit(c.offs[left], c.offs[right])
		left = right
	}
	if left < to {
		c.viterbi(left, to)
	}
}

// viterbi tags the runes [from, to) with B, E, M, S and emits a word at
// each E or S, as cppjieba's HMMSegment::Viterbi does.
func (c *cutter) viterbi(from, to int) {
	m := theHMM()
	t := c.text
	x := to - from
	weight := make([]float64, 4*x)
	path := make([]int8, 4*x)
	rn := func(k int) rune { r, _ := utf8.DecodeRuneInString(t[c.offs[from+k]:]); return r }
	e := m.emitOf(rn(0))
	for y := 0; y < 4; y++ {
		weight[y*x] = m.start[y] + e[y]
		path[y*x] = -1
	}
	for k := 1; k < x; k++ {
		e := m.emitOf(rn(k))
		for y := 0; y < 4; y++ {
			now := k + y*x
			weight[now] = minDouble
			path[now] = hmmE
			for py := 0; py < 4; py++ {
				if v := weight[k-1+py*x] + m.trans[py][y] + e[y]; v > weight[now] {
					weight[now] = v
					path[now] = int8(py)
				}
			}
		}
	}
	stat := hmmS
	if weight[x-1+hmmE*x] >= weight[x-1+hmmS*x] {
		stat = hmmE
	}
	status := make([]int8, x)
	for k := x - 1; k >= 0; k-- {
		status[k] = int8(stat)
		stat = int(path[k+stat*x])
	}
	left := from
	for k := 0; k < x; k++ {
		if status[k]%2 == 1 {
			c.emit(c.offs[left], c.offs[from+k+1])
			left = from + k + 1
		}
	}
}
