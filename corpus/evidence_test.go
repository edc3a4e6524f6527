package corpus

import "testing"

func TestEvidenceMarked(t *testing.T) {
	for _, tc := range []struct{ sentence, cue, want string }{
		{"中国正在追赶美国。", "追赶", "中国正在[追赶]美国。"},
		{"China Is Catching Up.", "catching up", "China Is [Catching Up]."},
		{"No cue here.", "leads", "No cue here. [leads]"},
		{"Nothing to mark.", "", "Nothing to mark."},
		// Lower-casing İ changes the byte offsets: only a verbatim cue is found.
		{"İstanbul leads.", "leads", "İstanbul [leads]."},
		{"İstanbul Leads.", "leads", "İstanbul Leads. [leads]"},
	} {
		e := Evidence{Sentence: tc.sentence, Cue: tc.cue}
		if got := e.Marked("[", "]"); got != tc.want {
			t.Errorf("Marked(%q, %q) = %q, want %q", tc.sentence, tc.cue, got, tc.want)
		}
	}
}
