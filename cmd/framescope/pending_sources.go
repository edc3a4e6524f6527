package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by sources.go.
func runSources(ctx context.Context, e *env, args []string) error {
	return errors.New("sources: not built yet")
}
