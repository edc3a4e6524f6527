// Package sitegen turns the sample articles in samplesite/data into the
// static sample news site served by framescope demo: HTML pages, RSS and Atom
// feeds, a listing page and GBK-encoded pages, each outlet with its own markup.
package sitegen

import (
	"time"

	// The generator and the tests render dates in the outlets' own zones
	// on machines without a zoneinfo database.
	_ "time/tzdata"
)

// Feed kinds an outlet can publish.
const (
	FeedRSS  = "rss"
	FeedAtom = "atom"
	FeedNone = "" // listing page only
)

// Outlet is one fictional news outlet of the sample site.
type Outlet struct {
	// Slug is the outlet's folder in the site and the name of its data file.
	Slug string
	// Name is the masthead, also used as the source name in framescope.
	Name string
	// Lang is "zh" or "en"; Country the outlet's home country.
	Lang, Country string
	// Zone is the IANA zone the data file's times are written in.
	Zone string
	// Feed is FeedRSS, FeedAtom or FeedNone.
	Feed string
	// FeedPath is the feed's path below the site root, empty without a feed.
	FeedPath string
	// ListPath is the listing page's path (always present).
	ListPath string
	// LinkSelector is the CSS selector for article links on ListPath.
	LinkSelector string
	// GBK outlets serve pages (and their feed) encoded in GBK.
	GBK bool
	// Tagline describes the outlet in its header.
	Tagline string
}

// Location returns the outlet's time zone.
func (o Outlet) Location() *time.Location {
	loc, err := time.LoadLocation(o.Zone)
	if err != nil {
		// time/tzdata is linked in, so this only happens for a typo in Outlets.
		panic("sitegen: bad zone " + o.Zone + " for " + o.Slug)
	}
	return loc
}

// Outlets lists the outlets of the sample site in a fixed order.
var Outlets = []Outlet{
	{
		Slug: "pacifictech", Name: "Pacific Tech Review", Lang: "en", Country: "US",
		Zone: "America/Los_Angeles", Feed: FeedRSS, FeedPath: "/pacifictech/feed.xml",
		ListPath: "/pacifictech/", LinkSelector: "ul.latest a",
		Tagline: "Silicon Valley, chips and the people building AI",
	},
	{
		Slug: "albion", Name: "The Albion Ledger", Lang: "en", Country: "GB",
		Zone: "Europe/London", Feed: FeedAtom, FeedPath: "/albion/atom.xml",
		ListPath: "/albion/", LinkSelector: "ol.stories a.story-link",
		Tagline: "Technology, policy and markets from London",
	},
	{
		Slug: "prairie", Name: "Prairie Dispatch", Lang: "en", Country: "US",
		Zone: "America/Chicago", Feed: FeedNone,
		ListPath: "/prairie/", LinkSelector: "section.river h2 a",
		Tagline: "Tech news from the middle of the map",
	},
	{
		Slug: "shuzhi", Name: "数智前沿", Lang: "zh", Country: "CN",
		Zone: "Asia/Shanghai", Feed: FeedRSS, FeedPath: "/shuzhi/rss.xml",
		ListPath: "/shuzhi/", LinkSelector: "ul.news-list a",
		Tagline: "关注人工智能与数字经济",
	},
	{
		Slug: "huaxia", Name: "华夏科技报", Lang: "zh", Country: "CN",
		Zone: "Asia/Shanghai", Feed: FeedRSS, FeedPath: "/huaxia/rss.xml",
		ListPath: "/huaxia/", LinkSelector: "div.list a", GBK: true,
		Tagline: "科技创新 产业观察",
	},
	{
		Slug: "gangwan", Name: "港湾科技评论", Lang: "zh", Country: "CN",
		Zone: "Asia/Shanghai", Feed: FeedAtom, FeedPath: "/gangwan/atom.xml",
		ListPath: "/gangwan/", LinkSelector: "div.entries h3 a",
		Tagline: "深度报道全球科技产业",
	},
}

// Notice is the sample-data notice shown on every page, by language.
func Notice(lang string) string {
	if lang == "zh" {
		return "示例数据：虚构媒体与文章，仅供 framescope 演示。"
	}
	return "Sample data: fictional outlet and article written for the framescope demo."
}
