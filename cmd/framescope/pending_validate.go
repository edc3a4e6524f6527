package main

import (
	"context"
	"errors"
)

// TEMPORARY during development: replaced by validate.go.
func runValidate(ctx context.Context, e *env, args []string) error {
	return errors.New("validate: not built yet")
}
