package crawler

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// shortText is the length in characters below which an extracted text is
// treated as a short article (a brief of a few sentences). go-trafilatura
// judges texts that short by weaker rules, and the extracted text can
// still carry the page around the story: the navigation, the date line,
// the notices under it.
const shortText = 500

// blockMinShare is the least share of an extracted short text the
// paragraph block must hold to replace it; a smaller block is one
// paragraph of an article whose paragraphs are not siblings, not the
// article.
const blockMinShare = 1.0 / 3

// furnitureElems lists elements whose paragraphs are page furniture, not
// an article: a paragraph block is never looked for inside them.
var furnitureElems = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
}

// paragraphBlock returns the text of the element below n whose own <p>
// children hold the most text: the container of an article's paragraphs
// on nearly every news page. The text is one block a line, as visibleText
// gives it; it is "" when the page has no paragraph of text.
func paragraphBlock(n *html.Node) string {
	var best *html.Node
	bestLen := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (skipText[elemAtom(n)] || furnitureElems[elemAtom(n)]) {
			return
		}
		size := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && elemAtom(c) == atom.P {
				size += letterCount(nodeText(c))
			}
			walk(c)
		}
		if size > bestLen {
			best, bestLen = n, size
		}
	}
	walk(n)
	if best == nil {
		return ""
	}
	return visibleText(best)
}

// narrowToBlock returns block in place of text when text is short and
// holds all of block, in order, as a large enough part of it: the rest is
// page furniture that the extractor swept up around a short article. It
// returns text otherwise.
func narrowToBlock(text, block string) string {
	n := letterCount(text)
	b := letterCount(block)
	if block == "" || n >= shortText || b < minBodyRunes || float64(b) < blockMinShare*float64(n) {
		return text
	}
	if !strings.Contains(letters(text), letters(block)) {
		return text
	}
	return block
}

// letters returns s without white space.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// letterCount returns the number of characters of s that are not white
// space.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) && !isSpace(r) {
			n++
		}
	}
	return n
}
