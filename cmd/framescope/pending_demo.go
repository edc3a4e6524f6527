package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by demo.go.
func runDemo(ctx context.Context, e *env, args []string) error {
	return errors.New("demo: not built yet")
}
