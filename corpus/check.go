package corpus

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Limits bound what an article may hold to be stored.
type Limits struct {
	// Earliest is the earliest plausible publication date.
	Earliest time.Time
	// Ahead is how far after now a publication date may be (clock skew,
	// time zones).
	Ahead time.Duration
	// MaxText and MaxTitle are the largest text and title in bytes.
	MaxText, MaxTitle int
}

// DefaultLimits are the limits Check applies when given zero Limits: news
// from 1990 on, up to a day ahead, texts up to 1 MiB and titles up to 4 KiB.
func DefaultLimits() Limits {
	return Limits{Earliest: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Ahead: 24 * time.Hour, MaxText: 1 << 20, MaxTitle: 4 << 10}
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.Earliest.IsZero() {
		l.Earliest = d.Earliest
	}
	if l.Ahead == 0 {
		l.Ahead = d.Ahead
	}
	if l.MaxText == 0 {
		l.MaxText = d.MaxText
	}
	if l.MaxTitle == 0 {
		l.MaxTitle = d.MaxTitle
	}
	return l
}

// ErrRejected is wrapped by the errors Check returns.
var ErrRejected = errors.New("corpus: article rejected")

// idPattern is what an article ID may be: the hex digest IDFor returns,
// or an imported ID of letters, digits and ._:- that cannot name a path.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`)

// ValidID reports whether id is acceptable as an article ID.
func ValidID(id string) bool { return idPattern.MatchString(id) && !strings.Contains(id, "..") }

// ValidURL reports whether u is an absolute http or https URL, the only
// kind an article may link to.
func ValidURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// PlausibleDate reports whether t is within the limits' publication
// dates, now being the current time. The zero time (no date) is plausible.
func (l Limits) PlausibleDate(t, now time.Time) bool {
	l = l.orDefault()
	return t.IsZero() || (!t.Before(l.Earliest) && !t.After(now.Add(l.Ahead)))
}

// Check returns an error wrapping ErrRejected, saying what is wrong, when
// a cannot be stored: a URL that is not http(s), an ID that is not a plain
// token, a publication date out of the limits (now being the current
// time), or a text or title larger than they allow.
func (l Limits) Check(a Article, now time.Time) error {
	l = l.orDefault()
	reject := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrRejected, fmt.Sprintf(format, args...))
	}
	switch {
	case a.URL != "" && !ValidURL(a.URL):
		return reject("url %.80q is not an http(s) URL", a.URL)
	case a.CanonicalURL != "" && !ValidURL(a.CanonicalURL):
		return reject("canonical_url %.80q is not an http(s) URL", a.CanonicalURL)
	case a.ID != "" && !ValidID(a.ID):
		return reject("id %.80q is not letters, digits and ._:- (at most 128)", a.ID)
	case !l.PlausibleDate(a.Published, now):
		return reject("published %s is not between %s and %s", a.Published.Format(time.RFC3339),
			l.Earliest.Format(time.DateOnly), now.Add(l.Ahead).Format(time.DateOnly))
	case len(a.Text) > l.MaxText:
		return reject("text of %d bytes is larger than the limit of %d", len(a.Text), l.MaxText)
	case len(a.Title) > l.MaxTitle:
		return reject("title of %d bytes is larger than the limit of %d", len(a.Title), l.MaxTitle)
	}
	return nil
}

// SafeCell returns s made safe as a CSV cell that a spreadsheet opens: a
// value starting with =, +, -, @, a tab or a carriage return (read as a
// formula) gets a leading apostrophe, as OWASP's CSV injection advice says.
// Use it for every cell that comes from article data.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
