package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// segmentLimit is the size after which the store starts a new segment file.
const segmentLimit = 64 << 20

// ErrInvalidArticle is returned by Put for an article that has no ID and no
// URL to derive one from.
var ErrInvalidArticle = errors.New("corpus: article has neither id nor url")

// PutResult says what Put did with an article.
type PutResult int

// Results of Put.
const (
	// Added: the article was new and is stored.
	Added PutResult = iota
	// Updated: a stored copy that came from a feed was replaced by the
	// article's full page.
	Updated
	// DuplicateURL: an article with the same canonical URL (ID) is stored.
	DuplicateURL
	// DuplicateContent: an article with the same title and text is stored
	// under another URL.
	DuplicateContent
)

func (r PutResult) String() string {
	switch r {
	case Added:
		return "added"
	case Updated:
		return "updated"
	case DuplicateURL:
		return "duplicate-url"
	case DuplicateContent:
		return "duplicate-content"
	}
	return fmt.Sprintf("PutResult(%d)", int(r))
}

// location is where the newest record of an article starts.
type location struct {
	seg      int
	off      int64
	fromFeed bool
}

// Store is the append-only store of articles: JSONL segment files
// (seg-000001.jsonl, ...) in one folder, readable with any tool. Records are
// appended whole and synced; a torn last line left by a killed process is
// cut off when the store is next opened. A later record with the same ID
// supersedes an earlier one (a feed-only copy upgraded to the full page).
// A Store is safe for concurrent use by one process; use Lock to keep other
// processes out.
type Store struct {
	dir      string
	readOnly bool

	mu     sync.RWMutex
	byID   map[string]location
	hashes map[string]string // content hash -> ID
	segs   []int             // segment numbers in order
	w      *os.File          // current (last) segment, opened for append
	wseg   int
	wsize  int64
	// loadedSize is how much of the last segment load read as whole records.
	loadedSize int64
	// repairs says what Open cut off.
	repairs []string
}

// ErrReadOnly is returned by Put on a store opened with OpenReadOnly.
var ErrReadOnly = errors.New("corpus: store opened read-only")

// Open opens the store in dir for reading and appending, creating the
// folder when absent, reads the index of stored articles and repairs a torn
// last record. Only one process may have a store open with Open: hold the
// data directory's Lock first.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("corpus: open store: %w", err)
	}
	return open(dir, false)
}

// OpenReadOnly opens the store in dir for reading only. It needs no lock
// and never changes a file: a torn or half-written last record (perhaps one
// another process is appending right now) is skipped, not repaired.
func OpenReadOnly(dir string) (*Store, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("corpus: open store: %w", err)
	}
	return open(dir, true)
}

func open(dir string, readOnly bool) (*Store, error) {
	s := &Store{dir: dir, readOnly: readOnly, byID: map[string]location{}, hashes: map[string]string{}}
	names, err := filepath.Glob(filepath.Join(dir, "seg-*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("corpus: open store: %w", err)
	}
	for _, name := range names {
		var n int
		if _, err := fmt.Sscanf(filepath.Base(name), "seg-%06d.jsonl", &n); err == nil && n > 0 {
			s.segs = append(s.segs, n)
		}
	}
	sort.Ints(s.segs)
	for i, n := range s.segs {
		last := i == len(s.segs)-1
		if err := s.load(n, last); err != nil {
			return nil, err
		}
	}
	if len(s.segs) == 0 {
		s.segs = []int{1}
	}
	if readOnly {
		s.wseg = s.segs[len(s.segs)-1]
		s.wsize = s.loadedSize
		return s, nil
	}
	if err := s.openWriter(s.segs[len(s.segs)-1]); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) segPath(n int) string {
	return filepath.Join(s.dir, fmt.Sprintf("seg-%06d.jsonl", n))
}

// load reads segment n into the in-memory maps. In the last segment a
// final record that is incomplete or unreadable is truncated away; anywhere
// else a bad line is skipped, so one damaged file never hides the rest.
func (s *Store) load(n int, last bool) error {
	path := s.segPath(n)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("corpus: read %s: %w", path, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var off int64
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			complete := line[len(line)-1] == '\n'
			var rec recordHead
			if !complete || json.Unmarshal(line, &rec) != nil || rec.ID == "" {
				if last && err == io.EOF {
					s.loadedSize = off
					if s.readOnly {
						return nil
					}
					// Torn final write: cut it off so appends start clean.
					if terr := os.Truncate(path, off); terr != nil {
						return fmt.Errorf("corpus: repair %s: %w", path, terr)
					}
					s.repairs = append(s.repairs, fmt.Sprintf("%s: cut off a torn last record of %d bytes at offset %d", path, len(line), off))
					return nil
				}
			} else {
				s.index(rec, location{seg: n, off: off, fromFeed: rec.FromFeed})
			}
			off += int64(len(line))
		}
		if err == io.EOF {
			s.loadedSize = off
			return nil
		}
		if err != nil {
			return fmt.Errorf("corpus: read %s: %w", path, err)
		}
	}
}

