package crawler

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/framescope/framescope/corpus"
)

// Page is what Extract finds in one article page.
type Page struct {
	// CanonicalURL is the page's rel=canonical link made absolute, or "".
	CanonicalURL string `json:"canonical_url,omitempty"`
	Title        string `json:"title"`
	Text         string `json:"text"`
	Author       string `json:"author"`
	// Published is the publication date, zero when none was found.
	Published time.Time   `json:"published"`
	Lang      corpus.Lang `json:"lang"`
	// Charset is the encoding the body was read as.
	Charset string `json:"charset"`
}

// minBodyRunes is the shortest text taken for an article body; less is
// navigation or a stub, and Extract reports ErrNoBody.
const minBodyRunes = 20

// bylineWindow is how much of the page text after the title is searched
// for the byline and the date line.
const bylineWindow = 800

// Extract reads an article page: it decodes body (see DecodeHTML), then
// extracts the main text, title, author and publication date with
// go-trafilatura (with its readability and DOM-distiller fallbacks), the
// source's CSS selector overrides and rules for Chinese news pages (dates
// like 2024年3月5日 10:20 or 发布时间：2024-03-05, bylines such as 作者：,
// 来源：, 责任编辑：). Dates without a zone are read in src.Location(), or
// Asia/Shanghai for a Chinese page of a source with no country. The text
// is the article's paragraphs, one a line: a short text is narrowed to the
// element that holds the page's paragraphs, and the lines extractors keep
// around an article are dropped (the headline, date and byline lines above
// it; editor credits, reprint and copyright notices, cookie banners and
// bars of links below it). pageURL may be empty. It returns ErrNoBody
// (with the page) when no text was found, and an error when the HTML
// cannot be parsed. A text of fewer than 20 characters counts as none.
func Extract(body []byte, contentType, pageURL string, src corpus.Source) (p Page, err error) {
	// Pages are untrusted input to third-party parsers: a parser bug on
	// one page fails that page, never the crawl.
	defer func() {
		if r := recover(); r != nil {
			p, err = Page{}, fmt.Errorf("extract %s: parser panic: %v", pageURL, r)
		}
	}()
	return extractAt(body, contentType, pageURL, src, time.Now())
}

func extractAt(body []byte, contentType, pageURL string, src corpus.Source, now time.Time) (Page, error) {
	text, cs := DecodeHTML(body, contentType)
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Page{}, fmt.Errorf("parse html %s: %w", pageURL, err)
	}
	base, _ := url.Parse(pageURL)
	p := Page{Charset: cs, CanonicalURL: canonicalLink(doc, base)}

	// Read what the rules need before go-trafilatura prunes the tree.
	visible := visibleText(doc)
	metaDate := metaPublished(doc, now)
	stamps := timeStamps(doc, now)
	h1 := ""
	if n := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); n != nil {
		h1 = nodeText(n)
	}
	sel := selectorOverrides(doc, src.Select)
	block := paragraphBlock(doc)

	terr := p.fromTrafilatura(doc, base)
	if !metaDate.IsZero() {
		// A full timestamp from the page's metadata beats a bare day.
		p.Published = metaDate
	}
	htmlTitle := ""
	if n := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Title }); n != nil && n.FirstChild != nil {
		htmlTitle = strings.Join(strings.FieldsFunc(n.FirstChild.Data, isSpace), " ")
	}
	p.Title = chooseTitle(p.Title, h1, htmlTitle)

	p.Lang = src.Lang
	if p.Lang == "" {
		p.Lang = detectLang(p.Title + "\n" + p.Text + "\n" + visible)
	}
	loc := src.Location()
	if src.Country == "" && src.TimeZone == "" && p.Lang == corpus.Chinese {
		loc = shanghai()
	}
	if !p.Published.IsZero() && p.Published.Hour() == 0 && p.Published.Minute() == 0 && p.Published.Location() == time.UTC {
		// A bare calendar day: it was written in the page's own zone.
		y, m, d := p.Published.Date()
		p.Published = time.Date(y, m, d, 0, 0, 0, 0, loc)
	}

	// Byline area: the lines after the headline.
	area := headArea(visible, h1, p.Title)
	p.fromHeadArea(area, stamps, loc, now)

	p.Text = narrowToBlock(p.Text, block)
	p.Text = trimTail(p.Text, p.Lang)
	p.Text = dropLeadingTitle(p.Text, p.Title)
	p.Text = dropHeadLines(p.Text, p.Title, loc, now)
	p.Text = dropTailLines(p.Text)

	p.override(sel, loc, now)
	if !p.Published.IsZero() && !saneDate(p.Published, now) {
		p.Published = time.Time{}
	}
	if utf8.RuneCountInString(p.Text) < minBodyRunes {
		if terr != nil {
			return p, fmt.Errorf("extract %s: %w: %v", pageURL, ErrNoBody, terr)
		}
		return p, fmt.Errorf("extract %s: %w", pageURL, ErrNoBody)
	}
	return p, nil
}

