package index

import (
	"errors"
	"testing"
	"time"

	"github.com/framescope/framescope/corpus"
)

func TestParseFilters(t *testing.T) {
	f, err := ParseFilters(FilterText{Lang: []string{"ZH"}, Frame: []string{"Catching-Up"}, Since: "2024-01-01", Until: "2024-01-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Lang) != 1 || f.Lang[0] != corpus.Chinese || f.Frame[0] != corpus.CatchingUp {
		t.Errorf("lang/frame = %v %v", f.Lang, f.Frame)
	}
	if want := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC); !f.Until.Equal(want) {
		t.Errorf("until 2024-01-31 = %v, want %v (the day included)", f.Until, want)
	}
	f, err = ParseFilters(FilterText{Since: "2024-03-01T08:00:00+08:00"})
	if err != nil || !f.Since.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("RFC 3339 since = %v, %v", f.Since, err)
	}
	for name, ft := range map[string]FilterText{
		"frame":       {Frame: []string{"winner"}},
		"date":        {Since: "2024/03/01"},
		"old year":    {Since: "1000-01-01"},
		"far year":    {Until: "9999-12-31"},
		"empty range": {Since: "2024-02-01", Until: "2024-01-01"},
	} {
		if _, err := ParseFilters(ft); !errors.Is(err, ErrBadQuery) {
			t.Errorf("%s: err = %v, want ErrBadQuery", name, err)
		}
	}
}