// recordHead is the part of a record the in-memory index needs.
type recordHead struct {
	ID       string `json:"id"`
	Hash     string `json:"hash"`
	FromFeed bool   `json:"from_feed"`
}

func (s *Store) index(rec recordHead, loc location) {
	s.byID[rec.ID] = loc
	if rec.Hash != "" {
		if _, ok := s.hashes[rec.Hash]; !ok {
			s.hashes[rec.Hash] = rec.ID
		}
	}
}

func (s *Store) openWriter(n int) error {
	f, err := os.OpenFile(s.segPath(n), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("corpus: open segment: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("corpus: open segment: %w", err)
	}
	s.w, s.wseg, s.wsize = f, n, st.Size()
	return nil
}

// Dir returns the folder of the segment files.
func (s *Store) Dir() string { return s.dir }

// Len returns the number of distinct articles stored.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byID)
}

// IDs returns the IDs of every stored article, in no particular order.
func (s *Store) IDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, len(s.byID))
	for id := range s.byID {
		ids = append(ids, id)
	}
	return ids
}

// HasURL reports whether an article with this canonical URL is stored.
func (s *Store) HasURL(canonicalURL string) bool {
	return s.Has(IDFor(CanonicalURL(canonicalURL)))
}

// Has reports whether an article with this ID is stored.
func (s *Store) Has(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.byID[id]
	return ok
}

// IsFromFeed reports whether the stored copy of id came from a feed item
// only, so that a crawl may try to upgrade it with the full page.
func (s *Store) IsFromFeed(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byID[id].fromFeed
}

