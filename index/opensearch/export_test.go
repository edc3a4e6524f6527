package opensearch

import (
	"context"
	"net/http"
)

// CreateRaw creates index name with a body of the test's choosing.
func (x *Index) CreateRaw(ctx context.Context, name, body string) error {
	st, raw, err := x.do(ctx, http.MethodPut, "/"+name, []byte(body))
	if err != nil {
		return err
	}
	if st != http.StatusOK {
		return x.fail("create "+name, st, raw)
	}
	return nil
}

// DeleteNamed deletes index name.
func (x *Index) DeleteNamed(ctx context.Context, name string) {
	x.do(ctx, http.MethodDelete, "/"+name, nil)
}
