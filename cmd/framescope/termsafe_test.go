package main

import (
	"bytes"
	"testing"
)

func TestTermSafe(t *testing.T) {
	var b bytes.Buffer
	ts := &termSafe{w: &b}
	// A title that would clear the screen and set the window title, with
	// a C1 control, a bell and a Chinese word split across two writes.
	in := "2025-01-01\tDeepSeek \x1b[2J\x1b]0;pwned\x07超越\u009b31m OpenAI\r\n"
	split := len("2025-01-01\tDeepSeek \x1b[2J\x1b]0;pwned\x07超") - 1
	if _, err := ts.Write([]byte(in[:split])); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Write([]byte(in[split:])); err != nil {
		t.Fatal(err)
	}
	want := "2025-01-01\tDeepSeek [2J]0;pwned超越31m OpenAI\r\n"
	if got := b.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
