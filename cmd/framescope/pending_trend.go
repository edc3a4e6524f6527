package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by trend.go.
func runTrend(ctx context.Context, e *env, args []string) error {
	return errors.New("trend: not built yet")
}
