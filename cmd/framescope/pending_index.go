package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by index.go.
func runIndex(ctx context.Context, e *env, args []string) error {
	return errors.New("index: not built yet")
}
