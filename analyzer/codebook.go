package analyzer

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/framescope/framescope/corpus"
)

//go:embed codebook.yaml
var defaultCodebook []byte

// ErrCodebook is wrapped by every error about the content of a codebook
// file, so that callers can tell a bad codebook from an unreadable one.
var ErrCodebook = errors.New("analyzer: invalid codebook")

// Codebook is the coding scheme: the actor gazetteer with aliases and
// roll-ups, the frame cues and the markers the attribution rules use
// (negation, passive, comparison, clause breaks, claims). It is read from
// YAML; see codebook.yaml for the annotated default. A Codebook is immutable
// once loaded.
type Codebook struct {
	// Name is a lower-case slug; with a hash of the file it is the Version.
	Name        string `yaml:"name"`
	Description string `yaml:"description,omitempty"`
	// Actors is the gazetteer: countries, organisations and products with
	// their aliases and roll-up parents.
	Actors []ActorEntry `yaml:"actors"`
	// Home lists words that name the outlet's home country (我国, 国产).
	Home []string `yaml:"home"`
	// Anaphora lists words that refer back to an earlier actor.
	Anaphora []AnaphorSet `yaml:"anaphora"`
	// Cues are the frame cue groups.
	Cues []CueSet `yaml:"cues"`
	// Markers are the function words of the attribution rules.
	Markers Markers `yaml:"markers"`
	// Labels are derivative label markers (版 in 中国版ChatGPT).
	Labels []LabelMarker `yaml:"labels,omitempty"`
	// NotActors are phrases in which an actor name does not refer to the
	// actor ("in Chinese" is a language).
	NotActors []string `yaml:"not_actors,omitempty"`
	// Words are further domain terms the segmenter must keep as one word
	// (大模型, 斯普特尼克); they are not cues and frame nothing.
	Words []string `yaml:"words,omitempty"`

	raw     []byte
	version string
	byID    map[string]*ActorEntry
}

// ActorEntry is one actor of the gazetteer with the line it was defined on.
type ActorEntry struct {
	corpus.Actor `yaml:",inline"`
	// People are spokespeople of the actor (Robin Li, 李彦宏): they are not
	// mentions of the actor, but a frame the actor's own people claim for it
	// counts as a weak self-claim.
	People []string `yaml:"people,omitempty"`
	// Patterns are regular expressions for versioned names, each matched
	// against one whole Latin-script word with a digit in it, case
	// sensitively: 'GPT-?[0-9].*' names GPT-4o, GPT-4.1 and GPT-5 without an
	// alias per release.
	Patterns []string `yaml:"patterns,omitempty"`
	line     int
	patterns []*regexp.Regexp
	// maker and country are the roll-up targets, resolved once when the
	// codebook is checked.
	maker, country string
}

// AnaphorSet lists words that refer back to an earlier actor of a kind
// ("the company", 该公司 → the last organisation or product).
type AnaphorSet struct {
	Refers corpus.ActorKind `yaml:"refers"`
	Words  []string         `yaml:"words"`
	line   int
}

