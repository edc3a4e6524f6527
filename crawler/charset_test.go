package crawler

import (
	"strings"
	"testing"
)

func TestDecodeHTML(t *testing.T) {
	// 镕 and 喆 are GBK characters outside GB2312; 𠀀 needs GB18030's
	// four-byte form.
	zh := "朱镕基和王喆谈人工智能𠀀大模型的发展"
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>t</title></head><body><p>" + zh + "</p></body></html>"
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string // charset read as
	}{
		{"utf-8 declared", []byte(page(`<meta charset="utf-8">`)), "", "utf-8"},
		{"utf-8 undeclared", []byte(page("")), "text/html", "utf-8"},
		{"gbk undeclared", gb18030(t, page("")), "text/html", "gb18030"},
		{"gb2312 declared in meta, gbk and gb18030 characters", gb18030(t, page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)), "", "gb18030"},
		{"gb2312 declared in header", gb18030(t, page("")), "text/html; charset=GB2312", "gb18030"},
		{"header wins over meta", gb18030(t, page(`<meta charset="big5">`)), "text/html; charset=gbk", "gb18030"},
		{"meta says utf-8 but body is gbk", gb18030(t, page(`<meta charset="utf-8">`)), "", "gb18030"},
		{"header says latin-1 but body is gbk", gb18030(t, page("")), "text/html; charset=ISO-8859-1", "gb18030"},
		{"meta says gb2312 but body is utf-8", []byte(page(`<meta charset="gb2312">`)), "", "utf-8"},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), page("")...), "", "utf-8"},
		{"meta charset after 1024 bytes", gb18030(t, "<html><head><!-- "+strings.Repeat("x", 2000)+` --><meta charset="gbk"></head><body><p>`+zh+"</p></body></html>"), "", "gb18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs := DecodeHTML(tt.body, tt.contentType)
			if cs != tt.want {
				t.Errorf("charset = %q, want %q", cs, tt.want)
			}
			if !strings.Contains(got, zh) {
				t.Errorf("decoded text lacks %q:\n%.300s", zh, got)
			}
		})
	}
}

func TestDecodeHTMLLatin1(t *testing.T) {
	body := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9.</p></body></html>")
	got, cs := DecodeHTML(body, "")
	if cs != "windows-1252" || !strings.Contains(got, "Café crème, naïve résumé.") {
		t.Errorf("DecodeHTML = %q as %q, want the accents read as windows-1252", got, cs)
	}
}
