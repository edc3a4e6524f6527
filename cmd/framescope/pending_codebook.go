package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by codebook.go.
func runCodebook(ctx context.Context, e *env, args []string) error {
	return errors.New("codebook: not built yet")
}