// CueSet is a group of cue words that frame the actors of their clause the
// same way.
type CueSet struct {
	// ID names the group; it is part of every rule name the group fires.
	ID string `yaml:"id"`
	// Frame is given to the subject of the clause (for race and threat: to
	// every actor of the clause).
	Frame corpus.Frame `yaml:"frame"`
	// Object, when set, is given to actors after the cue (and to comparison
	// partners): the opposite direction of a comparative.
	Object corpus.Frame `yaml:"object,omitempty"`
	// Completion marks verbs of achievement (catch up, overtake, 追上, 超越):
	// negated, they leave the subject catching-up instead of removing the
	// frame ("has yet to catch up", 尚未超越).
	Completion bool `yaml:"completion,omitempty"`
	// Gap marks gap nouns (差距, the gap): an actor joined by 与/和/with
	// to the subject is the comparison partner.
	Gap bool `yaml:"gap,omitempty"`
	// Derivative marks derivative labels (answer to, 对标, 版): the actor
	// after the cue is only the reference; the labelled actor gets Frame.
	Derivative bool `yaml:"derivative,omitempty"`
	// ReferenceBefore says the reference of a derivative label comes before
	// it (谷歌地图的替代品) rather than after (answer to ChatGPT, 对标GPT-4).
	ReferenceBefore bool `yaml:"reference_before,omitempty"`
	// All gives Frame to every actor of the clause (race, threat).
	All bool `yaml:"all,omitempty"`
	// NeedsComparison makes the cue count only in a clause with a
	// comparison marker (比, than), for words like 先进 or better.
	NeedsComparison bool `yaml:"needs_comparison,omitempty"`
	// Weight is the score of one match, 0..1 (default 1).
	Weight float64 `yaml:"weight,omitempty"`
	// Words are the cue words and phrases in any language, matched on whole
	// words: case-insensitive for Latin script, on segmented words for
	// Chinese (a Chinese cue also matches inside a longer segmented word,
	// 领先 in 领先地位).
	Words []string `yaml:"words"`
	// Exclude lists phrases containing a cue word in which it is not a cue
	// ("lead to", "the company behind").
	Exclude []string `yaml:"exclude,omitempty"`
	// NotFollowedBy lists words that, within two words after the cue
	// (skipping determiners and actor names), make it another sense: "lead"
	// as a role (leads the Gemini team, lead AI research at Google).
	NotFollowedBy []string `yaml:"not_followed_by,omitempty"`
	// NotPrecededBy lists words that, right before the cue, make it another
	// sense (safety lead, research lead).
	NotPrecededBy []string `yaml:"not_preceded_by,omitempty"`
	// ObjectActor makes the cue compare only with actors: when the first
	// word after it (skipping determiners) is neither an actor nor a rival
	// or standing word, it compares with a thing (beat expectations,
	// 超越预期, outperforms the two-step method) and frames no one.
	ObjectActor bool `yaml:"object_actor,omitempty"`
	// Preposition marks cues that frame only with an actor or a rival word
	// after them, or as a predicate after a predicate word (is ahead, far
	// behind): "ahead of the launch" and "the team behind it" frame no one.
	Preposition bool `yaml:"preposition,omitempty"`
	// ObjectOnly frames only the object side (S challenges O: O leader; S
	// is not said to trail).
	ObjectOnly bool `yaml:"object_only,omitempty"`
	// AdjacentObject frames only where an actor follows the cue directly
	// (超英伟达A100; not 超低码率, 超细致解读AlphaFold2).
	AdjacentObject bool `yaml:"adjacent_object,omitempty"`
	// AfterActor makes the cue frame only right after an actor, an
	// anaphor or a model noun (DeepSeek-V3 rivals GPT-4o), not as a noun
	// (its rivals, Chinese rivals).
	AfterActor bool `yaml:"after_actor,omitempty"`
	// Attributive marks adjectives (leading, dominant, state-of-the-art):
	// right before a noun that is no actor (leading AI labs) they describe
	// it and frame no one, unless they are the predicate of an actor (X is
	// the leading AI lab, X, a leading chipmaker).
	Attributive bool `yaml:"attributive,omitempty"`
	// Predicate makes the cue frame only as a predicate: after a predicate
	// word (X is the best open model, has become the most downloaded app),
	// in an apposition after a comma (the Colossus cluster, the largest in
	// the world), or opening a sentence whose subject follows a be word
	// (One of the best models was DeepSeek's). "Building the world's
	// largest model" and "access to the best chips" frame no one.
	Predicate bool `yaml:"predicate,omitempty"`
	// Reference, for a derivative label, is the frame of the reference
	// actor (a Copilot rival: Copilot leader); empty leaves it unframed.
	Reference corpus.Frame `yaml:"reference,omitempty"`
	line      int
}

// LabelMarker is a derivative label marker that needs a country right
// before it and an actor right after it (中国版ChatGPT).
type LabelMarker struct {
	Words []string `yaml:"words"`
	line  int
}