// Put stores a unless it is a duplicate: same ID (canonical URL) or same
// content hash. A stored feed-only copy is replaced by a full page
// (Updated). Derived fields (canonical URL, ID, hash) are filled in first.
// The record is on disk (synced) when Put returns Added or Updated.
func (s *Store) Put(a Article) (PutResult, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	a.Fill()
	if a.ID == "" {
		return 0, ErrInvalidArticle
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	result := Added
	if loc, ok := s.byID[a.ID]; ok {
		if !loc.fromFeed || a.FromFeed {
			return DuplicateURL, nil
		}
		result = Updated
	} else if _, ok := s.hashes[a.Hash]; ok {
		return DuplicateContent, nil
	}
	line, err := json.Marshal(a)
	if err != nil {
		return 0, fmt.Errorf("corpus: encode %s: %w", a.ID, err)
	}
	line = append(line, '\n')
	if s.wsize > 0 && s.wsize+int64(len(line)) > segmentLimit {
		if err := s.rotate(); err != nil {
			return 0, err
		}
	}
	off := s.wsize
	if _, err := s.w.Write(line); err != nil {
		// Cut a partial write off so the file stays a sequence of records.
		s.w.Truncate(off)
		return 0, fmt.Errorf("corpus: append %s: %w", a.ID, err)
	}
	if err := s.w.Sync(); err != nil {
		return 0, fmt.Errorf("corpus: sync %s: %w", s.w.Name(), err)
	}
	s.wsize += int64(len(line))
	s.index(recordHead{ID: a.ID, Hash: a.Hash, FromFeed: a.FromFeed}, location{seg: s.wseg, off: off, fromFeed: a.FromFeed})
	return result, nil
}

func (s *Store) rotate() error {
	if err := s.w.Close(); err != nil {
		return fmt.Errorf("corpus: close segment: %w", err)
	}
	n := s.wseg + 1
	s.segs = append(s.segs, n)
	return s.openWriter(n)
}

// Get returns the stored article with this ID.
func (s *Store) Get(id string) (Article, bool, error) {
	s.mu.RLock()
	loc, ok := s.byID[id]
	s.mu.RUnlock()
	if !ok {
		return Article{}, false, nil
	}
	f, err := os.Open(s.segPath(loc.seg))
	if err != nil {
		return Article{}, false, fmt.Errorf("corpus: get %s: %w", id, err)
	}
	defer f.Close()
	r := bufio.NewReader(io.NewSectionReader(f, loc.off, 1<<40))
	line, err := r.ReadBytes('\n')
	if err != nil && err != io.EOF {
		return Article{}, false, fmt.Errorf("corpus: get %s: %w", id, err)
	}
	var a Article
	if err := json.Unmarshal(line, &a); err != nil {
		return Article{}, false, fmt.Errorf("corpus: get %s: %w", id, err)
	}
	return a, true, nil
}

// Scan calls fn with every stored article in the order they were stored,
// the newest version of each only, and stops at the first error fn returns.
func (s *Store) Scan(fn func(Article) error) error { return s.ScanFrom(Pos{}, fn) }

// ScanFrom is Scan of the articles whose newest record starts at or after
// from (a position End returned): it reads only the store from there on.
func (s *Store) ScanFrom(from Pos, fn func(Article) error) error {
	s.mu.RLock()
	segs := append([]int(nil), s.segs...)
	latest := make(map[string]location, len(s.byID))
	for id, loc := range s.byID {
		latest[id] = loc
	}
	limit := s.wsize
	wseg := s.wseg
	s.mu.RUnlock()
	for _, n := range segs {
		if n < from.Seg {
			continue
		}
		var start int64
		if n == from.Seg {
			start = from.Off
		}
		if err := s.scanSegment(n, start, latest, n == wseg, limit, fn); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) scanSegment(n int, start int64, latest map[string]location, isLast bool, limit int64, fn func(Article) error) error {
	f, err := os.Open(s.segPath(n))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("corpus: scan: %w", err)
	}
	defer f.Close()
	if isLast && start >= limit {
		return nil
	}
	end := int64(1 << 62)
	if isLast {
		end = limit
	}
	r := bufio.NewReaderSize(io.NewSectionReader(f, start, end-start), 1<<20)
	off := start
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			var a Article
			if json.Unmarshal(line, &a) == nil {
				if loc, ok := latest[a.ID]; ok && loc.seg == n && loc.off == off {
					if ferr := fn(a); ferr != nil {
						return ferr
					}
				}
			}
		}
		off += int64(len(line))
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("corpus: scan %s: %w", s.segPath(n), err)
		}
	}
}

// Close closes the current segment file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w == nil {
		return nil
	}
	err := s.w.Close()
	s.w = nil
	return err
}

// ReadJSONL decodes articles from a JSONL stream (the segment format),
// calling fn for each good line; bad lines are passed to bad with their
// 1-based line number and skipped.
func ReadJSONL(r io.Reader, fn func(Article) error, bad func(line int, err error)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			var a Article
			if jerr := json.Unmarshal(trimmed, &a); jerr != nil {
				if bad != nil {
					bad(n, jerr)
				}
			} else if ferr := fn(a); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Repairs returns what Open repaired: one line for each torn record it cut
// off the end of the store (left by a process killed while appending, or
// by a power loss), empty when the store was whole.
func (s *Store) Repairs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.repairs...)
}
