package crawler

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/framescope/framescope/corpus"
)

// DefaultSourcesYAML is the sources file framescope ships: Chinese and
// English outlets that cover AI, with their public feed or listing URLs.
//
//go:embed sources.yaml
var DefaultSourcesYAML []byte

// Config is a parsed sources file.
type Config struct {
	// Defaults are the politeness settings of the defaults section.
	Defaults corpus.Politeness
	// Sources are the sources in file order, with Defaults applied to each
	// setting a source leaves unset.
	Sources []corpus.Source
}

// Source returns the source called name and whether it exists.
func (c *Config) Source(name string) (corpus.Source, bool) {
	for _, s := range c.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return corpus.Source{}, false
}

// Keys allowed in a sources file.
var (
	topKeys        = keySet("defaults", "sources")
	politenessKeys = keySet("delay", "per_host", "timeout", "user_agent")
	sourceKeys     = keySet("name", "lang", "country", "feed", "list", "links", "next", "pages", "sitemap", "site",
		"since", "until", "select", "keywords", "timezone", "delay", "per_host", "timeout", "user_agent")
	selectKeys = keySet("title", "body", "date", "author")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

var (
	langRE    = regexp.MustCompile(`^[a-z]{2}$`)
	countryRE = regexp.MustCompile(`^[A-Z]{2}$`)
)

// knownLang reports whether code is an assigned two-letter ISO 639-1
// language code (zh, en, de; not xx).
func knownLang(code string) bool {
	if !langRE.MatchString(code) {
		return false
	}
	b, err := language.ParseBase(code)
	return err == nil && b.String() == code
}

// LoadSources reads and checks the sources file at path (see ParseSources).
func LoadSources(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load sources: %w", err)
	}
	defer f.Close()
	return ParseSources(f, path)
}

// ParseSources reads a sources file from r; name is used in messages. The
// file is checked strictly: unknown keys, missing required keys (name,
// lang, country, and feed or list with links), duplicate names, bad URLs,
// durations, zones and CSS selectors are all reported, each with the file
// name, line, source and key, in one error that wraps ErrSources.
func ParseSources(r io.Reader, name string) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read sources %s: %w", name, err)
	}
	p := &sourcesParser{file: name}
	cfg := p.parse(data)
	if len(p.problems) > 0 {
		return nil, fmt.Errorf("%w %s:\n  %s", ErrSources, name, strings.Join(p.problems, "\n  "))
	}
	return cfg, nil
}

// sourcesParser collects the problems of one sources file.
type sourcesParser struct {
	file     string
	problems []string
}

func (p *sourcesParser) addf(line int, format string, a ...any) {
	p.problems = append(p.problems, fmt.Sprintf("%s:%d: ", p.file, line)+fmt.Sprintf(format, a...))
}

func (p *sourcesParser) parse(data []byte) *Config {
	cfg := &Config{}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			p.addf(1, "the file is empty: it needs a sources list")
			return cfg
		}
		p.problems = append(p.problems, fmt.Sprintf("%s: %v", p.file, err))
		return cfg
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		p.addf(doc.Line, "the file must be a mapping with keys defaults and sources")
		return cfg
	}
	var sourcesNode *yaml.Node
	sourcesLine := doc.Line
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch {
		case !topKeys[k.Value]:
			p.addf(k.Line, "unknown key %q (want defaults or sources)", k.Value)
		case k.Value == "defaults":
			cfg.Defaults = p.politeness(v, "defaults")
		case k.Value == "sources":
			sourcesNode, sourcesLine = v, k.Line
		}
	}
	if sourcesNode == nil {
		p.addf(sourcesLine, "missing key \"sources\"")
		return cfg
	}
	if sourcesNode.Kind != yaml.SequenceNode {
		p.addf(sourcesNode.Line, "key \"sources\": want a list of sources")
		return cfg
	}
	seen := map[string]int{}
	for i, n := range sourcesNode.Content {
		src, ok := p.source(n, i)
		if !ok {
			continue
		}
		if line, dup := seen[src.Name]; dup {
			p.addf(n.Line, "source %q: key \"name\": duplicate name (first at line %d)", src.Name, line)
			continue
		}
		seen[src.Name] = n.Line
		applyDefaults(&src.Politeness, cfg.Defaults)
		cfg.Sources = append(cfg.Sources, src)
	}
	if len(sourcesNode.Content) == 0 {
		p.addf(sourcesNode.Line, "key \"sources\": the list is empty")
	}
	return cfg
}

// applyDefaults fills the unset politeness settings of a source.
func applyDefaults(p *corpus.Politeness, d corpus.Politeness) {
	if p.Delay == 0 {
		p.Delay = d.Delay
	}
	if p.PerHost == 0 {
		p.PerHost = d.PerHost
	}
	if p.Timeout == 0 {
		p.Timeout = d.Timeout
	}
	if p.UserAgent == "" {
		p.UserAgent = d.UserAgent
	}
}