// Markers are the function words the attribution rules look for.
type Markers struct {
	// Negation words remove a state frame (not leading, 不落后) and turn a
	// completion cue into catching-up (did not overtake).
	Negation []string `yaml:"negation"`
	// NoLonger words always remove the frame (no longer leads, 不再落后).
	NoLonger []string `yaml:"no_longer"`
	// NotYet words keep or make the subject catching-up (has yet to, 尚未).
	NotYet []string `yaml:"not_yet"`
	// Aspiration words (wants to, 力争) make a completion cue catching-up
	// and remove a state frame: wanting to lead is not leading.
	Aspiration []string `yaml:"aspiration,omitempty"`
	// Modal words (could, 有望) make a completion cue catching-up: China
	// could overtake the US has not overtaken it.
	Modal []string `yaml:"modal,omitempty"`
	// NotNegation follows a negation word and cancels it (not only).
	NotNegation []string `yaml:"not_negation,omitempty"`
	// Passive marks the agent of a passive (被, by).
	Passive []string `yaml:"passive"`
	// Be are the auxiliaries that make "overtaken by" passive.
	Be []string `yaml:"be,omitempty"`
	// Comparison words put the next actor on the object side (比, than,
	// compared with).
	Comparison []string `yaml:"comparison"`
	// Join words link two actors; with a gap cue or a following Partner
	// word the second is the comparison partner (与, 和, with).
	Join []string `yaml:"join"`
	// Partner words after "与 X" make X a comparison partner (相比, 的差距).
	Partner []string `yaml:"partner,omitempty"`
	// Clause words start a new clause (but, while, 但是).
	Clause []string `yaml:"clause"`
	// Claim words introduce what someone said (said, 称).
	Claim []string `yaml:"claim,omitempty"`
	// Contrast words in a later clause override a self-claim (but, 但).
	Contrast []string `yaml:"contrast,omitempty"`
	// From and To mark a change of state (from follower to leader): a cue
	// right after From, with To later in the clause, is a past state.
	From []string `yaml:"from,omitempty"`
	To   []string `yaml:"to,omitempty"`
	// Locative words (in, 在) before an actor, and Domain nouns (market,
	// 领域) right after it, make it the setting rather than an actor of a
	// directional frame.
	Locative []string `yaml:"locative,omitempty"`
	Domain   []string `yaml:"domain,omitempty"`
	// Descriptors may stand between a country and the organisation it
	// modifies (Chinese startup DeepSeek).
	Descriptors []string `yaml:"descriptors,omitempty"`
	// Topic words name the domain whose standing is coded: AI, models,
	// chips, compute, AI research and business. A clause with an off-topic
	// word and no topic word frames no one (Japan overtook Spain in visitor
	// numbers, 上海人均收入增速领先), and a country is framed only in a
	// sentence with a topic word or a product.
	Topic    []string `yaml:"topic,omitempty"`
	OffTopic []string `yaml:"off_topic,omitempty"`
	// Domestic words scope a ranking inside a country or market (国内领先,
	// 全国第一): the organisation may be framed, the country is not.
	Domestic []string `yaml:"domestic,omitempty"`
	// Rivals are nouns that stand for the actors compared with (ahead of
	// its rivals, 领先同行): an object for cues that need one.
	Rivals []string `yaml:"rivals,omitempty"`
	// Predicate words before a prepositional cue make it a predicate (is
	// ahead, far behind, years behind).
	Predicate []string `yaml:"predicate,omitempty"`
	// Example words introduce examples of a noun (models like GPT-4, such
	// as): an actor after one is an example, not the clause's subject.
	Example []string `yaml:"example,omitempty"`
	// Named words are nouns for an organisation or a model that the
	// gazetteer may not know (该模型, 团队, 研究院, the team): one before a
	// cue is a named subject that blocks the home-country default.
	Named []string `yaml:"named,omitempty"`
	// Acronyms are capitalised words that are no names (CEO, IPO).
	Acronyms []string `yaml:"acronyms,omitempty"`
	// World words make a ranking one against the world (全球第二, 居世界首位):
	// in a Chinese text with no subject, the home country's standing.
	World []string `yaml:"world,omitempty"`
	// Standing nouns after an actor's 's keep it an object (challenge
	// Nvidia's dominance), where another noun makes the object a thing
	// (challenging OpenAI's liability).
	Standing []string `yaml:"standing,omitempty"`
	// Target words before an actor and 的 before a comparative make the
	// actor its object (对美国的追赶: the US is chased).
	Target []string `yaml:"target,omitempty"`
	// NameParts are words that follow a model's name as part of it (o3
	// Pro, Gemini 2.5 Flash): no names of their own.
	NameParts []string `yaml:"name_parts,omitempty"`
	// ObjectBreak words end the object of a comparison: an actor after
	// one is not compared (surpasses Kimi after its release of K2).
	ObjectBreak []string `yaml:"object_break,omitempty"`
	// Persons are nouns for people: a country right before one describes
	// the person (Chinese entrepreneur), it is not an actor of the clause.
	Persons []string `yaml:"persons,omitempty"`
	// Creation verbs before an adjective cue make its subject the maker of
	// what the cue describes (releases a state-of-the-art model).
	Creation []string `yaml:"creation,omitempty"`
	// Shrink words say a lead is shrinking: the actors of a later clause
	// are catching up (ChatGPT's lead shrinks as Gemini surges).
	Shrink []string `yaml:"shrink,omitempty"`
	// Widen words before a gap cue say the gap grows (拉大了与谷歌的差距):
	// the subject that widens it leads, and of a joint name the gap is
	// of (Sora拉大了中美的差距), the home country is catching up.
	Widen []string `yaml:"widen,omitempty"`
	// Heads are Chinese nouns that a name follows in apposition (领先的AI
	// 芯片制造商英伟达): an attributive cue before 的 describes that name.
	Heads []string `yaml:"heads,omitempty"`
	// Openers open a clause that describes the subject of the next one
	// (作为国内AI芯片领域的龙头企业，寒武纪...): a cue there with no actor of
	// its own frames that subject.
	Openers []string `yaml:"openers,omitempty"`
	// Titles are standing nouns that stand in apposition before a name:
	// the actor right after one is the one framed (market leader Nvidia).
	Titles []string `yaml:"titles,omitempty"`
	// List words join the items of a list (Google, Meta and OpenAI): a
	// serial list of objects or partners frames every item.
	List []string `yaml:"list,omitempty"`
	// Manner adverbs may stand between a cue and its object (catching up
	// fast with the US).
	Manner []string `yaml:"manner,omitempty"`
	// Subordinate words right after a cue end its objects (catch up after
	// Llama 4 disappointed).
	Subordinate []string `yaml:"subordinate,omitempty"`
	// Portion words open a Chinese clause about some fields of the subject
	// before (部分领域实现领跑).
	Portion []string `yaml:"portion,omitempty"`
	// Relative pronouns: a cue right after one in an apposition (PaliGemma,
	// a model that outperforms ...) takes the subject of the clause before.
	Relative []string `yaml:"relative,omitempty"`
	// Opposed words before an example word make the examples the compared,
	// not the holders of a standing (an edge against rivals like Google).
	Opposed []string `yaml:"opposed,omitempty"`
	// Ability words (can) before a completion cue state a claim, not a
	// pending result (a model it says can surpass GPT-4: leader); opening
	// an English question they are a modal (Can China overtake the US?).
	Ability []string `yaml:"ability,omitempty"`
	// Unnamed are the nouns of one organisation: a country right before
	// them, through descriptor words, modifies an organisation the
	// gazetteer does not name (a Chinese lab, Chinese tech giant) and is
	// not framed for it.
	Unnamed []string `yaml:"unnamed,omitempty"`
	// Base words name the model another is built from (trained on top of
	// Qwen, fine-tuned from Llama 3): the base is no actor of the
	// sentence's comparison.
	Base []string `yaml:"base,omitempty"`
	// Eroding verbs right before a possessed standing make their subject
	// the challenger of its holder (China is eroding America's lead:
	// China catching-up).
	Eroding []string `yaml:"eroding,omitempty"`
	// Complement words open a clause inside the clause (Meta wants to
	// know how DeepSeek is beating everyone): the actors after one, not
	// those before, are the subject of a cue after it.
	Complement []string `yaml:"complement,omitempty"`
}

