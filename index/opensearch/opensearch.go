package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	osgo "github.com/opensearch-project/opensearch-go/v4"

	"github.com/framescope/framescope/analyzer"
	"github.com/framescope/framescope/index"
)

// Errors callers tell apart.
var (
	// ErrUnreachable is wrapped by the errors of requests that reached no
	// node of the cluster; the error names the URL.
	ErrUnreachable = errors.New("opensearch: cluster unreachable")
	// ErrMapping is wrapped by the errors of Open for an index whose
	// mapping is not framescope's (another layout, or made by hand), and
	// of Put for documents the mapping refuses.
	ErrMapping = errors.New("opensearch: mapping conflict")
)

// Index is an index.Index kept in one OpenSearch index. It is safe for
// concurrent use.
type Index struct {
	c        *osgo.Client
	url      string
	name     string
	seg      *analyzer.Segmenter
	english  func(text, gap string) []string
	readOnly bool
	nodes    int // addresses given to Open
	o        options
}

var _ index.Index = (*Index)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	readOnly, recreate bool
	shards, replicas   int
	bulkDocs           int
	retries            int
	backoff            time.Duration
	timeout            time.Duration
}

// ReadOnly opens an existing index for searching only: Open fails with an
// error wrapping index.ErrNoIndex when there is none, and the writing
// methods fail.
func ReadOnly() Option { return func(o *options) { o.readOnly = true } }

// Recreate deletes the index, if any, and creates a new one, as a rebuild
// from the store does. It is ignored with ReadOnly.
func Recreate() Option { return func(o *options) { o.recreate = true } }

// Shards sets the number of primary shards and of replicas of each that a
// new index gets (default 1 and 0; 1 replica on a cluster of 3 nodes
// survives the loss of one).
func Shards(primaries, replicas int) Option {
	return func(o *options) { o.shards, o.replicas = primaries, replicas }
}

// BulkDocs sets the number of documents per bulk request (default 500).
func BulkDocs(n int) Option { return func(o *options) { o.bulkDocs = n } }

// Retries sets how often a request the cluster refuses with 429 (too many
// requests) or answers with 502-504 is tried again (default 8), and the
// first wait, which doubles every try (default 200ms).
func Retries(n int, first time.Duration) Option {
	return func(o *options) { o.retries, o.backoff = n, first }
}

// Timeout bounds each request (default 60s).
func Timeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// Open connects to the cluster at url (several nodes' URLs may be given,
// separated by commas) and opens the index name, creating it with
// framescope's mapping when absent unless ReadOnly is given; Recreate
// deletes it first. Chinese text is segmented with seg and English text
// made into terms by english (bleve.EnglishTerms: the terms with gap for
// each removed stop word), at indexing and at query time, so that both
// engines see the same words.
//
// Open fails with an error wrapping ErrUnreachable (naming url) when no
// node answers, index.ErrNoIndex when ReadOnly finds no index, and
// ErrMapping when the index exists with a mapping that is not
// framescope's.
func Open(ctx context.Context, url, name string, seg *analyzer.Segmenter, english func(text, gap string) []string, opts ...Option) (*Index, error) {
	o := options{shards: 1, bulkDocs: 500, retries: 8, backoff: 200 * time.Millisecond, timeout: 60 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	if seg == nil || english == nil {
		return nil, errors.New("opensearch: open: no segmenter or English analysis")
	}
	if name == "" || strings.ToLower(name) != name || strings.ContainsAny(name, ` ,/\*?"<>|#:`) {
		return nil, fmt.Errorf("opensearch: index name %q: want lower case without spaces, commas or /\\*?\"<>|#:", name)
	}
	var addrs []string
	for _, a := range strings.Split(url, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, strings.TrimRight(a, "/"))
		}
	}
	if len(addrs) == 0 {
		return nil, errors.New("opensearch: open: no URL")
	}
	noDiscover := false
	c, err := osgo.NewClient(osgo.Config{
		Addresses:             addrs,
		DisableRetry:          true, // do retries, with backoff (see Retries)
		DiscoverNodesOnStart:  &noDiscover,
		HealthCheckMaxRetries: -1,
	})
	if err != nil {
		return nil, fmt.Errorf("opensearch: open %s: %w", url, err)
	}
	x := &Index{c: c, url: url, name: name, seg: seg, english: english, readOnly: o.readOnly, nodes: len(addrs), o: o}
	if err := x.prepare(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return x, nil
}

