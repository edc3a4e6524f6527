package crawler

import (
	"strings"
	"testing"

	"github.com/framescope/framescope/corpus"
)

// TestExplicitZeroDelay: delay: 0s means no pause, in the defaults and
// per source, not the 1 s default.
func TestExplicitZeroDelay(t *testing.T) {
	cfg, err := ParseSources(strings.NewReader("defaults:\n  delay: 0s\nsources:\n"+
		"  - {name: a, lang: en, country: US, feed: 'https://x.example/f'}\n"+
		"  - {name: b, lang: en, country: US, feed: 'https://y.example/f', delay: 2s}\n"), "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := cfg.Source("a")
	b, _ := cfg.Source("b")
	o := Options{Delay: cfg.Defaults.Delay}.withDefaults()
	if got := o.limitsFor(a.Politeness).delay; got != 0 {
		t.Errorf("delay of a = %v, want 0", got)
	}
	if got := o.limitsFor(b.Politeness).delay.String(); got != "2s" {
		t.Errorf("delay of b = %v, want 2s", got)
	}
	if got := (Options{}).withDefaults().limitsFor(corpus.Politeness{}).delay; got != DefaultDelay {
		t.Errorf("unset delay = %v, want the default", got)
	}
}