// politeness reads a defaults mapping.
func (p *sourcesParser) politeness(n *yaml.Node, where string) corpus.Politeness {
	var out corpus.Politeness
	if n.Kind != yaml.MappingNode {
		p.addf(n.Line, "%s: want a mapping of delay, per_host, timeout, user_agent", where)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !politenessKeys[k.Value] {
			p.addf(k.Line, "%s: unknown key %q", where, k.Value)
			continue
		}
		p.politenessKey(&out, k, v, where)
	}
	return out
}

// politenessKey reads one politeness key into out.
func (p *sourcesParser) politenessKey(out *corpus.Politeness, k, v *yaml.Node, where string) {
	switch k.Value {
	case "delay", "timeout":
		d, err := time.ParseDuration(strings.TrimSpace(v.Value))
		if err != nil || d < 0 || v.Kind != yaml.ScalarNode {
			p.addf(v.Line, "%s: key %q: want a duration such as 1s or 500ms, got %q", where, k.Value, v.Value)
			return
		}
		if k.Value == "delay" {
			out.Delay = d
			if d == 0 {
				out.Delay = corpus.NoDelay // an explicit 0 is no pause, not the default
			}
		} else {
			out.Timeout = d
		}
	case "per_host":
		var n int
		if err := v.Decode(&n); err != nil || n < 1 {
			p.addf(v.Line, "%s: key \"per_host\": want a whole number of at least 1, got %q", where, v.Value)
			return
		}
		out.PerHost = n
	case "user_agent":
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			p.addf(v.Line, "%s: key \"user_agent\": want a non-empty string", where)
			return
		}
		out.UserAgent = strings.TrimSpace(v.Value)
	}
}

// source reads and checks one entry of the sources list.
func (p *sourcesParser) source(n *yaml.Node, index int) (corpus.Source, bool) {
	var s corpus.Source
	if n.Kind != yaml.MappingNode {
		p.addf(n.Line, "source #%d: want a mapping with name, lang, country and feed or list", index+1)
		return s, false
	}
	// Find the name first so every message can say which source it is about.
	who := sourceWho(n, index)
	before := len(p.problems)
	present := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !sourceKeys[k.Value] {
			p.addf(k.Line, "%s: unknown key %q", who, k.Value)
			continue
		}
		present[k.Value] = v
		p.sourceKey(&s, k, v, who)
	}
	for _, key := range []string{"name", "lang", "country"} {
		if present[key] == nil {
			p.addf(n.Line, "%s: missing key %q", who, key)
		}
	}
	p.checkKinds(n, who, present)
	if !s.Since.IsZero() && !s.Until.IsZero() && !s.Since.Before(s.Until) {
		p.addf(present["until"].Line, "%s: key \"until\": must be after since", who)
	}
	return s, len(p.problems) == before
}

// sourceWho names the source of mapping n, entry index of the list, in
// messages: by its name when it has one, else by its position.
func sourceWho(n *yaml.Node, index int) string {
	who := fmt.Sprintf("source #%d", index+1)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" && strings.TrimSpace(n.Content[i+1].Value) != "" {
			who = fmt.Sprintf("source %q", strings.TrimSpace(n.Content[i+1].Value))
		}
	}
	return who
}

// sourceKey reads and checks the value v of the known key k of source
// who into s.
func (p *sourcesParser) sourceKey(s *corpus.Source, k, v *yaml.Node, who string) {
	str := func() string {
		if v.Kind != yaml.ScalarNode {
			p.addf(v.Line, "%s: key %q: want a string", who, k.Value)
			return ""
		}
		return strings.TrimSpace(v.Value)
	}
	switch k.Value {
	case "name":
		s.Name = str()
		if s.Name == "" && v.Kind == yaml.ScalarNode {
			p.addf(v.Line, "%s: key \"name\": must not be empty", who)
		}
	case "lang":
		s.Lang = corpus.Lang(str())
		if !knownLang(string(s.Lang)) {
			p.addf(v.Line, "%s: key \"lang\": want an ISO 639-1 code such as zh or en, got %q", who, v.Value)
		}
	case "country":
		s.Country = str()
		if !countryRE.MatchString(s.Country) {
			p.addf(v.Line, "%s: key \"country\": want an upper-case ISO 3166 code such as CN or US, got %q", who, v.Value)
		}
	case "feed", "list", "sitemap", "site":
		p.sourceURL(s, k, v, who, str())
	case "links", "next":
		sel := str()
		p.checkSelector(v, who, k.Value, sel)
		if k.Value == "links" {
			s.Links = sel
		} else {
			s.Next = sel
		}
	case "pages":
		if err := v.Decode(&s.Pages); err != nil || s.Pages < 1 {
			p.addf(v.Line, "%s: key \"pages\": want a whole number of at least 1, got %q", who, v.Value)
		}
	case "since", "until":
		t, err := ParseDay(str())
		if err != nil {
			p.addf(v.Line, "%s: key %q: %v", who, k.Value, err)
		}
		if k.Value == "since" {
			s.Since = t
		} else {
			s.Until = t
		}
	case "select":
		s.Select = p.selectors(v, who)
	case "keywords":
		p.sourceKeywords(s, v, who)
	case "timezone":
		s.TimeZone = str()
		if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" {
			p.addf(v.Line, "%s: key \"timezone\": unknown zone %q", who, v.Value)
		}
	default:
		p.politenessKey(&s.Politeness, k, v, who)
	}
}