// prepare checks the index, creating or recreating it as the options say.
func (x *Index) prepare(ctx context.Context) error {
	if x.o.recreate && !x.readOnly {
		st, body, err := x.do(ctx, http.MethodDelete, "/"+x.name, nil)
		if err != nil {
			return err
		}
		if st != http.StatusOK && st != http.StatusNotFound {
			return x.fail("delete index", st, body)
		}
	}
	st, body, err := x.do(ctx, http.MethodGet, "/"+x.name+"/_mapping", nil)
	if err != nil {
		return err
	}
	switch {
	case st == http.StatusNotFound && x.readOnly:
		return fmt.Errorf("%w: no index %q at %s", index.ErrNoIndex, x.name, x.url)
	case st == http.StatusNotFound:
		return x.create(ctx)
	case st != http.StatusOK:
		return x.fail("read mapping", st, body)
	}
	var m map[string]struct {
		Mappings struct {
			Meta map[string]any `json:"_meta"`
		} `json:"mappings"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return fmt.Errorf("opensearch: read mapping of %s: %w", x.name, err)
	}
	for _, im := range m {
		if v, _ := im.Mappings.Meta["framescope_layout"].(string); v != layoutVersion {
			return fmt.Errorf("%w: index %q at %s has layout %q, want %q: rebuild it (framescope index --rebuild) or choose another --opensearch-index",
				ErrMapping, x.name, x.url, v, layoutVersion)
		}
	}
	return nil
}

// create puts the index template and creates the index.
func (x *Index) create(ctx context.Context) error {
	tmpl := map[string]any{
		"index_patterns": []string{x.name},
		"priority":       100,
		"template":       map[string]any{"settings": settings(x.o.shards, x.o.replicas), "mappings": mappings()},
		"_meta":          map[string]any{"description": "framescope articles"},
	}
	st, body, err := x.do(ctx, http.MethodPut, "/_index_template/"+x.name, tmpl)
	if err != nil {
		return err
	}
	if st != http.StatusOK {
		return x.fail("put index template", st, body)
	}
	st, body, err = x.do(ctx, http.MethodPut, "/"+x.name+"?wait_for_active_shards=1", map[string]any{})
	if err != nil {
		return err
	}
	if st != http.StatusOK && !(st == http.StatusBadRequest && bytes.Contains(body, []byte("resource_already_exists_exception"))) {
		return x.fail("create index", st, body)
	}
	return nil
}

// Close releases the client. Later calls fail.
func (x *Index) Close() error {
	if x.c == nil {
		return errors.New("opensearch: already closed")
	}
	err := x.c.Close()
	x.c = nil
	return err
}

// URL returns the cluster's URL as given to Open, and Name the index's name.
func (x *Index) URL() string  { return x.url }
func (x *Index) Name() string { return x.name }

// do sends one request with a JSON body (nil for none) and returns the
// status and body, retrying 429 and 502-504 with backoff. A request that
// does not reach a node is sent to the next of the nodes given to Open
// (the client's pool leaves the dead one out), each node once; one that
// reaches none is an error wrapping ErrUnreachable.
func (x *Index) do(ctx context.Context, method, path string, body any) (int, []byte, error) {
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			return 0, nil, fmt.Errorf("opensearch: %s %s: %w", method, path, err)
		}
	}
	if x.c == nil {
		return 0, nil, index.ErrClosed
	}
	wait := x.o.backoff
	down := 0 // nodes that did not answer
	for try := 0; ; try++ {
		st, out, err := x.once(ctx, method, path, raw)
		if errors.Is(err, ErrUnreachable) && down+1 < x.nodes {
			down++
			try--
			continue
		}
		retry := err == nil && retryable(st)
		if !retry || try >= x.o.retries {
			return st, out, err
		}
		select {
		case <-ctx.Done():
			return 0, nil, fmt.Errorf("opensearch: %s %s: %w", method, path, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// retryable reports whether a request or bulk item refused with status st
// may succeed later: too many requests, or a node or shard briefly
// unavailable (a node lost, a primary being promoted).
func retryable(st int) bool {
	return st == http.StatusTooManyRequests || st == http.StatusBadGateway ||
		st == http.StatusServiceUnavailable || st == http.StatusGatewayTimeout
}

func (x *Index) once(ctx context.Context, method, path string, raw []byte) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, x.o.timeout)
	defer cancel()
	var rd io.Reader
	if raw != nil {
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return 0, nil, fmt.Errorf("opensearch: %s %s: %w", method, path, err)
	}
	if raw != nil {
		ct := "application/json"
		if strings.HasSuffix(strings.SplitN(path, "?", 2)[0], "_bulk") {
			ct = "application/x-ndjson"
		}
		req.Header.Set("Content-Type", ct)
	}
	resp, err := x.c.Perform(req)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return 0, nil, fmt.Errorf("opensearch: %s %s: %w", method, path, ctx.Err())
		}
		return 0, nil, fmt.Errorf("%w at %s (%s %s): %v", ErrUnreachable, x.url, method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("%w at %s (%s %s): reading the answer: %v", ErrUnreachable, x.url, method, path, err)
	}
	return resp.StatusCode, out, nil
}

// fail returns the error for an unexpected answer, with OpenSearch's reason.
func (x *Index) fail(what string, status int, body []byte) error {
	var e struct {
		Error struct {
			Type   string `json:"type"`
			Reason string `json:"reason"`
		} `json:"error"`
	}
	reason := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &e) == nil && e.Error.Reason != "" {
		reason = e.Error.Type + ": " + e.Error.Reason
	}
	if len(reason) > 500 {
		reason = reason[:500] + "..."
	}
	return fmt.Errorf("opensearch: %s %s at %s: status %d: %s", what, x.name, x.url, status, reason)
}

// writable fails for a handle opened read-only.
func (x *Index) writable() error {
	if x.readOnly {
		return fmt.Errorf("opensearch: index %s opened read-only", x.name)
	}
	return nil
}

// Info returns the number of documents and the codebook versions.
func (x *Index) Info(ctx context.Context) (index.Info, error) {
	var info index.Info
	body := map[string]any{
		"size": 0, "track_total_hits": true,
		"aggs": map[string]any{"cb": map[string]any{"terms": map[string]any{"field": fCodebook, "size": 1000}}},
	}
	var res searchResponse
	if err := x.search(ctx, body, &res); err != nil {
		return index.Info{}, err
	}
	info.Docs = res.Hits.Total.Value
	for _, b := range res.Aggs["cb"].Buckets {
		info.DocCodebooks = append(info.DocCodebooks, b.Key)
	}
	sortStrings(info.DocCodebooks)
	st, raw, err := x.do(ctx, http.MethodGet, "/"+x.name+"/_mapping", nil)
	if err != nil {
		return index.Info{}, err
	}
	if st != http.StatusOK {
		return index.Info{}, x.fail("read mapping", st, raw)
	}
	var m map[string]struct {
		Mappings struct {
			Meta map[string]any `json:"_meta"`
		} `json:"mappings"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return index.Info{}, fmt.Errorf("opensearch: read mapping of %s: %w", x.name, err)
	}
	for _, im := range m {
		info.Codebook, _ = im.Mappings.Meta["framescope_codebook"].(string)
	}
	return info, nil
}

// SetCodebookVersion records v in the index mapping's _meta; Info returns it.
func (x *Index) SetCodebookVersion(ctx context.Context, v string) error {
	if err := x.writable(); err != nil {
		return err
	}
	body := map[string]any{"_meta": map[string]any{"framescope_layout": layoutVersion, "framescope_codebook": v}}
	st, raw, err := x.do(ctx, http.MethodPut, "/"+x.name+"/_mapping", body)
	if err != nil {
		return err
	}
	if st != http.StatusOK {
		return x.fail("record codebook version", st, raw)
	}
	return nil
}

// Delete deletes the index and its template from the cluster.
func (x *Index) Delete(ctx context.Context) error {
	if err := x.writable(); err != nil {
		return err
	}
	for _, p := range []string{"/" + x.name, "/_index_template/" + x.name} {
		st, body, err := x.do(ctx, http.MethodDelete, p, nil)
		if err != nil {
			return err
		}
		if st != http.StatusOK && st != http.StatusNotFound {
			return x.fail("delete", st, body)
		}
	}
	return nil
}
