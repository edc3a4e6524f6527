// Package smalldisk gives tests a small file system of their own, a tmpfs
// mounted on a temporary folder, to show what framescope does when the
// disk fills up and after space is freed. Mounting needs root (or
// CAP_SYS_ADMIN) on Linux; elsewhere, or when the mount is refused, the
// test is skipped and says why.
package smalldisk

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Mount mounts a tmpfs of size bytes (rounded up to whole KiB) on a new
// temporary folder and returns the folder; it is unmounted when the test
// ends. It skips the test when no tmpfs can be mounted.
func Mount(t testing.TB, size int64) string {
	t.Helper()
	dir := t.TempDir()
	if err := mount(dir, size); err != nil {
		t.Skipf("smalldisk: cannot mount a tmpfs on %s (needs root on Linux): %v", dir, err)
	}
	// Registered after TempDir's removal, so it runs before it.
	t.Cleanup(func() {
		if err := unmount(dir); err != nil {
			t.Errorf("smalldisk: unmount %s: %v", dir, err)
		}
	})
	return dir
}

// Resize changes the size of the tmpfs Mount returned, as freeing (or
// taking) space does; it cannot shrink below what the files hold.
func Resize(t testing.TB, dir string, size int64) {
	t.Helper()
	if err := remount(dir, size); err != nil {
		t.Fatalf("smalldisk: resize %s to %d bytes: %v", dir, size, err)
	}
}

// Fill writes a ballast file into dir until the file system is full and
// returns a function that removes it again.
func Fill(t testing.TB, dir string) (free func()) {
	t.Helper()
	path := filepath.Join(dir, "ballast")
	f, err := os.Create(path)
	if err != nil {
		t.Fatalf("smalldisk: fill %s: %v", dir, err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err = f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("smalldisk: fill %s: %v", dir, err)
	}
	return func() {
		if err := os.Remove(path); err != nil {
			t.Errorf("smalldisk: free %s: %v", dir, err)
		}
	}
}

// Used returns the bytes in use on the file system of dir.
func Used(t testing.TB, dir string) int64 {
	t.Helper()
	n, err := used(dir)
	if err != nil {
		t.Fatalf("smalldisk: statfs %s: %v", dir, err)
	}
	return n
}

// DirSize returns the bytes the regular files under dir hold.
func DirSize(t testing.TB, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		t.Fatalf("smalldisk: size of %s: %v", dir, err)
	}
	return n
}

// CopyDir copies the regular files of the folder src into dst, creating
// it.
func CopyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(to)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		t.Fatalf("smalldisk: copy %s to %s: %v", src, dst, err)
	}
}
