package corpus

import "time"

// Source is one outlet to crawl, as listed in the sources file.
type Source struct {
	// Name is unique among sources and is stored with each article.
	Name string `yaml:"name" json:"name"`
	// Lang is the language of the source's articles.
	Lang Lang `yaml:"lang" json:"lang"`
	// Country is the outlet's home country (ISO 3166 code).
	Country string `yaml:"country" json:"country"`
	// Feed is an RSS, Atom or JSON Feed URL. Exactly one of Feed and List is set.
	Feed string `yaml:"feed,omitempty" json:"feed,omitempty"`
	// List is a listing page whose article links are scraped with Links.
	List  string `yaml:"list,omitempty" json:"list,omitempty"`
	Links string `yaml:"links,omitempty" json:"links,omitempty"`
	// Select overrides extraction with CSS selectors.
	Select Selectors `yaml:"select,omitempty" json:"select,omitempty"`
	// Keywords filters items: nil means the default AI keyword list, an
	// empty non-nil slice keeps every item.
	Keywords []string `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	// TimeZone is the IANA zone for dates printed without one; empty means
	// Asia/Shanghai for CN sources and UTC otherwise.
	TimeZone string `yaml:"timezone,omitempty" json:"timezone,omitempty"`

	Politeness `yaml:",inline" json:",inline"`
}

// Selectors are optional CSS selectors that override automatic extraction.
type Selectors struct {
	Title  string `yaml:"title,omitempty" json:"title,omitempty"`
	Body   string `yaml:"body,omitempty" json:"body,omitempty"`
	Date   string `yaml:"date,omitempty" json:"date,omitempty"`
	Author string `yaml:"author,omitempty" json:"author,omitempty"`
}

// Politeness holds the per-host request limits; zero values mean "use the default".
type Politeness struct {
	Delay     time.Duration `yaml:"delay,omitempty" json:"delay,omitempty"`
	PerHost   int           `yaml:"per_host,omitempty" json:"per_host,omitempty"`
	Timeout   time.Duration `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	UserAgent string        `yaml:"user_agent,omitempty" json:"user_agent,omitempty"`
}

// Location returns the time zone to read zone-less dates of the source in.
func (s Source) Location() *time.Location {
	name := s.TimeZone
	if name == "" && s.Country == "CN" {
		name = "Asia/Shanghai"
	}
	if name == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}