// DefaultCodebook returns the codebook embedded in the binary.
func DefaultCodebook() (*Codebook, error) {
	return ParseCodebook("default codebook", defaultCodebook)
}

// DefaultCodebookVersion returns DefaultCodebook().Version() without
// parsing the codebook, for commands that only compare versions (status).
// The embedded codebook's name is read from its top-level name line; a
// test checks that this gives the parsed codebook's version.
var DefaultCodebookVersion = sync.OnceValue(func() string {
	for line := range bytes.Lines(defaultCodebook) {
		if v, ok := bytes.CutPrefix(line, []byte("name:")); ok {
			name := strings.Trim(strings.TrimSpace(string(v)), `"'`)
			if slugID.MatchString(name) {
				return codebookVersion(name, defaultCodebook)
			}
			break
		}
	}
	cb, err := DefaultCodebook()
	if err != nil {
		return ""
	}
	return cb.Version()
})

// codebookVersion returns the version of a codebook named name read from b.
func codebookVersion(name string, b []byte) string {
	sum := sha256.Sum256(b)
	return name + "-" + hex.EncodeToString(sum[:4])
}

// DefaultCodebookYAML returns the embedded default codebook file as written.
func DefaultCodebookYAML() []byte {
	return bytes.Clone(defaultCodebook)
}

