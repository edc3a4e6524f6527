package main

import (
	"io"
	"unicode/utf8"
)

// termSafe is a writer to a terminal that drops the control characters
// article data may carry (ESC sequences that clear the screen or set the
// window title, BEL, C1 controls), keeping tabs, line breaks and valid
// text. Runes split across writes are held until they are whole.
type termSafe struct {
	w       io.Writer
	pending []byte
}

func (t *termSafe) Write(p []byte) (int, error) {
	buf := append(t.pending, p...)
	t.pending = t.pending[:0]
	out := make([]byte, 0, len(buf))
	for i := 0; i < len(buf); {
		if !utf8.FullRune(buf[i:]) {
			t.pending = append(t.pending, buf[i:]...)
			break
		}
		r, size := utf8.DecodeRune(buf[i:])
		if !controlRune(r) {
			out = append(out, buf[i:i+size]...)
		}
		i += size
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// controlRune reports whether r is a control character a terminal acts on,
// other than tab and line breaks.
func controlRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return false
}

// safeStdout returns w, filtered when it is a terminal: titles and source
// names come from crawled pages.
func safeStdout(w io.Writer) io.Writer {
	if isTerminal(w) {
		return &termSafe{w: w}
	}
	return w
}
