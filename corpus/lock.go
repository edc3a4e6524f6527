package corpus

import (
	"bufio"
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

// LockHolder returns the PID of the process holding the lock of data
// directory dir, or 0 when it is free (no lock file, or one left by a
// process that died). It only reads: it never takes the lock, so it cannot
// make another process's Lock fail. Where the kernel lists its locks
// (Linux's /proc/locks) the lock file's lock is looked up there; elsewhere
// the PID recorded in the file is held to be the holder while that process
// lives.
func LockHolder(dir string) (int, error) {
	path := filepath.Join(dir, "lock")
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("corpus: lock holder: %w", err)
	}
	defer f.Close()
	pid := readPID(f)
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("corpus: lock holder: %w", err)
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		if held, holder, ok := kernelLock(sys.Ino); ok {
			switch {
			case !held:
				return 0, nil
			case pid == 0:
				return holder, nil // locked, its PID not written yet
			}
			return pid, nil
		}
	}
	if pid == 0 || !alive(pid) {
		return 0, nil
	}
	return pid, nil
}

// kernelLock looks up the flock(2) lock of the file with inode ino in
// /proc/locks: whether it is held and by which process. ok is false when
// the kernel does not list its locks there.
func kernelLock(ino uint64) (held bool, pid int, ok bool) {
	f, err := os.Open("/proc/locks")
	if err != nil {
		return false, 0, false
	}
	defer f.Close()
	// Lines look like "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF";
	// a waiter's has "->" before FLOCK. The device numbers are left out:
	// overlay file systems report others to stat.
	want := ":" + strconv.FormatUint(ino, 10)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		for i, fl := range fields {
			if fl == "->" {
				break // a waiter, not a holder
			}
			if fl != "FLOCK" || i+4 >= len(fields) {
				continue
			}
			if strings.HasSuffix(fields[i+4], want) {
				p, _ := strconv.Atoi(fields[i+3])
				return true, p, true
			}
			break
		}
	}
	return false, 0, sc.Err() == nil
}

// alive reports whether a process with this PID exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
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
