package analyzer

import (
	"testing"
	"unicode"
)

// TestIsHan checks isHan's fast path against the Unicode Han table.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isHan(r), unicode.Is(unicode.Han, r); got != want {
			t.Fatalf("isHan(%U) = %v, want %v", r, got, want)
		}
	}
}
