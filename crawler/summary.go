package crawler

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// SourceSummary counts what one source yielded in a crawl.
type SourceSummary struct {
	Source string `json:"source"`
	// Items is the number of feed items or listing links found.
	Items     int `json:"items"`
	New       int `json:"new"`
	Duplicate int `json:"duplicate"`
	Failed    int `json:"failed"`
	// NotModified is 1 when the feed answered 304 Not Modified.
	NotModified int `json:"not_modified"`
	// Filtered counts items that matched none of the source's keywords.
	Filtered int `json:"filtered"`
	// Upgraded counts articles stored from feed content earlier and now
	// replaced by their page (see Upgrader).
	Upgraded int `json:"upgraded"`
	// OutOfWindow counts articles dated outside the crawl's since and
	// until: sitemap entries left out unfetched and fetched pages not
	// stored.
	OutOfWindow int `json:"out_of_window"`
	// Pages is the number of listing pages read (archive pages) or
	// sitemaps read.
	Pages int `json:"pages,omitempty"`
	// FromFeed counts new articles stored from feed content because their
	// page could not be fetched or had no text.
	FromFeed int `json:"from_feed"`
	// FailedSources is 1 when the source failed as a whole (its feed,
	// listing page or sitemap unreachable, refused, too large or
	// unparsable; counted in Failed too), and in a Total the number of
	// such sources.
	FailedSources int `json:"failed_sources"`
	// Errors lists what went wrong: the source's own failure (feed or list
	// page unreachable or unparsable) and failed items.
	Errors []string `json:"errors,omitempty"`
}

// Summary is the result of one crawl.
type Summary struct {
	Started  time.Time       `json:"started"`
	Finished time.Time       `json:"finished"`
	Sources  []SourceSummary `json:"sources"`
}

// Total adds up the counts of all sources (Source is "total").
func (s Summary) Total() SourceSummary {
	t := SourceSummary{Source: "total"}
	for _, ss := range s.Sources {
		t.Items += ss.Items
		t.New += ss.New
		t.Duplicate += ss.Duplicate
		t.Failed += ss.Failed
		t.NotModified += ss.NotModified
		t.Filtered += ss.Filtered
		t.FromFeed += ss.FromFeed
		t.Upgraded += ss.Upgraded
		t.OutOfWindow += ss.OutOfWindow
		t.Pages += ss.Pages
		t.FailedSources += ss.FailedSources
		t.Errors = append(t.Errors, ss.Errors...)
	}
	return t
}

// WriteTable prints the summary as an aligned table, one row a source and
// a total row, followed by each source's errors.
func (s Summary) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\titems\tnew\tduplicate\tfailed\tnot modified\tfiltered\tout of window\tfrom feed\tupgraded\tfailed sources\t")
	row := func(ss SourceSummary) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", ss.Source, ss.Items, ss.New, ss.Duplicate, ss.Failed, ss.NotModified, ss.Filtered, ss.OutOfWindow, ss.FromFeed, ss.Upgraded, ss.FailedSources)
	}
	for _, ss := range s.Sources {
		row(ss)
	}
	row(s.Total())
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	for _, ss := range s.Sources {
		for _, e := range ss.Errors {
			if _, err := fmt.Fprintf(w, "%s: %s\n", ss.Source, e); err != nil {
				return fmt.Errorf("write summary: %w", err)
			}
		}
	}
	return nil
}
