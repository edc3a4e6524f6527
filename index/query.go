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

// NodeKind is the kind of a parsed query node.
type NodeKind int

// Node kinds.
const (
	NodeAll  NodeKind = iota // every document
	NodeText                 // a word, phrase or prefix in the text
	NodeKey                  // a filter field's value
	NodeAnd                  // every child matches
	NodeOr                   // some child matches
	NodeNot                  // the one child does not match
)

// Field names of NodeKey nodes: the filter dimensions a query may name
// with "field:value".
const (
	FieldLang    = "lang"
	FieldSource  = "source"
	FieldCountry = "country" // the outlet's home country
	FieldActor   = "actor"
	FieldFrame   = "frame"
)

// Scopes of NodeText nodes: the whole text (""), the title alone or the
// body alone.
const (
	ScopeTitle = "title"
	ScopeText  = "text"
)

// Node is a parsed query expression, the syntax tree ParseQuery returns and
// each engine compiles.
type Node struct {
	Kind NodeKind
	// Field is, for NodeText, the scope ("", ScopeTitle or ScopeText) and,
	// for NodeKey, the filter field (FieldLang, ...).
	Field string
	// Text is the word or phrase of NodeText (without a prefix's "*") and
	// the value of NodeKey, as typed.
	Text string
	// Phrase marks a quoted NodeText, Prefix a word typed with a
	// trailing "*".
	Phrase, Prefix bool
	// Children are the operands of NodeAnd, NodeOr (two or more) and
	// NodeNot (one).
	Children []*Node
}

// queryFields maps the field names a query may use with "field:value" to
// text scopes and filter fields.
var queryFields = map[string]string{
	"title":   ScopeTitle,
	"text":    ScopeText,
	"body":    ScopeText,
	"lang":    FieldLang,
	"source":  FieldSource,
	"country": FieldCountry,
	"actor":   FieldActor,
	"frame":   FieldFrame,
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

// ParseQuery parses a query string in the query language (see the top of
// this file). An empty or "*" query is one NodeAll. Syntax errors and
// unknown fields wrap ErrBadQuery. Filter values are not checked here:
// engines check them against what they hold.
func ParseQuery(s string) (*Node, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "*" {
		return &Node{Kind: NodeAll}, nil
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

func (p *qparser) or() (*Node, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	n := &Node{Kind: NodeOr, Children: []*Node{first}}
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
		n.Children = append(n.Children, c)
	}
	if len(n.Children) == 1 {
		return first, nil
	}
	return n, nil
}

func (p *qparser) and() (*Node, error) {
	n := &Node{Kind: NodeAnd}
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokOr || t.kind == tokClose {
			break
		}
		if t.kind == tokAnd {
			p.pos++
			if len(n.Children) == 0 {
				return nil, fmt.Errorf("%w: AND without a left side in %q", ErrBadQuery, p.src)
			}
			continue
		}
		c, err := p.unary()
		if err != nil {
			return nil, err
		}
		n.Children = append(n.Children, c)
	}
	switch len(n.Children) {
	case 0:
		if t, ok := p.peek(); ok {
			return nil, fmt.Errorf("%w: unexpected %s in %q", ErrBadQuery, t.describe(), p.src)
		}
		return nil, fmt.Errorf("%w: query %q ends too early", ErrBadQuery, p.src)
	case 1:
		return n.Children[0], nil
	}
	return n, nil
}

func (p *qparser) unary() (*Node, error) {
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
		return &Node{Kind: NodeNot, Children: []*Node{c}}, nil
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
func wordNode(t qtok) (*Node, error) {
	switch t.field {
	case "", ScopeTitle, ScopeText:
		if t.kind == tokWord && t.text == "*" {
			return &Node{Kind: NodeAll}, nil
		}
		n := &Node{Kind: NodeText, Field: t.field, Text: t.text, Phrase: t.kind == tokPhrase}
		if t.kind == tokWord && strings.HasSuffix(t.text, "*") && len(t.text) > 1 {
			n.Prefix = true
			n.Text = strings.TrimSuffix(t.text, "*")
		}
		if strings.TrimSpace(n.Text) == "" {
			return nil, fmt.Errorf("%w: empty phrase", ErrBadQuery)
		}
		return n, nil
	}
	if strings.TrimSpace(t.text) == "" {
		return nil, fmt.Errorf("%w: %s: needs a value", ErrBadQuery, t.field) // lang:""
	}
	return &Node{Kind: NodeKey, Field: t.field, Text: t.text}, nil
}
