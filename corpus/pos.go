package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Pos is a place in the store: a segment number and a byte offset in it.
// Records are only ever appended, so a Pos taken from End stays a valid
// boundary between what was stored before it and what comes after.
type Pos struct {
	Seg int
	Off int64
}

// String returns the position as "SEG:OFF", which ParsePos reads.
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Seg, p.Off) }

// Before reports whether p comes before q in the store.
func (p Pos) Before(q Pos) bool {
	return p.Seg < q.Seg || (p.Seg == q.Seg && p.Off < q.Off)
}

// ParsePos reads a position written by Pos.String.
func ParsePos(s string) (Pos, error) {
	seg, off, ok := strings.Cut(s, ":")
	if !ok {
		return Pos{}, fmt.Errorf("corpus: bad store position %q", s)
	}
	n, err1 := strconv.Atoi(seg)
	o, err2 := strconv.ParseInt(off, 10, 64)
	if err1 != nil || err2 != nil || n < 0 || o < 0 {
		return Pos{}, fmt.Errorf("corpus: bad store position %q", s)
	}
	return Pos{Seg: n, Off: o}, nil
}

// End returns the position just after the last record stored: every
// article stored later starts at or after it.
func (s *Store) End() Pos {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return Pos{Seg: s.wseg, Off: s.wsize}
}

// Contains reports whether p is a position in the store as it is now (at
// or before End, in a segment it has).
func (s *Store) Contains(p Pos) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if (Pos{Seg: s.wseg, Off: s.wsize}).Before(p) {
		return false
	}
	for _, n := range s.segs {
		if n == p.Seg {
			return true
		}
	}
	return p == Pos{}
}

// IDsFrom returns the IDs of the articles whose newest record starts at or
// after from, in no particular order. It reads no file.
func (s *Store) IDsFrom(from Pos) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ids []string
	for id, loc := range s.byID {
		if !(Pos{Seg: loc.seg, Off: loc.off}).Before(from) {
			ids = append(ids, id)
		}
	}
	return ids
}
