package index

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query language a journalist types:
//
//	AI 人工智能                    both words (implicit AND)
//	"catch up" OR 追赶             a phrase or a word
//	DeepSeek NOT (OpenAI OR 美国)  NOT and parentheses; "-word" is NOT word
//	title:芯片  text:"export controls"  lead*
//	lang:zh source:Xinhua country:CN actor:baidu frame:catching-up
//	*                              every article (so is an empty query)
//
// Words and phrases are looked up in Chinese and English text alike, each
// analyzed the way its language is indexed. AND, OR and NOT are operators
// only in upper case; AND binds tighter than OR.

// nodeKind is the kind of a parsed query node.
type nodeKind int

const (
	nodeAll  nodeKind = iota // every document
	nodeText                 // a word, phrase or prefix in text fields
	nodeKey                  // a keyword field value
	nodeAnd
	nodeOr
	nodeNot
)

// node is a parsed query expression.
type node struct {
	kind     nodeKind
	field    string // text: "", "title" or "text"; key: the field name
	text     string
	phrase   bool
	prefix   bool
	children []*node
}

// queryFields are the field names a query may use with "field:value".
var queryFields = map[string]string{
	"title":   "title",
	"text":    "text",
	"body":    "text",
	"lang":    fLang,
	"source":  fSource,
	"country": fCountry,
	"actor":   fActors,
	"frame":   fFrameSet,
}

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokOpen
	tokClose
	tokAnd
	tokOr
	tokNot
)

type qtok struct {
	kind  tokKind
	field string // for words and phrases written field:value
	text  string
}

// lexQuery splits a query into tokens. Straight, curly and corner quotes
// delimit phrases; ASCII and full-width parentheses group.
func lexQuery(s string) ([]qtok, error) {
	var toks []qtok
	closeQuote := map[rune]rune{'"': '"', '“': '”', '「': '」', '『': '』', '＂': '＂'}
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '　':
			i += w
		case r == '(' || r == '（':
			toks = append(toks, qtok{kind: tokOpen})
			i += w
		case r == ')' || r == '）':
			toks = append(toks, qtok{kind: tokClose})
			i += w
		case r == '-' && i+w < len(s) && !isSpaceAt(s, i+w):
			toks = append(toks, qtok{kind: tokNot})
			i += w
		default:
			if cq, ok := closeQuote[r]; ok {
				end := strings.IndexRune(s[i+w:], cq)
				if end < 0 {
					return nil, fmt.Errorf("%w: unclosed quote in %q", ErrBadQuery, s)
				}
				toks = append(toks, qtok{kind: tokPhrase, text: s[i+w : i+w+end]})
				i += w + end + utf8.RuneLen(cq)
				continue
			}
			// A word runs to space, a parenthesis or a quote; field:"phrase"
			// continues into the quote.
			j := i
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || r == '　' || r == '(' || r == ')' || r == '（' || r == '）' {
					break
				}
				if _, ok := closeQuote[r]; ok {
					break
				}
				j += w
			}
			word := s[i:j]
			i = j
			if name, val, ok := strings.Cut(word, ":"); ok && isFieldName(name) {
				field, known := queryFields[strings.ToLower(name)]
				if !known {
					return nil, fmt.Errorf("%w: unknown field %q (known: title, text, lang, source, country, actor, frame)", ErrBadQuery, name)
				}
				if val == "" && i < len(s) {
					r, w := utf8.DecodeRuneInString(s[i:])
					if cq, ok := closeQuote[r]; ok {
						end := strings.IndexRune(s[i+w:], cq)
						if end < 0 {
							return nil, fmt.Errorf("%w: unclosed quote in %q", ErrBadQuery, s)
						}
						toks = append(toks, qtok{kind: tokPhrase, field: field, text: s[i+w : i+w+end]})
						i += w + end + utf8.RuneLen(cq)
						continue
					}
				}
				if val == "" {
					return nil, fmt.Errorf("%w: %s: needs a value", ErrBadQuery, name)
				}
				toks = append(toks, qtok{kind: tokWord, field: field, text: val})
				continue
			}
			switch word {
			case "AND", "&&":
				toks = append(toks, qtok{kind: tokAnd})
			case "OR", "||":
				toks = append(toks, qtok{kind: tokOr})
			case "NOT":
				toks = append(toks, qtok{kind: tokNot})
			default:
				toks = append(toks, qtok{kind: tokWord, text: word})
			}
		}
	}
	return toks, nil
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// isFieldName reports whether s looks like a field name (ASCII letters), so
// that "10:30" or "https://..." stay words.
func isFieldName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return !strings.EqualFold(s, "http") && !strings.EqualFold(s, "https")
}

