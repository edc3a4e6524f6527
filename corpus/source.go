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
	// Feed is an RSS, Atom or JSON Feed URL. Exactly one of Feed, List and
	// Sitemap is set.
	Feed string `yaml:"feed,omitempty" json:"feed,omitempty"`
	// List is a listing page whose article links are scraped with Links.
	List  string `yaml:"list,omitempty" json:"list,omitempty"`
	Links string `yaml:"links,omitempty" json:"links,omitempty"`
	// Next is the CSS selector of a listing page's link to the next
	// (older) page of an archive; Pages bounds the pages read (0: one page
	// without Next, DefaultPages with it).
	Next  string `yaml:"next,omitempty" json:"next,omitempty"`
	Pages int    `yaml:"pages,omitempty" json:"pages,omitempty"`
	// Sitemap is a sitemap, sitemap index or Google News sitemap URL
	// (gzip allowed), or SitemapRobots to take the sitemaps that Site's
	// robots.txt lists.
	Sitemap string `yaml:"sitemap,omitempty" json:"sitemap,omitempty"`
	// Site is the outlet's home page (used with Sitemap: robots).
	Site string `yaml:"site,omitempty" json:"site,omitempty"`
	// Since and Until, when not zero, bound the publication dates crawled:
	// sitemap entries dated outside [Since, Until) are not fetched, and
	// fetched articles dated outside it are not stored.
	Since time.Time `yaml:"since,omitempty" json:"since,omitzero"`
	Until time.Time `yaml:"until,omitempty" json:"until,omitzero"`
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

// SitemapRobots as a Source's Sitemap discovers the sitemaps from the
// robots.txt of the Source's Site.
const SitemapRobots = "robots"

// DefaultPages is the number of archive pages read when a Source gives Next
// without Pages.
const DefaultPages = 100

// InWindow reports whether t is inside [since, until); zero bounds are
// open and a zero t (date unknown) is always inside.
func InWindow(t, since, until time.Time) bool {
	if t.IsZero() {
		return true
	}
	return (since.IsZero() || !t.Before(since)) && (until.IsZero() || t.Before(until))
}

// Selectors are optional CSS selectors that override automatic extraction.
type Selectors struct {
	Title  string `yaml:"title,omitempty" json:"title,omitempty"`
	Body   string `yaml:"body,omitempty" json:"body,omitempty"`
	Date   string `yaml:"date,omitempty" json:"date,omitempty"`
	Author string `yaml:"author,omitempty" json:"author,omitempty"`
}

// NoDelay is the Politeness.Delay of an explicit "no pause" (delay: 0s),
// which zero cannot say since zero means the default.
const NoDelay time.Duration = -1

// Politeness holds the per-host request limits; zero values mean "use the
// default", a negative Delay (NoDelay) no pause between requests.
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
