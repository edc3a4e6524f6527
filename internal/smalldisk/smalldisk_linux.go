package smalldisk

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

func mount(dir string, size int64) error { return tmpfs(dir, size, 0) }

func remount(dir string, size int64) error { return tmpfs(dir, size, syscall.MS_REMOUNT) }

func tmpfs(dir string, size int64, flags uintptr) error {
	if os.Geteuid() != 0 {
		return errors.New("not root")
	}
	return syscall.Mount("tmpfs", dir, "tmpfs", flags, fmt.Sprintf("size=%dk", (size+1023)/1024))
}

func unmount(dir string) error {
	if err := syscall.Unmount(dir, 0); err != nil {
		// Still busy (a file left open): detach it now, freed when closed.
		return syscall.Unmount(dir, syscall.MNT_DETACH)
	}
	return nil
}

func used(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Blocks-st.Bfree) * st.Bsize, nil
}
