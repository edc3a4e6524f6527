package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by crawl.go.
func runCrawl(ctx context.Context, e *env, args []string) error {
	return errors.New("crawl: not built yet")
}
