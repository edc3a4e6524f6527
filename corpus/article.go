package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Lang is an ISO 639-1 language code such as "zh" or "en".
type Lang string

// Languages framescope analyzes natively.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// Article is one news article as kept in the store. The JSON keys are the
// record format of the corpus segment files and are relied on by users.
type Article struct {
	// ID is a stable hash of CanonicalURL (see IDFor).
	ID           string `json:"id"`
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	// Source is the name of the source (outlet) it was crawled or imported from.
	Source string `json:"source"`
	// Country is the home country of the source, an ISO 3166 code.
	Country   string    `json:"country"`
	Lang      Lang      `json:"lang"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Author    string    `json:"author"`
	Published time.Time `json:"published"`
	Fetched   time.Time `json:"fetched"`
	// Hash is the content hash of Title and Text (see ContentHash).
	Hash string `json:"hash"`
	// FromFeed is true when the text came from the feed item because the
	// page itself could not be fetched or yielded no body.
	FromFeed bool `json:"from_feed,omitempty"`
	// Story groups near-duplicate copies of one story (syndication); empty
	// when the article is the only copy known.
	Story string `json:"story,omitempty"`
}

// IDFor returns the stable article ID for a canonical URL: the first 16 hex
// digits of its SHA-256.
func IDFor(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(sum[:8])
}

// ContentHash returns a hash of an article's title and text that ignores
// differences in white space, so the same story fetched twice hashes alike.
func ContentHash(title, text string) string {
	h := sha256.New()
	write := func(s string) {
		space := false
		for _, r := range s {
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space {
				h.Write([]byte{' '})
				space = false
			}
			h.Write(utf8.AppendRune(nil, r))
		}
	}
	write(strings.TrimSpace(title))
	h.Write([]byte{0})
	write(strings.TrimSpace(text))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Fill completes the derived fields of a: CanonicalURL from URL when empty,
// ID from CanonicalURL, and Hash from Title and Text.
func (a *Article) Fill() {
	if a.CanonicalURL == "" && a.URL != "" {
		a.CanonicalURL = CanonicalURL(a.URL)
	}
	if a.ID == "" && a.CanonicalURL != "" {
		a.ID = IDFor(a.CanonicalURL)
	}
	a.Hash = ContentHash(a.Title, a.Text)
}
