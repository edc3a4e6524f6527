package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestLockHolder(t *testing.T) {
	dir := t.TempDir()
	if pid, err := LockHolder(dir); err != nil || pid != 0 {
		t.Errorf("no lock file: holder %d, %v; want 0", pid, err)
	}
	l, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if pid, err := LockHolder(dir); err != nil || pid != os.Getpid() {
		t.Errorf("locked: holder %d, %v; want %d", pid, err, os.Getpid())
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if pid, err := LockHolder(dir); err != nil || pid != 0 {
		t.Errorf("unlocked: holder %d, %v; want 0", pid, err)
	}
	// A lock file left by a process that died holding it.
	os.WriteFile(filepath.Join(dir, "lock"), []byte("999999 2024-01-01T00:00:00Z\n"), 0o644)
	if pid, err := LockHolder(dir); err != nil || pid != 0 {
		t.Errorf("stale lock file: holder %d, %v; want 0", pid, err)
	}
}

// TestLockHolderNeverLocks checks that reading the holder never takes the
// lock: a Lock running at the same time as LockHolder never fails.
func TestLockHolderNeverLocks(t *testing.T) {
	dir := t.TempDir()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				LockHolder(dir)
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	for i := range 2000 {
		l, err := Lock(dir)
		if errors.Is(err, ErrLocked) {
			t.Fatalf("lock %d failed while the holder was read: %v", i, err)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Unlock(); err != nil {
			t.Fatal(err)
		}
	}
}