// LoadCodebook reads and checks a codebook file. Content errors wrap
// ErrCodebook and name the file and line.
func LoadCodebook(path string) (*Codebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("analyzer: read codebook: %w", err)
	}
	return ParseCodebook(path, b)
}

// ParseCodebook parses and checks codebook YAML; name is used in errors.
// Content errors wrap ErrCodebook and give the line.
func ParseCodebook(name string, b []byte) (*Codebook, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrCodebook, name, syntaxError(err))
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%w: %s: empty file", ErrCodebook, name)
	}
	doc := root.Content[0]
	if err := checkKeys(doc, "codebook", "name", "description", "actors", "home", "anaphora", "cues", "markers", "labels", "not_actors", "words"); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCodebook, name, err)
	}
	cb := &Codebook{}
	if err := doc.Decode(cb); err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrCodebook, name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if err := cb.check(doc); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCodebook, name, err)
	}
	cb.raw = bytes.Clone(b)
	cb.version = codebookVersion(cb.Name, b)
	return cb, nil
}

// Version identifies the codebook's content: its name and a hash of the
// file, so an index can tell which analyses are stale.
func (cb *Codebook) Version() string { return cb.version }

// Dump writes the codebook file as it was read.
func (cb *Codebook) Dump(w io.Writer) error {
	if _, err := w.Write(cb.raw); err != nil {
		return fmt.Errorf("analyzer: write codebook: %w", err)
	}
	return nil
}

// Actor returns the gazetteer entry with the given ID.
func (cb *Codebook) Actor(id string) (corpus.Actor, bool) {
	a, ok := cb.byID[id]
	if !ok {
		return corpus.Actor{}, false
	}
	return a.Actor, true
}

// kind returns the kind of the actor with the given ID ("" when none), as
// Actor(id).Kind does, without copying the entry.
func (cb *Codebook) kind(id string) corpus.ActorKind {
	if a, ok := cb.byID[id]; ok {
		return a.Kind
	}
	return ""
}

// Country returns the country an actor rolls up to ("" when none): the
// actor itself for a country, the parent chain's country otherwise.
func (cb *Codebook) Country(id string) string {
	if a, ok := cb.byID[id]; ok {
		return a.country
	}
	return ""
}

// Maker returns the organisation a product rolls up to, or id itself when
// it is not a product.
func (cb *Codebook) Maker(id string) string {
	if a, ok := cb.byID[id]; ok {
		return a.maker
	}
	return id
}

// resolveRollUps fills each actor's maker and country from its parents.
func (cb *Codebook) resolveRollUps() {
	for _, a := range cb.byID {
		a.maker = a.ID
		for p := a; p.Kind == corpus.Product && p.Parent != ""; {
			q, ok := cb.byID[p.Parent]
			if !ok {
				break
			}
			a.maker, p = q.ID, q
		}
		id := a.ID
		for range 8 {
			q, ok := cb.byID[id]
			if !ok {
				break
			}
			if q.Kind == corpus.Country {
				a.country = q.ID
				break
			}
			id = q.Parent
		}
	}
}

