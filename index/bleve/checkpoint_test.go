package bleve

import (
	"context"
	"testing"
)

// TestCheckpointPersists: the checkpoint survives closing the index, and
// a recreated index has none.
func TestCheckpointPersists(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	b, err := Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := b.Checkpoint(ctx); err != nil || cp != "" {
		t.Fatalf("new index: checkpoint %q, %v", cp, err)
	}
	if err := b.SetCheckpoint(ctx, "1:4096"); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b, err = Open(dir, testSeg(t))
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := b.Checkpoint(ctx); err != nil || cp != "1:4096" {
		t.Errorf("reopened: checkpoint %q, %v", cp, err)
	}
	b.Close()
	b, err = Open(dir, testSeg(t), Recreate())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if cp, _ := b.Checkpoint(ctx); cp != "" {
		t.Errorf("recreated: checkpoint %q", cp)
	}
}
