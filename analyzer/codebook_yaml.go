package analyzer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkKeys reports a mapping key of n that is not among allowed, with its line.
func checkKeys(n *yaml.Node, what string, allowed ...string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s must be a mapping", n.Line, what)
	}
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i]
		ok := false
		for _, a := range allowed {
			if k.Value == a {
				ok = true
				break
			}
		}
		if !ok {
			return fmt.Errorf("line %d: unknown field %q in %s (known: %s)", k.Line, k.Value, what, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// UnmarshalYAML decodes an actor and records its line.
func (a *ActorEntry) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "actor", "id", "kind", "name", "parent", "aliases", "people", "patterns"); err != nil {
		return err
	}
	type plain ActorEntry
	if err := n.Decode((*plain)(a)); err != nil {
		return err
	}
	a.line = n.Line
	return nil
}

// UnmarshalYAML decodes an anaphora set and records its line.
func (s *AnaphorSet) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "anaphora entry", "refers", "words"); err != nil {
		return err
	}
	type plain AnaphorSet
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.line = n.Line
	return nil
}

// UnmarshalYAML decodes a cue group and records its line.
func (c *CueSet) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "cue group", "id", "frame", "object", "completion", "gap", "derivative", "reference_before", "all", "needs_comparison", "weight", "words", "exclude", "not_followed_by", "not_preceded_by", "object_actor", "preposition", "reference", "attributive", "after_actor", "object_only", "adjacent_object", "predicate"); err != nil {
		return err
	}
	type plain CueSet
	if err := n.Decode((*plain)(c)); err != nil {
		return err
	}
	c.line = n.Line
	return nil
}

// UnmarshalYAML decodes a label marker and records its line.
func (l *LabelMarker) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "label", "words"); err != nil {
		return err
	}
	type plain LabelMarker
	if err := n.Decode((*plain)(l)); err != nil {
		return err
	}
	l.line = n.Line
	return nil
}

// UnmarshalYAML decodes the markers, rejecting unknown keys.
func (m *Markers) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "markers", "negation", "no_longer", "not_yet", "aspiration", "modal", "not_negation", "passive", "be", "comparison", "join", "partner", "clause", "claim", "contrast", "from", "to", "locative", "domain", "descriptors", "topic", "off_topic", "domestic", "rivals", "predicate", "example", "named", "acronyms", "world", "standing", "target", "name_parts", "object_break", "persons", "creation", "shrink", "titles", "list", "manner", "subordinate", "portion", "relative", "opposed", "ability", "unnamed", "base", "eroding", "complement", "widen", "heads", "openers"); err != nil {
		return err
	}
	type plain Markers
	return n.Decode((*plain)(m))
}

// yamlLine matches the line prefix of a yaml.v3 error.
var yamlLine = regexp.MustCompile(`^line (\d+): `)

// syntaxError returns the text of a YAML syntax error with the line it is
// on. yaml.v3 reports parser errors (unclosed brackets, bad indentation)
// one line early, counting from zero, unlike scanner errors; their line is
// corrected here.
func syntaxError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	parserErr := false
	for _, p := range []string{"<document start>", "node content", "key", "'-' indicator", "',' or ']'", "',' or '}'"} {
		if strings.HasSuffix(msg, "did not find expected "+p) {
			parserErr = true
		}
	}
	if !parserErr {
		return msg
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("line %d: %s", n+1, msg[len(m[0]):])
	}
	return "line 1: " + msg
}