// parseQuery parses a query string; an empty or "*" query is nodeAll.
func parseQuery(s string) (*node, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "*" {
		return &node{kind: nodeAll}, nil
	}
	toks, err := lexQuery(s)
	if err != nil {
		return nil, err
	}
	p := &qparser{toks: toks, src: s}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("%w: unexpected %s in %q", ErrBadQuery, p.toks[p.pos].describe(), s)
	}
	return n, nil
}

func (t qtok) describe() string {
	switch t.kind {
	case tokOpen:
		return `"("`
	case tokClose:
		return `")"`
	case tokAnd:
		return "AND"
	case tokOr:
		return "OR"
	case tokNot:
		return "NOT"
	}
	return fmt.Sprintf("%q", t.text)
}

type qparser struct {
	toks []qtok
	pos  int
	src  string
}

func (p *qparser) peek() (qtok, bool) {
	if p.pos >= len(p.toks) {
		return qtok{}, false
	}
	return p.toks[p.pos], true
}

func (p *qparser) or() (*node, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	n := &node{kind: nodeOr, children: []*node{first}}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.pos++
		c, err := p.and()
		if err != nil {
			return nil, err
		}
		n.children = append(n.children, c)
	}
	if len(n.children) == 1 {
		return first, nil
	}
	return n, nil
}

func (p *qparser) and() (*node, error) {
	n := &node{kind: nodeAnd}
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokOr || t.kind == tokClose {
			break
		}
		if t.kind == tokAnd {
			p.pos++
			if len(n.children) == 0 {
				return nil, fmt.Errorf("%w: AND without a left side in %q", ErrBadQuery, p.src)
			}
			continue
		}
		c, err := p.unary()
		if err != nil {
			return nil, err
		}
		n.children = append(n.children, c)
	}
	switch len(n.children) {
	case 0:
		if t, ok := p.peek(); ok {
			return nil, fmt.Errorf("%w: unexpected %s in %q", ErrBadQuery, t.describe(), p.src)
		}
		return nil, fmt.Errorf("%w: query %q ends too early", ErrBadQuery, p.src)
	case 1:
		return n.children[0], nil
	}
	return n, nil
}

func (p *qparser) unary() (*node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, fmt.Errorf("%w: query %q ends too early", ErrBadQuery, p.src)
	}
	switch t.kind {
	case tokNot:
		p.pos++
		c, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &node{kind: nodeNot, children: []*node{c}}, nil
	case tokOpen:
		p.pos++
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		if t, ok := p.peek(); !ok || t.kind != tokClose {
			return nil, fmt.Errorf("%w: missing \")\" in %q", ErrBadQuery, p.src)
		}
		p.pos++
		return c, nil
	case tokWord, tokPhrase:
		p.pos++
		return wordNode(t)
	}
	return nil, fmt.Errorf("%w: unexpected %s in %q", ErrBadQuery, t.describe(), p.src)
}

// wordNode turns a word or phrase token into a node.
func wordNode(t qtok) (*node, error) {
	switch t.field {
	case "", "title", "text":
		if t.kind == tokWord && t.text == "*" {
			return &node{kind: nodeAll}, nil
		}
		n := &node{kind: nodeText, field: t.field, text: t.text, phrase: t.kind == tokPhrase}
		if t.kind == tokWord && strings.HasSuffix(t.text, "*") && len(t.text) > 1 {
			n.prefix = true
			n.text = strings.TrimSuffix(t.text, "*")
		}
		if strings.TrimSpace(n.text) == "" {
			return nil, fmt.Errorf("%w: empty phrase", ErrBadQuery)
		}
		return n, nil
	}
	return &node{kind: nodeKey, field: t.field, text: t.text}, nil
}
