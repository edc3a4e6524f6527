package corpus

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// View reads a store opened read-only, with a map of the copies of each
// story, as a server reads it. While a writer in this process appends to
// the store (between Follow and Unfollow), the view reads through the
// writer's Store, which knows every article as soon as it is stored, and
// adds what it stores to the stories; Unfollow reopens the store
// read-only. View is safe for concurrent use.
type View struct {
	dir string

	mu      sync.RWMutex
	store   *Store // opened read-only; nil when there is none
	live    *Store // a writer's store while it writes, read instead of store
	stories map[string][]string
}

// OpenView opens the store in dir read-only and reads its stories. A
// missing store is an empty one.
func OpenView(dir string) (*View, error) {
	v := &View{dir: dir}
	return v, v.reopen()
}

// reopen reads the store again.
func (v *View) reopen() error {
	st, err := OpenReadOnly(v.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	stories := map[string][]string{}
	err = st.Scan(func(a Article) error {
		if a.Story != "" {
			stories[a.Story] = append(stories[a.Story], a.ID)
		}
		return nil
	})
	if err != nil {
		st.Close()
		return err
	}
	v.mu.Lock()
	old := v.store
	v.store, v.stories = st, stories
	v.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// Follow reads articles from a writer's store st (open for appending in
// this process) until Unfollow.
func (v *View) Follow(st *Store) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.live = st
}

// Stored adds an article the writer stored to its story's copies.
func (v *View) Stored(a Article) {
	if a.Story == "" {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, id := range v.stories[a.Story] {
		if id == a.ID {
			return
		}
	}
	if v.stories == nil {
		v.stories = map[string][]string{}
	}
	v.stories[a.Story] = append(v.stories[a.Story], a.ID)
}

// Unfollow reopens the store read-only, reading the writer's store until
// that is done, then stops reading it.
func (v *View) Unfollow() error {
	err := v.reopen()
	v.mu.Lock()
	v.live = nil
	v.mu.Unlock()
	if err != nil {
		return fmt.Errorf("reopen the store: %w", err)
	}
	return nil
}

// Get returns a stored article and whether it exists.
func (v *View) Get(id string) (Article, bool, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	st := v.live
	if st == nil {
		st = v.store
	}
	if st == nil {
		return Article{}, false, nil
	}
	return st.Get(id)
}

// Copies returns the IDs of a story's articles (near-duplicate copies),
// nil when unknown.
func (v *View) Copies(story string) []string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.stories[story]
}

// Close closes the store.
func (v *View) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.store == nil {
		return nil
	}
	err := v.store.Close()
	v.store = nil
	return err
}
