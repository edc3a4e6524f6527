package bleve

import (
	"context"
	"fmt"

	blevesearch "github.com/blevesearch/bleve/v2"
)

// Checkpoint returns the store position recorded with SetCheckpoint, ""
// when none is (index.Checkpointer).
func (b *Index) Checkpoint(ctx context.Context) (string, error) {
	return guarded(func() (string, error) { return b.checkpoint(ctx) })
}

func (b *Index) checkpoint(ctx context.Context) (string, error) {
	idx, err := b.reader()
	if err != nil {
		return "", err
	}
	defer b.mu.RUnlock()
	v, err := idx.GetInternal(checkpointKey)
	if err != nil {
		return "", fmt.Errorf("index: read checkpoint: %w", err)
	}
	return string(v), nil
}

// SetCheckpoint records cp (index.Checkpointer). Put and SetCheckpoint
// return once their batch is persisted, and Scorch persists its snapshots
// in order, so a checkpoint set after Put is never on disk without the
// documents Put wrote.
func (b *Index) SetCheckpoint(ctx context.Context, cp string) error {
	return b.write(func(idx blevesearch.Index) error {
		if err := b.setInternal(idx, checkpointKey, []byte(cp)); err != nil {
			return fmt.Errorf("index: record checkpoint: %w", err)
		}
		return nil
	})
}
