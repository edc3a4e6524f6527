package crawler

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FeedState is what the crawler remembers about a feed between runs.
type FeedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Checked      time.Time `json:"checked"`
}

// State keeps feed validators for conditional GET. Implementations must be
// safe for concurrent use.
type State interface {
	// Feed returns what is known of feedURL; the zero FeedState when nothing.
	Feed(feedURL string) FeedState
	// SetFeed records s for feedURL. It is called only after every item of
	// the feed was handled, so an interrupted crawl re-reads the feed. Its
	// error stops the crawl as a failing Sink does.
	SetFeed(feedURL string, s FeedState) error
}

// MemoryState is a State kept in memory only.
type MemoryState struct {
	mu    sync.Mutex
	feeds map[string]FeedState
}

// NewMemoryState returns an empty in-memory State.
func NewMemoryState() *MemoryState { return &MemoryState{feeds: map[string]FeedState{}} }

// Feed implements State.
func (m *MemoryState) Feed(feedURL string) FeedState {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.feeds[feedURL]
}

// SetFeed implements State.
func (m *MemoryState) SetFeed(feedURL string, s FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feeds[feedURL] = s
	return nil
}

// FileState is a State persisted as one JSON file, rewritten atomically
// (temporary file, fsync, rename) on every change.
type FileState struct {
	path string
	mem  *MemoryState
	mu   sync.Mutex // serializes writes
}

// OpenFileState loads the state file at path; a missing file is an empty
// state. It returns an error when the file exists but cannot be read or parsed.
func OpenFileState(path string) (*FileState, error) {
	s := &FileState{path: path, mem: NewMemoryState()}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open crawl state: %w", err)
	}
	var disk struct {
		Feeds map[string]FeedState `json:"feeds"`
	}
	if err := json.Unmarshal(b, &disk); err != nil {
		return nil, fmt.Errorf("open crawl state %s: %w", path, err)
	}
	for k, v := range disk.Feeds {
		s.mem.feeds[k] = v
	}
	return s, nil
}

// Feed implements State.
func (s *FileState) Feed(feedURL string) FeedState { return s.mem.Feed(feedURL) }

// SetFeed implements State; it writes the file before returning.
func (s *FileState) SetFeed(feedURL string, st FeedState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_ = s.mem.SetFeed(feedURL, st)
	s.mem.mu.Lock()
	b, err := json.MarshalIndent(struct {
		Feeds map[string]FeedState `json:"feeds"`
	}{s.mem.feeds}, "", "  ")
	s.mem.mu.Unlock()
	if err != nil {
		return fmt.Errorf("save crawl state: %w", err)
	}
	return writeFileAtomic(s.path, append(b, '\n'))
}

// writeFileAtomic replaces path with data so that a crash leaves either the
// old or the new file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("save %s: %w", path, werr)
	}
	return nil
}
