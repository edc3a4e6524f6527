//go:build !linux

package smalldisk

import "errors"

var errLinuxOnly = errors.New("tmpfs mounts are Linux only")

func mount(string, int64) error   { return errLinuxOnly }
func remount(string, int64) error { return errLinuxOnly }
func unmount(string) error        { return errLinuxOnly }
func used(string) (int64, error)  { return 0, errLinuxOnly }
