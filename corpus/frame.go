package corpus

// Frame is how a sentence places an actor in the AI race.
type Frame string

// The frames framescope codes. Leader and CatchingUp have a direction;
// Race and Threat are tagged where present but have none.
const (
	Leader     Frame = "leader"
	CatchingUp Frame = "catching-up"
	Race       Frame = "race"
	Threat     Frame = "threat"
)

// Frames lists every frame in a fixed order for tables.
var Frames = []Frame{Leader, CatchingUp, Race, Threat}

// Valid reports whether f is one of the known frames.
func (f Frame) Valid() bool {
	switch f {
	case Leader, CatchingUp, Race, Threat:
		return true
	}
	return false
}

// ActorKind says what an actor is.
type ActorKind string

// Actor kinds.
const (
	Country ActorKind = "country"
	Org     ActorKind = "org"
	Product ActorKind = "product"
)

// Actor is an entry of the actor gazetteer. IDs are upper-case ISO 3166 codes
// (plus "EU") for countries and regions and lower-case slugs for the rest.
type Actor struct {
	ID   string    `yaml:"id" json:"id"`
	Kind ActorKind `yaml:"kind" json:"kind"`
	Name string    `yaml:"name" json:"name"`
	// Parent is the maker of a product or the home country of an organisation.
	Parent  string   `yaml:"parent,omitempty" json:"parent,omitempty"`
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
}

// Evidence is the text that carries one attribution.
type Evidence struct {
	Sentence string `json:"sentence"`
	// Cue is the frame cue matched in the sentence, as written there.
	Cue string `json:"cue"`
	// Mention is the actor mention the cue attached to, as written there.
	Mention string `json:"mention"`
	// Rule names the attribution rule that fired.
	Rule string `json:"rule"`
}

// Attribution is one frame attributed to one actor in an article, with the
// evidence sentences that carry it.
type Attribution struct {
	Actor    string     `json:"actor"`
	Frame    Frame      `json:"frame"`
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
}

// Analysis is the analyzer's result for one article.
type Analysis struct {
	ID   string `json:"id"`
	Lang Lang   `json:"lang"`
	// Actors lists every actor mentioned, including those reached by rolling
	// products up to makers and makers up to countries.
	Actors []string `json:"actors,omitempty"`
	// Frames holds one entry per actor and frame.
	Frames []Attribution `json:"frames"`
	// Codebook is the version of the codebook the analysis used.
	Codebook string `json:"codebook,omitempty"`
}
