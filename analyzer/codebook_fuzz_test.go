package analyzer

import "testing"

// FuzzParseCodebook parses arbitrary codebooks: a bad one is an error
// naming its line, never a panic.
func FuzzParseCodebook(f *testing.F) {
	f.Add(DefaultCodebookYAML())
	f.Add([]byte("name: x\nactors:\n  - {id: US, kind: country, aliases: [US], patterns: ['(']}\ncues: []\n"))
	f.Add([]byte("name: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseCodebook("fuzz", data)
	})
}
