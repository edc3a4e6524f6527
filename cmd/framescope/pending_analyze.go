package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by analyze.go.
func runAnalyze(ctx context.Context, e *env, args []string) error {
	return errors.New("analyze: not built yet")
}
