package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by search.go.
func runSearch(ctx context.Context, e *env, args []string) error {
	return errors.New("search: not built yet")
}
