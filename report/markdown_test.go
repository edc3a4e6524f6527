package report

import "testing"

func TestMDEscapeHTML(t *testing.T) {
	got := mdEscape(`<script>alert(1)</script> <img src=x onerror=alert(2)> a|b & c*`)
	want := `&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; a\|b &amp; c\*`
	if got != want {
		t.Errorf("mdEscape = %q, want %q", got, want)
	}
}