// fromTrafilatura fills the title, text, author and date go-trafilatura
// finds in doc (a page from base) and returns its error, if any.
func (p *Page) fromTrafilatura(doc *html.Node, base *url.URL) error {
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
	}
	// go-trafilatura swaps a text shorter than MinExtractedSize (250
	// characters by default) for the text of the whole page; a brief of
	// three sentences is an article all the same.
	opts.Config = trafilatura.DefaultConfig()
	opts.Config.MinExtractedSize = minBodyRunes
	if base != nil && base.Host != "" {
		opts.OriginalURL = base
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil {
		return err
	}
	p.Title = strings.TrimSpace(res.Metadata.Title)
	p.Text = strings.TrimSpace(res.ContentText)
	if res.ContentNode != nil {
		// One paragraph a line, which the analyzer's sentence splitter
		// and readers of the corpus both want, when the tree holds the
		// same text (go-trafilatura's baseline rescue can leave earlier
		// attempts in the tree).
		if t := visibleText(res.ContentNode); sameLetters(t, p.Text) {
			p.Text = t
		}
	}
	p.Author = strings.TrimSpace(res.Metadata.Author)
	if !res.Metadata.Date.IsZero() {
		p.Published = res.Metadata.Date
	}
	return nil
}

// fromHeadArea takes the date line and byline printed under the headline
// (area), and the time of day of a bare day from the page's <time>
// elements (stamps), in the page's zone loc.
func (p *Page) fromHeadArea(area string, stamps []time.Time, loc *time.Location, now time.Time) {
	if d, ok := pickDate(findDates(area, loc, now)); ok {
		// The date line under the headline wins on Chinese pages, fills a
		// gap, and adds the time of day to a bare day found elsewhere.
		y1, m1, d1 := d.t.Date()
		y2, m2, d2 := p.Published.In(loc).Date()
		sameDay := y1 == y2 && m1 == m2 && d1 == d2
		bareDay := p.Published.Equal(time.Date(y2, m2, d2, 0, 0, 0, 0, loc))
		// htmldate answers January 1 when it only found a year.
		yearOnly := bareDay && m2 == time.January && d2 == 1 && y1 == y2
		if p.Lang == corpus.Chinese || p.Published.IsZero() || (sameDay && bareDay && d.clock) || yearOnly {
			p.Published = d.t
		}
	}
	if t, ok := clockOnDay(p.Published, stamps, loc); ok {
		// A <time datetime> element gives the time of day of a bare day.
		p.Published = t
	}
	if p.Lang == corpus.Chinese || p.Author == "" {
		if a, ok := findByline(area); ok {
			p.Author = a
		}
	}
}

// override applies what the source's selectors found and cleans the
// author.
func (p *Page) override(sel selected, loc *time.Location, now time.Time) {
	if sel.title != "" {
		p.Title = sel.title
	}
	if sel.body != "" {
		p.Text = sel.body
	}
	if sel.author != "" {
		p.Author = sel.author
	}
	p.Author = cleanAuthor(p.Author)
	if sel.date != "" {
		if t, ok := ParseDate(sel.date, loc, now); ok {
			p.Published = t
		}
	}
}

// headArea returns the part of the page text where the byline and date
// line are printed: from the headline (h1, else the title) on, bylineWindow
// bytes long; the whole start of the text when the headline is not found.
func headArea(visible, h1, title string) string {
	start := -1
	for _, h := range []string{h1, title} {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if i := strings.Index(visible, h); i >= 0 {
			start = i + len(h)
			break
		}
	}
	if start < 0 {
		start = 0
	}
	end := min(len(visible), start+bylineWindow)
	for end < len(visible) && !isRuneStart(visible[end]) {
		end++
	}
	return visible[start:end]
}

// selected holds the text found with a source's selector overrides.
type selected struct{ title, body, date, author string }

// selectorOverrides applies a source's CSS selectors to the page.
func selectorOverrides(doc *html.Node, s corpus.Selectors) selected {
	var out selected
	if s == (corpus.Selectors{}) {
		return out
	}
	q := goquery.NewDocumentFromNode(doc)
	one := func(css string) string {
		if css == "" {
			return ""
		}
		sel := q.Find(css).First()
		if sel.Length() == 0 {
			return ""
		}
		if dt, ok := sel.Attr("datetime"); ok && strings.TrimSpace(dt) != "" && css == s.Date {
			return dt
		}
		return nodeText(sel.Get(0))
	}
	out.title = one(s.Title)
	out.date = one(s.Date)
	out.author = one(s.Author)
	if s.Body != "" {
		var parts []string
		q.Find(s.Body).Each(func(_ int, sel *goquery.Selection) {
			if t := visibleText(sel.Get(0)); t != "" {
				parts = append(parts, t)
			}
		})
		out.body = strings.Join(parts, "\n")
	}
	return out
}

