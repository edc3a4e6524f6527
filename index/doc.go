// Package index keeps analyzed articles in a full-text index for search and
// for counting how actors are framed over time.
//
// The Bleve implementation (Open) indexes the title and text of Chinese
// articles with the analyzer's jieba segmenter in search mode (人工智能 is
// found by 人工智能 and by 智能) and those of other articles with Bleve's
// English analyzer (stemming); a query word is looked up in both, each
// analyzed its own way. It stores what a result list needs (title, URL,
// source, language, date, frames with their evidence), so a search never
// reads the corpus.
//
// Trends never load stored fields. A trend over all articles by month,
// quarter or year is read from posting list sizes of monthly count terms
// (see counts.go); other trends visit one doc value field per matching
// article. Time buckets are the dates each outlet printed, in its own zone.
package index

import (
	"context"
	"errors"

	"github.com/framescope/framescope/corpus"
)

// Doc is one analyzed article as given to Put.
type Doc struct {
	Article  corpus.Article
	Analysis corpus.Analysis
}

// Index is what the rest of framescope needs of an index. Bleve implements
// it; another backend (OpenSearch) can later.
type Index interface {
	// Put adds docs, replacing any already indexed under the same ID.
	Put(ctx context.Context, docs []Doc) error
	// Has reports whether an article ID is indexed.
	Has(ctx context.Context, id string) (bool, error)
	// Missing returns those of ids that are not indexed, in their order.
	Missing(ctx context.Context, ids []string) ([]string, error)
	// Get returns the indexed article with an ID, false when absent.
	Get(ctx context.Context, id string) (*Hit, bool, error)
	// Search returns the articles matching q.
	Search(ctx context.Context, q Query) (*SearchResult, error)
	// Trend counts articles and leader / catching-up attributions per time
	// bucket for the articles matching q.
	Trend(ctx context.Context, q TrendQuery) (*TrendResult, error)
	// Facets counts the articles matching q's text and filters per
	// language, source country, source, actor and frame.
	Facets(ctx context.Context, q Query) (*Facets, error)
	// Info returns the document count and codebook versions.
	Info(ctx context.Context) (Info, error)
	// SetCodebookVersion records the codebook version the index was built with.
	SetCodebookVersion(ctx context.Context, v string) error
	// Close releases the index.
	Close() error
}

// Info describes an index.
type Info struct {
	// Docs is the number of indexed articles.
	Docs uint64 `json:"docs"`
	// Codebook is the version recorded with SetCodebookVersion, empty when
	// none was recorded.
	Codebook string `json:"codebook"`
	// DocCodebooks lists the distinct codebook versions found on indexed
	// documents (Analysis.Codebook), sorted; empty versions are left out.
	DocCodebooks []string `json:"doc_codebooks,omitempty"`
}

// Stale reports whether an index needs re-analysis for the codebook version
// current: the recorded version differs, or some document was analyzed with
// another version. An empty index is never stale.
func (i Info) Stale(current string) bool {
	if i.Docs == 0 {
		return false
	}
	if i.Codebook != current {
		return true
	}
	for _, v := range i.DocCodebooks {
		if v != current {
			return true
		}
	}
	return false
}

// ErrBadQuery is wrapped by the errors Search and Trend return for a query
// the user should correct: a syntax error, an unknown field, filter value,
// period, split or unit.
var ErrBadQuery = errors.New("index: bad query")
