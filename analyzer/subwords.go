package analyzer

import (
	"slices"
	"unicode/utf8"
)

// searchTokens returns the precise words at starts/ends, each preceded by
// the search-mode sub-words that start in it (see Tokenize).
func (s *Segmenter) searchTokens(text string, starts, ends []int, out []Token) []Token {
	c := cutter{u: s.added.Load(), d: theDict(), text: text}
	var extra []Token
	for k := range starts {
		extra = extra[:0]
		// Dictionary words made of this and the following whole words.
		extra = c.spanWords(starts[k:], ends[k:], 1, extra)
		// Dictionary words inside this word.
		extra = c.innerWords(starts[k], ends[k], extra)
		if len(extra) > 1 {
			slices.SortFunc(extra, func(a, b Token) int {
				if a.Start != b.Start {
					return a.Start - b.Start
				}
				return a.End - b.End
			})
		}
		out = append(out, extra...)
		out = append(out, Token{Text: text[starts[k]:ends[k]], Start: starts[k], End: ends[k]})
	}
	return out
}

// spanWords appends the dictionary words of two or more characters that
// start at starts[0] and end at one of ends[m-1:] (m ≥ minUnits), that
// is, that are made of at least minUnits whole consecutive units.
func (c *cutter) spanWords(starts, ends []int, minUnits int, out []Token) []Token {
	t := c.text
	from := starts[0]
	k, user := newKey(), true
	unit := 0
	for i := from; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		k.add(c.d.code(r))
		i += n
		w, found := c.word(k, t[from:i], &user)
		if !found {
			break
		}
		for unit < len(ends) && ends[unit] < i {
			unit++
		}
		if unit == len(ends) {
			break
		}
		if ends[unit] == i && unit+1 > minUnits && k.runes >= 2 && w != notWord {
			out = append(out, Token{Text: t[from:i], Start: from, End: i, Sub: true})
		}
	}
	return out
}

// innerWords appends the dictionary words of two or more characters
// inside text[start:end] that do not cross the boundaries of its best split
// into smaller words, level by level: the split's parts and the words made
// of whole consecutive parts, then the same inside each part.
func (c *cutter) innerWords(start, end int, out []Token) []Token {
	if utf8.RuneCountInString(c.text[start:end]) < 3 {
		return out
	}
	base := len(out)
	ps, pe := c.split(start, end)
	for k := range ps {
		out = c.spanWords(ps[k:], pe[k:], 0, out)
		out = c.innerWords(ps[k], pe[k], out)
	}
	// The whole word is a span of all parts: drop it.
	for i := len(out) - 1; i >= base; i-- {
		if out[i].Start == start && out[i].End == end {
			out = append(out[:i], out[i+1:]...)
		}
	}
	return out
}

// split returns the most probable cut of text[start:end] into at least two
// dictionary words (characters the dictionary lacks standing alone).
func (c *cutter) split(start, end int) (starts, ends []int) {
	t := c.text[:end]
	// Words are short: their runes fit the arrays, on the stack.
	var offsBuf [33]int
	var codesBuf [32]uint32
	var weightBuf [33]float64
	var nextBuf [32]int
	offs, codes := offsBuf[:0], codesBuf[:0]
	for i, r := range t[start:] {
		offs = append(offs, start+i)
		codes = append(codes, c.d.code(r))
	}
	n := len(offs)
	offs = append(offs, end)
	weight, next := weightBuf[:], nextBuf[:] // zero, as make would give
	if n > len(nextBuf) {
		weight, next = make([]float64, n+1), make([]int, n)
	}
	weight, next = weight[:n+1], next[:n]
	for i := n - 1; i >= 0; i-- {
		best, nx := minDouble, i+1
		k, user := newKey(), true
		for j := i + 1; j <= n; j++ {
			k.add(codes[j-1])
			w, found := c.word(k, t[offs[i]:offs[j]], &user)
			switch {
			case i == 0 && j == n:
				continue // not the word itself
			case !found && j == i+1, found && w == notWord && j == i+1:
				w = c.d.min
			case !found:
				j = n
				continue
			case w == notWord:
				continue
			}
			v := w + weight[j]
			if v > best {
				best, nx = v, j
			}
		}
		weight[i], next[i] = best, nx
	}
	starts, ends = make([]int, 0, n), make([]int, 0, n)
	for i := 0; i < n; i = next[i] {
		starts = append(starts, offs[i])
		ends = append(ends, offs[next[i]])
	}
	return starts, ends
}