// canonicalLink returns the absolute href of the page's rel=canonical
// link, or "".
func canonicalLink(doc *html.Node, base *url.URL) string {
	n := findFirst(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Link && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") && attr(n, "href") != ""
	})
	if n == nil {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(attr(n, "href")))
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

// detectLang tells Chinese from other text by the share of Han characters
// among letters; it returns "zh", "en" for mostly Latin text, or "" when
// there is too little text to tell.
func detectLang(s string) corpus.Lang {
	han, latin := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r < 0x250 && unicode.IsLetter(r):
			latin++
		}
	}
	switch {
	case han == 0 && latin == 0:
		return ""
	case han*3 >= latin/2:
		// A Han character carries about as much as a five-letter word.
		return corpus.Chinese
	case latin > 0:
		return corpus.English
	}
	return ""
}

// shanghai returns the Asia/Shanghai zone, or a fixed UTC+8 when the zone
// database is missing.
func shanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// titleSeparators split a page title into headline and site name.
var titleSeparators = []string{" - ", " | ", "_", " – ", " — ", "--", "｜", " :: "}

// chooseTitle picks the headline among the extractor's title, the first
// h1 and the <title>: an h1 that the other titles contain wins (it has no
// site name attached); otherwise the longest part of the title split at
// separators such as " - " and "_".
func chooseTitle(extracted, h1, htmlTitle string) string {
	h1 = strings.TrimSpace(h1)
	if n := len([]rune(h1)); n >= 4 && n <= 200 {
		for _, t := range []string{extracted, htmlTitle} {
			if t != "" && strings.Contains(t, h1) {
				return h1
			}
		}
	}
	t := strings.TrimSpace(extracted)
	if t == "" {
		t = strings.TrimSpace(htmlTitle)
	}
	if t == "" {
		return h1
	}
	best := t
	for _, sep := range titleSeparators {
		if !strings.Contains(t, sep) {
			continue
		}
		longest := ""
		for _, part := range strings.Split(t, sep) {
			if part = strings.TrimSpace(part); len([]rune(part)) > len([]rune(longest)) {
				longest = part
			}
		}
		if len([]rune(longest)) >= 4 && len(longest) < len(best) {
			best = longest
		}
	}
	return best
}

// publishedMeta lists the <meta> names and properties that carry an
// article's publication timestamp.
var publishedMeta = map[string]bool{
	"article:published_time": true, "og:published_time": true, "datepublished": true, "pubdate": true,
	"publishdate": true, "publish-date": true, "parsely-pub-date": true, "sailthru.date": true,
	"dc.date.issued": true, "dcterms.created": true, "date": true,
}

// metaPublished returns the publication time a page states in its <meta>
// tags or microdata when it carries a time of day (so a zone is known), or
// the zero time.
func metaPublished(doc *html.Node, now time.Time) time.Time {
	var found time.Time
	findFirst(doc, func(n *html.Node) bool {
		if n.DataAtom != atom.Meta && n.DataAtom != atom.Time {
			return false
		}
		key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
		val := attr(n, "content")
		if n.DataAtom == atom.Time {
			if !strings.EqualFold(attr(n, "itemprop"), "datePublished") {
				return false
			}
			val = attr(n, "datetime")
		} else if !publishedMeta[key] {
			return false
		}
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(val))
		if err != nil || !saneDate(t, now) {
			return false
		}
		found = t
		return true
	})
	return found
}

// timeStamps returns the timestamps with a time of day given by the
// datetime attributes of a page's <time> elements, in page order.
func timeStamps(doc *html.Node, now time.Time) []time.Time {
	var out []time.Time
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Time {
			if t, err := time.Parse(time.RFC3339, strings.TrimSpace(attr(n, "datetime"))); err == nil && saneDate(t, now) {
				out = append(out, t)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// clockOnDay returns the first of stamps written on the calendar day of
// published, when published is a bare day (midnight in loc); ok is false
// otherwise.
func clockOnDay(published time.Time, stamps []time.Time, loc *time.Location) (time.Time, bool) {
	if published.IsZero() {
		return time.Time{}, false
	}
	y, m, d := published.In(loc).Date()
	if !published.Equal(time.Date(y, m, d, 0, 0, 0, 0, loc)) {
		return time.Time{}, false
	}
	for _, t := range stamps {
		if ty, tm, td := t.Date(); ty == y && tm == m && td == d {
			return t, true
		}
	}
	return time.Time{}, false
}

// dropLeadingTitle removes the headline from the start of the text, where
// extractors keep it; the title is stored on its own.
func dropLeadingTitle(text, title string) string {
	title = strings.TrimSpace(title)
	if title == "" || !strings.HasPrefix(text, title) {
		return text
	}
	rest := strings.TrimLeft(text[len(title):], " \n")
	if utf8.RuneCountInString(rest) < minBodyRunes {
		return text
	}
	return rest
}

// sameLetters reports whether a and b hold the same text apart from white
// space.
func sameLetters(a, b string) bool {
	return a != "" && letters(a) == letters(b)
}
