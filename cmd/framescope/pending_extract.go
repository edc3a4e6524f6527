package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by extract.go.
func runExtract(ctx context.Context, e *env, args []string) error {
	return errors.New("extract: not built yet")
}
