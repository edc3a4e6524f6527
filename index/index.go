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

// Reader is what the web UI, the report and the search and trend commands
// need of an index.
type Reader interface {
	// Search returns the articles matching q.
	Search(ctx context.Context, q Query) (*SearchResult, error)
	// Trend counts articles and leader / catching-up attributions per time
	// bucket for the articles matching q.
	Trend(ctx context.Context, q TrendQuery) (*TrendResult, error)
	// Facets counts the articles matching q's text and filters per
	// language, source country, source, actor and frame.
	Facets(ctx context.Context, q Query) (*Facets, error)
	// Get returns the indexed article with an ID, false when absent.
	Get(ctx context.Context, id string) (*Hit, bool, error)
	// Info returns the document count and codebook versions.
	Info(ctx context.Context) (Info, error)
}

// Writer is what the ingest pipeline needs of an index.
type Writer interface {
	// Put adds docs, replacing any already indexed under the same ID.
	Put(ctx context.Context, docs []Doc) error
	// Missing returns those of ids that are not indexed, in their order.
	Missing(ctx context.Context, ids []string) ([]string, error)
	// SetCodebookVersion records the codebook version the index was built with.
	SetCodebookVersion(ctx context.Context, v string) error
	// Close releases the index.
	Close() error
}

// Checkpointer is implemented by a Writer that can record, with what it
// has durably indexed, how far into the article store it is known to
// hold every article (a corpus.Pos string). The pipeline catches up from
// there instead of asking about every stored article. A Writer without it
// is caught up by looking up every stored ID.
type Checkpointer interface {
	// Checkpoint returns the recorded checkpoint, "" when there is none.
	Checkpoint(ctx context.Context) (string, error)
	// SetCheckpoint records cp; it must be durable no earlier than the
	// documents Put before it.
	SetCheckpoint(ctx context.Context, cp string) error
}

// Index is an engine's handle on an index open for reading and writing,
// as an engine's Open returns it. A handle opened read-only fails the
// writing methods.
type Index interface {
	Reader
	Writer
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

// Errors an engine returns that callers tell apart.
var (
	// ErrBadQuery is wrapped by the errors Search, Trend and Facets return
	// for a query the user should correct: a syntax error, an unknown
	// field, filter value, period, split or unit.
	ErrBadQuery = errors.New("index: bad query")
	// ErrTooLarge is wrapped by the errors of a valid query whose answer
	// would be larger than one request may make (too many trend buckets).
	ErrTooLarge = errors.New("index: answer too large")
	// ErrNoIndex is wrapped by the error of an engine's read-only Open
	// when there is no index yet.
	ErrNoIndex = errors.New("index: no index")
	// ErrClosed is wrapped by the errors of a handle that is closed, and
	// of a Live handle while it holds no open index.
	ErrClosed = errors.New("index: closed")
)