var (
	countryID = regexp.MustCompile(`^[A-Z]{2}$`)
	slugID    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

func (cb *Codebook) check(doc *yaml.Node) error {
	if cb.Name == "" {
		return fmt.Errorf("line %d: name is required", doc.Line)
	}
	if !slugID.MatchString(cb.Name) {
		return fmt.Errorf("line %d: name %q must be a lower-case slug", doc.Line, cb.Name)
	}
	if len(cb.Actors) == 0 {
		return fmt.Errorf("line %d: actors: at least one actor is required", doc.Line)
	}
	if err := cb.checkActors(); err != nil {
		return err
	}
	for _, an := range cb.Anaphora {
		if an.Refers != corpus.Org && an.Refers != corpus.Country {
			return fmt.Errorf("line %d: anaphora refers %q must be org or country", an.line, an.Refers)
		}
		if len(an.Words) == 0 {
			return fmt.Errorf("line %d: anaphora without words", an.line)
		}
	}
	if len(cb.Cues) == 0 {
		return fmt.Errorf("line %d: cues: at least one cue group is required", doc.Line)
	}
	return cb.checkCues()
}

// checkActors checks the gazetteer: IDs, kinds, aliases, patterns and
// parents, and indexes the actors by ID.
func (cb *Codebook) checkActors() error {
	cb.byID = map[string]*ActorEntry{}
	for i := range cb.Actors {
		a := &cb.Actors[i]
		switch a.Kind {
		case corpus.Country:
			if !countryID.MatchString(a.ID) {
				return fmt.Errorf("line %d: country id %q must be an upper-case ISO 3166 code or EU", a.line, a.ID)
			}
		case corpus.Org, corpus.Product:
			if !slugID.MatchString(a.ID) {
				return fmt.Errorf("line %d: %s id %q must be a lower-case slug", a.line, a.Kind, a.ID)
			}
		default:
			return fmt.Errorf("line %d: actor %q: kind %q must be country, org or product", a.line, a.ID, a.Kind)
		}
		if _, dup := cb.byID[a.ID]; dup {
			return fmt.Errorf("line %d: actor %q is defined twice", a.line, a.ID)
		}
		if len(a.Aliases) == 0 {
			return fmt.Errorf("line %d: actor %q has no aliases", a.line, a.ID)
		}
		for _, al := range a.Aliases {
			if strings.TrimSpace(al) == "" {
				return fmt.Errorf("line %d: actor %q has an empty alias", a.line, a.ID)
			}
		}
		a.patterns = a.patterns[:0]
		for _, p := range a.Patterns {
			re, err := regexp.Compile("^(?:" + p + ")$")
			if err != nil {
				return fmt.Errorf("line %d: actor %q: pattern %q: %v", a.line, a.ID, p, err)
			}
			a.patterns = append(a.patterns, re)
		}
		cb.byID[a.ID] = a
	}
	for _, a := range cb.Actors {
		if a.Parent == "" {
			if a.Kind == corpus.Product {
				return fmt.Errorf("line %d: product %q needs a parent (its maker)", a.line, a.ID)
			}
			continue
		}
		p, ok := cb.byID[a.Parent]
		if !ok {
			return fmt.Errorf("line %d: actor %q: parent %q is not defined", a.line, a.ID, a.Parent)
		}
		switch {
		case a.Kind == corpus.Country:
			return fmt.Errorf("line %d: country %q cannot have a parent", a.line, a.ID)
		case a.Kind == corpus.Org && p.Kind != corpus.Country:
			return fmt.Errorf("line %d: org %q: parent %q must be a country", a.line, a.ID, a.Parent)
		case a.Kind == corpus.Product && p.Kind == corpus.Product:
			return fmt.Errorf("line %d: product %q: parent %q must be an org or a country", a.line, a.ID, a.Parent)
		}
	}
	cb.resolveRollUps()
	return nil
}

// checkCues checks the cue groups: IDs, frames and the options they combine.
func (cb *Codebook) checkCues() error {
	ids := map[string]bool{}
	for _, c := range cb.Cues {
		if c.ID == "" {
			return fmt.Errorf("line %d: cue group without id", c.line)
		}
		if ids[c.ID] {
			return fmt.Errorf("line %d: cue group %q is defined twice", c.line, c.ID)
		}
		ids[c.ID] = true
		if !c.Frame.Valid() {
			return fmt.Errorf("line %d: cue group %q: frame %q must be one of leader, catching-up, race, threat", c.line, c.ID, c.Frame)
		}
		if c.Reference != "" && (!c.Reference.Valid() || !c.Derivative) {
			return fmt.Errorf("line %d: cue group %q: reference frame %q needs derivative and must be one of leader, catching-up, race, threat", c.line, c.ID, c.Reference)
		}
		if c.Object != "" && !c.Object.Valid() {
			return fmt.Errorf("line %d: cue group %q: object frame %q must be one of leader, catching-up, race, threat", c.line, c.ID, c.Object)
		}
		if c.All && (c.Object != "" || c.Derivative) {
			return fmt.Errorf("line %d: cue group %q: all cannot be combined with object or derivative", c.line, c.ID)
		}
		if c.Weight < 0 || c.Weight > 1 {
			return fmt.Errorf("line %d: cue group %q: weight %v must be between 0 and 1", c.line, c.ID, c.Weight)
		}
		if len(c.Words) == 0 {
			return fmt.Errorf("line %d: cue group %q has no words", c.line, c.ID)
		}
		for _, w := range c.Words {
			if strings.TrimSpace(w) == "" {
				return fmt.Errorf("line %d: cue group %q has an empty word", c.line, c.ID)
			}
		}
	}
	return nil
}
