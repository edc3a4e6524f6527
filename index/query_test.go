package index

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// tree writes a node in a compact form for comparisons: and(...), or(...),
// not(...), *, "phrase", word, prefix*, scope:word and field=value.
func tree(n *Node) string {
	kids := func() string {
		parts := make([]string, len(n.Children))
		for i, c := range n.Children {
			parts[i] = tree(c)
		}
		return strings.Join(parts, " ")
	}
	switch n.Kind {
	case NodeAll:
		return "*"
	case NodeKey:
		return n.Field + "=" + n.Text
	case NodeText:
		s := n.Text
		if n.Phrase {
			s = `"` + s + `"`
		}
		if n.Prefix {
			s += "*"
		}
		if n.Field != "" {
			s = n.Field + ":" + s
		}
		return s
	case NodeAnd:
		return "and(" + kids() + ")"
	case NodeOr:
		return "or(" + kids() + ")"
	case NodeNot:
		return "not(" + kids() + ")"
	}
	return fmt.Sprintf("?%d", n.Kind)
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "*"},
		{" * ", "*"},
		{"AI 人工智能", "and(AI 人工智能)"},
		{`"catch up" OR 追赶`, `or("catch up" 追赶)`},
		{"DeepSeek NOT (OpenAI OR 美国)", "and(DeepSeek not(or(OpenAI 美国)))"},
		{"DeepSeek -OpenAI", "and(DeepSeek not(OpenAI))"},
		{"a OR b c", "or(a and(b c))"},
		{"a AND b || c", "or(and(a b) c)"},
		{`title:芯片 text:"export controls" lead*`, `and(title:芯片 text:"export controls" lead*)`},
		{"body:chips", "text:chips"},
		{"lang:zh source:Xinhua country:CN actor:baidu frame:catching-up",
			"and(lang=zh source=Xinhua country=CN actor=baidu frame=catching-up)"},
		{"“中国版ChatGPT”（百度 OR 阿里）", `and("中国版ChatGPT" or(百度 阿里))`},
		{"「追赶」 and", `and("追赶" and)`},
		{"10:30 https://example.com/a", "and(10:30 https://example.com/a)"},
		{"a *", "and(a *)"},
	} {
		n, err := ParseQuery(tc.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tc.in, err)
			continue
		}
		if got := tree(n); got != tc.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, in := range []string{`"open`, "AND a", "(a", "a)", "a OR", "NOT", "color:red", "lang:", `""`, "title:", `lang:""`, `source:" "`} {
		if n, err := ParseQuery(in); !errors.Is(err, ErrBadQuery) {
			t.Errorf("ParseQuery(%q) = %v, %v; want an error wrapping ErrBadQuery", in, n, err)
		}
	}
}

// checkTree reports what is wrong with a parsed tree, "" when nothing: the
// shapes every engine's compiler relies on.
func checkTree(n *Node) string {
	switch n.Kind {
	case NodeAll:
		if len(n.Children) > 0 {
			return "NodeAll with children"
		}
	case NodeText:
		if len(n.Children) > 0 || strings.TrimSpace(n.Text) == "" {
			return fmt.Sprintf("bad NodeText %+v", n)
		}
		if n.Field != "" && n.Field != ScopeTitle && n.Field != ScopeText {
			return fmt.Sprintf("NodeText scope %q", n.Field)
		}
	case NodeKey:
		switch n.Field {
		case FieldLang, FieldSource, FieldCountry, FieldActor, FieldFrame:
		default:
			return fmt.Sprintf("NodeKey field %q", n.Field)
		}
		if n.Text == "" || len(n.Children) > 0 {
			return fmt.Sprintf("bad NodeKey %+v", n)
		}
	case NodeAnd, NodeOr:
		if len(n.Children) < 2 {
			return fmt.Sprintf("%s with %d children", tree(n), len(n.Children))
		}
	case NodeNot:
		if len(n.Children) != 1 {
			return fmt.Sprintf("NodeNot with %d children", len(n.Children))
		}
	default:
		return fmt.Sprintf("unknown kind %d", n.Kind)
	}
	for _, c := range n.Children {
		if c == nil {
			return "nil child"
		}
		if msg := checkTree(c); msg != "" {
			return msg
		}
	}
	return ""
}

// FuzzParseQuery checks that the parser never panics, that what it
// rejects wraps ErrBadQuery, and that what it accepts is a well-formed
// tree whose words come from the query, parsed the same way twice.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", "*", "AI 人工智能", `"catch up" OR 追赶`, "DeepSeek NOT (OpenAI OR 美国)", "-a b",
		`title:芯片 text:"export controls" lead*`, "lang:zh source:Xinhua country:CN actor:baidu frame:catching-up",
		"“中国版ChatGPT”（百度 OR 阿里）", "「追赶」『领先』＂差距＂", "a AND AND b", "((a)", `field:"x`, "10:30", "**", "　全角　空格",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("ParseQuery(%q): error %v does not wrap ErrBadQuery", s, err)
			}
			return
		}
		if n == nil {
			t.Fatalf("ParseQuery(%q): nil tree and no error", s)
		}
		if msg := checkTree(n); msg != "" {
			t.Fatalf("ParseQuery(%q) = %s: %s", s, tree(n), msg)
		}
		var words func(*Node)
		words = func(n *Node) {
			if (n.Kind == NodeText || n.Kind == NodeKey) && utf8.ValidString(s) && !strings.Contains(s, n.Text) {
				t.Fatalf("ParseQuery(%q): word %q is not in the query", s, n.Text)
			}
			for _, c := range n.Children {
				words(c)
			}
		}
		words(n)
		again, err := ParseQuery(s)
		if err != nil || !reflect.DeepEqual(n, again) {
			t.Fatalf("ParseQuery(%q) differs the second time: %s, %v", s, tree(again), err)
		}
	})
}
