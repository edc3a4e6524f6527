package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrLocked is returned by Lock when another live process holds the data
// directory's lock.
var ErrLocked = errors.New("corpus: data directory is locked by another process")

// DirLock is an exclusive lock on a data directory, held with flock(2) on
// <dir>/lock. The kernel drops the lock when its process dies, so a lock
// file left by a killed process is stale and is taken over by the next Lock.
type DirLock struct {
	f *os.File
	// Stale holds the PID recorded by a previous holder that died without
	// unlocking, or 0.
	Stale int
}

// Lock takes the lock of data directory dir, creating dir when absent. It
// returns an error wrapping ErrLocked, naming the holder's PID, when another
// process holds it.
func Lock(dir string) (*DirLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("corpus: lock: %w", err)
	}
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("corpus: lock: %w", err)
	}
	prev := readPID(f)
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (pid %d, %s)", ErrLocked, prev, path)
		}
		return nil, fmt.Errorf("corpus: lock %s: %w", path, err)
	}
	l := &DirLock{f: f}
	if prev != 0 && prev != os.Getpid() {
		l.Stale = prev
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(fmt.Sprintf("%d %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))), 0)
		f.Sync()
	}
	return l, nil
}

func readPID(f *os.File) int {
	buf := make([]byte, 64)
	n, _ := f.ReadAt(buf, 0)
	fields := strings.Fields(string(buf[:n]))
	if len(fields) == 0 {
		return 0
	}
	pid, _ := strconv.Atoi(fields[0])
	return pid
}

// Unlock releases the lock and empties the lock file.
func (l *DirLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
