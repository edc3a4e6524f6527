package crawler

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipText lists elements whose text is never shown to a reader.
var skipText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Select: true, atom.Option: true, atom.Textarea: true,
	atom.Svg: true, atom.Iframe: true, atom.Object: true,
}

// blockText lists elements that break lines in rendered text.
var blockText = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Nav: true, atom.Aside: true,
	atom.Blockquote: true, atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Form: true, atom.Main: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true,
}

// visibleText returns the text of n as a reader sees it, one block a line,
// with runs of white space collapsed.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipText[elemAtom(n)] {
				return
			}
		}
		block := n.Type == html.ElementNode && blockText[elemAtom(n)]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n)
	return cleanLines(b.String())
}

// cleanLines collapses white space inside lines (including the ideographic
// and no-break spaces) and drops empty lines.
func cleanLines(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.FieldsFunc(line, isSpace), " ")
		if line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\f', '\v', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return false
}

// nodeText returns the collapsed text content of n on one line.
func nodeText(n *html.Node) string {
	return strings.Join(strings.FieldsFunc(strings.ReplaceAll(visibleText(n), "\n", " "), isSpace), " ")
}

// findFirst returns the first element below n for which match is true.
func findFirst(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, match); f != nil {
			return f
		}
	}
	return nil
}

// attr returns the value of attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// elemAtom returns the atom of an element, looked up from its name when
// the tree was built by code that left DataAtom unset (go-trafilatura's
// output tree does).
func elemAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