// sourceURL checks and sets u, the value v of the URL key k (feed, list,
// sitemap or site) of source who; a sitemap may also be
// corpus.SitemapRobots, to take the sitemaps of the site's robots.txt.
func (p *sourcesParser) sourceURL(s *corpus.Source, k, v *yaml.Node, who, u string) {
	if k.Value == "sitemap" && u == corpus.SitemapRobots {
		s.Sitemap = u
		return
	}
	if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		p.addf(v.Line, "%s: key %q: want an absolute http(s) URL, got %q", who, k.Value, v.Value)
	}
	switch k.Value {
	case "feed":
		s.Feed = u
	case "list":
		s.List = u
	case "sitemap":
		s.Sitemap = u
	default:
		s.Site = u
	}
}

// sourceKeywords reads the keywords list v of source who into s; an empty
// list keeps every item.
func (p *sourcesParser) sourceKeywords(s *corpus.Source, v *yaml.Node, who string) {
	if v.Kind != yaml.SequenceNode {
		p.addf(v.Line, "%s: key \"keywords\": want a list of words ([] keeps every item)", who)
		return
	}
	s.Keywords = []string{}
	for _, w := range v.Content {
		if w.Kind != yaml.ScalarNode || strings.TrimSpace(w.Value) == "" {
			p.addf(w.Line, "%s: key \"keywords\": want non-empty words", who)
			continue
		}
		s.Keywords = append(s.Keywords, strings.TrimSpace(w.Value))
	}
}

// checkKinds checks that a source is exactly one of feed, list and
// sitemap, with the keys that kind needs and none that it does not use.
func (p *sourcesParser) checkKinds(n *yaml.Node, who string, present map[string]*yaml.Node) {
	var kinds []string
	for _, k := range []string{"feed", "list", "sitemap"} {
		if present[k] != nil {
			kinds = append(kinds, k)
		}
	}
	switch {
	case len(kinds) == 0:
		p.addf(n.Line, "%s: missing key \"feed\", \"list\" or \"sitemap\"", who)
		return
	case len(kinds) > 1:
		p.addf(present[kinds[1]].Line, "%s: key %q: set one of feed, list and sitemap, not %s", who, kinds[1], strings.Join(kinds, " and "))
		return
	}
	kind := kinds[0]
	if kind == "list" && present["links"] == nil {
		p.addf(n.Line, "%s: missing key \"links\" (the CSS selector for article links on the list page)", who)
	}
	for _, k := range []string{"links", "next", "pages"} {
		if present[k] != nil && kind != "list" {
			p.addf(present[k].Line, "%s: key %q: only used with list", who, k)
		}
	}
	if present["pages"] != nil && present["next"] == nil {
		p.addf(present["pages"].Line, "%s: key \"pages\": only used with next", who)
	}
	robots := present["sitemap"] != nil && present["sitemap"].Value == corpus.SitemapRobots
	switch {
	case robots && present["site"] == nil:
		p.addf(present["sitemap"].Line, "%s: key \"sitemap\": robots needs the key \"site\" (the outlet's home page)", who)
	case !robots && present["site"] != nil:
		p.addf(present["site"].Line, "%s: key \"site\": only used with sitemap: robots", who)
	}
}

// ParseDay parses a date bound as given to since, until, --since and
// --until: YYYY-MM-DD (midnight UTC) or RFC 3339. The empty string is the
// zero time.
func ParseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("want a date YYYY-MM-DD or RFC 3339, got %q", s)
}

// selectors reads a select mapping.
func (p *sourcesParser) selectors(n *yaml.Node, who string) corpus.Selectors {
	var s corpus.Selectors
	if n.Kind != yaml.MappingNode {
		p.addf(n.Line, "%s: key \"select\": want a mapping of title, body, date, author", who)
		return s
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !selectKeys[k.Value] {
			p.addf(k.Line, "%s: key \"select\": unknown key %q (want title, body, date or author)", who, k.Value)
			continue
		}
		val := strings.TrimSpace(v.Value)
		p.checkSelector(v, who, "select."+k.Value, val)
		switch k.Value {
		case "title":
			s.Title = val
		case "body":
			s.Body = val
		case "date":
			s.Date = val
		case "author":
			s.Author = val
		}
	}
	return s
}

// checkSelector reports a CSS selector that does not compile.
func (p *sourcesParser) checkSelector(v *yaml.Node, who, key, sel string) {
	if v.Kind != yaml.ScalarNode || sel == "" {
		p.addf(v.Line, "%s: key %q: want a CSS selector", who, key)
		return
	}
	if _, err := cascadia.ParseGroup(sel); err != nil {
		p.addf(v.Line, "%s: key %q: bad CSS selector %q: %v", who, key, sel, err)
	}
}
